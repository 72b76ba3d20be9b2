import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Http01ResponderOptions {
  /** Default 0.0.0.0. */
  host?: string;
  /** Default 80; 0 picks a free port (see `port` after start()). */
  port?: number;
}

const PATH_PREFIX = "/.well-known/acme-challenge/";
/** RFC 8555 §8.3: tokens are base64url. Anything else cannot be ours. */
const TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Answers HTTP-01 challenges: GET (and HEAD) /.well-known/acme-challenge/<token> with the key
 * authorization set for that token. Everything else is a bare 404, so the port exposes nothing.
 */
export class Http01Responder {
  private readonly host: string;
  private readonly wantedPort: number;
  private readonly tokens = new Map<string, string>();
  private server: http.Server | null = null;

  constructor(opts: Http01ResponderOptions = {}) {
    this.host = opts.host ?? "0.0.0.0";
    this.wantedPort = opts.port ?? 80;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** The bound port (after start()). */
  get port(): number {
    const addr = this.server?.address() as AddressInfo | null | undefined;
    if (!addr) throw new Error("Http01Responder is not started");
    return addr.port;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => this.handle(req, res));
    // Validation requests are tiny and quick; don't let idle or slow clients hold sockets.
    server.headersTimeout = 10_000;
    server.requestTimeout = 10_000;
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: this.host, port: this.wantedPort }, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  set(token: string, keyAuthorization: string): void {
    if (!TOKEN.test(token)) throw new TypeError(`invalid ACME token ${JSON.stringify(token)}`);
    this.tokens.set(token, keyAuthorization);
  }

  remove(token: string): void {
    this.tokens.delete(token);
  }

  /** How many tokens are set (for tests and metrics: should be 0 between issuances). */
  get size(): number {
    return this.tokens.size;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? "";
    const token = url.startsWith(PATH_PREFIX) ? url.slice(PATH_PREFIX.length) : "";
    const value =
      (req.method === "GET" || req.method === "HEAD") && TOKEN.test(token) ? this.tokens.get(token) : undefined;
    if (value === undefined) {
      res.writeHead(404, { "content-type": "text/plain", "content-length": "0" }).end();
      return;
    }
    res
      .writeHead(200, { "content-type": "application/octet-stream", "content-length": Buffer.byteLength(value) })
      .end(req.method === "HEAD" ? undefined : value);
  }
}
