export * from "./local/local-runtime.ts";
export * from "./local/process.ts";
export * from "./local/prosody-config.ts";
export * from "./runtime.ts";
