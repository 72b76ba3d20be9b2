/**
 * The whole backup path against a real Prosody 0.12: accounts, a members-only room and MAM archives made
 * through the server; a snapshot taken while a client keeps sending; an encrypted archive in a
 * LocalDirectoryStore (and a copy in S3); the data wiped; extraction and swap; the server started again
 * and checked from the outside.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { type InstanceSpec, LocalRuntime } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { createDriver, type XmppServerDriver } from "@xmpp-host/xmpp";
import { xmppLogin } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BackupInvalidError,
  type BackupManifest,
  deriveTenantKey,
  extractBackup,
  LocalDirectoryStore,
  restoreDataDir,
  S3Store,
  snapshotInstance,
  stagingDirFor,
  verifyBackup,
  writeBackup,
} from "../src/index.ts";
import { type ChatSession, chatLogin } from "./support/chat-client.ts";
import { type LocalS3, startLocalS3 } from "./support/testing.ts";
import { sha, treeDigest } from "./support/tree.ts";

const DOMAIN = "family.example";
const ROOM = `family@groups.${DOMAIN}`;
const TENANT = "tenant-family";
const MASTER = "7f".repeat(32);
const PASSWORDS = { alice: "alice-pw-1", bob: "bob-pw-2", carol: "carol-pw-3" };
const jid = (u: string) => `${u}@${DOMAIN}`;

/** Items in a Prosody list file: each ends with a "});" line in column 0. */
const countItems = (file: string) => (readFileSync(file, "utf8").match(/^\}\);$/gm) ?? []).length;

const ms = (t0: number) => Math.round(performance.now() - t0);

describe("backup and restore of a real Prosody instance", () => {
  const tmp = tempDir("xh-bk-");
  const runtime = new LocalRuntime({ dataRoot: path.join(tmp.dir, "rt") });
  const store = new LocalDirectoryStore({ root: path.join(tmp.dir, "store") });
  const key = deriveTenantKey(MASTER, TENANT);
  const cert = selfSignedCertificate([DOMAIN, `*.${DOMAIN}`]);
  let spec: InstanceSpec;
  let driver: XmppServerDriver;
  let s3: LocalS3;
  let s3store: S3Store;
  const sessions: ChatSession[] = [];
  const ep = () => ({ host: "127.0.0.1", port: spec.ports.c2s, domain: DOMAIN, ca: cert.certPem });
  const paths = () => runtime.paths(spec.id);
  // Set by the round trip, used by the refusal tests.
  let archiveKey = "";
  let manifest: BackupManifest;

  beforeAll(async () => {
    mkdirSync(store.root);
    const [c2s, s2s, http] = await freePorts(3);
    if (!c2s || !s2s || !http) throw new Error("no free ports");
    spec = {
      id: "fam",
      server: "prosody",
      ports: { c2s, s2s, http },
      bindAddress: "127.0.0.1",
      domains: [{ name: DOMAIN, registration: "invite" }],
    };
    await runtime.writeCertificate(spec.id, DOMAIN, cert.certPem, cert.keyPem);
    await runtime.start(spec);
    driver = createDriver("prosody", runtime.adminChannel(spec), { timeoutMs: 5000 });
    for (const [user, pw] of Object.entries(PASSWORDS)) await driver.createAccount(jid(user), pw);
    await driver.createRoom(ROOM, { title: "The Family", membersOnly: true, persistent: true, public: false });
    await driver.setRoomMembers(ROOM, Object.keys(PASSWORDS).map(jid));
    s3 = await startLocalS3("backups");
    s3store = new S3Store({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: s3.region,
      credentials: s3.credentials,
      forcePathStyle: true,
    });
  }, 60_000);

  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => {});
    await driver?.close().catch(() => {});
    s3store?.close();
    await s3?.stop().catch(() => {});
    await runtime.destroy(spec.id).catch(() => {});
    tmp.remove();
  }, 30_000);

  it("backs up under write load and restores a server with its accounts, room and archives", async () => {
    const alice = await chatLogin({ ...ep(), username: "alice", password: PASSWORDS.alice, resource: "a" });
    const bob = await chatLogin({ ...ep(), username: "bob", password: PASSWORDS.bob, resource: "b" });
    sessions.push(alice, bob);
    for (let i = 0; i < 120; i++) bob.send(jid("alice"), `pre-${i}`);
    await bob.ping();
    expect(await alice.archiveCount()).toBe(120); // MAM really archived them

    const host = path.join(paths().data, "family%2eexample");
    // Bulk: ~10 MB of list files in Prosody's own format (copies of a real archive), for a realistic pause.
    const real = readFileSync(path.join(host, "archive", "alice.list"));
    const filler = Buffer.concat(Array.from({ length: Math.ceil(500_000 / real.length) }, () => real));
    for (let i = 0; i < 20; i++) writeFileSync(path.join(host, "archive", `filler${i}.list`), filler);

    // A writer that keeps going while the snapshot is taken.
    let sent = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        bob.send(jid("alice"), `w-${sent++}`);
        if (sent % 20 === 0) await bob.ping();
        else await new Promise((r) => setTimeout(r, 3));
      }
      await bob.ping();
    })();
    while (sent < 40) await new Promise((r) => setTimeout(r, 5));

    const { pid } = await runtime.status(spec.id);
    let t0 = performance.now();
    const snap = await snapshotInstance({ dataDir: paths().data, pid, tmpDir: path.join(tmp.dir, "snapshots") });
    const snapshotMs = ms(t0);
    const sentAtSnapshot = sent;
    while (sent < sentAtSnapshot + 40) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await writer;

    const snapItems = countItems(path.join(snap.dir, "family%2eexample", "archive", "alice.list"));
    const snapBobItems = countItems(path.join(snap.dir, "family%2eexample", "archive", "bob.list"));
    expect(snapItems).toBeGreaterThan(120);
    expect(snapItems).toBeLessThan(120 + sent); // later messages are not in it
    const totalBytes = snap.files.reduce((s, f) => s + f.size, 0);
    expect(totalBytes).toBeGreaterThan(10_000_000);

    // Encrypted archive streamed straight into the store, then a copy in S3.
    archiveKey = `${TENANT}/${spec.id}/${new Date().toISOString().replace(/[:.]/g, "-")}.xhb`;
    const platform = {
      domains: spec.domains,
      rooms: [{ jid: ROOM, title: "The Family", membersOnly: true }],
      invites: [],
      settings: { backupIntervalHours: 24 },
      certificates: [{ host: DOMAIN, certPem: cert.certPem }],
    };
    t0 = performance.now();
    const pipe = new PassThrough();
    const [written, stored] = await Promise.all([
      writeBackup({
        snapshotDir: snap.dir,
        files: snap.files,
        instanceId: spec.id,
        tenantId: TENANT,
        serverVersion: (await driver.serverInfo()).version,
        platform,
        key,
        out: pipe,
      }),
      store.put(archiveKey, pipe),
    ]);
    const backupMs = ms(t0);
    manifest = written.manifest;
    expect(stored.size).toBe(written.size);
    rmSync(snap.dir, { recursive: true });
    const inS3 = await s3store.put(archiveKey, await store.get(archiveKey), written.size);
    expect(inS3.size).toBe(written.size);
    const fromS3 = await verifyBackup(await s3store.get(archiveKey), key);
    expect(fromS3).toEqual(manifest);

    // Disaster: the server's data is gone.
    await alice.close();
    await bob.close();
    await driver.close();
    await runtime.stop(spec.id);
    const fillerDigest = sha(readFileSync(path.join(host, "archive", "filler3.list")));
    rmSync(paths().data, { recursive: true });
    mkdirSync(paths().data);

    t0 = performance.now();
    const staging = stagingDirFor(paths().data);
    const restored = await extractBackup(await store.get(archiveKey), key, staging);
    await restoreDataDir({ stagingDir: staging, dataDir: paths().data });
    const restoreMs = ms(t0);
    expect(restored).toEqual(manifest);
    expect(restored.platform).toEqual(platform);
    expect(restored.serverVersion).toBe("0.12.3");
    t0 = performance.now();
    await runtime.start(spec);
    const startMs = ms(t0);
    driver = createDriver("prosody", runtime.adminChannel(spec), { timeoutMs: 5000 });

    // Accounts and their passwords.
    const login = await xmppLogin({ ...ep(), username: "carol", password: PASSWORDS.carol });
    await login.close();
    await expect(xmppLogin({ ...ep(), username: "carol", password: "wrong" })).rejects.toThrow(/authentication failed/);
    expect((await driver.listAccounts(DOMAIN)).sort()).toEqual(["alice", "bob", "carol"]);
    // The members-only room and its members.
    const room = await driver.getRoom(ROOM);
    expect(room).toMatchObject({ jid: ROOM, title: "The Family", membersOnly: true, persistent: true });
    expect(room?.members.sort()).toEqual(Object.keys(PASSWORDS).map(jid).sort());
    // The archive, as the server itself serves it over MAM: exactly what the snapshot held, in order,
    // with no gap and no torn item: all 120 early messages, then the writer's first k.
    const alice2 = await chatLogin({ ...ep(), username: "alice", password: PASSWORDS.alice, resource: "a2" });
    const bob2 = await chatLogin({ ...ep(), username: "bob", password: PASSWORDS.bob, resource: "b2" });
    sessions.push(alice2, bob2);
    const bodies = await alice2.archiveBodies();
    expect(bodies.length).toBe(snapItems);
    const k = snapItems - 120;
    expect(k).toBeGreaterThanOrEqual(40);
    expect(bodies).toEqual([
      ...Array.from({ length: 120 }, (_, i) => `pre-${i}`),
      ...Array.from({ length: k }, (_, i) => `w-${i}`),
    ]);
    // Bob's copy (his sent messages) was archived a moment before Alice's: at most one apart.
    const bobCount = await bob2.archiveCount(jid("alice"));
    expect(bobCount).toBe(snapBobItems);
    expect(Math.abs(bobCount - snapItems)).toBeLessThanOrEqual(1);
    expect(sha(readFileSync(path.join(host, "archive", "filler3.list")))).toBe(fillerDigest);
    // The restored server keeps working.
    bob2.send(jid("alice"), "after restore");
    await bob2.ping();
    expect((await alice2.archiveBodies()).at(-1)).toBe("after restore");

    console.log(
      `round trip: ${(totalBytes / 1e6).toFixed(1)} MB in ${snap.files.length} files; ` +
        `snapshot ${snapshotMs} ms (server paused ${snap.pausedMs.toFixed(1)} ms); ` +
        `backup ${backupMs} ms -> ${(written.size / 1e6).toFixed(2)} MB archive; ` +
        `extract+swap ${restoreMs} ms; server start ${startMs} ms`,
    );
  }, 60_000);

  it("refuses damaged, truncated, foreign and other tenants' archives without touching the live data", async () => {
    expect(archiveKey).not.toBe("");
    const archive = Buffer.concat(await (await store.get(archiveKey)).toArray());
    await runtime.stop(spec.id); // the data directory stays still while we compare it
    const before = treeDigest(paths().data);
    const staging = () => stagingDirFor(paths().data);
    const attempt = async (bytes: Buffer, k = key) => {
      const dest = staging();
      const err = await extractBackup(Readable.from([bytes]), k, dest).then(
        () => null,
        (e: unknown) => e as BackupInvalidError,
      );
      expect(err).toBeInstanceOf(BackupInvalidError);
      expect(readdirSync(paths().dir).filter((e) => e.includes("staging"))).toEqual([]);
      return err as BackupInvalidError;
    };

    const flipped = Buffer.from(archive);
    const at = Math.floor(flipped.length / 2);
    flipped[at] = (flipped[at] as number) ^ 0x40;
    const corrupted = await attempt(flipped);
    expect(corrupted.reason).toBe("corrupted");
    expect(corrupted.message).toMatch(/^this archive is corrupted at byte \d+/);
    expect((await attempt(archive.subarray(0, Math.floor(archive.length * 0.7)))).reason).toBe("truncated");
    const wrongTenant = await attempt(archive, deriveTenantKey(MASTER, "tenant-other"));
    expect(wrongTenant.message).toBe("this backup was made for another tenant (wrong key)");
    expect((await attempt(randomBytes(64 * 1024))).reason).toBe("not-a-backup");

    expect(treeDigest(paths().data)).toEqual(before);
    await runtime.start(spec);
    const still = await xmppLogin({ ...ep(), username: "alice", password: PASSWORDS.alice });
    await still.close();
    expect(manifest.files.length).toBeGreaterThan(20);
  }, 60_000);
});
