export * from "./driver.ts";
export * from "./drivers/prosody/index.ts";
export * from "./factory.ts";
export * from "./lua.ts";
export * from "./names.ts";
