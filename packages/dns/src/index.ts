// Test helpers live in "@xmpp-host/dns/testing" and the provider contract suite in
// "@xmpp-host/dns/provider-contract" (it imports vitest), so production code never loads them.
export * from "./authoritative.ts";
export * from "./checker.ts";
export * from "./cloudflare.ts";
export * from "./names.ts";
export * from "./platform.ts";
export * from "./provider.ts";
export * from "./records.ts";
export * from "./rfc2136.ts";
export * from "./semaphore.ts";
export * from "./transport.ts";
export * from "./tsig.ts";
export * from "./wire.ts";
