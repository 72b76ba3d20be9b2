/**
 * Client sessions: log in (SASL PLAIN over STARTTLS, trusting a given CA) and hold the session open, or try
 * in-band registration. Used to prove a password works and to check a domain's registration policy from outside.
 */
import net from "node:net";
import { esc, once, StreamReader, streamOpen, upgradeToTls } from "./stream.ts";

export interface XmppEndpoint {
  host: string;
  port: number;
  domain: string;
  /** PEM of the certificate (or CA) to trust for STARTTLS. */
  ca: string;
  /** For each exchange (connect to bound session, or a registration). Default 15 s. */
  timeoutMs?: number;
}

export interface MiniSession {
  jid: string;
  /** Sends raw XML on the bound session (escape what you put in it with `esc`). */
  send(xml: string): void;
  /**
   * Waits up to `timeoutMs` for what the server sends to match `re`, consuming it: the text consumed (the stanzas
   * before the match, then the match) and the match.
   */
  expect(re: RegExp, timeoutMs?: number): Promise<{ consumed: string; match: RegExpMatchArray }>;
  close(): Promise<void>;
}

/** Connects, negotiates STARTTLS and returns the TLS socket with the features of the secured stream. */
async function secureStream(ep: XmppEndpoint, deadline: number) {
  const open = streamOpen(ep.domain);
  const plain = net.connect({ host: ep.host, port: ep.port });
  plain.setNoDelay(true);
  try {
    await once(plain, "connect", deadline, "TCP connect");
    const reader = new StreamReader();
    reader.attach(plain);
    plain.write(open);
    await reader.expect(/<\/stream:features>/, deadline);
    plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await reader.expect(/<proceed[^>]*\/>/, deadline);
    const socket = await upgradeToTls(plain, reader, {
      domain: ep.domain,
      ca: ep.ca,
      rejectUnauthorized: true,
      deadline,
    });
    reader.attach(socket);
    socket.write(open);
    const features = (await reader.expect(/<stream:features[\s\S]*?<\/stream:features>/, deadline))[0];
    const close = () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once("close", () => resolve());
        socket.end("</stream:stream>");
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    return { socket, reader, features, open, close };
  } catch (err) {
    plain.destroy();
    throw err;
  }
}

const deadlineOf = (ep: XmppEndpoint) => Date.now() + (ep.timeoutMs ?? 15_000);

/** Logs in with SASL PLAIN and binds `resource`; throws "authentication failed" on bad credentials. */
export async function xmppLogin(
  ep: XmppEndpoint & { username: string; password: string; resource?: string },
): Promise<MiniSession> {
  const deadline = deadlineOf(ep);
  const { socket, reader, open, close } = await secureStream(ep, deadline);
  const token = Buffer.from(`\0${ep.username}\0${ep.password}`, "utf8").toString("base64");
  socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
  const outcome = await reader.expect(/<(success|failure)[\s\S]*?(?:\/>|<\/\1>)/, deadline);
  if (outcome[1] !== "success") {
    socket.destroy();
    throw new Error(`authentication failed: ${outcome[0]}`);
  }
  socket.write(open);
  await reader.expect(/<\/stream:features>/, deadline);
  const resource = ep.resource ?? "test";
  socket.write(
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${esc(resource)}</resource></bind></iq>`,
  );
  const bound = await reader.expect(/<jid>([^<]+)<\/jid>/, deadline);
  await reader.expect(/<\/iq>/, deadline);
  socket.write("<presence/>");
  return {
    jid: bound[1] ?? "",
    send: (xml) => socket.write(xml),
    expect: (re, timeoutMs = 10_000) => reader.consume(re, Date.now() + timeoutMs),
    close,
  };
}

/**
 * Tries in-band registration (XEP-0077), optionally with an invite token (XEP-0401 preauth).
 * Answers "registered", "unavailable" (the server does not offer registration) or "<condition>: <text>".
 */
export async function xmppRegister(
  ep: XmppEndpoint & { username: string; password: string; token?: string },
): Promise<string> {
  const deadline = deadlineOf(ep);
  const { socket, reader, features, close } = await secureStream(ep, deadline);
  try {
    if (!features.includes("http://jabber.org/features/iq-register")) return "unavailable";
    const iq = async (id: string, payload: string): Promise<string | null> => {
      socket.write(`<iq type='set' id='${id}'>${payload}</iq>`);
      const reply = (
        await reader.expect(new RegExp(`<iq[^>]*id='${id}'[^>]*/>|<iq[^>]*id='${id}'[\\s\\S]*?</iq>`), deadline)
      )[0];
      if (/type='result'/.test(reply)) return null;
      const condition = reply.match(/<([a-z-]+) xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/)?.[1] ?? reply;
      const text = reply.match(/<text[^>]*>([^<]*)<\/text>/)?.[1];
      return text ? `${condition}: ${text}` : condition;
    };
    // Prosody 0.12 takes the invite token in an IQ before the registration (mod_invites_register).
    if (ep.token) {
      const refused = await iq("pre1", `<preauth xmlns='urn:xmpp:pars:0' token='${esc(ep.token)}'/>`);
      if (refused) return refused;
    }
    const refused = await iq(
      "reg1",
      `<query xmlns='jabber:iq:register'><username>${esc(ep.username)}</username><password>${esc(ep.password)}</password></query>`,
    );
    return refused ?? "registered";
  } finally {
    await close();
  }
}
