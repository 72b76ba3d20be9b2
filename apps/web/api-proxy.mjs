// @ts-check
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

/** Request headers the API is given; anything else a browser sends stays here. */
const FORWARDED_REQUEST_HEADERS = [
  "accept",
  "accept-language",
  "content-type",
  "cookie",
  "authorization",
  "user-agent",
];
/** Paths forwarded to the API: its routes, and its queue dashboard with the dashboard's own assets. */
const FORWARDED_PREFIXES = ["/api", "/admin/queues"];
/** Hop-by-hop response headers, which belong to the connection to the API, not to the one to the browser. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);
const TITLES = /** @type {Record<number, string>} */ ({
  405: "Method not allowed",
  413: "Payload too large",
  502: "Bad gateway",
  504: "Gateway timeout",
});
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
/** How long connecting to the API may take; it normally runs next to the web app. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * After refusing a body, the rest of it is read and thrown away (up to this much, for this long) before the
 * connection is closed: closing a socket with unread data resets it, and the client may then never see the answer.
 */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;
const DISCARD_MAX_MS = 10_000;

/**
 * Which peers may state a client's address: comma-separated addresses and CIDRs, or "loopback".
 * @param {string} value
 */
export function parseTrustedProxies(value) {
  const list = new BlockList();
  for (const entry of value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address = "", bits] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`WEB_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR range or "loopback"`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/**
 * An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; the API and the trusted list see a.b.c.d.
 * @param {string} address
 */
export function plainAddress(address) {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * Closes a new connection at once when its address already holds `max` open ones, so that one client cannot take
 * every socket (slow requests are cut off by the timeouts; this bounds how many it can have at a time). Trusted
 * proxies are exempt: all their clients arrive from their one address.
 * @param {import("node:net").Server} server @param {number} max @param {BlockList} exempt
 */
export function capConnectionsPerAddress(server, max, exempt) {
  /** @type {Map<string, number>} */
  const open = new Map();
  server.on("connection", (/** @type {import("node:net").Socket} */ socket) => {
    const address = plainAddress(socket.remoteAddress ?? "");
    if (!address || exempt.check(address, isIP(address) === 6 ? "ipv6" : "ipv4")) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/**
 * The X-Forwarded-For to pass on: the address of whoever opened this connection, appended to the chain it sent
 * only when it is a trusted proxy. Anyone else's header is replaced, so nobody picks the address rate limits count.
 * @param {http.IncomingMessage} req
 * @param {BlockList} trusted
 */
export function forwardedFor(req, trusted) {
  const peer = plainAddress(req.socket.remoteAddress ?? "");
  const sent = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(sent) ? sent.join(", ") : sent)?.trim();
  const family = isIP(peer);
  if (chain && family && trusted.check(peer, family === 6 ? "ipv6" : "ipv4")) return `${chain}, ${peer}`;
  return peer;
}

/**
 * @param {number} status
 * @param {string} detail
 * @param {string} code
 */
function problem(status, detail, code) {
  return JSON.stringify({ type: "about:blank", title: TITLES[status] ?? "Error", status, detail, code });
}

/**
 * Ends the answer once the client has finished sending its body (the rest is discarded), so that closing the
 * connection cannot reset it before the client has read the answer.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function endAfterBody(req, res) {
  if (req.complete || req.destroyed) {
    res.end();
    return;
  }
  let discarded = 0;
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_MAX_MS);
  req.removeAllListeners("data");
  req.on("data", (/** @type {Buffer} */ chunk) => {
    discarded += chunk.length;
    if (discarded > DISCARD_MAX_BYTES) req.socket.destroy();
  });
  req.once("end", () => {
    clearTimeout(timer);
    res.end();
  });
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/**
 * Answers with a problem document and closes the connection after it.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} detail
 * @param {string} code
 * @param {{ discardBody?: boolean, headers?: Record<string, string> }} [opts]
 */
function refuse(req, res, status, detail, code, opts = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = problem(status, detail, code);
  res.writeHead(status, {
    "content-type": "application/problem+json",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    connection: "close",
    ...opts.headers,
  });
  res.write(body);
  if (opts.discardBody === false) res.end();
  else endAfterBody(req, res);
}

/**
 * Forwards /api/* to the API with node:http, streaming both ways: the body is counted on its way and refused
 * (413) once it passes `bodyLimit`; an API that cannot be reached or fails gives 502, one that does not answer
 * within `timeoutMs` gives 504, always as application/problem+json.
 * @param {{ apiUrl: string, bodyLimit: number, timeoutMs: number, trustedProxies: BlockList,
 *   log?: (message: string) => void }} opts
 */
export function createApiProxy(opts) {
  const base = new URL(opts.apiUrl);
  const transport = base.protocol === "https:" ? https : http;
  const agent = new transport.Agent({ keepAlive: true });
  const basePath = base.pathname.replace(/\/$/, "");
  const log = opts.log ?? ((message) => console.error(message));
  const tooLarge = `the request body is larger than ${opts.bodyLimit} bytes`;

  /**
   * The path of a request for the API, or null when it is not one (after resolving dot segments, so that
   * /api/../metrics does not leave /api). The API's queue dashboard (operators only, checked by the API) is
   * reached through the web app's origin too, where the operator's session cookie lives.
   * @param {http.IncomingMessage} req
   */
  function apiPath(req) {
    if (!URL.canParse(req.url ?? "/", "http://web.invalid")) return null;
    const url = new URL(req.url ?? "/", "http://web.invalid");
    return FORWARDED_PREFIXES.some((prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
      ? `${url.pathname}${url.search}`
      : null;
  }

  /** @param {http.IncomingMessage} req */
  function declaredLength(req) {
    const value = req.headers["content-length"];
    return value === undefined ? null : Number(value);
  }

  /**
   * Node's answer to Expect: 100-continue; a body that is already known to be too large is refused before the
   * client sends it.
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  function refusesBeforeContinue(req, res) {
    const length = declaredLength(req);
    if (apiPath(req) === null || length === null || length <= opts.bodyLimit) return false;
    refuse(req, res, 413, tooLarge, "payload_too_large", { discardBody: false });
    return true;
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   * @param {string} path
   */
  function forward(req, res, path) {
    const method = req.method ?? "GET";
    if (!METHODS.has(method)) {
      refuse(req, res, 405, `${method} is not forwarded to the API`, "method_not_allowed", {
        headers: { allow: [...METHODS].join(", ") },
      });
      return;
    }
    const length = declaredLength(req);
    if (length !== null && length > opts.bodyLimit) {
      refuse(req, res, 413, tooLarge, "payload_too_large");
      return;
    }

    /** @type {Record<string, string>} */
    const headers = { "x-forwarded-for": forwardedFor(req, opts.trustedProxies) };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    if (length !== null) headers["content-length"] = String(length);
    else if (req.headers["transfer-encoding"]) headers["transfer-encoding"] = "chunked";
    else if (method !== "GET" && method !== "HEAD") headers["content-length"] = "0";

    // Set once this request's outcome is settled (answered, refused or abandoned); later events are ignored.
    let finished = false;
    let bodySent = false;
    let answered = false;
    const upstream = transport.request({
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ""),
      port: base.port || undefined,
      path: `${basePath}${path}`,
      method,
      headers,
      agent,
      timeout: opts.timeoutMs,
    });
    const abandon = () => {
      finished = true;
      upstream.destroy();
    };
    /** @param {number} status @param {string} detail @param {string} code */
    const fail = (status, detail, code) => {
      if (finished) return;
      abandon();
      refuse(req, res, status, detail, code);
    };

    upstream.on("socket", (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => upstream.destroy(new Error("connect timeout")), CONNECT_TIMEOUT_MS);
      socket.once("connect", () => clearTimeout(timer));
      socket.once("close", () => clearTimeout(timer));
    });
    upstream.on("timeout", () => {
      if (finished) return;
      log(`api proxy: ${method} ${path}: no answer from the API within ${opts.timeoutMs} ms`);
      fail(504, "the API did not answer in time", "gateway_timeout");
    });
    upstream.on("error", (error) => {
      if (finished) return;
      log(`api proxy: ${method} ${path}: ${error.message}`);
      fail(502, "the API could not be reached", "bad_gateway");
    });
    upstream.on("response", (answer) => {
      answered = true;
      /** @type {Record<string, string | string[]>} */
      const out = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      }
      // The API answered before the whole body arrived (its own refusal): the rest is not sent on, and this
      // connection cannot be reused.
      if (!req.complete) out.connection = "close";
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res, { end: false });
      answer.once("end", () => {
        if (finished) return;
        finished = true;
        if (!bodySent) upstream.destroy();
        endAfterBody(req, res);
      });
      // The API's connection broke mid-answer: the client's answer cannot be completed either.
      answer.once("close", () => {
        if (finished) return;
        log(`api proxy: ${method} ${path}: the API's answer broke off`);
        abandon();
        res.destroy();
      });
    });

    // The client went away: stop the API's work on its behalf.
    res.once("close", () => {
      if (!res.writableFinished && !finished) abandon();
    });
    req.once("error", () => {
      if (!finished) abandon();
    });

    let received = 0;
    req.on("data", (/** @type {Buffer} */ chunk) => {
      received += chunk.length;
      if (answered) return;
      if (received > opts.bodyLimit) {
        fail(413, tooLarge, "payload_too_large");
        return;
      }
      if (!upstream.write(chunk)) {
        req.pause();
        upstream.once("drain", () => req.resume());
      }
    });
    req.once("end", () => {
      if (finished || answered) return;
      bodySent = true;
      upstream.end();
    });
  }

  return {
    apiPath,
    refusesBeforeContinue,
    forward,
    close: () => agent.destroy(),
  };
}
