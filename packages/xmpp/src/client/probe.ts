/**
 * A probe: TCP connect, STARTTLS, SASL SCRAM-SHA-1, resource binding and an XEP-0199 ping to the server, timing
 * every step. It never throws: a failed step is reported with its step and a code.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { saslName, scramClientFinal } from "./scram.ts";
import { esc, once, StreamReader, streamOpen, Timeout, upgradeToTls } from "./stream.ts";

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

class LoginFailed extends Error {}

function saslCondition(failure: string): string {
  const condition = failure.match(/<failure[^>]*>\s*<([a-z-]+)/)?.[1] ?? "failure";
  const text = failure.match(/<text[^>]*>([^<]*)<\/text>/)?.[1];
  return text ? `${condition}: ${text}` : condition;
}

/** The served certificate as the probe judges it: trusted through `ca`, and issued for `domain`. */
function judgeCertificate(secure: tls.TLSSocket, domain: string): ProbeCertificate | undefined {
  const peer = secure.getPeerCertificate(false);
  if (!peer?.valid_to) return undefined;
  const notAfter = new Date(peer.valid_to);
  let authorized = secure.authorized;
  let authorizationError = secure.authorizationError ? String(secure.authorizationError) : undefined;
  const nameError = tls.checkServerIdentity(domain, peer);
  if (nameError && authorized) {
    authorized = false;
    authorizationError = nameError.message;
  }
  return {
    notAfter,
    daysLeft: (notAfter.getTime() - Date.now()) / 86_400_000,
    authorized,
    ...(authorizationError ? { authorizationError } : {}),
  };
}

/** Runs one probe. Never throws: a failed step is reported in `failure`, with the timings up to it. */
export async function probeXmpp(opts: XmppProbeOptions): Promise<XmppProbeResult> {
  const started = performance.now();
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const result: XmppProbeResult = { ok: false, totalMs: 0 };
  let step: ProbeStep = "connect";
  let plain: net.Socket | null = null;
  let secure: tls.TLSSocket | null = null;
  const inbox = new StreamReader();
  try {
    // connect
    let t = performance.now();
    plain = net.connect({ host: opts.host, port: opts.port });
    plain.setNoDelay(true);
    await once(plain, "connect", deadline, "TCP connect");
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
    secure = await upgradeToTls(plain, inbox, {
      domain: opts.domain,
      ...(opts.ca ? { ca: opts.ca } : {}),
      rejectUnauthorized: false,
      deadline,
    });
    const certificate = judgeCertificate(secure, opts.domain);
    if (certificate) result.certificate = certificate;
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
