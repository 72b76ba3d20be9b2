import { type ChildProcess, execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  killHard,
  type OwnPostgres,
  type OwnRedis,
  spawnApi,
  startOwnPostgres,
  startOwnRedis,
} from "./helpers/own-services.ts";
import { type Platform, signupWithToken, spawnWorker, startPlatform } from "./helpers/platform.ts";
import { sleep, until } from "./helpers/wait.ts";

// Faults 4 and 5 restart PostgreSQL and Redis, so this file runs its own of each (never the shared ones), and
// fault 6 fills the data root, so the data root is a small filesystem of its own.
let pg: OwnPostgres;
let redis: OwnRedis;
let platform: Platform;
let disk: string;
let mounted = false;
let api: ChildProcess | null = null;
let worker: ChildProcess | null = null;
let base: string;
let apiPort: number;
let token: string;
let instanceId: string;
let domainId: string;
const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
const PASSWORD = "correct horse battery staple";

/** One line of the summary printed at the end: what each fault did to the operations in flight. */
interface Row {
  fault: string;
  started: number | string;
  succeeded: number | string;
  failed: number | string;
  duplicates: number | string;
  readyzRecoveryMs: number | string;
  note: string;
}
const table: Row[] = [];

interface Res {
  status: number;
  json: Record<string, any>;
  text: string;
  headers: Headers;
  ms: number;
}

async function http(method: string, url: string, body?: unknown, timeoutMs = 30_000): Promise<Res> {
  const t0 = Date.now();
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const json = res.headers.get("content-type")?.includes("json") && text ? JSON.parse(text) : {};
  return { status: res.status, json, text, headers: res.headers, ms: Date.now() - t0 };
}

/** /readyz's answer, or null when none came within a second (the API is down, or hangs). */
async function readyz(): Promise<{ status: number; json: Record<string, any> } | null> {
  try {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  } catch {
    return null;
  }
}

async function readyzUnready(): Promise<{ json: Record<string, any>; ms: number }> {
  const t0 = Date.now();
  const rz = await until(
    "/readyz to answer 503",
    async () => {
      const r = await readyz();
      return r?.status === 503 ? r : null;
    },
    5000,
  );
  return { json: rz.json, ms: Date.now() - t0 };
}

/** Milliseconds from now until /readyz answers 200. */
async function readyzRecovery(timeoutMs = 30_000): Promise<number> {
  const t0 = Date.now();
  await until("/readyz to answer 200", async () => (await readyz())?.status === 200, timeoutMs, 50);
  return Date.now() - t0;
}

function startApi(): void {
  api = spawnApi(platform.workerEnv, apiPort);
}

/** Runs `fn` with the managed server frozen, so that the worker's operations are caught inside driver calls. */
async function withServerFrozen<T>(fn: () => Promise<T>): Promise<T> {
  const server = platform.prosodyPid(instanceId);
  process.kill(server, "SIGSTOP");
  try {
    return await fn();
  } finally {
    process.kill(server, "SIGCONT");
  }
}

const serverAccounts = () => platform.serverAccounts(instanceId, "faults.example");

/** Sends account creations for `localparts` at once; each ends as an HTTP answer or a transport error. */
function burst(localparts: string[], query = "", onAcknowledged?: () => void) {
  return Promise.allSettled(
    localparts.map(async (localpart) => {
      const res = await http("POST", `/api/v1/domains/${domainId}/accounts${query}`, { localpart, password: PASSWORD });
      if (res.status < 300) onAcknowledged?.();
      return res;
    }),
  );
}

/** Account creations that must all be accepted; their operation ids. */
async function accepted(localparts: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of await burst(localparts)) {
    if (r.status === "rejected") throw r.reason;
    expect(r.value.status, r.value.text).toBe(202);
    ids.push(r.value.json.operation.id);
  }
  return ids;
}

async function untilRunning(opIds: string[]): Promise<void> {
  await until(
    "an operation to be running",
    async () => (await platform.app.core.db.operation.count({ where: { id: { in: opIds }, status: "running" } })) > 0,
  );
}

/**
 * The exactly-once check for account creations whose names start with `prefix`: every operation has its
 * row and every row its one operation, each operation ends succeeded with one audit event, and the server
 * holds each account once. Returns the names and the duplicates found (asserted to be none).
 */
async function checkExactlyOnce(prefix: string, timeoutMs = 45_000) {
  const db = platform.app.core.db;
  // An operation without its row (or a row without its operation) would be half a request.
  const allIds = new Set((await db.account.findMany({ select: { id: true } })).map((a) => a.id));
  const orphans = (
    await db.operation.findMany({ where: { type: "account.create" }, select: { resourceId: true } })
  ).filter((o) => !allIds.has(o.resourceId)).length;
  expect(orphans, "operations whose account row is missing").toBe(0);
  const accounts = await db.account.findMany({ where: { domainId, localpart: { startsWith: prefix } } });
  const ids = accounts.map((a) => a.id);
  const ops = await db.operation.findMany({ where: { type: "account.create", resourceId: { in: ids } } });
  expect(ops.map((o) => o.resourceId).sort(), "one operation per account row").toEqual([...ids].sort());
  let retried = 0;
  for (const op of ops) {
    const done = await until(
      `operation ${op.id} to end`,
      async () => {
        const o = await db.operation.findUniqueOrThrow({ where: { id: op.id } });
        return o.status === "succeeded" || o.status === "failed" ? o : null;
      },
      timeoutMs,
      200,
    );
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    if (done.attempts > 1) retried++;
  }
  const audits = await db.auditEvent.groupBy({
    by: ["resourceId"],
    where: { action: "account.create.succeeded", resourceId: { in: ids } },
    _count: { _all: true },
  });
  const onServer = (await serverAccounts()).filter((l) => l.startsWith(prefix));
  const names = accounts.map((a) => a.localpart);
  const duplicates =
    names.length -
    new Set(names).size +
    (onServer.length - new Set(onServer).size) +
    audits.reduce((n, a) => n + Math.max(0, a._count._all - 1), 0);
  expect(audits.map((a) => a._count._all)).toEqual(ids.map(() => 1));
  expect([...onServer].sort()).toEqual([...names].sort());
  expect(duplicates).toBe(0);
  return { accounts: names, duplicates, retried };
}

/** Fills the filesystem holding `file` with it, to the last block; returns the bytes written. */
function fillDisk(file: string): number {
  const fd = openSync(file, "w");
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

beforeAll(async () => {
  const [p, r] = await Promise.allSettled([startOwnPostgres(), startOwnRedis()]);
  if (p.status === "fulfilled") pg = p.value;
  if (r.status === "fulfilled") redis = r.value;
  if (p.status === "rejected") throw p.reason;
  if (r.status === "rejected") throw r.reason;
  process.env.DATABASE_URL = pg.url;
  process.env.REDIS_URL = redis.url;
  disk = mkdtempSync(path.join(tmpdir(), "xh-disk-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", disk]);
  mounted = true;
  const dataRoot = path.join(disk, "root");
  mkdirSync(dataRoot);
  platform = await startPlatform({
    inProcessWorker: false,
    dataRoot,
    workerEnv: {
      BACKUP_VERIFY: "false",
      WORKER_HEARTBEAT_MS: "1000",
      // Frequent probes, so that fault 6's failed backup opens its alert within seconds.
      HEALTH_PROBE_INTERVAL_MS: "2000",
    },
  });
  ({ token } = await signupWithToken(platform.app, "faults"));
  const tenantId = (await platform.app.core.db.tenant.findFirstOrThrow()).id;
  worker = spawnWorker(platform.workerEnv);
  apiPort = await freePort();
  base = `http://127.0.0.1:${apiPort}`;
  startApi();
  await readyzRecovery(60_000);
  const inst = await http("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "faults" }, 70_000);
  expect(inst.json.operation?.status, inst.text).toBe("succeeded");
  instanceId = inst.json.instance.id;
  const dom = await http("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, { name: "faults.example" }, 70_000);
  expect(dom.json.operation?.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
}, 180_000);

afterAll(async () => {
  if (table.length) {
    for (const fault of ["2. kill -9 worker mid-operation", "3. Prosody killed"]) {
      table.push({
        fault,
        started: "-",
        succeeded: "-",
        failed: "-",
        duplicates: "-",
        readyzRecoveryMs: "-",
        note: "covered by tests/crash-safety.test.ts",
      });
    }
    console.log("Faults and the operations in flight (account creations unless noted):");
    console.table(table.map(({ note: _note, ...counts }) => counts));
    console.log(table.map((r) => `${r.fault}: ${r.note}`).join("\n"));
  }
  // Every step runs, whatever failed before it; the failures are reported together at the end.
  const failures: unknown[] = [];
  const steps = [
    () => killHard(api),
    () => killHard(worker),
    // A test that failed mid-fault may have left them down; the platform closes through them.
    async () => {
      await pg?.start();
      await redis?.start();
    },
    async () => platform?.close(),
    async () => platform?.app.core.db.$disconnect(),
    async () => {
      if (mounted) execFileSync("umount", [disk]);
      if (disk) rmSync(disk, { recursive: true, force: true });
    },
    async () => redis?.destroy(),
    async () => pg?.destroy(),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      failures.push(err);
    }
  }
  process.env.DATABASE_URL = savedEnv.DATABASE_URL;
  process.env.REDIS_URL = savedEnv.REDIS_URL;
  if (failures.length) throw new AggregateError(failures, "cleaning up after the faults failed");
}, 120_000);

describe("faults", () => {
  it("1. kill -9 of the API mid-request: every acknowledged creation is there once, none is half done", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `api${i}`);
    // Half wait for their operation (in flight at the kill, as the server is frozen), half answer at once.
    const results = await withServerFrozen(async () => {
      let answered = 0;
      const pending = [burst(names.slice(0, 15), "?wait=20"), burst(names.slice(15), "", () => answered++)];
      // The kill comes once a few creations are acknowledged while the rest are still on their way.
      await until("a few creations to be acknowledged", async () => answered >= 5, 10_000, 1);
      await killHard(api);
      return (await Promise.all(pending)).flat();
    });
    const acked = names.filter((_, i) => {
      const r = results[i];
      return r?.status === "fulfilled" && r.value.status < 300;
    });
    const cut = names.filter((n) => !acked.includes(n));
    for (const r of results) if (r.status === "fulfilled") expect(r.value.status, r.value.text).toBeLessThan(300);
    expect(acked.length).toBeGreaterThan(0);
    expect(cut.length, "requests cut off by the kill").toBeGreaterThan(0);

    startApi();
    const recovery = await readyzRecovery();
    const first = await checkExactlyOnce("api");
    for (const n of acked) expect(first.accounts).toContain(n);
    // A client retries what was cut off: each is created now or found to exist, never twice.
    for (const n of cut) {
      const res = await http("POST", `/api/v1/domains/${domainId}/accounts`, { localpart: n, password: PASSWORD });
      expect([202, 409], res.text).toContain(res.status);
    }
    const after = await checkExactlyOnce("api");
    expect([...after.accounts].sort()).toEqual([...names].sort());
    table.push({
      fault: "1. kill -9 API mid-request",
      started: names.length,
      succeeded: acked.length,
      failed: cut.length,
      duplicates: after.duplicates,
      readyzRecoveryMs: recovery,
      note: `cut off: ${first.accounts.length - acked.length} had committed (finished once), ${names.length - first.accounts.length} had not; after client retries all ${names.length} exist once`,
    });
  }, 120_000);

  for (const lost of [false, true]) {
    const label = lost ? "4b. Redis kill -9, restarted empty" : "4a. Redis kill -9, restarted from its AOF";
    it(`${label}: the operations in flight end once, /readyz is unready, then recovers`, async () => {
      const prefix = lost ? "rlost" : "redis";
      const names = Array.from({ length: 30 }, (_, i) => `${prefix}${i}`);
      const whileDown = [0, 1, 2].map((i) => `${prefix}down${i}`);
      const db = platform.app.core.db;
      // The frozen server holds the worker's slots inside driver calls; the rest of the burst waits in Redis.
      const { queuedAtKill, unready, duringDown } = await withServerFrozen(async () => {
        const opIds = await accepted(names);
        await untilRunning(opIds);
        await sleep(300);
        const queuedAtKill = await db.operation.count({ where: { id: { in: opIds }, status: "queued" } });
        await redis.kill();
        const unready = await readyzUnready();
        // Creations asked for while Redis is down: committed to PostgreSQL, enqueued once Redis is back.
        const duringDown = burst(whileDown);
        await sleep(1500);
        return { queuedAtKill, unready, duringDown };
      });
      expect(queuedAtKill, "operations waiting in Redis at the kill").toBeGreaterThan(0);
      // A Redis whose disk was lost: the queued jobs and the schedules (the sweeper's too) are gone.
      if (lost) redis.wipe();
      await redis.start();
      const recovery = await readyzRecovery();
      expect(unready.json).toMatchObject({ status: "not ready", redis: false, database: true });
      let downMs = 0;
      for (const r of await duringDown) {
        if (r.status === "rejected") throw r.reason;
        expect(r.value.status, r.value.text).toBe(202);
        downMs = Math.max(downMs, r.value.ms);
      }
      const result = await checkExactlyOnce(prefix, 60_000);
      expect([...result.accounts].sort()).toEqual([...names, ...whileDown].sort());
      table.push({
        fault: label,
        started: names.length + whileDown.length,
        succeeded: result.accounts.length,
        failed: 0,
        duplicates: result.duplicates,
        readyzRecoveryMs: recovery,
        note: `${queuedAtKill} were queued in Redis at the kill; /readyz 503 ${unready.ms} ms after it; ${whileDown.length} sent while down answered 202 in ≤ ${downMs} ms (held until Redis was back)`,
      });
    }, 120_000);
  }

  it("5. PostgreSQL restart mid-operation: the operations in flight end once, the API answers 503 meanwhile", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `pg${i}`);
    const { unready, post, get } = await withServerFrozen(async () => {
      const opIds = await accepted(names);
      await untilRunning(opIds);
      // A crash: no checkpoint, connections cut, recovery at the next start.
      await pg.stop("immediate");
      const unready = await readyzUnready();
      const post = await http("POST", `/api/v1/domains/${domainId}/accounts`, {
        localpart: "pgdown",
        password: PASSWORD,
      });
      const get = await http("GET", `/api/v1/operations/${opIds[0]}`);
      return { unready, post, get };
    });
    // The worker's drivers answer now, and its writes to PostgreSQL fail until it is back: retried.
    await sleep(1500);
    await pg.start();
    const recovery = await readyzRecovery();
    expect(unready.json).toMatchObject({ status: "not ready", database: false, redis: true });
    for (const res of [post, get]) {
      expect(res.status, res.text).toBe(503);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.json).toMatchObject({ status: 503, code: "unavailable" });
      expect(res.ms, "answered at once, not hung").toBeLessThan(3000);
    }
    // The refused creation did not happen; the client's retry now does.
    expect(await platform.app.core.db.account.count({ where: { localpart: "pgdown" } })).toBe(0);
    const retry = await http("POST", `/api/v1/domains/${domainId}/accounts`, {
      localpart: "pgdown",
      password: PASSWORD,
    });
    expect(retry.status, retry.text).toBe(202);
    const result = await checkExactlyOnce("pg", 60_000);
    expect([...result.accounts].sort()).toEqual([...names, "pgdown"].sort());
    table.push({
      fault: "5. PostgreSQL stop -m immediate + start",
      started: names.length + 1,
      succeeded: result.accounts.length,
      failed: 0,
      duplicates: result.duplicates,
      readyzRecoveryMs: recovery,
      note: `/readyz 503 ${unready.ms} ms after the stop; requests meanwhile: 503 problem+json, Retry-After 5, in ≤ ${Math.max(post.ms, get.ms)} ms; ${result.retried} operations needed more than one attempt`,
    });
  }, 120_000);

  it("6. the data root's disk fills up: backups and certificates fail clearly, the platform keeps running", async () => {
    const db = platform.app.core.db;
    const filler = path.join(disk, "filler");
    const noSpace = /no space left on device/i;
    fillDisk(filler);
    let backupOp: string;
    let certOp: string;
    let backupId: string;
    let alert: { message: string };
    const failures: string[] = [];
    try {
      expect(statfsSync(disk).bavail).toBe(0);
      const b = await http("POST", `/api/v1/instances/${instanceId}/backups`);
      expect(b.status, b.text).toBe(202);
      backupOp = b.json.operation.id;
      backupId = b.json.backup.id;
      const c = await http("POST", `/api/v1/domains/${domainId}/certificates`, { source: "internal" });
      expect(c.status, c.text).toBe(202);
      certOp = c.json.operation.id;

      // Each failure is told in words, through the API.
      for (const id of [backupOp, certOp]) {
        const op = await until(`operation ${id} to report the full disk`, async () => {
          const res = await http("GET", `/api/v1/operations/${id}`);
          return noSpace.test(res.json.error?.message ?? "") ? res.json : null;
        });
        expect(op.status).not.toBe("succeeded");
        failures.push(`${op.type}: "${String(op.error.message).replace(/^cannot write \S+:/, "cannot write <key>:")}"`);
      }
      const backups = await http("GET", `/api/v1/instances/${instanceId}/backups`);
      const failed = backups.json.items.find((x: { id: string }) => x.id === backupId);
      expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(noSpace) });
      const certs = await http("GET", `/api/v1/domains/${domainId}/certificates`);
      expect(certs.json.lastError).toMatch(noSpace);
      // The health rules open an alert for the failed backup.
      alert = await until(
        "the backup_failed alert",
        () => db.alert.findFirst({ where: { rule: "backup_failed", subjectId: instanceId, status: "open" } }),
        20_000,
        250,
      );

      // The platform keeps running: the API answers, the worker beats, the server lives.
      const rz = await readyz();
      expect(rz).toMatchObject({ status: 200, json: { worker: { alive: true } } });
      expect((await http("GET", `/api/v1/instances/${instanceId}`)).status).toBe(200);
      expect(() => process.kill(platform.prosodyPid(instanceId), 0)).not.toThrow();
      expect(worker?.exitCode).toBeNull();
    } finally {
      rmSync(filler, { force: true });
    }

    // Once space is freed the retries succeed, once each, and other work goes on.
    const ops = [];
    for (const id of [backupOp, certOp]) {
      const done = await http("GET", `/api/v1/operations/${id}?wait=60`, undefined, 70_000);
      expect(done.json.status, done.text).toBe("succeeded");
      ops.push(done.json);
    }
    const backup = await db.backup.findUniqueOrThrow({ where: { id: backupId } });
    expect(backup.status).toBe("succeeded");
    expect(existsSync(path.join(platform.dataRoot, "backups", backup.storageKey ?? "missing"))).toBe(true);
    const succeededEvents = await db.auditEvent.groupBy({
      by: ["action"],
      where: { action: { in: ["backup.create.succeeded", "certificate.issue.succeeded"] } },
      _count: { _all: true },
    });
    const duplicates = succeededEvents.reduce((n, e) => n + Math.max(0, e._count._all - 1), 0);
    expect(succeededEvents.map((e) => e._count._all)).toEqual([1, 1]);
    expect((await http("GET", `/api/v1/domains/${domainId}/certificates`)).json.lastError).toBeNull();
    await until(
      "the backup_failed alert to resolve",
      async () =>
        (await db.alert.findFirst({ where: { rule: "backup_failed", subjectId: instanceId } }))?.status === "resolved",
      20_000,
      250,
    );
    const more = await http("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: "afterdisk",
      password: PASSWORD,
    });
    expect(more.json.operation?.status, more.text).toBe("succeeded");
    expect(await serverAccounts()).toContain("afterdisk");
    table.push({
      fault: "6. data root disk full (tmpfs 64 MB)",
      started: 3,
      succeeded: 3,
      failed: 0,
      duplicates,
      readyzRecoveryMs: "never unready",
      note: `while full: ${failures.join(", ")}; alert "${alert.message}"; /readyz 200 throughout; after freeing: both succeeded (after ${ops[0]?.attempts} and ${ops[1]?.attempts} attempts), then one account creation`,
    });
  }, 120_000);
});
