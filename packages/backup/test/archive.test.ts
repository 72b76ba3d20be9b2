import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { tempDir } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BackupInvalidError,
  type BackupManifest,
  decryptStream,
  deriveTenantKey,
  EncryptStream,
  extractBackup,
  readManifest,
  type SnapshotResult,
  snapshotInstance,
  verifyBackup,
  writeBackup,
} from "../src/index.ts";
import { END_OF_ARCHIVE, entryHeader, padding } from "../src/tar.ts";
import { sha, treeDigest } from "./support/tree.ts";

const MASTER = "7f".repeat(32);
const TENANT = "tenant-1";
const key = deriveTenantKey(MASTER, TENANT);
const CHUNK = 4096;

async function collect(stream: Readable | AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function sink(): { out: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { out, data: () => Buffer.concat(chunks) };
}

/** Seals any tar bytes the way writeBackup does: for archives that authenticate but lie. */
async function seal(tar: Buffer, k = key): Promise<Buffer> {
  const s = sink();
  await pipeline(Readable.from([tar]), createGzip(), new EncryptStream(k, { chunkSize: CHUNK }), s.out);
  return s.data();
}

function tarOf(entries: { path: string; body: Buffer; type?: "file" | "directory" }[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(entryHeader({ path: e.path, size: e.body.length, mode: 0o640, mtime: 0, type: e.type ?? "file" }));
    parts.push(e.body, padding(e.body.length));
  }
  parts.push(END_OF_ARCHIVE);
  return Buffer.concat(parts);
}

function manifestFor(files: Record<string, Buffer>, patch: Partial<BackupManifest> = {}): Buffer {
  const m = {
    format: "xmpp-host-backup",
    version: 1,
    createdAt: new Date().toISOString(),
    instanceId: "i1",
    tenantId: TENANT,
    server: "prosody",
    platform: null,
    files: Object.entries(files).map(([p, b]) => ({ path: p, size: b.length, sha256: sha(b) })),
    ...patch,
  };
  return Buffer.from(JSON.stringify(m));
}

describe("backup archives", () => {
  const tmp = tempDir("xh-arch-");
  const dataDir = path.join(tmp.dir, "data");
  let snap: SnapshotResult;
  let archive: Buffer;
  let written: Awaited<ReturnType<typeof writeBackup>>;
  const platform = { domains: [{ name: "family.example" }], rooms: ["family@groups.family.example"], n: 42 };
  let staging = 0;
  const stagingDir = () => path.join(tmp.dir, `staging-${++staging}`);

  /** Extraction must fail with `reason`, and leave no staging directory behind. */
  async function expectRefused(bytes: Buffer, reason: string, k = key): Promise<BackupInvalidError> {
    const dest = stagingDir();
    const err = await extractBackup(Readable.from([bytes]), k, dest).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, `expected ${reason}`).toBeInstanceOf(BackupInvalidError);
    expect((err as BackupInvalidError).reason).toBe(reason);
    expect(existsSync(dest)).toBe(false);
    return err as BackupInvalidError;
  }

  beforeAll(async () => {
    const host = path.join(dataDir, "family%2eexample");
    mkdirSync(path.join(host, "accounts"), { recursive: true });
    mkdirSync(path.join(host, "archive"), { recursive: true });
    writeFileSync(path.join(host, "accounts", "alice.dat"), 'return {\n\t["salt"] = "x";\n};\n');
    writeFileSync(path.join(host, "archive", "alice.list"), 'item({\n\t["key"] = "a";\n});\n'.repeat(2000));
    writeFileSync(path.join(host, "random.bin"), randomBytes(200_000)); // incompressible: many chunks
    writeFileSync(path.join(host, "empty.dat"), "");
    // Longer than ustar's 100-byte name field: needs a pax header.
    writeFileSync(path.join(host, "accounts", `${"%c3%a9".repeat(30)}.dat`), "long name");
    snap = await snapshotInstance({ dataDir, tmpDir: path.join(tmp.dir, "snapshots") });
    const s = sink();
    written = await writeBackup({
      snapshotDir: snap.dir,
      files: snap.files,
      instanceId: "inst-1",
      tenantId: TENANT,
      serverVersion: "0.12.3",
      platform,
      key,
      out: s.out,
      chunkSize: CHUNK,
    });
    archive = s.data();
  });

  afterAll(() => tmp.remove());

  it("round-trips every file, the manifest and the platform records", async () => {
    expect(written.size).toBe(archive.length);
    expect(written.sha256OfArchive).toBe(sha(archive));
    const dest = stagingDir();
    const manifest = await extractBackup(Readable.from([archive]), key, dest);
    expect(treeDigest(dest)).toEqual(treeDigest(dataDir));
    expect(manifest).toMatchObject({
      format: "xmpp-host-backup",
      version: 1,
      instanceId: "inst-1",
      tenantId: TENANT,
      server: "prosody",
      serverVersion: "0.12.3",
      platform,
    });
    expect(manifest.files.map((f) => f.path).sort()).toEqual(Object.keys(treeDigest(dataDir)).sort());
    expect(await readManifest(Readable.from([archive]), key)).toEqual(manifest);
    expect(await verifyBackup(Readable.from([archive]), key)).toEqual(manifest);
    // The plaintext is standard tar.gz, MANIFEST first: ops can inspect a decrypted archive with tar.
    const plain = await collect(decryptStream(Readable.from([archive]), key));
    const listing = execFileSync("tar", ["-tz"], { input: plain }).toString().trim().split("\n");
    expect(listing[0]).toBe("MANIFEST");
    expect(listing).toContain(`data/family%2eexample/accounts/${"%c3%a9".repeat(30)}.dat`);
  });

  it("reads the manifest without reading the whole archive", async () => {
    let served = 0;
    const slow = Readable.from(
      (function* () {
        for (let i = 0; i < archive.length; i += 1024) {
          served += 1024;
          yield archive.subarray(i, i + 1024);
        }
      })(),
    );
    const m = await readManifest(slow, key);
    expect(m.instanceId).toBe("inst-1");
    expect(served).toBeLessThan(archive.length / 2);
  });

  it("refuses an archive with one byte flipped anywhere, saying where", async () => {
    const positions = [0, 9, 20, 50, 70, 85, 100, Math.floor(archive.length / 3), Math.floor(archive.length / 2)];
    positions.push(archive.length - 20, archive.length - 1);
    for (const pos of positions) {
      const bad = Buffer.from(archive);
      bad[pos] = (bad[pos] as number) ^ 0x01;
      const err = await extractBackup(Readable.from([bad]), key, stagingDir()).then(
        () => null,
        (e: unknown) => e as BackupInvalidError,
      );
      expect(err, `flip at ${pos}`).toBeInstanceOf(BackupInvalidError);
      if (pos >= 80) {
        expect(err?.reason).toBe("corrupted");
        expect(err?.message).toMatch(/this archive is corrupted at byte \d+/);
        // The offset is the start of the chunk that holds the flipped byte.
        expect(err?.offset).toBeLessThanOrEqual(pos);
        expect(pos - (err?.offset ?? 0)).toBeLessThan(CHUNK + 20);
      }
    }
    const mid = Buffer.from(archive);
    const half = Math.floor(mid.length / 2);
    mid[half] = (mid[half] as number) ^ 0xff;
    await expectRefused(mid, "corrupted");
  });

  it("refuses truncated archives, whether cut inside a chunk or exactly between chunks", async () => {
    for (const len of [10, 79, 80, 83, 500, 80 + 4 + CHUNK + 16, archive.length - 17, archive.length - 1]) {
      const err = await expectRefused(archive.subarray(0, len), "truncated");
      expect(err.message).toContain("truncated");
    }
  });

  it("refuses another tenant's key, with a message that says so", async () => {
    const err = await expectRefused(archive, "wrong-key", deriveTenantKey(MASTER, "tenant-2"));
    expect(err.message).toBe("this backup was made for another tenant (wrong key)");
    await expect(readManifest(Readable.from([archive]), deriveTenantKey("80".repeat(32), TENANT))).rejects.toThrow(
      /wrong key/,
    );
  });

  it("refuses foreign files: random bytes, an empty file, a plain tar.gz", async () => {
    for (const foreign of [
      randomBytes(10_000),
      Buffer.alloc(0),
      gzipSync(tarOf([{ path: "x", body: Buffer.from("x") }])),
    ]) {
      const err = await expectRefused(foreign, "not-a-backup");
      expect(err.message).toBe("this file is not a backup of this platform");
    }
  });

  it("refuses a newer format version by name", async () => {
    const v2 = Buffer.from(archive);
    v2.writeUInt16BE(2, 8);
    const err = await expectRefused(v2, "unsupported-version");
    expect(err.message).toMatch(/version 2, which is newer than this platform understands/);
    // And a manifest version from the future inside a valid container.
    const files = { a: Buffer.from("a") };
    const sealed = await seal(tarOf([{ path: "MANIFEST", body: manifestFor(files, { version: 2 as 1 }) }]));
    expect((await expectRefused(sealed, "unsupported-version")).message).toMatch(/version 2/);
  });

  it("refuses reordered, dropped and appended chunks", async () => {
    // Chunk i starts at 80 + i * (4 + CHUNK + 16) while all chunks are full.
    const size = 4 + CHUNK + 16;
    const at = (i: number) => 80 + i * size;
    expect(archive.length).toBeGreaterThan(at(5));
    const swapped = Buffer.concat([
      archive.subarray(0, at(1)),
      archive.subarray(at(2), at(3)),
      archive.subarray(at(1), at(2)),
      archive.subarray(at(3)),
    ]);
    expect((await expectRefused(swapped, "corrupted")).offset).toBe(at(1));
    const dropped = Buffer.concat([archive.subarray(0, at(2)), archive.subarray(at(3))]);
    expect((await expectRefused(dropped, "corrupted")).offset).toBe(at(2));
    const appended = Buffer.concat([archive, Buffer.from("more")]);
    expect((await expectRefused(appended, "corrupted")).message).toMatch(/data after the final chunk/);
    // A chunk from another archive of the same tenant does not fit either (per-archive key).
    const s = sink();
    await writeBackup({
      snapshotDir: snap.dir,
      files: snap.files,
      instanceId: "inst-1",
      tenantId: TENANT,
      key,
      out: s.out,
      chunkSize: CHUNK,
    });
    const other = s.data();
    const spliced = Buffer.concat([archive.subarray(0, at(1)), other.subarray(at(1), at(2)), archive.subarray(at(2))]);
    expect((await expectRefused(spliced, "corrupted")).offset).toBe(at(1));
  });

  it("refuses authentic archives whose content lies: checksums, unlisted, missing and unsafe files", async () => {
    const a = Buffer.from("alpha");
    const b = Buffer.from("bravo");
    const manifest = manifestFor({ "h/a.dat": a, "h/b.dat": b });
    const ok = tarOf([
      { path: "MANIFEST", body: manifest },
      { path: "data/h/a.dat", body: a },
      { path: "data/h/b.dat", body: b },
    ]);
    expect((await extractBackup(Readable.from([await seal(ok)]), key, stagingDir())).files).toHaveLength(2);

    const swappedContent = tarOf([
      { path: "MANIFEST", body: manifest },
      { path: "data/h/a.dat", body: Buffer.from("ALPHA") },
      { path: "data/h/b.dat", body: b },
    ]);
    await expectRefused(await seal(swappedContent), "checksum-mismatch");
    const missing = tarOf([
      { path: "MANIFEST", body: manifest },
      { path: "data/h/a.dat", body: a },
    ]);
    expect((await expectRefused(await seal(missing), "malformed")).message).toMatch(/lacks 1 file/);
    const extra = tarOf([
      { path: "MANIFEST", body: manifest },
      { path: "data/h/a.dat", body: a },
      { path: "data/h/b.dat", body: b },
      { path: "data/h/c.dat", body: b },
    ]);
    await expectRefused(await seal(extra), "malformed");
    const traversal = tarOf([
      { path: "MANIFEST", body: manifestFor({ "h/a.dat": a }) },
      { path: "data/../../escape", body: a },
    ]);
    await expectRefused(await seal(traversal), "malformed");
    expect(existsSync(path.join(tmp.dir, "escape"))).toBe(false);
    await expectRefused(await seal(tarOf([{ path: "MANIFEST", body: manifestFor({ "../escape": a }) }])), "malformed");
    const noManifest = tarOf([{ path: "data/h/a.dat", body: a }]);
    await expectRefused(await seal(noManifest), "malformed");
    const foreignManifest = tarOf([{ path: "MANIFEST", body: Buffer.from('{"format":"something-else"}') }]);
    await expectRefused(await seal(foreignManifest), "not-a-backup");
  });

  it("does not empty or remove a destination that already holds files", async () => {
    const dest = stagingDir();
    mkdirSync(dest);
    writeFileSync(path.join(dest, "keep"), "x");
    await expect(extractBackup(Readable.from([archive]), key, dest)).rejects.toThrow(/cannot extract/);
    expect(readFileSync(path.join(dest, "keep"), "utf8")).toBe("x");
  });

  it("streams: the archive can be consumed while it is being written", async () => {
    const pipe = new PassThrough();
    const [w, m] = await Promise.all([
      writeBackup({ snapshotDir: snap.dir, files: snap.files, instanceId: "i", tenantId: TENANT, key, out: pipe }),
      verifyBackup(pipe, key),
    ]);
    expect(m.files).toHaveLength(snap.files.length);
    expect(w.manifest.files).toEqual(m.files);
  });

  it("refuses to write a snapshot whose files changed after it was taken", async () => {
    const files = snap.files.map((f) => (f.path.endsWith("alice.dat") ? { ...f, sha256: "0".repeat(64) } : f));
    await expect(
      writeBackup({ snapshotDir: snap.dir, files, instanceId: "i", tenantId: TENANT, key, out: sink().out }),
    ).rejects.toThrow(/changed after the snapshot/);
  });

  it("derives per-tenant keys with HKDF from the master key", () => {
    expect(deriveTenantKey(MASTER, TENANT)).toEqual(key);
    expect(key).toHaveLength(32);
    expect(deriveTenantKey(MASTER, "tenant-2").equals(key)).toBe(false);
    expect(deriveTenantKey("80".repeat(32), TENANT).equals(key)).toBe(false);
    expect(() => deriveTenantKey("7f".repeat(16), TENANT)).toThrow(TypeError);
    expect(() => deriveTenantKey("zz".repeat(32), TENANT)).toThrow(TypeError);
    expect(() => deriveTenantKey(MASTER, "")).toThrow(TypeError);
  });
});
