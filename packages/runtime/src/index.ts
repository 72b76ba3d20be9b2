export {
  type InstanceLayout,
  instanceHosts,
  ircGatewayHost,
  PLACEHOLDER_HOST,
  prosodyStoreName,
  serviceHosts,
} from "@xmpp-host/xmpp";
export * from "./kubernetes/kubernetes-runtime.ts";
export * as kubernetesObjects from "./kubernetes/objects.ts";
export * from "./local/local-runtime.ts";
export {
  canConnect,
  connectAddress,
  findProcessesWithArg,
  isPortFree,
  isProcessAlive,
  processArgs,
} from "./local/process.ts";
export * from "./local/sidecar.ts";
export * from "./runtime.ts";
