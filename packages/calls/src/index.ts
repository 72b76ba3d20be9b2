export * from "./coturn.ts";
export * from "./credentials.ts";
export * from "./service.ts";
export * from "./turn-client.ts";
