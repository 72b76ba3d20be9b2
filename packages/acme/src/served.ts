import { createHash } from "node:crypto";
import net from "node:net";
import tls from "node:tls";

export interface ServedCertificate {
  /** SHA-256 of the leaf's DER, lowercase hex without colons (as `fingerprintOf`). */
  fingerprint: string;
  notAfter: Date;
  subjectAltNames: string[];
  /** Chain trusted (by `caPem`, or the system roots) and valid for `domain`. */
  authorized: boolean;
  authorizationError?: string;
}

export interface FetchServedCertificateOptions {
  host: string;
  port: number;
  /** The XMPP domain: stream `to` and TLS SNI; the certificate is checked against it. */
  domain: string;
  /** Trust only this CA (PEM, may hold several certificates) instead of the system roots. */
  caPem?: string;
  /** For the whole exchange. Default 10 s. */
  timeoutMs?: number;
}

const NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";

function xmlAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/'/g, "&apos;").replace(/</g, "&lt;");
}

/**
 * Connects to an XMPP c2s port, negotiates STARTTLS (RFC 6120 §5) and returns the certificate the server
 * presents for `domain`. Only reads it: the chain is not rejected, its verdict is reported in `authorized`.
 */
export function fetchServedCertificate(opts: FetchServedCertificateOptions): Promise<ServedCertificate> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise<ServedCertificate>((resolve, reject) => {
    let tlsSocket: tls.TLSSocket | null = null;
    let settled = false;
    const socket = net.connect({ host: opts.host, port: opts.port });
    const timer = setTimeout(
      () => fail(new Error(`no STARTTLS certificate from ${opts.host}:${opts.port} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const cleanup = () => {
      clearTimeout(timer);
      tlsSocket?.destroy();
      socket.destroy();
    };
    function fail(err: Error) {
      if (settled) return;
      settled = true;
      cleanup();
      reject(err);
    }
    function succeed(value: ServedCertificate) {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(value);
    }

    let buf = "";
    let stage: "features" | "proceed" = "features";
    const onData = (chunk: Buffer) => {
      buf += chunk.toString("utf8");
      if (buf.length > 65_536) return fail(new Error("the server sent too much before STARTTLS"));
      if (/<(?:stream:)?error[\s>]/.test(buf)) {
        return fail(new Error(`stream error from the server: ${buf.slice(buf.search(/<(?:stream:)?error/), 400)}`));
      }
      if (stage === "features") {
        const end = buf.indexOf("</stream:features>");
        if (end < 0) return;
        const features = buf.slice(0, end);
        buf = buf.slice(end + "</stream:features>".length);
        if (!features.includes("<starttls")) return fail(new Error("the server does not offer STARTTLS"));
        stage = "proceed";
        socket.write(`<starttls xmlns='${NS_TLS}'/>`);
      }
      if (stage === "proceed") {
        if (/<failure[\s/>]/.test(buf)) return fail(new Error("the server refused STARTTLS (<failure/>)"));
        if (!/<proceed[\s/>]/.test(buf)) return;
        socket.off("data", onData);
        startTls();
      }
    };

    function startTls() {
      tlsSocket = tls.connect({
        socket,
        servername: opts.domain,
        // Report, don't refuse: the caller wants to see what is served even when it is wrong.
        rejectUnauthorized: false,
        ...(opts.caPem ? { ca: opts.caPem } : {}),
      });
      tlsSocket.once("error", (err) => fail(err));
      tlsSocket.once("secureConnect", () => {
        const s = tlsSocket as tls.TLSSocket;
        const cert = s.getPeerCertificate(false);
        if (!cert?.raw) return fail(new Error("the server presented no certificate"));
        // Node checks the chain, then the name (reporting only the code ERR_TLS_CERT_ALTNAME_INVALID for a
        // mismatch); checkServerIdentity again gives the readable reason, and guards the name check.
        let authorized = s.authorized;
        let authorizationError = s.authorizationError ? String(s.authorizationError) : undefined;
        const nameError = tls.checkServerIdentity(opts.domain, cert);
        if (nameError && (authorized || authorizationError === "ERR_TLS_CERT_ALTNAME_INVALID")) {
          authorized = false;
          authorizationError = nameError.message;
        }
        const subjectAltNames = (cert.subjectaltname ?? "")
          .split(/,\s*/)
          .filter((e) => e.startsWith("DNS:"))
          .map((e) => e.slice(4));
        succeed({
          fingerprint: createHash("sha256").update(cert.raw).digest("hex"),
          notAfter: new Date(cert.valid_to),
          subjectAltNames,
          authorized,
          ...(authorizationError ? { authorizationError } : {}),
        });
      });
    }

    socket.on("data", onData);
    socket.once("error", (err) => fail(err));
    socket.once("close", () => fail(new Error(`${opts.host}:${opts.port} closed the connection during STARTTLS`)));
    socket.once("connect", () => {
      socket.write(
        `<?xml version='1.0'?><stream:stream to='${xmlAttr(opts.domain)}' version='1.0' xml:lang='en' ` +
          `xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`,
      );
    });
  });
}
