import { createReadStream, createWriteStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import {
  BackupInvalidError,
  deriveTenantKey,
  extractBackup,
  recoverInterruptedRestore,
  restoreDataDir,
  selectForDeletion,
  snapshotInstance,
  writeBackup,
} from "@xmpp-host/backup";
import { domainHosts, roomJid, startBackup } from "@xmpp-host/core";
import type { Instance } from "@xmpp-host/db";
import { instanceHosts, isPortFree, LocalRuntime } from "@xmpp-host/runtime";
import { createDriver } from "@xmpp-host/xmpp";
import { specOf, type WorkerContext } from "../context.ts";
import { sync } from "./maintenance.ts";

/** A backup that cannot be restored as asked; the instance was not touched. */
export class RestoreRefusedError extends Error {
  override readonly name = "RestoreRefusedError";
}

type Progress = (percent: number, step: string) => Promise<void>;

function localRuntime(ctx: WorkerContext): LocalRuntime {
  if (!(ctx.runtime instanceof LocalRuntime)) throw new Error("backups need the local runtime for now");
  return ctx.runtime;
}

async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The platform's own records for the instance, carried in the manifest. Keys stay sealed. */
async function platformRecords(ctx: WorkerContext, instanceId: string) {
  const instance = await ctx.db.instance.findUniqueOrThrow({
    where: { id: instanceId },
    include: {
      domains: { include: { rooms: true, invites: true, certificates: { orderBy: { createdAt: "desc" }, take: 1 } } },
    },
  });
  return {
    instance: { id: instance.id, name: instance.name, server: instance.server, version: instance.version },
    domains: instance.domains.map((d) => ({
      name: d.name,
      registration: d.registration,
      verified: d.verified,
      certificateMode: d.certificateMode,
      rooms: d.rooms.map((r) => ({
        name: r.name,
        title: r.title,
        membersOnly: r.membersOnly,
        persistent: r.persistent,
        public: r.public,
        members: r.members,
      })),
      invites: d.invites.map((i) => ({
        tokenHash: i.tokenHash,
        maxUses: i.maxUses,
        uses: i.uses,
        rooms: i.rooms,
        expiresAt: i.expiresAt,
        revokedAt: i.revokedAt,
      })),
      certificate: d.certificates[0]
        ? { fingerprint: d.certificates[0].fingerprint, notAfter: d.certificates[0].notAfter }
        : null,
    })),
  };
}

function storageKey(tenantId: string | null, instanceId: string, backupId: string): string {
  return `${tenantId ?? "platform"}/${instanceId}/${backupId}.xhb`;
}

export async function createBackup(ctx: WorkerContext, backupId: string, progress: Progress) {
  const backup = await ctx.db.backup.findUnique({ where: { id: backupId }, include: { instance: true } });
  if (!backup) throw new RestoreRefusedError("the backup no longer exists");
  if (backup.status === "succeeded") return { alreadyDone: true };
  const started = Date.now();
  await ctx.db.backup.update({ where: { id: backupId }, data: { status: "running", error: null } });
  const runtime = localRuntime(ctx);
  const store = ctx.backupStore();
  try {
    return await withTempDir("xh-backup-", async (tmp) => {
      await progress(10, "taking a consistent snapshot");
      const status = await runtime.status(backup.instanceId);
      const snap = await snapshotInstance({
        dataDir: runtime.paths(backup.instanceId).data,
        pid: status.pid,
        tmpDir: tmp,
      });
      await progress(40, "compressing and encrypting");
      const records = await platformRecords(ctx, backup.instanceId);
      const archive = path.join(tmp, "backup.xhb");
      const written = await writeBackup({
        snapshotDir: snap.dir,
        files: snap.files,
        instanceId: backup.instanceId,
        tenantId: backup.tenantId ?? "platform",
        ...(backup.instance.version ? { serverVersion: backup.instance.version } : {}),
        platform: records,
        key: deriveTenantKey(ctx.env.SECRETS_KEY, backup.tenantId ?? "platform"),
        out: createWriteStream(archive),
      });
      await progress(70, "uploading to the backup store");
      const key = storageKey(backup.tenantId, backup.instanceId, backup.id);
      const size = (await fs.stat(archive)).size;
      await store.put(key, { file: archive }, size);
      const accounts = records.domains.length;
      await ctx.db.backup.update({
        where: { id: backupId },
        data: {
          status: "succeeded",
          storageKey: key,
          sizeBytes: BigInt(size),
          sha256: written.sha256OfArchive,
          manifestVersion: 1,
          durationMs: Date.now() - started,
          pausedMs: Math.round(snap.pausedMs),
          summary: {
            files: snap.files.length,
            domains: accounts,
            rooms: records.domains.reduce((n, d) => n + d.rooms.length, 0),
          },
          finishedAt: new Date(),
        },
      });
      await progress(90, "applying retention");
      const pruned = await applyRetention(ctx, backup.instanceId);
      if (ctx.env.BACKUP_VERIFY)
        await ctx.queues.enqueue("backup.verify", { backupId }, { jobId: `verify-${backupId}` });
      return { storageKey: key, sizeBytes: size, pausedMs: Math.round(snap.pausedMs), pruned };
    });
  } catch (err) {
    await ctx.db.backup.update({
      where: { id: backupId },
      data: { status: "failed", error: err instanceof Error ? err.message : String(err), finishedAt: new Date() },
    });
    throw err;
  }
}

/** Deletes what the retention policy lets go; runs only after a successful backup, so a failure never prunes. */
export async function applyRetention(ctx: WorkerContext, instanceId: string): Promise<number> {
  const backups = await ctx.db.backup.findMany({ where: { instanceId, status: { in: ["succeeded", "failed"] } } });
  const doomed = selectForDeletion(
    backups.map((b) => ({
      id: b.id,
      createdAt: b.createdAt,
      status: b.status === "succeeded" ? "succeeded" : "failed",
    })),
    { daily: ctx.env.BACKUP_KEEP_DAILY, weekly: ctx.env.BACKUP_KEEP_WEEKLY, monthly: ctx.env.BACKUP_KEEP_MONTHLY },
    new Date(),
  );
  for (const id of doomed) {
    const b = backups.find((x) => x.id === id);
    if (b?.storageKey) await ctx.backupStore().delete(b.storageKey);
    await ctx.db.backup.delete({ where: { id } });
  }
  return doomed.length;
}

/** Downloads and fully verifies the archive into `staging`; refuses before anything live is touched. */
async function fetchAndExtract(
  ctx: WorkerContext,
  backup: { storageKey: string | null; tenantId: string | null },
  dir: string,
) {
  if (!backup.storageKey) throw new RestoreRefusedError("the backup has no archive");
  const file = path.join(dir, "archive.xhb");
  await pipeline(await ctx.backupStore().get(backup.storageKey), createWriteStream(file));
  const staging = path.join(dir, "staging");
  await fs.mkdir(staging);
  try {
    const manifest = await extractBackup(
      createReadStream(file),
      deriveTenantKey(ctx.env.SECRETS_KEY, backup.tenantId ?? "platform"),
      staging,
    );
    return { manifest, staging };
  } catch (err) {
    if (err instanceof BackupInvalidError) throw new RestoreRefusedError(`the backup was refused: ${err.message}`);
    throw err;
  }
}

/**
 * Restores into the backup's own instance (rollback) or another instance of the tenant (move). The data is
 * verified in a staging directory first, then swapped in with renames while the server is stopped, so a crash
 * leaves the old data or the new, and a retry finishes the job.
 */
export async function restoreBackup(ctx: WorkerContext, targetId: string, backupId: string, progress: Progress) {
  const backup = await ctx.db.backup.findUnique({ where: { id: backupId } });
  if (!backup) throw new RestoreRefusedError("the backup no longer exists");
  const runtime = localRuntime(ctx);
  return withTempDir("xh-restore-", async (tmp) => {
    await progress(10, "downloading and verifying the archive");
    const { manifest, staging } = await fetchAndExtract(ctx, backup, tmp);
    const target = await ctx.db.instance.findUniqueOrThrow({ where: { id: targetId } });
    if (target.id !== backup.instanceId) {
      await progress(30, "moving the domains to the new instance");
      await moveDomains(ctx, backup.instanceId, target);
    }
    await progress(50, "stopping the server");
    await ctx.forgetDriver(target.id);
    await runtime.stop(target.id);
    const dataDir = runtime.paths(target.id).data;
    await recoverInterruptedRestore(dataDir);
    await progress(60, "putting the restored data in place");
    await restoreDataDir({ stagingDir: staging, dataDir });
    await progress(75, "starting the server");
    const fresh = await ctx.db.instance.findUniqueOrThrow({ where: { id: target.id }, include: { domains: true } });
    const spec = specOf(fresh, fresh.domains);
    await ctx.runtime.writeConfig(spec);
    const started = await ctx.runtime.start(spec);
    await ctx.driverFor(fresh).applyHosts(instanceHosts(spec));
    await ctx.db.instance.update({
      where: { id: target.id },
      data: { status: "running", pid: started.pid, desiredState: "running", lastError: null },
    });
    await progress(90, "syncing the platform's view");
    const synced = await sync(ctx, target.id);
    return { backupId, files: (manifest as { files?: unknown[] }).files?.length ?? null, synced };
  });
}

/** A move: the domains of the source instance now live on the target; the source stops serving them. */
async function moveDomains(ctx: WorkerContext, sourceId: string, target: Instance) {
  const domains = await ctx.db.domain.findMany({ where: { instanceId: sourceId } });
  await ctx.db.domain.updateMany({ where: { instanceId: sourceId }, data: { instanceId: target.id } });
  for (const d of domains) {
    const cert = await ctx.db.certificate.findFirst({ where: { domainId: d.id }, orderBy: { createdAt: "desc" } });
    if (!cert) continue;
    const key = ctx.secrets.decrypt(cert.keyEncrypted);
    for (const host of Object.values(domainHosts(d.name)))
      await ctx.runtime.writeCertificate(target.id, host, cert.certPem, key);
  }
  const source = await ctx.db.instance.findUnique({ where: { id: sourceId }, include: { domains: true } });
  if (source && (await ctx.runtime.status(source.id)).running) {
    const spec = specOf(source, source.domains);
    await ctx.runtime.writeConfig(spec);
    await ctx.driverFor(source).applyHosts(instanceHosts(spec));
  }
}

/**
 * Proves a backup restores: into a throwaway instance on spare ports, then every account and room the
 * platform knew at backup time must be there. Bounded in time; the instance is always removed.
 */
export async function verifyBackup(ctx: WorkerContext, backupId: string) {
  const backup = await ctx.db.backup.findUnique({ where: { id: backupId } });
  if (backup?.status !== "succeeded" || backup.verification !== "pending") return null;
  const runtime = localRuntime(ctx);
  const id = `verify-${backupId}`.slice(0, 64);
  const deadline = Date.now() + ctx.env.BACKUP_VERIFY_TIMEOUT_MS;
  const expectedAccounts = await ctx.db.account.findMany({
    where: { domain: { instanceId: backup.instanceId }, state: "active", createdAt: { lte: backup.createdAt } },
    include: { domain: true },
  });
  const expectedRooms = await ctx.db.room.findMany({
    where: { domain: { instanceId: backup.instanceId }, state: "active", createdAt: { lte: backup.createdAt } },
    include: { domain: true },
  });
  try {
    const result = await withTempDir("xh-verify-", async (tmp) => {
      const { manifest, staging } = await fetchAndExtract(ctx, backup, tmp);
      const recorded = (manifest as { platform?: { domains?: { name: string }[] } }).platform?.domains ?? [];
      const domains = recorded.map((d) => ({ name: d.name, registration: "closed" as const }));
      const [c2s, s2s, http] = await freeVerifyPorts(ctx);
      const spec = { id, server: "prosody" as const, ports: { c2s, s2s, http }, bindAddress: "127.0.0.1", domains };
      await runtime.destroy(id);
      await runtime.writeConfig(spec);
      await restoreDataDir({ stagingDir: staging, dataDir: runtime.paths(id).data });
      const ca = await ctx.ca();
      for (const d of domains) {
        const issued = await ca.issue(Object.values(domainHosts(d.name)));
        for (const h of issued.names) await runtime.writeCertificate(id, h, issued.certPem, issued.keyPem);
      }
      await runtime.start(spec);
      const driver = createDriver("prosody", { socketPath: runtime.adminSocketPath(id) });
      try {
        const missing: string[] = [];
        for (const a of expectedAccounts) {
          if (Date.now() > deadline) throw new Error("verification ran out of time");
          if (!(await driver.accountExists(`${a.localpart}@${a.domain.name}`)))
            missing.push(`${a.localpart}@${a.domain.name}`);
        }
        for (const r of expectedRooms) {
          if (!(await driver.getRoom(roomJid(r, r.domain.name)))) missing.push(roomJid(r, r.domain.name));
        }
        return { accounts: expectedAccounts.length, rooms: expectedRooms.length, missing };
      } finally {
        await driver.close();
      }
    });
    const ok = result.missing.length === 0;
    await ctx.db.backup.update({
      where: { id: backupId },
      data: {
        verification: ok ? "verified" : "failed",
        verificationError: ok ? null : `missing after restore: ${result.missing.slice(0, 10).join(", ")}`,
      },
    });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db.backup.update({
      where: { id: backupId },
      data: { verification: "failed", verificationError: message },
    });
    return { error: message };
  } finally {
    await runtime.destroy(id).catch(() => undefined);
  }
}

async function freeVerifyPorts(ctx: WorkerContext): Promise<[number, number, number]> {
  const found: number[] = [];
  for (let p = ctx.env.VERIFY_PORT_RANGE_START; p <= ctx.env.VERIFY_PORT_RANGE_END && found.length < 3; p++) {
    if (await isPortFree("127.0.0.1", p)) found.push(p);
  }
  const [a, b, c] = found;
  if (a === undefined || b === undefined || c === undefined)
    throw new Error("no free ports for a verification instance");
  return [a, b, c];
}

/** The per-instance schedule's job: starts a backup unless one is already under way. */
export async function scheduledBackup(ctx: WorkerContext, instanceId: string) {
  const instance = await ctx.db.instance.findUnique({ where: { id: instanceId } });
  if (instance?.status !== "running" || instance.backupIntervalHours === 0) return null;
  const busy = await ctx.db.backup.count({ where: { instanceId, status: { in: ["queued", "running"] } } });
  if (busy) return null;
  const { backup } = await startBackup(ctx.core, null, instanceId, "scheduled", ctx.env.BACKUP_STORE);
  return { backupId: backup.id };
}

function backupSchedulerId(instanceId: string): string {
  return `backup:${instanceId}`;
}

/** The instance's backup schedule, from its interval (0 turns it off). */
export async function scheduleBackups(ctx: WorkerContext, instance: { id: string; backupIntervalHours: number }) {
  const q = ctx.queues.queues.checks;
  if (instance.backupIntervalHours === 0) {
    await q.removeJobScheduler(backupSchedulerId(instance.id));
    return;
  }
  const every = instance.backupIntervalHours * 3600_000;
  // An existing schedule keeps its next run: a worker restart must not push backups back.
  const existing = await q.getJobScheduler(backupSchedulerId(instance.id));
  if (existing && Number(existing.every) === every) return;
  await q.upsertJobScheduler(
    backupSchedulerId(instance.id),
    // The first backup comes one interval after the schedule is made, not at once.
    { every, startDate: Date.now() + every },
    { name: "instance.scheduled-backup", data: { instanceId: instance.id } },
  );
}

export async function unscheduleBackups(ctx: WorkerContext, instanceId: string) {
  await ctx.queues.queues.checks.removeJobScheduler(backupSchedulerId(instanceId));
}

/** Makes the backup schedules match the instances in PostgreSQL; run at every worker boot. */
export async function reconcileBackupSchedules(ctx: WorkerContext) {
  const instances = await ctx.db.instance.findMany({
    where: { status: { not: "deleting" } },
    select: { id: true, backupIntervalHours: true },
  });
  const wanted = new Map(instances.filter((i) => i.backupIntervalHours > 0).map((i) => [backupSchedulerId(i.id), i]));
  const q = ctx.queues.queues.checks;
  for (const s of await q.getJobSchedulers(0, -1)) {
    if (s.key.startsWith("backup:") && !wanted.has(s.key)) await q.removeJobScheduler(s.key);
  }
  for (const i of wanted.values()) {
    await scheduleBackups(ctx, i);
  }
  return { scheduled: wanted.size };
}
