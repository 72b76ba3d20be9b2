export * from "./local/local-runtime.ts";
export {
  canConnect,
  connectAddress,
  findProcessesWithArg,
  isPortFree,
  isProcessAlive,
  processArgs,
} from "./local/process.ts";
export * from "./local/prosody-config.ts";
export * from "./runtime.ts";
