/** The transport shared by the probe and the sessions: a stream reader, STARTTLS, and Nagle off throughout. */
import type net from "node:net";
import tls from "node:tls";

export const NS_STREAM = "http://etherx.jabber.org/streams";

/** Escapes text and single-quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");
}

export const streamOpen = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${esc(domain)}' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='${NS_STREAM}'>`;

/** A wait that ran out of time. */
export class Timeout extends Error {}

/** Accumulates a stream's text and waits for patterns in it. */
export class StreamReader {
  private buf = "";
  private wake: (() => void) | null = null;
  private failed: Error | null = null;

  attach(socket: net.Socket): void {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      this.buf += d;
      this.wake?.();
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new Error("the server closed the connection")));
  }

  /** Stops reading `socket` (before STARTTLS wraps it) and drops what was buffered. */
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

  /** Waits until the buffer matches `re` (before `deadline`, a Date.now() value) and consumes it up to the match's end. */
  async expect(re: RegExp, deadline: number): Promise<RegExpMatchArray> {
    return (await this.consume(re, deadline)).match;
  }

  /** The same, with the text consumed: what came before the match (other stanzas), then the match. */
  async consume(re: RegExp, deadline: number): Promise<{ consumed: string; match: RegExpMatchArray }> {
    for (;;) {
      const m = this.buf.match(re);
      if (m && m.index !== undefined) {
        const end = m.index + m[0].length;
        const consumed = this.buf.slice(0, end);
        this.buf = this.buf.slice(end);
        return { consumed, match: m };
      }
      const streamError = this.buf.match(/<stream:error>([\s\S]*?)<\/stream:error>/);
      if (streamError) throw new Error(`stream error: ${streamError[1]?.match(/<([a-z-]+)/)?.[1] ?? "unknown"}`);
      if (this.failed) throw this.failed;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Timeout(`no answer within the time limit (waiting for ${re.source.slice(0, 40)})`);
      }
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

/** Resolves on `event`, rejects on "error" or at the deadline. */
export function once(socket: net.Socket, event: string, deadline: number, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout(`${what} timed out`)), Math.max(1, deadline - Date.now()));
    socket.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * Upgrades a plain stream whose server has just sent `<proceed/>`. With `rejectUnauthorized` false the handshake
 * succeeds on any certificate and the caller judges it.
 */
export async function upgradeToTls(
  plain: net.Socket,
  reader: StreamReader,
  opts: { domain: string; ca?: string | string[]; rejectUnauthorized: boolean; deadline: number },
): Promise<tls.TLSSocket> {
  reader.detach(plain);
  const secure = tls.connect({
    socket: plain,
    servername: opts.domain,
    rejectUnauthorized: opts.rejectUnauthorized,
    ...(opts.ca ? { ca: opts.ca } : {}),
  });
  await once(secure, "secureConnect", opts.deadline, "TLS handshake");
  // Nagle plus delayed ACK adds about 40 ms to each round trip.
  secure.setNoDelay(true);
  return secure;
}
