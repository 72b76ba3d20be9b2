/**
 * A small DNS wire-format codec (RFC 1035) for the record types this platform publishes, written here rather than
 * taken from dns2 because TSIG needs exact control over the bytes that are signed, and dns2's bit-array writer is
 * slow for the test server's hot path.
 */
import { isIPv4 } from "node:net";
import { canonicalAddress, ipv6Groups, normalizeName } from "./names.ts";
import type { PublishableType } from "./provider.ts";

export const TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  TSIG: 250,
  ANY: 255,
  CAA: 257,
} as const;

export const CLASS = { IN: 1, NONE: 254, ANY: 255 } as const;

export const OPCODE = { QUERY: 0, UPDATE: 5 } as const;

export const RCODE_NAMES: Record<number, string> = {
  0: "NOERROR",
  1: "FORMERR",
  2: "SERVFAIL",
  3: "NXDOMAIN",
  4: "NOTIMP",
  5: "REFUSED",
  6: "YXDOMAIN",
  7: "YXRRSET",
  8: "NXRRSET",
  9: "NOTAUTH",
  10: "NOTZONE",
  16: "BADSIG",
  17: "BADKEY",
  18: "BADTIME",
  22: "BADTRUNC",
};

export interface WireRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  rdata: Buffer;
}

export interface WireQuestion {
  name: string;
  type: number;
  class: number;
}

export interface ParsedRecord extends WireRecord {
  /** Byte offset where this record starts in the message (TSIG verification strips from here). */
  start: number;
  /** Byte offset of the rdata in the message: names inside it may point back into the message. */
  rdataOffset: number;
  section: "answer" | "authority" | "additional";
}

export interface ParsedMessage {
  id: number;
  qr: boolean;
  opcode: number;
  /** Authoritative answer: set only by a server that holds the zone. */
  aa: boolean;
  tc: boolean;
  rd: boolean;
  rcode: number;
  questions: WireQuestion[];
  answers: ParsedRecord[];
  authorities: ParsedRecord[];
  additionals: ParsedRecord[];
}

export class DnsWireError extends Error {
  override readonly name = "DnsWireError";
}

/** Labels of a name (no trailing dot), validated for DNS limits. */
function labelsOf(name: string): string[] {
  const n = name.replace(/\.+$/, "");
  const labels = n === "" ? [] : n.split(".");
  let total = 1;
  for (const label of labels) {
    const len = Buffer.byteLength(label);
    if (len === 0 || len > 63) throw new DnsWireError(`invalid label in name "${name}"`);
    total += len + 1;
  }
  if (total > 255) throw new DnsWireError(`name too long: "${name}"`);
  return labels;
}

function nameLength(name: string): number {
  return labelsOf(name).reduce((n, l) => n + Buffer.byteLength(l) + 1, 1);
}

function writeName(buf: Buffer, offset: number, name: string, lowercase = false): number {
  let pos = offset;
  for (const label of labelsOf(name)) {
    const len = buf.write(lowercase ? label.toLowerCase() : label, pos + 1, "utf8");
    buf[pos] = len;
    pos += len + 1;
  }
  buf[pos] = 0;
  return pos + 1;
}

/** Uncompressed wire form of a name. `lowercase` gives the canonical form TSIG signs (RFC 8945 §4.3.3). */
export function encodeName(name: string, lowercase = false): Buffer {
  const buf = Buffer.alloc(nameLength(name));
  writeName(buf, 0, name, lowercase);
  return buf;
}

/** Reads a possibly compressed name; returns it without trailing dot and the offset after it. */
export function readName(buf: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let pos = offset;
  let next = -1;
  let jumps = 0;
  for (;;) {
    if (pos >= buf.length) throw new DnsWireError("name runs past the end of the message");
    const len = buf[pos] as number;
    if (len === 0) {
      pos += 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) throw new DnsWireError("truncated compression pointer");
      if (++jumps > 64) throw new DnsWireError("compression pointer loop");
      if (next < 0) next = pos + 2;
      pos = ((len & 0x3f) << 8) | (buf[pos + 1] as number);
      continue;
    }
    if (len > 63) throw new DnsWireError("invalid label length");
    labels.push(buf.toString("utf8", pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  return { name: labels.join("."), next: next < 0 ? pos : next };
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function recordLength(r: WireRecord): number {
  return nameLength(r.name) + 10 + r.rdata.length;
}

function writeRecord(buf: Buffer, offset: number, r: WireRecord): number {
  let pos = writeName(buf, offset, r.name);
  pos = buf.writeUInt16BE(r.type, pos);
  pos = buf.writeUInt16BE(r.class, pos);
  pos = buf.writeUInt32BE(r.ttl >>> 0, pos);
  pos = buf.writeUInt16BE(r.rdata.length, pos);
  return pos + r.rdata.copy(buf, pos);
}

export function encodeRecord(r: WireRecord): Buffer {
  const buf = Buffer.alloc(recordLength(r));
  writeRecord(buf, 0, r);
  return buf;
}

export interface MessageInit {
  id: number;
  qr?: boolean;
  opcode?: number;
  aa?: boolean;
  tc?: boolean;
  rd?: boolean;
  ra?: boolean;
  rcode?: number;
  questions?: WireQuestion[];
  answers?: WireRecord[];
  authorities?: WireRecord[];
  additionals?: WireRecord[];
}

/** Encodes a message without name compression (TSIG signs the exact bytes, so simple is safer). */
export function encodeMessage(m: MessageInit): Buffer {
  const qd = m.questions ?? [];
  const an = m.answers ?? [];
  const ns = m.authorities ?? [];
  const ar = m.additionals ?? [];
  const flags =
    (m.qr ? 0x8000 : 0) |
    (((m.opcode ?? 0) & 0xf) << 11) |
    (m.aa ? 0x0400 : 0) |
    (m.tc ? 0x0200 : 0) |
    (m.rd ? 0x0100 : 0) |
    (m.ra ? 0x0080 : 0) |
    ((m.rcode ?? 0) & 0xf);
  // One allocation per message: the test server encodes thousands of answers a second.
  let size = 12;
  for (const q of qd) size += nameLength(q.name) + 4;
  for (const r of an) size += recordLength(r);
  for (const r of ns) size += recordLength(r);
  for (const r of ar) size += recordLength(r);
  const buf = Buffer.alloc(size);
  buf.writeUInt16BE(m.id & 0xffff, 0);
  buf.writeUInt16BE(flags, 2);
  buf.writeUInt16BE(qd.length, 4);
  buf.writeUInt16BE(an.length, 6);
  buf.writeUInt16BE(ns.length, 8);
  buf.writeUInt16BE(ar.length, 10);
  let pos = 12;
  for (const q of qd) {
    pos = writeName(buf, pos, q.name);
    pos = buf.writeUInt16BE(q.type, pos);
    pos = buf.writeUInt16BE(q.class, pos);
  }
  for (const r of [...an, ...ns, ...ar]) pos = writeRecord(buf, pos, r);
  return buf;
}

export function parseMessage(buf: Buffer): ParsedMessage {
  if (buf.length < 12) throw new DnsWireError("message shorter than a header");
  const flags = buf.readUInt16BE(2);
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)] as const;
  let pos = 12;
  const questions: WireQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const { name, next } = readName(buf, pos);
    if (next + 4 > buf.length) throw new DnsWireError("truncated question");
    questions.push({ name, type: buf.readUInt16BE(next), class: buf.readUInt16BE(next + 2) });
    pos = next + 4;
  }
  const sections: ParsedRecord[][] = [[], [], []];
  const sectionNames = ["answer", "authority", "additional"] as const;
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < (counts[s + 1] as number); i++) {
      const start = pos;
      const { name, next } = readName(buf, pos);
      if (next + 10 > buf.length) throw new DnsWireError("truncated record");
      const rdlen = buf.readUInt16BE(next + 8);
      if (next + 10 + rdlen > buf.length) throw new DnsWireError("truncated rdata");
      (sections[s] as ParsedRecord[]).push({
        name,
        type: buf.readUInt16BE(next),
        class: buf.readUInt16BE(next + 2),
        ttl: buf.readUInt32BE(next + 4),
        rdata: buf.subarray(next + 10, next + 10 + rdlen),
        start,
        rdataOffset: next + 10,
        section: sectionNames[s] as ParsedRecord["section"],
      });
      pos = next + 10 + rdlen;
    }
  }
  return {
    id: buf.readUInt16BE(0),
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    rcode: flags & 0xf,
    questions,
    answers: sections[0] as ParsedRecord[],
    authorities: sections[1] as ParsedRecord[],
    additionals: sections[2] as ParsedRecord[],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Presentation format <-> rdata for the publishable types.

export interface SrvValue {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface CaaValue {
  flags: number;
  tag: string;
  value: string;
}

function u16Field(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n > 65535) throw new DnsWireError(`invalid ${what}: "${text}"`);
  return n;
}

/** Parses "priority weight port target" (the target keeps no trailing dot). */
export function parseSrv(value: string): SrvValue {
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 4) throw new DnsWireError(`SRV value must be "priority weight port target": "${value}"`);
  return {
    priority: u16Field(parts[0], "SRV priority"),
    weight: u16Field(parts[1], "SRV weight"),
    port: u16Field(parts[2], "SRV port"),
    target: normalizeName(parts[3] as string),
  };
}

export function formatSrv(v: SrvValue): string {
  return `${v.priority} ${v.weight} ${v.port} ${v.target === "" ? "." : `${normalizeName(v.target)}.`}`;
}

/** Parses `flags tag "value"` (the value may be unquoted). */
export function parseCaa(value: string): CaaValue {
  const m = /^\s*(\d+)\s+([A-Za-z0-9]+)\s+(?:"((?:[^"\\]|\\.)*)"|(\S+))\s*$/.exec(value);
  if (!m) throw new DnsWireError(`CAA value must be 'flags tag "value"': ${value}`);
  const flags = Number(m[1]);
  if (flags > 255) throw new DnsWireError(`invalid CAA flags: ${m[1]}`);
  return { flags, tag: (m[2] as string).toLowerCase(), value: (m[3] ?? m[4] ?? "").replace(/\\(.)/g, "$1") };
}

export function formatCaa(v: CaaValue): string {
  return `${v.flags} ${v.tag} "${v.value.replace(/(["\\])/g, "\\$1")}"`;
}

/** Splits TXT text into character-strings of at most 255 bytes, never inside a UTF-8 sequence. */
export function splitTxt(text: string): string[] {
  const chunks: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (size + n > 255) {
      chunks.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  chunks.push(current);
  return chunks;
}

/** TXT text in zone-file form: quoted character-strings separated by spaces. */
export function quoteTxt(text: string): string {
  return splitTxt(text)
    .map((c) => `"${c.replace(/(["\\])/g, "\\$1")}"`)
    .join(" ");
}

/** Reads TXT content that may be written as quoted character-strings ("a" "b") back into its text. */
export function unquoteTxt(content: string): string {
  const t = content.trim();
  if (!t.startsWith('"')) return t;
  const parts = [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] as string).replace(/\\(.)/g, "$1"));
  return parts.join("");
}

/** Encodes the rdata of a record given in presentation format (TXT: the raw text, unquoted). */
export function encodeRdata(type: PublishableType, value: string): Buffer {
  switch (type) {
    case "A": {
      const v = value.trim();
      if (!isIPv4(v)) throw new DnsWireError(`not an IPv4 address: "${value}"`);
      return Buffer.from(v.split(".").map(Number));
    }
    case "AAAA": {
      const groups = ipv6Groups(value.trim());
      if (!groups) throw new DnsWireError(`not an IPv6 address: "${value}"`);
      const b = Buffer.alloc(16);
      groups.forEach((g, i) => {
        b.writeUInt16BE(g, i * 2);
      });
      return b;
    }
    case "CNAME":
      return encodeName(normalizeName(value));
    case "SRV": {
      const s = parseSrv(value);
      return Buffer.concat([u16(s.priority), u16(s.weight), u16(s.port), encodeName(s.target)]);
    }
    case "TXT":
      return Buffer.concat(
        splitTxt(value).map((c) => {
          const b = Buffer.from(c, "utf8");
          return Buffer.concat([Buffer.from([b.length]), b]);
        }),
      );
    case "CAA": {
      const c = parseCaa(value);
      const tag = Buffer.from(c.tag, "ascii");
      return Buffer.concat([Buffer.from([c.flags, tag.length]), tag, Buffer.from(c.value, "utf8")]);
    }
  }
}

/**
 * The value of a parsed record in the form normalizeRecordValue gives (TXT: its character-strings joined as UTF-8).
 * Takes the whole message because names in the rdata may be compressed.
 */
export function decodeRdata(type: PublishableType, message: Buffer, record: ParsedRecord): string {
  const { rdata, rdataOffset } = record;
  const end = rdataOffset + rdata.length;
  const nameAt = (offset: number): string => {
    const { name, next } = readName(message, offset);
    if (next > end) throw new DnsWireError(`${type} rdata of ${record.name} ends inside a name`);
    return name;
  };
  switch (type) {
    case "A":
      if (rdata.length !== 4) throw new DnsWireError(`A rdata of ${record.name} is ${rdata.length} bytes, not 4`);
      return [...rdata].join(".");
    case "AAAA": {
      if (rdata.length !== 16) throw new DnsWireError(`AAAA rdata of ${record.name} is ${rdata.length} bytes, not 16`);
      const groups = Array.from({ length: 8 }, (_, i) => rdata.readUInt16BE(i * 2).toString(16));
      return canonicalAddress(groups.join(":"));
    }
    case "CNAME":
      return `${normalizeName(nameAt(rdataOffset))}.`;
    case "SRV":
      if (rdata.length < 7) throw new DnsWireError(`SRV rdata of ${record.name} is too short`);
      return formatSrv({
        priority: rdata.readUInt16BE(0),
        weight: rdata.readUInt16BE(2),
        port: rdata.readUInt16BE(4),
        target: nameAt(rdataOffset + 6),
      });
    case "TXT": {
      const chunks: Buffer[] = [];
      for (let pos = 0; pos < rdata.length; ) {
        const len = rdata[pos] as number;
        if (pos + 1 + len > rdata.length) throw new DnsWireError(`TXT rdata of ${record.name} is truncated`);
        chunks.push(rdata.subarray(pos + 1, pos + 1 + len));
        pos += 1 + len;
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    case "CAA": {
      const tagLength = rdata[1];
      if (tagLength === undefined || 2 + tagLength > rdata.length) {
        throw new DnsWireError(`CAA rdata of ${record.name} is truncated`);
      }
      return formatCaa({
        flags: rdata[0] as number,
        tag: rdata.toString("latin1", 2, 2 + tagLength),
        value: rdata.toString("utf8", 2 + tagLength),
      });
    }
  }
}

/** One canonical string per record value, so values from any source compare equal when they mean the same. */
export function normalizeRecordValue(type: PublishableType, value: string): string {
  switch (type) {
    case "A":
    case "AAAA":
      encodeRdata(type, value); // throws unless it is an address of that family
      return canonicalAddress(value);
    case "CNAME":
      return `${normalizeName(value)}.`;
    case "SRV":
      return formatSrv(parseSrv(value));
    case "TXT":
      return value;
    case "CAA":
      return formatCaa(parseCaa(value));
  }
}
