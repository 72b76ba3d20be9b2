/**
 * TSIG (RFC 8945) with HMAC-SHA256: signing requests and verifying the server's signed answer.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { CLASS, DnsWireError, encodeName, encodeRecord, type ParsedMessage, readName, TYPE } from "./wire.ts";

export interface TsigKey {
  /** The key's name as configured on the server (e.g. "update-key"). */
  name: string;
  /** Only "hmac-sha256" is supported (any letter case); typed loosely so configuration strings fit. */
  algorithm: "hmac-sha256" | (string & {});
  /** The shared secret, base64. */
  secret: string;
}

const ALGORITHM_NAME = "hmac-sha256";
/** Allowed clock difference between us and the server, in seconds (RFC 8945 recommends 300). */
const FUDGE = 300;

function u48(seconds: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(seconds, 0, 6);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** The TSIG variables that follow the message in the MAC input (RFC 8945 §4.3.3). */
function tsigVariables(
  keyName: string,
  algorithm: string,
  timeSigned: number,
  fudge: number,
  error: number,
  other: Buffer,
) {
  return Buffer.concat([
    encodeName(keyName, true),
    u16(CLASS.ANY),
    Buffer.alloc(4), // TTL 0
    encodeName(algorithm, true),
    u48(timeSigned),
    u16(fudge),
    u16(error),
    u16(other.length),
    other,
  ]);
}

function secretBytes(key: TsigKey): Buffer {
  if (key.algorithm.toLowerCase() !== ALGORITHM_NAME)
    throw new DnsWireError(`unsupported TSIG algorithm ${key.algorithm}`);
  const secret = Buffer.from(key.secret, "base64");
  if (secret.length === 0) throw new DnsWireError("empty TSIG secret");
  return secret;
}

/**
 * Signs an encoded message: returns the message with the TSIG record appended (ARCOUNT incremented) and the MAC,
 * which the caller keeps to verify the answer.
 */
export function signMessage(
  message: Buffer,
  key: TsigKey,
  now = Math.floor(Date.now() / 1000),
): { signed: Buffer; mac: Buffer } {
  const secret = secretBytes(key);
  const mac = createHmac("sha256", secret)
    .update(message)
    .update(tsigVariables(key.name, ALGORITHM_NAME, now, FUDGE, 0, Buffer.alloc(0)))
    .digest();
  const rdata = Buffer.concat([
    encodeName(ALGORITHM_NAME, true),
    u48(now),
    u16(FUDGE),
    u16(mac.length),
    mac,
    message.subarray(0, 2), // original ID
    u16(0), // error
    u16(0), // other len
  ]);
  const record = encodeRecord({ name: key.name, type: TYPE.TSIG, class: CLASS.ANY, ttl: 0, rdata });
  const signed = Buffer.concat([message, record]);
  signed.writeUInt16BE(message.readUInt16BE(10) + 1, 10);
  return { signed, mac };
}

export interface TsigRecord {
  keyName: string;
  algorithm: string;
  timeSigned: number;
  fudge: number;
  mac: Buffer;
  originalId: number;
  error: number;
  other: Buffer;
  /** Where the TSIG record starts in the message. */
  start: number;
}

/** The TSIG record of a parsed message, if its last additional record is one. */
export function readTsig(buf: Buffer, parsed: ParsedMessage): TsigRecord | null {
  const last = parsed.additionals.at(-1);
  if (!last || last.type !== TYPE.TSIG) return null;
  const rdataStart = last.rdata.byteOffset - buf.byteOffset;
  const { name: algorithm, next } = readName(buf, rdataStart);
  const r = buf;
  const timeSigned = r.readUIntBE(next, 6);
  const fudge = r.readUInt16BE(next + 6);
  const macSize = r.readUInt16BE(next + 8);
  const mac = r.subarray(next + 10, next + 10 + macSize);
  let p = next + 10 + macSize;
  const originalId = r.readUInt16BE(p);
  const error = r.readUInt16BE(p + 2);
  const otherLen = r.readUInt16BE(p + 4);
  p += 6;
  return {
    keyName: last.name,
    algorithm: algorithm.toLowerCase(),
    timeSigned,
    fudge,
    mac,
    originalId,
    error,
    other: r.subarray(p, p + otherLen),
    start: last.start,
  };
}

/**
 * Verifies the TSIG of an answer to a request we signed with `requestMac` (RFC 8945 §5.3: the answer's MAC covers
 * the request MAC, the answer without its TSIG record, with the original ID, and the TSIG variables).
 */
export function verifyResponse(buf: Buffer, tsig: TsigRecord, key: TsigKey, requestMac: Buffer): boolean {
  if (tsig.algorithm !== ALGORITHM_NAME || tsig.keyName.toLowerCase() !== key.name.toLowerCase()) return false;
  const body = Buffer.from(buf.subarray(0, tsig.start));
  body.writeUInt16BE(tsig.originalId, 0);
  body.writeUInt16BE(body.readUInt16BE(10) - 1, 10);
  const expected = createHmac("sha256", secretBytes(key))
    .update(u16(requestMac.length))
    .update(requestMac)
    .update(body)
    .update(tsigVariables(tsig.keyName, tsig.algorithm, tsig.timeSigned, tsig.fudge, tsig.error, tsig.other))
    .digest();
  return expected.length === tsig.mac.length && timingSafeEqual(expected, tsig.mac);
}
