export {
  type InstanceLayout,
  instanceHosts,
  PLACEHOLDER_HOST,
  prosodyStoreName,
  serviceHosts,
} from "@xmpp-host/xmpp";
export * from "./local/local-runtime.ts";
export {
  canConnect,
  connectAddress,
  findProcessesWithArg,
  isPortFree,
  isProcessAlive,
  processArgs,
} from "./local/process.ts";
export * from "./runtime.ts";
export * from "./local/sidecar.ts";
