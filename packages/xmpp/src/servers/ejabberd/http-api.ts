/**
 * A small client for ejabberd's mod_http_api: `POST <url>/<command>` with a JSON body and Basic auth, over
 * keep-alive connections. Network failures become DriverUnavailableError (retry later); refusals become
 * EjabberdApiError, a DriverCommandError that carries ejabberd's message.
 */
import http from "node:http";
import { DriverCommandError, DriverUnavailableError } from "../../driver.ts";

export interface EjabberdApiOptions {
  /** The API's base URL, e.g. http://127.0.0.1:5280/api */
  url: string;
  username: string;
  password: string;
  /** The Unix socket the API listens on (the URL then names the path only). */
  socketPath?: string;
  /** Per request: connect, send and answer. Default 15 s. */
  timeoutMs?: number;
  /** Keep connections open between requests (default true). */
  keepAlive?: boolean;
}

/** ejabberd answered, but not with success. `status` is the HTTP status, `code` ejabberd's error code if any. */
export class EjabberdApiError extends DriverCommandError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | null,
    /** ejabberd's own text, without the command name in front. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Network errors that mean the server is not there (or went away): retrying later can help. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
]);

/** A reused keep-alive socket that the server had already closed: the request never reached it. */
class StaleSocket extends Error {}

/** A Unix socket whose queue of pending connections is full refuses a connection at once; it is tried again. */
class Busy extends Error {}
const BUSY_RETRIES = 20;

export class EjabberdApiClient {
  private readonly base: URL;
  private readonly auth: string;
  private readonly timeoutMs: number;
  private readonly agent: http.Agent;
  private readonly socketPath: string | undefined;
  private closed = false;

  constructor(opts: EjabberdApiOptions) {
    let base: URL;
    try {
      base = new URL(opts.url);
    } catch {
      throw new TypeError(`ejabberd API: invalid URL ${JSON.stringify(opts.url)}`);
    }
    // The admin password travels in every request: plain HTTP only to the server's own socket or loopback.
    if (base.protocol !== "http:") throw new TypeError("ejabberd API: only http:// URLs (its socket or loopback)");
    if (!opts.username || !opts.password) throw new TypeError("ejabberd API: username and password are required");
    this.base = new URL(base.href.endsWith("/") ? base.href : `${base.href}/`);
    this.auth = `Basic ${Buffer.from(`${opts.username}:${opts.password}`, "utf8").toString("base64")}`;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.socketPath = opts.socketPath;
    this.agent = new http.Agent({ keepAlive: opts.keepAlive ?? true, maxSockets: 16, scheduling: "lifo" });
  }

  /** Runs one API command and returns its decoded JSON answer. */
  async call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) throw new DriverUnavailableError("ejabberd API: the driver is closed");
    if (!/^[a-z0-9_]+$/.test(command)) throw new DriverCommandError(`ejabberd API: invalid command ${command}`);
    const body = JSON.stringify(args);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(command, body);
      } catch (err) {
        // Node's advice for keep-alive: a request on a reused socket the server closed meanwhile is sent again.
        if (err instanceof StaleSocket && attempt === 1) continue;
        if (err instanceof Busy && attempt < BUSY_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
          continue;
        }
        if (err instanceof Busy || err instanceof StaleSocket)
          throw new DriverUnavailableError(`ejabberd ${command}: ${err.message}`);
        throw err;
      }
    }
  }

  private send<T>(command: string, body: string): Promise<T> {
    const url = new URL(command, this.base);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = http.request(url, {
        method: "POST",
        agent: this.agent,
        ...(this.socketPath ? { socketPath: this.socketPath } : {}),
        headers: {
          authorization: this.auth,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      });
      const timer = setTimeout(() => {
        req.destroy();
        done(() => reject(new DriverUnavailableError(`ejabberd ${command}: no answer within ${this.timeoutMs} ms`)));
      }, this.timeoutMs);
      req.once("socket", (socket) => socket.setNoDelay(true));
      req.once("error", (err: NodeJS.ErrnoException) => {
        done(() => {
          if (this.closed) return reject(new DriverUnavailableError("ejabberd API: the driver is closed"));
          if (req.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) {
            return reject(new StaleSocket(err.message));
          }
          if (err.code === "EAGAIN") return reject(new Busy(err.message));
          if (err.code && UNAVAILABLE_CODES.has(err.code)) {
            return reject(new DriverUnavailableError(`ejabberd ${command}: ${err.code} ${err.message}`));
          }
          reject(new DriverUnavailableError(`ejabberd ${command}: ${err.message}`));
        });
      });
      req.once("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.once("error", (err) =>
          done(() => reject(new DriverUnavailableError(`ejabberd ${command}: ${err.message}`))),
        );
        res.once("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          done(() => {
            try {
              resolve(decodeAnswer<T>(command, res.statusCode ?? 0, text));
            } catch (err) {
              reject(err);
            }
          });
        });
      });
      req.end(body);
    });
  }

  /** Drops the open connections; the next request opens a new one. */
  disconnect(): void {
    this.agent.destroy();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.agent.destroy();
  }
}

function decodeAnswer<T>(command: string, status: number, text: string): T {
  let parsed: unknown;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (status === 200 && parsed !== undefined) return parsed as T;
  if (status === 200) {
    throw new EjabberdApiError(`ejabberd ${command}: answer is not JSON: ${text.slice(0, 200)}`, status, null, text);
  }
  // Errors come as {"status":"error","code":N,"message":"..."} or as a bare JSON string.
  let reason = text.slice(0, 500);
  let code: number | null = null;
  if (typeof parsed === "string") reason = parsed;
  else if (parsed && typeof parsed === "object") {
    const p = parsed as { message?: unknown; code?: unknown };
    if (typeof p.message === "string") reason = p.message;
    if (typeof p.code === "number") code = p.code;
  }
  if (status === 401 || status === 403) {
    throw new EjabberdApiError(
      `ejabberd ${command}: the admin credentials were refused (HTTP ${status}: ${reason})`,
      status,
      code,
      reason,
    );
  }
  throw new EjabberdApiError(`ejabberd ${command}: ${reason}`, status, code, reason);
}
