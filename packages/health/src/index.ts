export {
  type ProbeCertificate,
  type ProbeStep,
  probeXmpp,
  scramClientFinal,
  type XmppProbeOptions,
  type XmppProbeResult,
} from "@xmpp-host/xmpp/client";
export * from "./checks.ts";
export * from "./rollup.ts";
export * from "./rules.ts";
export * from "./status.ts";
