export * from "./checks.ts";
export * from "./openmetrics.ts";
export * from "./probe-client.ts";
export * from "./rollup.ts";
export * from "./rules.ts";
export * from "./status.ts";
