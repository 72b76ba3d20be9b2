// @ts-check
// The web app's server: Next.js for pages, and /api/* forwarded to the API by api-proxy.mjs. A custom server
// because a Next.js route handler cannot see the TCP peer's address (which X-Forwarded-For must be built from)
// nor stream a request body with a limit. `node server.mjs` serves the production build; `--dev` runs `next dev`.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { capConnectionsPerAddress, createApiProxy, forwardedFor, parseTrustedProxies } from "./api-proxy.mjs";
import { cameOverHttps, newNonce, securityHeaders } from "./security-headers.mjs";

const dev = process.argv.includes("--dev");
// Next reads NODE_ENV when it loads, so it is set before the import below.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
const { default: next } = await import("next");

/** @param {string} message */
function invalid(message) {
  console.error(`Invalid web app environment: ${message}`);
  process.exit(1);
}

/** @param {string} name @param {number} fallback */
function positiveInteger(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) invalid(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

const apiUrl = process.env.API_URL || "http://127.0.0.1:3001";
if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) invalid(`API_URL is not an http(s) URL`);
const port = positiveInteger("WEB_PORT", 3000);
const host = process.env.WEB_HOST || undefined;
let trustedProxies = parseTrustedProxies("");
try {
  trustedProxies = parseTrustedProxies(process.env.WEB_TRUSTED_PROXIES ?? "");
} catch (error) {
  invalid(error instanceof Error ? error.message : String(error));
}
const proxy = createApiProxy({
  apiUrl,
  // Fastify's default bodyLimit, which the API keeps.
  bodyLimit: positiveInteger("WEB_API_BODY_LIMIT_BYTES", 1024 * 1024),
  // Above the API's longest long-poll (?wait= up to MAX_WAIT_SECONDS, 60 by default).
  timeoutMs: positiveInteger("WEB_API_TIMEOUT_MS", 90_000),
  trustedProxies,
});

// A request (headers and body) must arrive within 30 s, as at the API; a slow client cannot hold a socket forever.
const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 });
capConnectionsPerAddress(server, positiveInteger("WEB_MAX_CONNECTIONS_PER_IP", 100), trustedProxies);
const app = next({ dev, dir: path.dirname(fileURLToPath(import.meta.url)), hostname: host, port, httpServer: server });
const handle = app.getRequestHandler();

/**
 * Documents every hosted domain publishes at its own origin, answered by the API for the domain in the Host header:
 * the XMPP Providers provider file (read by clients such as Conversations, see providers.xmpp.net).
 */
const WELL_KNOWN = new Map([["/.well-known/xmpp-provider-v2.json", "provider-file"]]);
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The domain a request was sent to: its Host without the port, lower-cased, when that is a DNS name of two labels
 * or more; null otherwise (no Host, an IP address, a bare label), so the API is only ever asked about a name.
 * @param {http.IncomingMessage} req
 */
function requestDomain(req) {
  const name = (req.headers.host ?? "")
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, "")
    .replace(/\.$/, "");
  const labels = name.split(".");
  if (name.length > 253 || labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) return null;
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return null;
  return name;
}

/**
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {number} status @param {string} title
 * @param {string} detail @param {string} code @param {Record<string, string>} [headers]
 */
function answerProblem(req, res, status, title, detail, code, headers = {}) {
  const body = JSON.stringify({ type: "about:blank", title, status, detail, code });
  res.writeHead(status, {
    "content-type": "application/problem+json",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(body);
  // A body sent with a refused method is not read; the connection is not reused for it.
  if (!req.complete) req.resume();
}

/**
 * Forwards a well-known document's request to GET /api/v1/public/domains/{domain}/{document}.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} document
 */
function forwardWellKnown(req, res, document) {
  // Public documents that web clients on other origins read: every answer carries CORS, the API's and the proxy's
  // 502/504 alike (the proxy writes the API's headers over these, so an API that sets it too changes nothing).
  res.setHeader("access-control-allow-origin", "*");
  if (req.method !== "GET" && req.method !== "HEAD") {
    answerProblem(req, res, 405, "Method not allowed", `${req.method} is not allowed here`, "method_not_allowed", {
      allow: "GET, HEAD",
      connection: "close",
    });
    return;
  }
  const domain = requestDomain(req);
  if (domain === null) {
    answerProblem(req, res, 400, "Bad request", "the Host header is not a domain name", "invalid_host");
    return;
  }
  proxy.forward(req, res, `/api/v1/public/domains/${domain}/${document}`);
}

/** @param {http.IncomingMessage} req */
function wellKnownDocument(req) {
  if (!URL.canParse(req.url ?? "/", "http://web.invalid")) return undefined;
  return WELL_KNOWN.get(new URL(req.url ?? "/", "http://web.invalid").pathname);
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function onRequest(req, res) {
  const document = wellKnownDocument(req);
  if (document !== undefined) {
    forwardWellKnown(req, res, document);
    return;
  }
  const apiPath = proxy.apiPath(req);
  if (apiPath !== null) {
    proxy.forward(req, res, apiPath);
    return;
  }
  // Pages pass this header on when they call the API themselves (lib/api/server.ts), so it is rebuilt here too.
  req.headers["x-forwarded-for"] = forwardedFor(req, trustedProxies);
  const https = cameOverHttps(req, trustedProxies);
  req.headers["x-forwarded-proto"] = https ? "https" : "http";
  // Every answer (pages, static files, errors) gets the same headers with a nonce of its own; Next finds the nonce
  // in the request's policy and puts it on the page's scripts.
  const headers = securityHeaders({ nonce: newNonce(), https, dev });
  req.headers["content-security-policy"] = headers["content-security-policy"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  handle(req, res).catch((/** @type {unknown} */ error) => {
    console.error(error);
    if (res.headersSent) res.destroy();
    else {
      res.statusCode = 500;
      res.end();
    }
  });
}

server.on("request", onRequest);
server.on("checkContinue", (req, res) => {
  if (proxy.refusesBeforeContinue(req, res)) return;
  res.writeContinue();
  onRequest(req, res);
});

await app.prepare();
server.listen(port, host, () => {
  console.log(`web app (${dev ? "development" : "production"}) on port ${port}, API at ${apiUrl}`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  proxy.close();
  // Long-polls may hold connections for a minute; they are not waited for.
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
