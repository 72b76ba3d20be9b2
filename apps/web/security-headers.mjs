// @ts-check
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { plainAddress } from "./api-proxy.mjs";

/**
 * Whether the visitor reached us over HTTPS. This server speaks plain HTTP, so only a TLS-terminating proxy listed
 * in WEB_TRUSTED_PROXIES can say so, with X-Forwarded-Proto; the last value is the one that proxy set. Anyone
 * else's header is ignored.
 * @param {import("node:http").IncomingMessage} req @param {import("node:net").BlockList} trusted
 */
export function cameOverHttps(req, trusted) {
  const peer = plainAddress(req.socket.remoteAddress ?? "");
  const family = isIP(peer);
  if (!family || !trusted.check(peer, family === 6 ? "ipv6" : "ipv4")) return false;
  const sent = req.headers["x-forwarded-proto"];
  const last = (Array.isArray(sent) ? sent.join(",") : (sent ?? "")).split(",").pop()?.trim().toLowerCase();
  return last === "https";
}

/** A fresh nonce for one page's scripts. */
export function newNonce() {
  return randomBytes(16).toString("base64");
}

/**
 * The headers every answer of the web app carries. Scripts run only with this request's nonce (Next reads it from
 * the request's Content-Security-Policy header and puts it on its own scripts); 'strict-dynamic' lets them load
 * their chunks. Styles allow inline attributes, which charts set. The referrer policy must not be no-referrer:
 * a form posted with it sends `Origin: null`, which Next refuses for server actions.
 * @param {{ nonce: string, https: boolean, dev: boolean }} opts
 * @returns {Record<string, string>}
 */
export function securityHeaders({ nonce, https, dev }) {
  const csp = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // Copy buttons write to the clipboard; nothing else here needs a device.
    "permissions-policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), clipboard-read=(), clipboard-write=(self)",
    // No includeSubDomains: names under the platform's domain belong to tenants' chat servers.
    ...(https ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}
