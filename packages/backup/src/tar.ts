/**
 * A minimal POSIX tar (ustar + pax extended headers) writer and reader: regular files and directories
 * only. Written here rather than taken from a package so the archive code has no new dependency; the
 * output is standard, so a decrypted archive opens with `tar xz`.
 */
import type { ByteReader } from "./bytes.ts";

const BLOCK = 512;
const USTAR_MAX_SIZE = 0o77777777777; // 11 octal digits
const ZERO_BLOCK = Buffer.alloc(BLOCK);

export interface TarEntryHeader {
  path: string;
  size: number;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  type: "file" | "directory";
}

function writeString(buf: Buffer, s: string, offset: number, length: number): void {
  buf.write(s, offset, length, "utf8");
}

function writeOctal(buf: Buffer, value: number, offset: number, length: number): void {
  // length-1 octal digits, then NUL
  buf.write(`${value.toString(8).padStart(length - 1, "0")}\0`, offset, length, "ascii");
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum;
}

function rawHeader(name: string, size: number, mode: number, mtime: number, typeflag: string): Buffer {
  const h = Buffer.alloc(BLOCK);
  writeString(h, name, 0, 100);
  writeOctal(h, mode & 0o7777, 100, 8);
  writeOctal(h, 0, 108, 8);
  writeOctal(h, 0, 116, 8);
  writeOctal(h, size, 124, 12);
  writeOctal(h, Math.max(0, Math.floor(mtime)), 136, 12);
  h.write(typeflag, 156, 1, "ascii");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  writeString(h, "root", 265, 32);
  writeString(h, "root", 297, 32);
  h.write(`${checksum(h).toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return h;
}

/** One pax record: "<len> <key>=<value>\n", where len counts the whole record including itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return rest === 0 ? Buffer.alloc(0) : Buffer.alloc(BLOCK - rest);
}

/** The header block(s) for an entry; a pax header goes first when the path or size does not fit ustar. */
export function entryHeader(e: TarEntryHeader): Buffer {
  const name = e.type === "directory" && !e.path.endsWith("/") ? `${e.path}/` : e.path;
  const records: string[] = [];
  if (Buffer.byteLength(name) > 100) records.push(paxRecord("path", name));
  if (e.size > USTAR_MAX_SIZE) records.push(paxRecord("size", String(e.size)));
  const main = rawHeader(
    records.length > 0 ? name.slice(0, 99) : name,
    e.size > USTAR_MAX_SIZE ? 0 : e.size,
    e.mode,
    e.mtime,
    e.type === "directory" ? "5" : "0",
  );
  if (records.length === 0) return main;
  const pax = Buffer.from(records.join(""), "utf8");
  return Buffer.concat([rawHeader("PaxHeader", pax.length, 0o644, e.mtime, "x"), pax, padding(pax.length), main]);
}

/** Two zero blocks end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2);

/** The archive is not valid tar; message says where. */
export class TarFormatError extends Error {
  override readonly name = "TarFormatError";
}

function readString(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? length : nul).toString("utf8");
}

function readOctal(block: Buffer, offset: number, length: number, what: string): number {
  const s = readString(block, offset, length).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`bad ${what} field ${JSON.stringify(s)}`);
  return Number.parseInt(s, 8);
}

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp < 0) throw new TarFormatError("bad pax record");
    const len = Number.parseInt(data.subarray(pos, sp).toString("ascii"), 10);
    if (!Number.isInteger(len) || len <= sp - pos || pos + len > data.length)
      throw new TarFormatError("bad pax record");
    const record = data.subarray(sp + 1, pos + len - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq < 0) throw new TarFormatError("bad pax record");
    out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

const MAX_PAX_SIZE = 1024 * 1024;

/**
 * Reads the next entry's header, or null at the end of the archive. The caller must then read exactly
 * `size` bytes of content and call skipPadding(size).
 */
export async function readEntryHeader(r: ByteReader): Promise<TarEntryHeader | null> {
  let pax: Map<string, string> | null = null;
  for (;;) {
    const block = await r.read(BLOCK);
    if (block.length < BLOCK) throw new TarFormatError("the tar stream ends in the middle of a header");
    if (block.equals(ZERO_BLOCK)) return null;
    if (checksum(block) !== readOctal(block, 148, 8, "checksum")) throw new TarFormatError("bad header checksum");
    const typeflag = String.fromCharCode(block[156] as number);
    const size = readOctal(block, 124, 12, "size");
    if (typeflag === "x" || typeflag === "g") {
      if (size > MAX_PAX_SIZE) throw new TarFormatError("pax header too large");
      const data = await r.read(size);
      if (data.length < size) throw new TarFormatError("the tar stream ends inside a pax header");
      await skipPadding(r, size);
      if (typeflag === "x") pax = parsePax(data);
      continue;
    }
    let name = readString(block, 0, 100);
    const prefix = block.subarray(257, 262).toString("ascii") === "ustar" ? readString(block, 345, 155) : "";
    if (prefix) name = `${prefix}/${name}`;
    const paxPath = pax?.get("path");
    const paxSize = pax?.get("size");
    const header: TarEntryHeader = {
      path: paxPath ?? name,
      size: paxSize !== undefined ? Number(paxSize) : size,
      mode: readOctal(block, 100, 8, "mode"),
      mtime: readOctal(block, 136, 12, "mtime"),
      type: "file",
    };
    if (!Number.isSafeInteger(header.size) || header.size < 0) throw new TarFormatError("bad entry size");
    if (typeflag === "5") {
      header.type = "directory";
      header.path = header.path.replace(/\/+$/, "");
    } else if (typeflag !== "0" && typeflag !== "\0") {
      // Links, devices and FIFOs never belong in a backup; refusing them keeps extraction simple and safe.
      throw new TarFormatError(`unsupported entry type ${JSON.stringify(typeflag)} for ${JSON.stringify(header.path)}`);
    }
    return header;
  }
}

export async function skipPadding(r: ByteReader, size: number): Promise<void> {
  const pad = (BLOCK - (size % BLOCK)) % BLOCK;
  if (pad === 0) return;
  const got = await r.read(pad);
  if (got.length < pad) throw new TarFormatError("the tar stream ends inside an entry's padding");
}
