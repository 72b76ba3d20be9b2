/**
 * A small XMPP client that does exactly what a probe needs, timing every step: TCP connect, STARTTLS,
 * SASL SCRAM-SHA-1 (PBKDF2 through node:crypto, about a millisecond), resource binding and an XEP-0199
 * ping to the server. Nagle is off on both sockets, so each round trip costs a round trip.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import tls from "node:tls";

export type ProbeStep = "connect" | "stream" | "tls" | "login" | "bind" | "ping";

export interface XmppProbeOptions {
  host: string;
  port: number;
  /** The XMPP domain: stream `to`, TLS SNI, and the domain of the probe account. */
  domain: string;
  username: string;
  password: string;
  /** CAs to trust (PEM). The chain is not rejected when untrusted; `certificate.authorized` tells. */
  ca?: string | string[];
  /** For the whole exchange. Default 10 s. */
  timeoutMs?: number;
}

export interface ProbeCertificate {
  notAfter: Date;
  daysLeft: number;
  authorized: boolean;
  authorizationError?: string;
}

export interface XmppProbeResult {
  ok: boolean;
  connectMs?: number;
  /** STARTTLS: from sending <starttls/> to the secured stream's features. */
  tlsMs?: number;
  /** SASL SCRAM-SHA-1, from <auth/> to <success/>. */
  loginMs?: number;
  /** Resource binding. */
  bindMs?: number;
  pingMs?: number;
  totalMs: number;
  certificate?: ProbeCertificate;
  /** Set when a step failed: which one, and why. */
  failure?: {
    step: ProbeStep;
    code: "unreachable" | "timeout" | "tls_failed" | "login_failed" | "error";
    message: string;
  };
}

const NS_STREAM = "http://etherx.jabber.org/streams";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");
}

/** SCRAM saslname escaping (RFC 5802 §5.1). */
function saslName(s: string): string {
  return s.replace(/=/g, "=3D").replace(/,/g, "=2C");
}

const saltedCache = new Map<string, Buffer>();

/** Hi() of RFC 5802, cached per (password, salt, iterations) like a real client keeps it. */
function saltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  const key = createHash("sha256").update(password).update("\0").update(salt).update(String(iterations)).digest("hex");
  let v = saltedCache.get(key);
  if (!v) {
    v = pbkdf2Sync(password, salt, iterations, 20, "sha1");
    if (saltedCache.size > 10_000) saltedCache.clear();
    saltedCache.set(key, v);
  }
  return v;
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac("sha1", key).update(data).digest();
}

/** The SCRAM-SHA-1 exchange as pure functions, for the probe and for tests. */
export function scramClientFinal(opts: {
  password: string;
  clientFirstBare: string;
  serverFirst: string;
  clientNonce: string;
}): { clientFinal: string; serverSignature: Buffer } {
  const attrs = Object.fromEntries(
    opts.serverFirst.split(",").map((p) => [p.slice(0, 1), p.slice(2)] as [string, string]),
  ) as Record<string, string | undefined>;
  const nonce = attrs.r;
  const salt = attrs.s;
  const iterations = Number(attrs.i);
  if (!nonce?.startsWith(opts.clientNonce) || !salt || !Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`bad SCRAM challenge: ${opts.serverFirst}`);
  }
  const salted = saltedPassword(opts.password, Buffer.from(salt, "base64"), iterations);
  const clientKey = hmac(salted, "Client Key");
  const storedKey = createHash("sha1").update(clientKey).digest();
  const withoutProof = `c=biws,r=${nonce}`;
  const authMessage = `${opts.clientFirstBare},${opts.serverFirst},${withoutProof}`;
  const signature = hmac(storedKey, authMessage);
  const proof = Buffer.alloc(clientKey.length);
  for (let i = 0; i < proof.length; i++) proof[i] = (clientKey[i] ?? 0) ^ (signature[i] ?? 0);
  const serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
  return { clientFinal: `${withoutProof},p=${proof.toString("base64")}`, serverSignature };
}

class Timeout extends Error {}

/** Accumulates incoming text and waits for patterns in it. */
class Inbox {
  buf = "";
  private wake: (() => void) | null = null;
  private failed: Error | null = null;

  attach(socket: net.Socket): void {
    socket.on("data", (d: Buffer) => {
      this.buf += d.toString("utf8");
      this.wake?.();
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new Error("the server closed the connection")));
  }

  detach(socket: net.Socket): void {
    socket.removeAllListeners("data");
    socket.removeAllListeners("error");
    socket.removeAllListeners("close");
    this.buf = "";
  }

  fail(err: Error): void {
    this.failed ??= err;
    this.wake?.();
  }

  async expect(re: RegExp, deadline: number): Promise<RegExpMatchArray> {
    for (;;) {
      const m = this.buf.match(re);
      if (m && m.index !== undefined) {
        this.buf = this.buf.slice(m.index + m[0].length);
        return m;
      }
      const streamError = this.buf.match(/<stream:error>([\s\S]*?)<\/stream:error>/);
      if (streamError) throw new Error(`stream error: ${streamError[1]?.match(/<([a-z-]+)/)?.[1] ?? "unknown"}`);
      if (this.failed) throw this.failed;
      const left = deadline - Date.now();
      if (left <= 0) throw new Timeout(`no answer within the time limit (waiting for ${re.source.slice(0, 40)})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          this.wake = null;
          resolve();
        };
      });
    }
  }
}

const streamOpen = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${esc(domain)}' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='${NS_STREAM}'>`;

/** Runs one probe. Never throws: a failed step is reported in `failure`, with the timings up to it. */
export async function probeXmpp(opts: XmppProbeOptions): Promise<XmppProbeResult> {
  const started = performance.now();
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const result: XmppProbeResult = { ok: false, totalMs: 0 };
  let step: ProbeStep = "connect";
  let plain: net.Socket | null = null;
  let secure: tls.TLSSocket | null = null;
  const inbox = new Inbox();
  try {
    // connect
    let t = performance.now();
    plain = net.connect({ host: opts.host, port: opts.port });
    plain.setNoDelay(true);
    const sock = plain;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Timeout("TCP connect timed out")), Math.max(1, deadline - Date.now()));
      sock.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      sock.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    result.connectMs = performance.now() - t;

    // stream features, then STARTTLS
    step = "stream";
    inbox.attach(plain);
    plain.write(streamOpen(opts.domain));
    const features = (await inbox.expect(/<stream:features[\s\S]*?<\/stream:features>/, deadline))[0];
    step = "tls";
    if (!features.includes("<starttls")) throw new Error("the server does not offer STARTTLS");
    t = performance.now();
    plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await inbox.expect(/<proceed[^>]*\/>|<proceed[^>]*><\/proceed>/, deadline);
    inbox.detach(plain);
    secure = tls.connect({
      socket: plain,
      servername: opts.domain,
      rejectUnauthorized: false,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
    const s = secure;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Timeout("TLS handshake timed out")),
        Math.max(1, deadline - Date.now()),
      );
      s.once("secureConnect", () => {
        clearTimeout(timer);
        resolve();
      });
      s.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    secure.setNoDelay(true);
    const peer = secure.getPeerCertificate(false);
    if (peer?.valid_to) {
      const notAfter = new Date(peer.valid_to);
      let authorized = secure.authorized;
      let authorizationError = secure.authorizationError ? String(secure.authorizationError) : undefined;
      const nameError = tls.checkServerIdentity(opts.domain, peer);
      if (nameError && authorized) {
        authorized = false;
        authorizationError = nameError.message;
      }
      result.certificate = {
        notAfter,
        daysLeft: (notAfter.getTime() - Date.now()) / 86_400_000,
        authorized,
        ...(authorizationError ? { authorizationError } : {}),
      };
    }
    inbox.attach(secure);
    secure.write(streamOpen(opts.domain));
    const secured = (await inbox.expect(/<stream:features[\s\S]*?<\/stream:features>/, deadline))[0];
    result.tlsMs = performance.now() - t;

    // SASL SCRAM-SHA-1
    step = "login";
    if (!secured.includes("<mechanism>SCRAM-SHA-1</mechanism>"))
      throw new Error("the server does not offer SCRAM-SHA-1");
    t = performance.now();
    const clientNonce = randomBytes(18).toString("base64");
    const clientFirstBare = `n=${saslName(opts.username)},r=${clientNonce}`;
    secure.write(
      `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>${Buffer.from(`n,,${clientFirstBare}`).toString("base64")}</auth>`,
    );
    const challenge = await inbox.expect(/<challenge[^>]*>([^<]*)<\/challenge>|<failure[\s\S]*?<\/failure>/, deadline);
    if (!challenge[0].startsWith("<challenge")) throw new LoginFailed(saslCondition(challenge[0]));
    const serverFirst = Buffer.from(challenge[1] ?? "", "base64").toString("utf8");
    const { clientFinal, serverSignature } = scramClientFinal({
      password: opts.password,
      clientFirstBare,
      serverFirst,
      clientNonce,
    });
    secure.write(
      `<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(clientFinal).toString("base64")}</response>`,
    );
    const outcome = await inbox.expect(
      /<success[^>]*>([^<]*)<\/success>|<success[^>]*\/>|<failure[\s\S]*?<\/failure>/,
      deadline,
    );
    if (!outcome[0].startsWith("<success")) throw new LoginFailed(saslCondition(outcome[0]));
    const verifier = Buffer.from(outcome[1] ?? "", "base64").toString("utf8");
    const v = Buffer.from(verifier.replace(/^v=/, ""), "base64");
    if (v.length !== serverSignature.length || !timingSafeEqual(v, serverSignature)) {
      throw new Error("the server's SCRAM signature does not match");
    }
    result.loginMs = performance.now() - t;

    // bind
    step = "bind";
    t = performance.now();
    secure.write(streamOpen(opts.domain));
    await inbox.expect(/<\/stream:features>/, deadline);
    secure.write(
      `<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>probe-${randomBytes(4).toString("hex")}</resource></bind></iq>`,
    );
    await inbox.expect(/<iq[^>]*id=['"]b1['"][\s\S]*?<\/iq>/, deadline);
    result.bindMs = performance.now() - t;

    // XEP-0199 ping to the server
    step = "ping";
    t = performance.now();
    secure.write(`<iq type='get' id='p1' to='${esc(opts.domain)}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    const pong = (await inbox.expect(/<iq[^>]*id=['"]p1['"][^>]*(?:\/>|>[\s\S]*?<\/iq>)/, deadline))[0];
    if (!/type=['"]result['"]/.test(pong)) throw new Error("the server answered the ping with an error");
    result.pingMs = performance.now() - t;
    result.ok = true;
    secure.end("</stream:stream>");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code =
      err instanceof LoginFailed
        ? "login_failed"
        : err instanceof Timeout
          ? "timeout"
          : step === "connect"
            ? "unreachable"
            : step === "tls"
              ? "tls_failed"
              : "error";
    result.failure = { step, code, message };
  } finally {
    result.totalMs = performance.now() - started;
    const s = secure;
    const p = plain;
    if (s && !s.destroyed) setTimeout(() => s.destroy(), 200).unref();
    else if (p && !p.destroyed) p.destroy();
  }
  return result;
}

class LoginFailed extends Error {}

function saslCondition(failure: string): string {
  const condition = failure.match(/<failure[^>]*>\s*<([a-z-]+)/)?.[1] ?? "failure";
  const text = failure.match(/<text[^>]*>([^<]*)<\/text>/)?.[1];
  return text ? `${condition}: ${text}` : condition;
}
