/**
 * SASL SCRAM-SHA-1 (RFC 5802) with Hi() from node:crypto's PBKDF2: about a millisecond, where a WebCrypto call
 * per round (what @xmpp/client's mechanism does) costs most of a second.
 */
import { createHash, createHmac, pbkdf2Sync } from "node:crypto";

/** SCRAM saslname escaping (RFC 5802 §5.1). */
export function saslName(s: string): string {
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
