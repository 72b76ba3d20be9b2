/**
 * Backup archives: tar (MANIFEST first, then the data files under data/) → gzip → encrypted container
 * (see crypto.ts). The reader checks everything (container, every chunk, final chunk, manifest, every
 * file's size and SHA-256) while extracting into a staging directory that it removes on any failure.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { ByteReader } from "./bytes.ts";
import { decryptStream, EncryptStream } from "./crypto.ts";
import { BackupInvalidError } from "./errors.ts";
import { fsyncDir, isSafeRelativePath } from "./paths.ts";
import type { SnapshotFile } from "./snapshot.ts";
import { END_OF_ARCHIVE, entryHeader, padding, readEntryHeader, skipPadding, TarFormatError } from "./tar.ts";

export const MANIFEST_FORMAT = "xmpp-host-backup";
export const MANIFEST_VERSION = 1;
const MANIFEST_ENTRY = "MANIFEST";
const DATA_PREFIX = "data/";
const MAX_MANIFEST_SIZE = 64 * 1024 * 1024;

export const BACKUP_SERVERS = ["prosody", "ejabberd"] as const;
export type BackupServer = (typeof BACKUP_SERVERS)[number];

export interface ManifestFile {
  /** Relative to the server's data directory. */
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  /** ISO 8601. */
  createdAt: string;
  instanceId: string;
  tenantId: string;
  /** The kind of server whose data this is; data restores only into a server of the same kind. */
  server: BackupServer;
  serverVersion?: string;
  /** The platform's own records for the instance (domains, rooms, invites, settings, certificates), as given. */
  platform: unknown;
  files: ManifestFile[];
}

export type ArchiveInput = AsyncIterable<Uint8Array>;

export interface WriteBackupOptions {
  /** Directory the files were copied into (SnapshotResult.dir). */
  snapshotDir: string;
  files: (ManifestFile & { mode?: number })[] | SnapshotFile[];
  instanceId: string;
  tenantId: string;
  /** Default prosody. */
  server?: BackupServer;
  serverVersion?: string;
  platform?: unknown;
  createdAt?: Date;
  /** The tenant key (deriveTenantKey). */
  key: Buffer;
  /** Receives the archive; it is ended when the archive is complete. */
  out: Writable;
  /** Plaintext bytes per encrypted chunk. Default 64 KiB. */
  chunkSize?: number;
  /** zlib level, default 6. */
  compressionLevel?: number;
}

export interface WriteBackupResult {
  /** Hex SHA-256 of the archive bytes as written to `out`. */
  sha256OfArchive: string;
  size: number;
  manifest: BackupManifest;
}

export async function writeBackup(opts: WriteBackupOptions): Promise<WriteBackupResult> {
  const createdAt = opts.createdAt ?? new Date();
  const files = opts.files.map((f) => {
    if (!isSafeRelativePath(f.path)) throw new TypeError(`unsafe file path ${JSON.stringify(f.path)}`);
    return { path: f.path, size: f.size, sha256: f.sha256, mode: f.mode ?? 0o640 };
  });
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    createdAt: createdAt.toISOString(),
    instanceId: opts.instanceId,
    tenantId: opts.tenantId,
    server: opts.server ?? "prosody",
    ...(opts.serverVersion !== undefined ? { serverVersion: opts.serverVersion } : {}),
    platform: opts.platform ?? null,
    files: files.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
  };
  const mtime = Math.floor(createdAt.getTime() / 1000);

  async function* tar(): AsyncGenerator<Buffer> {
    const json = Buffer.from(JSON.stringify(manifest), "utf8");
    yield entryHeader({ path: MANIFEST_ENTRY, size: json.length, mode: 0o600, mtime, type: "file" });
    yield json;
    yield padding(json.length);
    for (const f of files) {
      yield entryHeader({ path: DATA_PREFIX + f.path, size: f.size, mode: f.mode, mtime, type: "file" });
      // Re-hash while reading: the archive must hold exactly what the manifest promises.
      const hash = createHash("sha256");
      let n = 0;
      for await (const chunk of createReadStream(path.join(opts.snapshotDir, f.path))) {
        const b = chunk as Buffer;
        n += b.length;
        if (n > f.size) break;
        hash.update(b);
        yield b;
      }
      if (n !== f.size || hash.digest("hex") !== f.sha256) {
        throw new Error(`snapshot file ${f.path} changed after the snapshot was taken`);
      }
      yield padding(f.size);
    }
    yield END_OF_ARCHIVE;
  }

  const archiveHash = createHash("sha256");
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      archiveHash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(
    Readable.from(tar()),
    createGzip({ level: opts.compressionLevel ?? 6 }),
    new EncryptStream(opts.key, { chunkSize: opts.chunkSize }),
    measure,
    opts.out,
  );
  return { sha256OfArchive: archiveHash.digest("hex"), size, manifest };
}

/** Checks the manifest's shape; throws BackupInvalidError naming what is wrong. */
export function validateManifest(value: unknown): BackupManifest {
  const bad = (what: string) => new BackupInvalidError("malformed", `the backup's manifest is invalid: ${what}`);
  if (typeof value !== "object" || value === null) throw bad("not an object");
  const m = value as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT) {
    throw new BackupInvalidError(
      "not-a-backup",
      "this file is not a backup of this platform (unknown manifest format)",
    );
  }
  if (typeof m.version !== "number" || !Number.isInteger(m.version) || m.version < 1) throw bad("version");
  if (m.version > MANIFEST_VERSION) {
    throw new BackupInvalidError(
      "unsupported-version",
      `this backup's manifest is version ${m.version}, which is newer than this platform understands (up to ${MANIFEST_VERSION})`,
    );
  }
  for (const k of ["createdAt", "instanceId", "tenantId", "server"] as const) {
    if (typeof m[k] !== "string") throw bad(k);
  }
  if (!BACKUP_SERVERS.includes(m.server as BackupServer)) throw bad(`server ${JSON.stringify(m.server)}`);
  if (m.serverVersion !== undefined && typeof m.serverVersion !== "string") throw bad("serverVersion");
  if (!Array.isArray(m.files)) throw bad("files");
  const seen = new Set<string>();
  for (const f of m.files as unknown[]) {
    const file = f as Record<string, unknown>;
    if (typeof f !== "object" || f === null || !isSafeRelativePath(file.path)) throw bad("file path");
    if (seen.has(file.path)) throw bad(`duplicate file ${file.path}`);
    seen.add(file.path);
    if (typeof file.size !== "number" || !Number.isSafeInteger(file.size) || file.size < 0) throw bad("file size");
    if (typeof file.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(file.sha256)) throw bad("file sha256");
  }
  return m as unknown as BackupManifest;
}

const STOP = new Error("stop after the manifest");

interface ReadHandlers {
  /** Stop once the manifest is read (readManifest). */
  manifestOnly?: boolean;
  /** Consumes one file's content; returns nothing, the reader hashes and counts itself. */
  file?(relPath: string, mode: number, body: AsyncIterable<Buffer>): Promise<void>;
}

/**
 * The reading core: decrypt → gunzip → tar, verifying as it goes. Errors that are not the archive's
 * fault (disk full while writing a file) pass through unchanged.
 */
async function readArchive(input: ArchiveInput, key: Buffer, handlers: ReadHandlers): Promise<BackupManifest> {
  let manifest: BackupManifest | null = null;
  let decryptError: unknown = null;
  const plaintext = Readable.from(
    (async function* () {
      try {
        yield* decryptStream(input, key);
      } catch (err) {
        decryptError = err;
        throw err;
      }
    })(),
  );
  const gunzip = createGunzip();
  let consuming: Promise<void> | null = null;
  const consume = (source: AsyncIterable<Buffer>) => {
    consuming = consumeTar(source);
    return consuming;
  };
  const consumeTar = async (source: AsyncIterable<Buffer>) => {
    const r = new ByteReader(source);
    const first = await readEntryHeader(r);
    if (first?.type !== "file" || first.path !== MANIFEST_ENTRY) {
      throw new BackupInvalidError("malformed", "the archive does not start with its manifest");
    }
    if (first.size > MAX_MANIFEST_SIZE) throw new BackupInvalidError("malformed", "the manifest is too large");
    const json = await r.read(first.size);
    if (json.length < first.size) throw new BackupInvalidError("malformed", "the manifest is cut short");
    await skipPadding(r, first.size);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString("utf8"));
    } catch {
      throw new BackupInvalidError("malformed", "the manifest is not valid JSON");
    }
    manifest = validateManifest(parsed);
    // Leaving the pipeline early needs an error: it would otherwise wait for streams nobody reads.
    if (handlers.manifestOnly) throw STOP;

    const expected = new Map(manifest.files.map((f) => [f.path, f]));
    const seen = new Set<string>();
    for (;;) {
      const h = await readEntryHeader(r);
      if (!h) break;
      if (h.type === "directory") continue;
      const rel = h.path.startsWith(DATA_PREFIX) ? h.path.slice(DATA_PREFIX.length) : null;
      if (rel === null || !isSafeRelativePath(rel)) {
        throw new BackupInvalidError("malformed", `the archive holds an unexpected path ${JSON.stringify(h.path)}`);
      }
      const want = expected.get(rel);
      if (!want || seen.has(rel)) {
        throw new BackupInvalidError("malformed", `the archive holds ${rel}, which its manifest does not list`);
      }
      seen.add(rel);
      if (h.size !== want.size) {
        throw new BackupInvalidError("checksum-mismatch", `${rel} is ${h.size} bytes, the manifest says ${want.size}`);
      }
      const hash = createHash("sha256");
      let left = h.size;
      const body = (async function* () {
        while (left > 0) {
          const piece = await r.readSome(Math.min(left, 1024 * 1024));
          if (piece.length === 0) throw new BackupInvalidError("malformed", `the archive ends inside ${rel}`);
          left -= piece.length;
          hash.update(piece);
          yield piece;
        }
      })();
      if (handlers.file) await handlers.file(rel, h.mode, body);
      for await (const _ of body); // whatever the handler left unread
      await skipPadding(r, h.size);
      if (hash.digest("hex") !== want.sha256) {
        throw new BackupInvalidError("checksum-mismatch", `${rel} does not match the checksum in the manifest`);
      }
    }
    const missing = manifest.files.filter((f) => !seen.has(f.path));
    if (missing.length > 0) {
      throw new BackupInvalidError(
        "malformed",
        `the archive lacks ${missing.length} file(s) listed in its manifest (first: ${missing[0]?.path})`,
      );
    }
    // Read to the very end so the container's final-chunk and trailing-bytes checks run.
    while ((await r.readSome(1024 * 1024)).length > 0);
  };

  try {
    await pipeline(plaintext, gunzip, consume);
  } catch (err) {
    // pipeline() rejects at the first error without waiting for the consumer: let it finish writing
    // (its source is destroyed, so it fails promptly) before the caller removes what it wrote.
    await (consuming as Promise<void> | null)?.catch(() => {});
    if (err === STOP && manifest) return manifest;
    // The container's verdict comes first: a gunzip or tar error after it is only its consequence.
    if (decryptError) throw decryptError;
    if (err instanceof BackupInvalidError) throw err;
    if (err instanceof TarFormatError)
      throw new BackupInvalidError("malformed", `the archive is malformed: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("Z_")) {
      throw new BackupInvalidError("malformed", `the archive's compressed data is malformed (${code})`);
    }
    throw err;
  }
  if (!manifest) throw new BackupInvalidError("malformed", "the archive has no manifest");
  return manifest;
}

/**
 * Reads only the manifest. It checks the header, the key and the chunks it reads, not the whole
 * archive: use verifyBackup or extractBackup before relying on the rest.
 */
export async function readManifest(input: ArchiveInput, key: Buffer): Promise<BackupManifest> {
  return await readArchive(input, key, { manifestOnly: true });
}

/** Reads and checks a whole archive without writing anything. */
export async function verifyBackup(input: ArchiveInput, key: Buffer): Promise<BackupManifest> {
  return await readArchive(input, key, {});
}

/**
 * Extracts into `destDir` (a staging directory: it must not exist or be empty; its parent must exist),
 * verifying everything. On any failure `destDir` is removed and the error rethrown (BackupInvalidError
 * for a bad archive), so the caller touches the live instance only after this resolved. Files and
 * directories are fsynced, so a crash after it returns cannot leave half-written staging files for
 * restoreDataDir to swap in.
 */
export async function extractBackup(input: ArchiveInput, key: Buffer, destDir: string): Promise<BackupManifest> {
  destDir = path.resolve(destDir);
  try {
    await mkdir(destDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST" || (await readdir(destDir)).length > 0) {
      throw new Error(`cannot extract into ${destDir}: ${(err as Error).message}`);
    }
  }
  const dirs = new Set<string>([destDir]);
  try {
    const manifest = await readArchive(input, key, {
      async file(rel, mode, body) {
        const target = path.join(destDir, rel);
        const parent = path.dirname(target);
        if (!dirs.has(parent)) {
          await mkdir(parent, { recursive: true, mode: 0o750 });
          for (let d = parent; d.length > destDir.length && !dirs.has(d); d = path.dirname(d)) dirs.add(d);
        }
        // "wx": never follow or overwrite something already there.
        const fh = await open(target, "wx", mode & 0o777 || 0o640);
        try {
          for await (const piece of body) await fh.write(piece);
          await fh.sync();
        } finally {
          await fh.close();
        }
      },
    });
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(d);
    return manifest;
  } catch (err) {
    // The archive's verdict matters more than a failed cleanup, which the caller would see anyway.
    await rm(destDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    throw err;
  }
}
