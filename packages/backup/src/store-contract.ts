/**
 * The BackupStore contract as a vitest suite, which every store implementation passes.
 * Usage: describeBackupStoreContract("local", async () => ({ store, unreachable, teardown })).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreError, StoreNotFoundError, StoreUnavailableError } from "./errors.ts";
import type { BackupStore } from "./store/types.ts";

export interface BackupStoreContractFixture {
  store: BackupStore;
  /**
   * Whether the target itself makes a write visible only once complete. True for directories (the store
   * renames) and for AWS S3 and MinIO; false for s3rver, a test double that writes objects in place as
   * bytes arrive, so an interrupted upload leaves a partial object there. With false, the suite still
   * checks that such puts fail promptly, but not what the target shows afterwards.
   */
  atomicWrites: boolean;
  /** The same kind of store pointed at a target that cannot be reached (closed port, missing mount). */
  unreachable(): Promise<BackupStore> | BackupStore;
  teardown(): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

export function describeBackupStoreContract(name: string, setup: () => Promise<BackupStoreContractFixture>): void {
  describe(`BackupStore contract: ${name}`, () => {
    let f: BackupStoreContractFixture;
    let store: BackupStore;
    // A unique prefix per run, so a reused target cannot make a test pass by accident.
    const run = `run-${randomBytes(4).toString("hex")}`;
    const k = (s: string) => `${run}/${s}`;
    const tmp = mkdtempSync(path.join(os.tmpdir(), "xh-store-"));

    beforeAll(async () => {
      f = await setup();
      store = f.store;
    });
    afterAll(async () => {
      await f?.teardown();
      rmSync(tmp, { recursive: true, force: true });
    });

    it("stores bytes, a stream and a file, and gives them back", async () => {
      const data = randomBytes(3 * 1024 * 1024 + 17);
      const a = await store.put(k("t1/a.xhb"), data);
      expect(a).toMatchObject({ key: k("t1/a.xhb"), size: data.length });
      expect(a.modified).toBeInstanceOf(Date);
      expect(sha(await readAll(await store.get(k("t1/a.xhb"))))).toBe(sha(data));

      await store.put(k("t1/b.xhb"), Readable.from([data.subarray(0, 1000), data.subarray(1000)]), data.length);
      expect(sha(await readAll(await store.get(k("t1/b.xhb"))))).toBe(sha(data));

      const file = path.join(tmp, "c.bin");
      writeFileSync(file, data.subarray(0, 12345));
      await store.put(k("t1/c.xhb"), { file });
      expect((await store.stat(k("t1/c.xhb")))?.size).toBe(12345);

      // A stream of unknown length.
      await store.put(k("t1/d.xhb"), Readable.from([Buffer.from("hello "), Buffer.from("world")]));
      expect((await readAll(await store.get(k("t1/d.xhb")))).toString()).toBe("hello world");
      // An empty object.
      await store.put(k("t1/e.xhb"), Buffer.alloc(0));
      expect((await store.stat(k("t1/e.xhb")))?.size).toBe(0);
    });

    it("replaces an object on put", async () => {
      await store.put(k("r/x"), Buffer.from("first version"));
      await store.put(k("r/x"), Buffer.from("second"));
      expect((await readAll(await store.get(k("r/x")))).toString()).toBe("second");
      expect((await store.stat(k("r/x")))?.size).toBe(6);
    });

    it("reports missing objects: get throws StoreNotFoundError, stat gives null, delete is idempotent", async () => {
      await expect(store.get(k("nope/missing"))).rejects.toBeInstanceOf(StoreNotFoundError);
      expect(await store.stat(k("nope/missing"))).toBeNull();
      await expect(store.delete(k("nope/missing"))).resolves.toBeUndefined();
      await store.put(k("del/one"), Buffer.from("1"));
      await store.delete(k("del/one"));
      expect(await store.stat(k("del/one"))).toBeNull();
      await store.delete(k("del/one"));
    });

    it("lists by plain string prefix, sorted, with sizes", async () => {
      await store.put(k("l/tenant-a/inst-1/2026-01-02.xhb"), Buffer.alloc(2));
      await store.put(k("l/tenant-a/inst-1/2026-01-01.xhb"), Buffer.alloc(1));
      await store.put(k("l/tenant-a/inst-10/2026-01-01.xhb"), Buffer.alloc(3));
      await store.put(k("l/tenant-b/inst-2/2026-01-01.xhb"), Buffer.alloc(4));
      const keys = async (p: string) => (await store.list(p)).map((o) => o.key);
      expect(await keys(k("l/tenant-a/inst-1/"))).toEqual([
        k("l/tenant-a/inst-1/2026-01-01.xhb"),
        k("l/tenant-a/inst-1/2026-01-02.xhb"),
      ]);
      // Not a directory boundary: inst-1 also matches inst-10, as in S3.
      expect(await keys(k("l/tenant-a/inst-1"))).toHaveLength(3);
      expect(await keys(k("l/"))).toHaveLength(4);
      expect(await keys(k("l/tenant-c/"))).toEqual([]);
      const sizes = (await store.list(k("l/tenant-a/inst-1/"))).map((o) => o.size);
      expect(sizes).toEqual([1, 2]);
      expect((await store.list(run)).every((o) => o.key.startsWith(run))).toBe(true);
    });

    it("refuses keys that are not path-safe", async () => {
      for (const bad of ["../escape", "a/../../b", "/abs", "a//b", "a/./b", "", ".hidden", "a/.tmp", "a\\b", "a b"]) {
        await expect(store.put(bad, Buffer.from("x")), bad).rejects.toBeInstanceOf(TypeError);
        await expect(store.get(bad), bad).rejects.toBeInstanceOf(TypeError);
      }
      await expect(store.list("../")).rejects.toBeInstanceOf(TypeError);
    });

    it("refuses a source whose length differs from the announced size, keeping the old object", async () => {
      await store.put(k("size/x"), Buffer.from("original"));
      await expect(store.put(k("size/x"), Readable.from([Buffer.from("short")]), 100)).rejects.toBeInstanceOf(
        StoreError,
      );
      await expect(store.put(k("size/x"), Readable.from([Buffer.from("much too long")]), 3)).rejects.toBeInstanceOf(
        StoreError,
      );
      if (f.atomicWrites) {
        expect((await readAll(await store.get(k("size/x")))).toString()).toBe("original");
        expect((await store.list(k("size/"))).map((o) => o.key)).toEqual([k("size/x")]);
      }
    });

    it("never shows a partly written object", async () => {
      await store.put(k("atomic/x"), Buffer.from("old content"));
      const source = new PassThrough();
      const put = store.put(k("atomic/x"), source, 2 * 1024 * 1024);
      source.write(randomBytes(1024 * 1024));
      await new Promise((r) => setTimeout(r, 100));
      if (f.atomicWrites) {
        // Half the new object has been sent: readers still see the old one, whole.
        expect((await readAll(await store.get(k("atomic/x")))).toString()).toBe("old content");
        expect((await store.stat(k("atomic/x")))?.size).toBe(11);
        expect((await store.list(k("atomic/"))).map((o) => o.key)).toEqual([k("atomic/x")]);
      }
      source.end(randomBytes(1024 * 1024));
      await put;
      expect((await store.stat(k("atomic/x")))?.size).toBe(2 * 1024 * 1024);
    });

    it("a failing source stream fails the put promptly and leaves nothing behind", async () => {
      const source = new PassThrough();
      const started = Date.now();
      const put = store.put(k("fail/x"), source, 1000);
      source.write(Buffer.alloc(10));
      setTimeout(() => source.destroy(new Error("disk read error")), 20);
      await expect(put).rejects.toThrow("disk read error");
      expect(Date.now() - started).toBeLessThan(5000);
      if (f.atomicWrites) {
        expect(await store.stat(k("fail/x"))).toBeNull();
        expect(await store.list(k("fail/"))).toEqual([]);
      }
    });

    it("throws StoreUnavailableError (retryable) when the target cannot be reached", async () => {
      const down = await f.unreachable();
      try {
        for (const call of [
          () => down.put(k("u/x"), Buffer.from("x")),
          () => down.get(k("u/x")),
          () => down.stat(k("u/x")),
          () => down.list(k("u/")),
          () => down.delete(k("u/x")),
        ]) {
          const err = await call().then(
            () => null,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(StoreUnavailableError);
          expect((err as StoreUnavailableError).retryable).toBe(true);
        }
      } finally {
        down.close?.();
      }
    });
  });
}
