export { AdminSocketClient, type AdminSocketOptions, type ShellReply } from "./admin-socket.ts";
export * from "./config.ts";
export * from "./kind.ts";
export * from "./metrics.ts";
export { ProsodyDriver, type ProsodyDriverOptions } from "./prosody-driver.ts";
export { SHELL_LIB, SHELL_LIB_VERSION } from "./shell-lib.ts";
