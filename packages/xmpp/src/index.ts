export * from "./driver.ts";
export * from "./lua.ts";
export * from "./names.ts";
export * from "./servers/ejabberd/index.ts";
export * from "./servers/index.ts";
export * from "./servers/kind.ts";
export * from "./servers/prosody/index.ts";
export * from "./servers/spec.ts";
