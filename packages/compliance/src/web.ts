/**
 * The web side: HTTP requests to the server's names (host-meta, BOSH, uploads), and XMPP over WebSocket. The names
 * (DOMAIN, share.DOMAIN) may have no public DNS, so every connection goes to the target's address while the URL's
 * name is sent as Host and TLS server name, like `curl --resolve`.
 */
import { lookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { NS, parseXml, type StanzaWire, type XmlElement, XmppStream, xmlChildren } from "@xmpp-host/xmpp/client";
import WebSocket from "ws";
import { type CheckContext, describeError, fail, type Outcome, pass } from "./context.ts";

/** Resolves every name to the target's address. */
function pinned(address: string): LookupFunction {
  return (_name, options, callback) => lookup(address, options, callback);
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP(S) request to `url`, connecting to the target's address; the body is read whole (small answers only). */
export function httpRequest(
  ctx: CheckContext,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<HttpAnswer> {
  const u = new URL(url);
  const client = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      u,
      {
        method: init.method ?? "GET",
        headers: init.headers ?? {},
        lookup: pinned(ctx.target.host),
        ca: ctx.target.ca,
        servername: u.hostname,
        timeout: ctx.timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${u.origin} did not answer within ${ctx.timeoutMs} ms`)));
    req.on("error", reject);
    req.end(init.body);
  });
}

const REL_WEBSOCKET = "urn:xmpp:alt-connections:websocket";
const REL_BOSH = "urn:xmpp:alt-connections:xbosh";
const NS_XRD = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

export interface HostMeta {
  base: string;
  /** Links by rel, from host-meta (XRD) and host-meta.json (JRD); an error text instead when a document failed. */
  xrd: { links: Record<string, string> } | { error: string };
  jrd: { links: Record<string, string> } | { error: string };
  websocket?: string;
  bosh?: string;
}

/** https://DOMAIN[:port] where the server answers for web clients. */
export function webBase(ctx: CheckContext): string {
  const port = ctx.target.ports.https;
  return `https://${ctx.target.domain}${port && port !== 443 ? `:${port}` : ""}`;
}

async function readHostMeta(ctx: CheckContext): Promise<HostMeta> {
  const base = webBase(ctx);
  const get = async (path: string) => {
    const res = await httpRequest(ctx, `${base}/.well-known/${path}`);
    if (res.status !== 200) throw new Error(`/.well-known/${path} answered HTTP ${res.status}`);
    return res.body.toString("utf8");
  };
  const [xrd, jrd] = await Promise.all([
    get("host-meta").then(
      (text) => {
        const doc = parseXml(text);
        if (doc.name !== "XRD" || doc.ns !== NS_XRD) throw new Error("host-meta is not an XRD document");
        const links: Record<string, string> = {};
        for (const l of xmlChildren(doc, "Link", NS_XRD))
          if (l.attrs.rel && l.attrs.href) links[l.attrs.rel] ??= l.attrs.href;
        return { links };
      },
      (err: unknown) => ({ error: describeError(err) }),
    ),
    get("host-meta.json").then(
      (text) => {
        const doc = JSON.parse(text) as { links?: Array<{ rel?: unknown; href?: unknown }> };
        const links: Record<string, string> = {};
        for (const l of doc.links ?? []) {
          if (typeof l.rel === "string" && typeof l.href === "string") links[l.rel] ??= l.href;
        }
        return { links };
      },
      (err: unknown) => ({ error: `host-meta.json: ${describeError(err)}` }),
    ),
  ]);
  const link = (rel: string) =>
    ("links" in xrd ? xrd.links[rel] : undefined) ?? ("links" in jrd ? jrd.links[rel] : undefined);
  const websocket = link(REL_WEBSOCKET);
  const bosh = link(REL_BOSH);
  return { base, xrd, jrd, ...(websocket ? { websocket } : {}), ...(bosh ? { bosh } : {}) };
}

export const hostMeta = (ctx: CheckContext) => ctx.once("host-meta", () => readHostMeta(ctx));

export async function testHostMeta(ctx: CheckContext): Promise<Outcome> {
  const m = await hostMeta(ctx);
  const missing: string[] = [];
  for (const [name, doc] of [
    ["host-meta", m.xrd],
    ["host-meta.json", m.jrd],
  ] as const) {
    if ("error" in doc) missing.push(doc.error);
    else
      for (const [rel, what] of [
        [REL_WEBSOCKET, "websocket"],
        [REL_BOSH, "xbosh"],
      ] as const)
        if (!doc.links[rel]) missing.push(`${name} lists no ${what} link`);
  }
  if (missing.length) return fail(`${m.base}: ${missing.join("; ")}`);
  return pass(`${m.base}/.well-known/host-meta and host-meta.json list websocket ${m.websocket} and xbosh ${m.bosh}`);
}

/** RFC 7395 framing over a `ws` WebSocket: each message one element, <open/> and <close/> instead of stream tags. */
class WebSocketWire implements StanzaWire {
  private sink: { element(el: XmlElement): void; closed(err: Error): void } | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly domain: string,
  ) {
    ws.on("message", (data) => {
      let el: XmlElement;
      try {
        el = parseXml(data.toString());
      } catch (err) {
        this.sink?.closed(err as Error);
        ws.terminate();
        return;
      }
      if (el.ns === NS.framing && el.name === "open") return;
      if (el.ns === NS.framing && el.name === "close") this.sink?.closed(new Error("the server closed the stream"));
      else this.sink?.element(el);
    });
    ws.on("close", () => this.sink?.closed(new Error("the server closed the WebSocket")));
    ws.on("error", (err) => this.sink?.closed(err));
  }

  attach(sink: { element(el: XmlElement): void; closed(err: Error): void }): void {
    this.sink = sink;
  }

  write(xml: string): void {
    this.ws.send(xml);
  }

  restart(): void {
    this.ws.send(`<open xmlns='${NS.framing}' to='${this.domain}' version='1.0'/>`);
  }

  end(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once("close", () => resolve());
      this.ws.send(`<close xmlns='${NS.framing}'/>`);
      this.ws.close(1000);
      setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 1000).unref();
    });
  }

  destroy(): void {
    this.ws.terminate();
  }
}

function openWebSocket(ctx: CheckContext, url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // The URL's name is the TLS server name and the Host; only the address comes from the target.
    const ws = new WebSocket(url, "xmpp", {
      lookup: pinned(ctx.target.host),
      ca: ctx.target.ca,
      handshakeTimeout: ctx.timeoutMs,
    });
    ws.once("open", () => {
      if (ws.protocol !== "xmpp") {
        ws.terminate();
        reject(new Error(`the server chose the WebSocket subprotocol "${ws.protocol}", not "xmpp"`));
      } else resolve(ws);
    });
    ws.once("unexpected-response", (_req, res) => {
      ws.terminate();
      reject(new Error(`the WebSocket upgrade was answered with HTTP ${res.statusCode}`));
    });
    // Kept after the upgrade too: an error then ends the session through the wire instead.
    ws.on("error", reject);
  });
}

export async function testWebSocket(ctx: CheckContext): Promise<Outcome> {
  const m = await hostMeta(ctx);
  if (!m.websocket) return fail(`host-meta at ${m.base} lists no WebSocket endpoint`);
  const ws = await openWebSocket(ctx, m.websocket);
  const stream = new XmppStream(new WebSocketWire(ws, ctx.target.domain), ctx.target.domain, ctx.timeoutMs);
  ctx.track(stream);
  await stream.restart();
  const mechanism = await stream.authenticate(ctx.target.account.username, ctx.target.account.password);
  const jid = await stream.bind(`check-ws-${ctx.token()}`);
  await stream.query("get", ctx.target.domain, "<ping xmlns='urn:xmpp:ping'/>");
  await stream.close();
  return pass(`${m.websocket}: framed stream opened, ${mechanism} login, bound ${jid}, ping answered`, {
    jid,
    mechanism,
  });
}

const NS_BOSH = "http://jabber.org/protocol/httpbind";

export async function testBosh(ctx: CheckContext): Promise<Outcome> {
  const m = await hostMeta(ctx);
  if (!m.bosh) return fail(`host-meta at ${m.base} lists no BOSH endpoint`);
  const rid = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  const post = (body: string) =>
    httpRequest(ctx, m.bosh as string, {
      method: "POST",
      headers: { "Content-Type": "text/xml; charset=utf-8" },
      body,
    });
  const res = await post(
    `<body xmlns='${NS_BOSH}' xmlns:xmpp='urn:xmpp:xbosh' content='text/xml; charset=utf-8' hold='1' rid='${rid}' to='${ctx.target.domain}' ver='1.6' wait='10' xml:lang='en' xmpp:version='1.0'/>`,
  );
  if (res.status !== 200) return fail(`${m.bosh}: session creation answered HTTP ${res.status}`);
  const body = parseXml(res.body.toString("utf8"));
  const sid = body.attrs.sid;
  if (body.name !== "body" || body.ns !== NS_BOSH || !sid || body.attrs.type === "terminate")
    return fail(`${m.bosh}: no session in the answer (${res.body.toString("utf8").slice(0, 200)})`);
  // Ends the session at once rather than leaving it to time out.
  await post(`<body xmlns='${NS_BOSH}' rid='${rid + 1}' sid='${sid}' type='terminate'/>`).catch(() => {});
  return pass(`${m.bosh}: session created (sid received, wait ${body.attrs.wait ?? "?"} s)`);
}
