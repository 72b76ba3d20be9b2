import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { StoreError, StoreNotFoundError, StoreUnavailableError } from "../errors.ts";
import { assertValidKey, assertValidPrefix, type BackupStore, type PutSource, type StoredObject } from "./types.ts";

export interface LocalDirectoryStoreOptions {
  /**
   * An existing directory (typically a mount point). It is never created: if it is missing, the store
   * reports itself unavailable instead of quietly filling the disk under an unmounted mount point.
   */
  root: string;
}

/** Errors of the target filesystem that may clear up by themselves (remount, network, space freed). */
const TRANSIENT = new Set([
  "ENOENT",
  "ENOTDIR",
  "EIO",
  "ENOTCONN",
  "ESTALE",
  "EHOSTDOWN",
  "ETIMEDOUT",
  "ENOSPC",
  "EROFS",
]);

/** Files on a local (or mounted) filesystem, one file per key under `root`. */
export class LocalDirectoryStore implements BackupStore {
  readonly kind = "local";
  readonly root: string;

  constructor(opts: LocalDirectoryStoreOptions) {
    if (!opts.root) throw new TypeError("LocalDirectoryStore: root is required");
    this.root = path.resolve(opts.root);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  private async checkRoot(): Promise<void> {
    try {
      if (!(await stat(this.root)).isDirectory())
        throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    } catch (err) {
      throw this.fail(err, `backup directory ${this.root} is not available`);
    }
  }

  private fail(err: unknown, what: string): StoreError {
    if (err instanceof StoreError) return err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    // The code and its words, as an operator reads them: "ENOSPC: no space left on device, write".
    const reason = err instanceof Error ? err.message : String(err);
    const message = `${what}: ${code && !reason.startsWith(code) ? `${code}: ${reason}` : reason || code}`;
    return TRANSIENT.has(code)
      ? new StoreUnavailableError(message, { cause: err })
      : new StoreError(message, { cause: err });
  }

  async put(key: string, source: PutSource, size?: number): Promise<StoredObject> {
    const target = this.pathOf(key);
    await this.checkRoot();
    const dir = path.dirname(target);
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST" || code === "ENOTDIR") throw new StoreError(`key ${key} lies under an existing object`);
      throw this.fail(err, `cannot write ${key}`);
    }
    // Temporary name in the same directory (same filesystem, so rename is atomic); list() skips dot files.
    const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(tmp, "wx", 0o640);
    } catch (err) {
      throw this.fail(err, `cannot write ${key}`);
    }
    let sourceFailed = false;
    try {
      let written = 0;
      const input: AsyncIterable<Uint8Array> = Buffer.isBuffer(source)
        ? Readable.from([source])
        : source instanceof Readable
          ? source
          : createReadStream(source.file);
      const it = input[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await it.next();
        } catch (err) {
          sourceFailed = true;
          throw err;
        }
        if (next.done) break;
        written += next.value.length;
        if (size !== undefined && written > size) {
          await it.return?.();
          break;
        }
        await fh.write(next.value);
      }
      if (size !== undefined && written !== size) {
        throw new StoreError(
          `refusing ${key}: expected ${size} bytes, the source has ${written > size ? "more" : written}`,
        );
      }
      await fh.sync();
      await fh.close();
      await rename(tmp, target);
    } catch (err) {
      await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
      // Errors reading the caller's source are the caller's; only the target's own errors are mapped.
      if (sourceFailed || err instanceof StoreError) throw err;
      throw this.fail(err, `cannot write ${key}`);
    }
    await syncDir(dir).catch(() => {});
    const st = await stat(target);
    return { key, size: st.size, modified: st.mtime };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await this.checkRoot();
    try {
      const fh = await open(file, "r");
      if (!(await fh.stat()).isFile()) {
        await fh.close();
        throw new StoreNotFoundError(`no object ${key}`);
      }
      return fh.createReadStream();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR")
        throw new StoreNotFoundError(`no object ${key}`);
      throw this.fail(err, `cannot read ${key}`);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await this.checkRoot();
    try {
      await unlink(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return;
      throw this.fail(err, `cannot delete ${key}`);
    }
    // Drop directories the deletion left empty, so the tree does not fill with husks.
    for (let d = path.dirname(file); d.length > this.root.length; d = path.dirname(d)) {
      if (
        !(await rmdir(d).then(
          () => true,
          () => false,
        ))
      )
        break;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertValidPrefix(prefix);
    await this.checkRoot();
    const slash = prefix.lastIndexOf("/");
    const startRel = slash < 0 ? "" : prefix.slice(0, slash);
    const out: StoredObject[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(path.join(this.root, ...rel.split("/").filter(Boolean)), { withFileTypes: true });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (rel === startRel && (code === "ENOENT" || code === "ENOTDIR")) return;
        throw this.fail(err, `cannot list ${prefix}`);
      }
      for (const e of entries) {
        if (e.name.startsWith(".")) continue;
        const key = rel === "" ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory()) {
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(key);
        } else if (e.isFile() && key.startsWith(prefix)) {
          const st = await stat(path.join(this.root, ...key.split("/"))).catch(() => null);
          if (st) out.push({ key, size: st.size, modified: st.mtime });
        }
      }
    };
    await walk(startRel);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async stat(key: string): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    await this.checkRoot();
    try {
      const st = await stat(file);
      return st.isFile() ? { key, size: st.size, modified: st.mtime } : null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return null;
      throw this.fail(err, `cannot stat ${key}`);
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
