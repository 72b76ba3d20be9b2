/** The platform's XMPP client, for the health probes and for tests: plain node:net/node:tls, Nagle off. */
export * from "./connection.ts";
export * from "./probe.ts";
export * from "./scram.ts";
export { type MiniSession, type XmppEndpoint, xmppLogin, xmppRegister } from "./session.ts";
export { esc, Timeout } from "./stream.ts";
export * from "./xml.ts";
