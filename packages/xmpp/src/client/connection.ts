/**
 * A stanza-level client session for checks that go beyond a login: STARTTLS or direct TLS with ALPN (XEP-0368),
 * SASL SCRAM-SHA-1 (or PLAIN), resource binding, IQs, and stream management with resumption (XEP-0198). The
 * transport is a `StanzaWire`, so that the same session runs over TCP here and over WebSocket elsewhere.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { saslName, scramClientFinal } from "./scram.ts";
import { esc, streamOpen, Timeout } from "./stream.ts";
import { type XmlElement, type XmlStreamEvent, XmlStreamReader, xmlChild, xmlChildren } from "./xml.ts";

export const NS = {
  client: "jabber:client",
  stream: "http://etherx.jabber.org/streams",
  tls: "urn:ietf:params:xml:ns:xmpp-tls",
  sasl: "urn:ietf:params:xml:ns:xmpp-sasl",
  bind: "urn:ietf:params:xml:ns:xmpp-bind",
  sm: "urn:xmpp:sm:3",
  stanzas: "urn:ietf:params:xml:ns:xmpp-stanzas",
  framing: "urn:ietf:params:xml:ns:xmpp-framing",
} as const;

/** Where a session's elements come from and go to: a TCP/TLS socket, or a WebSocket. */
export interface StanzaWire {
  /** Delivers the wire's elements and its end to the session. Called once, before anything is written. */
  attach(sink: { element(el: XmlElement): void; closed(err: Error): void }): void;
  write(xml: string): void;
  /** Starts a new stream (at first, after STARTTLS, after SASL): writes its header and forgets the old one. */
  restart(): void;
  /** Closes the stream and the connection properly. */
  end(): Promise<void>;
  /** Drops the connection without closing the stream, like a phone losing its network. */
  destroy(): void;
}

export interface TlsInfo {
  protocol: string | null;
  cipher: string;
  /** The protocol the server selected by ALPN; false when it selected none. */
  alpn: string | false;
  authorized: boolean;
  authorizationError?: string;
}

/** A server's refusal (SASL failure, IQ error, stream management failure), with its condition. */
export class XmppError extends Error {
  override readonly name = "XmppError";
  constructor(
    message: string,
    readonly condition: string,
  ) {
    super(message);
  }
}

/** The condition (and text) of an error or failure element: "item-not-found", "not-authorized: bad password". */
export function errorCondition(el: XmlElement): string {
  const holder = xmlChild(el, "error") ?? el;
  const condition = holder.children.find((c) => c.name !== "text")?.name ?? "undefined-condition";
  const text = xmlChild(holder, "text")?.text;
  return text ? `${condition}: ${text}` : condition;
}

/** The SASL mechanisms a stream features element offers. */
export function saslMechanisms(features: XmlElement | undefined): string[] {
  return xmlChildren(xmlChild(features, "mechanisms", NS.sasl), "mechanism").map((m) => m.text);
}

const isStanza = (el: XmlElement) =>
  (el.name === "message" || el.name === "presence" || el.name === "iq") && el.ns === NS.client;

interface Waiter {
  match(el: XmlElement): boolean;
  resolve(el: XmlElement): void;
  reject(err: Error): void;
}

/** An XMPP client stream over a wire: what it received waits in an inbox until something asks for it. */
export class XmppStream {
  /** The latest stream features. */
  features: XmlElement | null = null;
  jid = "";
  /** The SASL mechanism that logged in. */
  mechanism = "";
  /** Stream management once enabled or resumed: the id and the stanzas received since (the `h` to resume with). */
  sm: { id: string; resume: boolean; handled: number } | null = null;
  private readonly inbox: XmlElement[] = [];
  private waiters: Waiter[] = [];
  private ended: Error | null = null;
  private nextId = 0;
  /** The session being resumed: its id and our count, carried over when <resumed/> arrives. */
  private resuming: { id: string; handled: number } | null = null;

  constructor(
    readonly wire: StanzaWire,
    readonly domain: string,
    readonly timeoutMs = 10_000,
  ) {
    wire.attach({ element: (el) => this.receive(el), closed: (err) => this.end(err) });
  }

  private receive(el: XmlElement): void {
    if (el.ns === NS.stream && el.name === "error") {
      this.end(new XmppError(`stream error: ${errorCondition(el)}`, errorCondition(el)));
      return;
    }
    if (el.ns === NS.sm) {
      // Counting starts with <enabled/> or <resumed/>: what the server sends after them is what it counts.
      if (el.name === "enabled")
        this.sm = { id: el.attrs.id ?? "", resume: /^(true|1)$/.test(el.attrs.resume ?? ""), handled: 0 };
      if (el.name === "resumed" && this.resuming) this.sm = { ...this.resuming, resume: true };
      if (el.name === "r") {
        this.wire.write(`<a xmlns='${NS.sm}' h='${this.sm?.handled ?? 0}'/>`);
        return;
      }
    } else if (this.sm && isStanza(el)) {
      this.sm.handled++;
    }
    const i = this.waiters.findIndex((w) => w.match(el));
    const waiter = i === -1 ? undefined : this.waiters.splice(i, 1)[0];
    if (waiter) waiter.resolve(el);
    else this.inbox.push(el);
  }

  private end(err: Error): void {
    this.ended ??= err;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(this.ended);
  }

  get closed(): boolean {
    return this.ended !== null;
  }

  send(xml: string): void {
    if (this.ended) throw this.ended;
    this.wire.write(xml);
  }

  /** The first element (received or to come) that `match` accepts, taken out of the inbox. */
  waitFor(match: (el: XmlElement) => boolean, timeoutMs = this.timeoutMs, what = "an answer"): Promise<XmlElement> {
    const i = this.inbox.findIndex(match);
    if (i !== -1) return Promise.resolve(this.inbox.splice(i, 1)[0] as XmlElement);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Timeout(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (el) => {
          clearTimeout(timer);
          resolve(el);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Takes every element already received that `match` accepts out of the inbox. */
  take(match: (el: XmlElement) => boolean): XmlElement[] {
    const taken = this.inbox.filter(match);
    for (const el of taken) this.inbox.splice(this.inbox.indexOf(el), 1);
    return taken;
  }

  /** Sends an IQ and returns its answer, a result or an error. */
  async iq(type: "get" | "set", to: string | undefined, payload: string, timeoutMs = this.timeoutMs) {
    const id = `q${++this.nextId}-${randomBytes(3).toString("hex")}`;
    // The namespace spelled out: framed streams (WebSocket) have no stream element to inherit it from.
    this.send(`<iq xmlns='${NS.client}' type='${type}' id='${id}'${to ? ` to='${esc(to)}'` : ""}>${payload}</iq>`);
    return this.waitFor(
      (el) => el.name === "iq" && el.attrs.id === id,
      timeoutMs,
      `answer to the IQ to ${to ?? "the account"}`,
    );
  }

  /** An IQ that must succeed: its result, or an XmppError with the server's condition. */
  async query(type: "get" | "set", to: string | undefined, payload: string, timeoutMs = this.timeoutMs) {
    const answer = await this.iq(type, to, payload, timeoutMs);
    if (answer.attrs.type !== "result") {
      const condition = errorCondition(answer);
      throw new XmppError(`${to ?? "the account"} answered with an error: ${condition}`, condition);
    }
    return answer;
  }

  /** Opens a new stream and waits for its features. */
  async restart(): Promise<XmlElement> {
    this.wire.restart();
    this.features = await this.waitFor(
      (el) => el.name === "features" && el.ns === NS.stream,
      this.timeoutMs,
      "stream features",
    );
    return this.features;
  }

  /** The SASL mechanisms of the current features. */
  mechanisms(): string[] {
    return saslMechanisms(this.features ?? undefined);
  }

  /**
   * Logs in with SCRAM-SHA-1 when offered (or `mechanism`), else PLAIN, and restarts the stream. A refusal throws
   * an XmppError with the SASL condition.
   */
  async authenticate(username: string, password: string, mechanism?: "SCRAM-SHA-1" | "PLAIN"): Promise<string> {
    const offered = this.mechanisms();
    const use = mechanism ?? (offered.includes("SCRAM-SHA-1") ? "SCRAM-SHA-1" : "PLAIN");
    if (!offered.includes(use))
      throw new XmppError(`the server does not offer ${use} (offers: ${offered.join(", ")})`, "mechanism");
    const saslAnswer = () =>
      this.waitFor(
        (el) => el.ns === NS.sasl && ["challenge", "success", "failure"].includes(el.name),
        this.timeoutMs,
        "SASL answer",
      );
    const refused = (el: XmlElement) =>
      new XmppError(`authentication failed: ${errorCondition(el)}`, errorCondition(el));
    const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
    if (use === "PLAIN") {
      this.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${b64(`\0${username}\0${password}`)}</auth>`);
      const outcome = await saslAnswer();
      if (outcome.name !== "success") throw refused(outcome);
    } else {
      const clientNonce = randomBytes(18).toString("base64");
      const clientFirstBare = `n=${saslName(username)},r=${clientNonce}`;
      this.send(`<auth xmlns='${NS.sasl}' mechanism='SCRAM-SHA-1'>${b64(`n,,${clientFirstBare}`)}</auth>`);
      const challenge = await saslAnswer();
      if (challenge.name !== "challenge") throw refused(challenge);
      const serverFirst = Buffer.from(challenge.text, "base64").toString("utf8");
      const { clientFinal, serverSignature } = scramClientFinal({
        password,
        clientFirstBare,
        serverFirst,
        clientNonce,
      });
      this.send(`<response xmlns='${NS.sasl}'>${b64(clientFinal)}</response>`);
      const outcome = await saslAnswer();
      if (outcome.name !== "success") throw refused(outcome);
      const v = Buffer.from(Buffer.from(outcome.text, "base64").toString("utf8").replace(/^v=/, ""), "base64");
      if (v.length !== serverSignature.length || !timingSafeEqual(v, serverSignature))
        throw new XmppError("the server's SCRAM signature does not match", "bad-server-signature");
    }
    this.mechanism = use;
    await this.restart();
    return use;
  }

  /** Binds a resource; returns the full JID. */
  async bind(resource: string): Promise<string> {
    const answer = await this.query(
      "set",
      undefined,
      `<bind xmlns='${NS.bind}'><resource>${esc(resource)}</resource></bind>`,
    );
    this.jid = xmlChild(xmlChild(answer, "bind", NS.bind), "jid")?.text ?? "";
    if (!this.jid) throw new XmppError("the server bound no JID", "bind");
    return this.jid;
  }

  /** Enables stream management (with resumption when `resume`): the `<enabled/>` id. */
  async enableSm(resume = true): Promise<{ id: string; resume: boolean }> {
    this.send(`<enable xmlns='${NS.sm}'${resume ? " resume='true'" : ""}/>`);
    const answer = await this.waitFor((el) => el.ns === NS.sm && (el.name === "enabled" || el.name === "failed"));
    if (answer.name === "failed" || !this.sm)
      throw new XmppError(`stream management refused: ${errorCondition(answer)}`, "sm-failed");
    return { id: this.sm.id, resume: this.sm.resume };
  }

  /** Asks the server how many of our stanzas it handled (XEP-0198 <r/>). */
  async acked(): Promise<number> {
    this.send(`<r xmlns='${NS.sm}'/>`);
    const a = await this.waitFor((el) => el.ns === NS.sm && el.name === "a", this.timeoutMs, "stream management ack");
    return Number(a.attrs.h);
  }

  /** Resumes a dropped session on this freshly authenticated stream; returns the server's count of our stanzas. */
  async resumeSm(previd: string, h: number): Promise<number> {
    this.resuming = { id: previd, handled: h };
    this.send(`<resume xmlns='${NS.sm}' previd='${esc(previd)}' h='${h}'/>`);
    const answer = await this.waitFor((el) => el.ns === NS.sm && (el.name === "resumed" || el.name === "failed"));
    this.resuming = null;
    if (answer.name === "failed") throw new XmppError(`resumption refused: ${errorCondition(answer)}`, "sm-failed");
    return Number(answer.attrs.h);
  }

  /** Drops the connection without closing the stream. */
  drop(): void {
    this.end(new Error("connection dropped"));
    this.wire.destroy();
  }

  async close(): Promise<void> {
    if (this.ended) {
      this.wire.destroy();
      return;
    }
    this.end(new Error("session closed"));
    await this.wire.end();
  }
}

/** TCP (and TLS over it): the stream header on each restart, elements read from the text. */
export class TcpWire implements StanzaWire {
  private sink: { element(el: XmlElement): void; closed(err: Error): void } | null = null;
  private readonly reader = new XmlStreamReader();

  constructor(
    public socket: net.Socket,
    private readonly domain: string,
  ) {
    this.listen(socket);
  }

  attach(sink: { element(el: XmlElement): void; closed(err: Error): void }): void {
    this.sink = sink;
  }

  private listen(socket: net.Socket): void {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      let events: XmlStreamEvent[];
      try {
        events = this.reader.feed(d);
      } catch (err) {
        this.sink?.closed(err as Error);
        socket.destroy();
        return;
      }
      for (const e of events) {
        if (e.kind === "element") this.sink?.element(e.element);
        else if (e.kind === "close") this.sink?.closed(new Error("the server closed the stream"));
      }
    });
    socket.on("error", (err) => this.sink?.closed(err));
    socket.on("close", () => this.sink?.closed(new Error("the server closed the connection")));
  }

  /** After <proceed/>: TLS on the same socket, read from then on. */
  async startTls(opts: tls.ConnectionOptions, deadline: number): Promise<tls.TLSSocket> {
    const plain = this.socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("error");
    plain.removeAllListeners("close");
    this.reader.reset();
    const secure = tls.connect({ ...opts, socket: plain });
    await handshake(secure, deadline);
    this.socket = secure;
    this.listen(secure);
    return secure;
  }

  write(xml: string): void {
    this.socket.write(xml);
  }

  restart(): void {
    this.reader.reset();
    this.socket.write(streamOpen(this.domain));
  }

  end(): Promise<void> {
    const socket = this.socket;
    return new Promise<void>((resolve) => {
      if (socket.destroyed) return resolve();
      socket.once("close", () => resolve());
      socket.end("</stream:stream>");
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 1000).unref();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function handshake(secure: tls.TLSSocket, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        secure.destroy();
        reject(new Timeout("TLS handshake timed out"));
      },
      Math.max(1, deadline - Date.now()),
    );
    secure.once("secureConnect", () => {
      clearTimeout(timer);
      // Nagle plus delayed ACK adds about 40 ms to each round trip.
      secure.setNoDelay(true);
      resolve();
    });
    secure.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

export function tlsInfo(secure: tls.TLSSocket): TlsInfo {
  return {
    protocol: secure.getProtocol(),
    cipher: secure.getCipher()?.name ?? "",
    alpn: secure.alpnProtocol ?? false,
    authorized: secure.authorized,
    ...(secure.authorizationError ? { authorizationError: String(secure.authorizationError) } : {}),
  };
}

export interface XmppConnectOptions {
  host: string;
  port: number;
  /** The XMPP domain: stream `to` and TLS server name. */
  domain: string;
  /** CAs to trust (PEM). */
  ca?: string | string[];
  /** starttls (default), or direct: TLS from the first byte (XEP-0368). */
  security?: "starttls" | "direct";
  /** ALPN protocols offered on direct TLS. Default ["xmpp-client"]. */
  alpn?: string[];
  /** Default true: an untrusted or misnamed certificate fails the connection. */
  rejectUnauthorized?: boolean;
  /** More TLS options (protocol versions, ciphers) for checks of what the server accepts. */
  tlsOptions?: tls.ConnectionOptions;
  /** For each exchange. Default 10 s. */
  timeoutMs?: number;
}

export interface XmppConnection {
  stream: XmppStream;
  tls: TlsInfo;
  /** STARTTLS only: the features of the stream before TLS. */
  featuresBeforeTls?: XmlElement;
}

/** Connects and secures a stream (STARTTLS or direct TLS), ready for `authenticate`. */
export async function xmppConnect(opts: XmppConnectOptions): Promise<XmppConnection> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const secureOpts: tls.ConnectionOptions = {
    servername: opts.domain,
    rejectUnauthorized: opts.rejectUnauthorized ?? true,
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...opts.tlsOptions,
  };
  if (opts.security === "direct") {
    const secure = tls.connect({
      ...secureOpts,
      host: opts.host,
      port: opts.port,
      ALPNProtocols: opts.alpn ?? ["xmpp-client"],
    });
    try {
      await handshake(secure, deadline);
    } catch (err) {
      secure.destroy();
      throw err;
    }
    const stream = new XmppStream(new TcpWire(secure, opts.domain), opts.domain, timeoutMs);
    try {
      await stream.restart();
    } catch (err) {
      secure.destroy();
      throw err;
    }
    return { stream, tls: tlsInfo(secure) };
  }
  const plain = net.connect({ host: opts.host, port: opts.port });
  plain.setNoDelay(true);
  const wire = new TcpWire(plain, opts.domain);
  const stream = new XmppStream(wire, opts.domain, timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Timeout("TCP connect timed out")), timeoutMs);
      plain.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      plain.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    const featuresBeforeTls = await stream.restart();
    if (!xmlChild(featuresBeforeTls, "starttls", NS.tls))
      throw new XmppError("the server does not offer STARTTLS", "no-starttls");
    stream.send(`<starttls xmlns='${NS.tls}'/>`);
    const proceed = await stream.waitFor((el) => el.ns === NS.tls, timeoutMs, "STARTTLS answer");
    if (proceed.name !== "proceed") throw new XmppError("the server refused STARTTLS", "starttls-failure");
    const secure = await wire.startTls(secureOpts, deadline);
    await stream.restart();
    return { stream, tls: tlsInfo(secure), featuresBeforeTls };
  } catch (err) {
    wire.destroy();
    throw err;
  }
}

export interface XmppSessionOptions extends XmppConnectOptions {
  username: string;
  password: string;
  /** Default: a random "check-…" resource. */
  resource?: string;
  mechanism?: "SCRAM-SHA-1" | "PLAIN";
  /** Sends initial presence, so that messages to the bare JID reach this resource. Default false. */
  presence?: boolean;
}

/** Connects, logs in and binds: a session ready for stanzas. */
export async function xmppSession(opts: XmppSessionOptions): Promise<XmppConnection> {
  const c = await xmppConnect(opts);
  try {
    await c.stream.authenticate(opts.username, opts.password, opts.mechanism);
    await c.stream.bind(opts.resource ?? `check-${randomBytes(4).toString("hex")}`);
    if (opts.presence) c.stream.send("<presence/>");
    return c;
  } catch (err) {
    c.stream.drop();
    throw err;
  }
}
