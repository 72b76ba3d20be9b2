export * from "./errors.ts";
export * from "./http01.ts";
export * from "./internal-ca.ts";
export * from "./issuer.ts";
export * from "./renewal.ts";
export * from "./served.ts";
