/**
 * Keys and the encrypted container.
 *
 * Container v1 = header, then chunks:
 *   header (80 bytes):
 *     0  magic "XHBACKUP"
 *     8  u16 format version (1)
 *     10 u16 algorithm (1 = tar, gzip, AES-256-GCM chunks)
 *     12 u32 chunk size (plaintext bytes per chunk)
 *     16 32-byte random salt
 *     48 16-byte key check
 *     64 first 16 bytes of SHA-256(bytes 0..63)
 *   chunk i: u32 length L, L bytes of ciphertext, 16-byte GCM tag.
 * Every chunk but the last holds exactly `chunk size` bytes; the last holds fewer (possibly none), so the
 * final flag is implied by the length and also authenticated. Per chunk:
 *   nonce = u64 index || 0x000000 || final (1 byte)
 *   AAD   = header digest || u64 index || final || u32 L
 * so chunks cannot be reordered, dropped, moved to another archive, or the archive cut at a chunk
 * boundary without a failed tag or a missing final chunk.
 * The AES key is HKDF(tenant key, salt) per archive, so nonces never repeat under one key however many
 * backups a tenant makes; the key check (more HKDF output) tells "wrong key" apart from "corrupted".
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { ByteReader } from "./bytes.ts";
import { BackupInvalidError } from "./errors.ts";

export const MAGIC = Buffer.from("XHBACKUP", "ascii");
export const CONTAINER_VERSION = 1;
const ALGORITHM_TAR_GZIP_AES256GCM = 1;
export const HEADER_SIZE = 80;
const TAG_SIZE = 16;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
const MIN_CHUNK_SIZE = 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const ARCHIVE_KEY_INFO = Buffer.from("xmpp-host backup v1 archive", "utf8");

/**
 * The per-tenant backup key: HKDF-SHA256 of the platform master key with info "xmpp-host backup v1" +
 * tenantId. A tenant's key opens only that tenant's archives, and rotating the master key rotates all.
 */
export function deriveTenantKey(masterKeyHex: string, tenantId: string): Buffer {
  if (typeof masterKeyHex !== "string" || !/^(?:[0-9a-fA-F]{2})+$/.test(masterKeyHex)) {
    throw new TypeError("master key must be a hex string");
  }
  const master = Buffer.from(masterKeyHex, "hex");
  if (master.length < 32) throw new TypeError("master key must be at least 32 bytes (64 hex digits)");
  if (typeof tenantId !== "string" || tenantId.length === 0) throw new TypeError("tenantId must be a non-empty string");
  const info = Buffer.from(`xmpp-host backup v1${tenantId}`, "utf8");
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), info, 32));
}

function archiveKeys(tenantKey: Buffer, salt: Buffer): { key: Buffer; check: Buffer } {
  if (!Buffer.isBuffer(tenantKey) || tenantKey.length !== 32) throw new TypeError("backup key must be 32 bytes");
  const okm = Buffer.from(hkdfSync("sha256", tenantKey, salt, ARCHIVE_KEY_INFO, 48));
  return { key: okm.subarray(0, 32), check: okm.subarray(32, 48) };
}

function nonceAndAad(headerDigest: Buffer, index: number, final: boolean, length: number) {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 0);
  nonce[11] = final ? 1 : 0;
  const aad = Buffer.alloc(16 + 8 + 1 + 4);
  headerDigest.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), 16);
  aad[24] = final ? 1 : 0;
  aad.writeUInt32BE(length, 25);
  return { nonce, aad };
}

/** Encrypts a byte stream into the container format. */
export class EncryptStream extends Transform {
  private readonly key: Buffer;
  private readonly digest: Buffer;
  private readonly chunkSize: number;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private index = 0;

  constructor(tenantKey: Buffer, opts: { chunkSize?: number } = {}) {
    super();
    const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
      throw new RangeError(`chunk size must be between ${MIN_CHUNK_SIZE} and ${MAX_CHUNK_SIZE}`);
    }
    this.chunkSize = chunkSize;
    const salt = randomBytes(32);
    const { key, check } = archiveKeys(tenantKey, salt);
    this.key = key;
    const header = Buffer.alloc(HEADER_SIZE);
    MAGIC.copy(header, 0);
    header.writeUInt16BE(CONTAINER_VERSION, 8);
    header.writeUInt16BE(ALGORITHM_TAR_GZIP_AES256GCM, 10);
    header.writeUInt32BE(chunkSize, 12);
    salt.copy(header, 16);
    check.copy(header, 48);
    this.digest = createHash("sha256").update(header.subarray(0, 64)).digest().subarray(0, 16);
    this.digest.copy(header, 64);
    this.push(header);
  }

  private seal(plain: Buffer, final: boolean): void {
    const { nonce, aad } = nonceAndAad(this.digest, this.index++, final, plain.length);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    cipher.setAAD(aad);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(plain.length);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    this.push(Buffer.concat([len, body, cipher.getAuthTag()]));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= this.chunkSize) {
      let all = Buffer.concat(this.pending, this.pendingLength);
      while (all.length >= this.chunkSize) {
        this.seal(all.subarray(0, this.chunkSize), false);
        all = all.subarray(this.chunkSize);
      }
      this.pending = all.length > 0 ? [all] : [];
      this.pendingLength = all.length;
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.seal(Buffer.concat(this.pending, this.pendingLength), true);
    this.pending = [];
    this.pendingLength = 0;
    cb();
  }
}

const corrupted = (offset: number, what: string) =>
  new BackupInvalidError("corrupted", `this archive is corrupted at byte ${offset} (${what})`, offset);
const truncated = (offset: number) =>
  new BackupInvalidError(
    "truncated",
    `this archive is truncated: it ends at byte ${offset}, before its final chunk (incomplete upload or copy?)`,
    offset,
  );

/**
 * Decrypts a container, yielding plaintext only from chunks whose tag verified. Throws
 * BackupInvalidError for a foreign file, a newer version, a wrong key, a failed tag, a missing final
 * chunk or bytes after it. The final-chunk and trailing-bytes checks happen when the stream is read to
 * its end.
 */
export async function* decryptStream(source: AsyncIterable<Uint8Array>, tenantKey: Buffer): AsyncGenerator<Buffer> {
  const r = new ByteReader(source);
  try {
    const head = await r.read(HEADER_SIZE);
    const magicLen = Math.min(head.length, MAGIC.length);
    if (head.length === 0 || !head.subarray(0, magicLen).equals(MAGIC.subarray(0, magicLen))) {
      throw new BackupInvalidError("not-a-backup", "this file is not a backup of this platform", 0);
    }
    if (head.length < 10) throw truncated(head.length);
    const version = head.readUInt16BE(8);
    if (version > CONTAINER_VERSION) {
      throw new BackupInvalidError(
        "unsupported-version",
        `this backup has format version ${version}, which is newer than this platform understands (up to ${CONTAINER_VERSION})`,
        8,
      );
    }
    if (head.length < HEADER_SIZE) throw truncated(head.length);
    const digest = createHash("sha256").update(head.subarray(0, 64)).digest().subarray(0, 16);
    if (version === 0 || !timingSafeEqual(digest, head.subarray(64, 80))) throw corrupted(0, "bad header");
    const algorithm = head.readUInt16BE(10);
    const chunkSize = head.readUInt32BE(12);
    if (algorithm !== ALGORITHM_TAR_GZIP_AES256GCM || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
      throw new BackupInvalidError("unsupported-version", `this backup uses an unknown algorithm (${algorithm})`, 10);
    }
    const { key, check } = archiveKeys(tenantKey, head.subarray(16, 48));
    if (!timingSafeEqual(check, head.subarray(48, 64))) {
      throw new BackupInvalidError("wrong-key", "this backup was made for another tenant (wrong key)", 48);
    }

    for (let index = 0; ; index++) {
      const start = r.position;
      const lenBuf = await r.read(4);
      if (lenBuf.length < 4) throw truncated(r.position);
      const length = lenBuf.readUInt32BE(0);
      if (length > chunkSize) throw corrupted(start, `chunk ${index} has an impossible length`);
      const body = await r.read(length + TAG_SIZE);
      if (body.length < length + TAG_SIZE) throw truncated(r.position);
      const final = length < chunkSize;
      const { nonce, aad } = nonceAndAad(digest, index, final, length);
      const decipher = createDecipheriv("aes-256-gcm", key, nonce);
      decipher.setAAD(aad);
      decipher.setAuthTag(body.subarray(length));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()]);
      } catch {
        throw corrupted(start, `chunk ${index} fails authentication`);
      }
      if (plain.length > 0) yield plain;
      if (final) {
        if (!(await r.atEnd())) throw corrupted(r.position, "data after the final chunk");
        return;
      }
    }
  } finally {
    await r.close();
  }
}
