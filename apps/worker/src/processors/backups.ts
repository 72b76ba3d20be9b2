import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import {
  BackupInvalidError,
  type BackupManifest,
  deriveTenantKey,
  extractBackup,
  recoverInterruptedRestore,
  restoreDataDir,
  selectForDeletion,
  snapshotInstance,
  writeBackup,
} from "@xmpp-host/backup";
import {
  assignComponentPort,
  backupPlatformRecords,
  backupsUnderRetention,
  backupToTake,
  certificateFor,
  contentsAtBackupTime,
  dnsTargetOf,
  domainHosts,
  domainsWithOwnBackups,
  domainToRestore,
  findBackup,
  findInstance,
  forgetBackup,
  getInstance,
  instancesWithBackupSchedule,
  instanceWithDomains,
  instanceWithDomainsOrThrow,
  isUnderPlatformDomain,
  markBackupRunning,
  moveInstanceDomains,
  type Progress,
  platformSettings,
  recordBackupDone,
  recordBackupFailed,
  recordBackupVerification,
  recordDomainMoved,
  recordRestoredServerRunning,
  roomJid,
  startScheduledBackup,
  startScheduledDomainBackup,
} from "@xmpp-host/core";
import type { Domain, Instance } from "@xmpp-host/db";
import { expectedRecords, publishDomainRecords, unpublishDomainRecords } from "@xmpp-host/dns";
import { reconcileSchedules, schedule, unschedule } from "@xmpp-host/queue";
import { instanceHosts, ircGatewayHost, isPortFree, LocalRuntime } from "@xmpp-host/runtime";
import { createDriver, type InstanceSpec, serverKind } from "@xmpp-host/xmpp";
import { portPool, specOf, type WorkerContext, writeServerConfig } from "../context.ts";
import { withInstanceLock } from "../instance-lock.ts";
import { applyConfiguration } from "./configuration.ts";
import { startIrcGateway } from "./irc-gateways.ts";
import { sync } from "./maintenance.ts";

/** A backup that cannot be restored as asked; the instance was not touched. */
export class RestoreRefusedError extends Error {
  override readonly name = "RestoreRefusedError";
}

async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function storageKey(tenantId: string | null, instanceId: string, backupId: string, domainId: string | null): string {
  return domainId
    ? `${tenantId ?? "platform"}/domains/${domainId}/${backupId}.xhb`
    : `${tenantId ?? "platform"}/${instanceId}/${backupId}.xhb`;
}

/**
 * The top-level folders of the server's data that hold one domain's data alone (host, groups., share., and irc.,
 * where its IRC gateway keeps its database).
 */
export function domainDataDirs(server: Instance["server"], domainName: string): string[] {
  return [...Object.values(domainHosts(domainName)), ircGatewayHost(domainName)].flatMap((host) =>
    serverKind(server).hostDataDirs(host),
  );
}

/** A domain's own backup needs a server kind that keeps each domain's data apart. */
function refuseDomainBackupOn(server: Instance["server"]): void {
  const kind = serverKind(server);
  if (!kind.features.domainBackups) {
    throw new RestoreRefusedError(
      `${kind.label} keeps every domain in one database: back up and restore the whole server instead`,
    );
  }
}

export async function createBackup(ctx: WorkerContext, backupId: string, progress: Progress) {
  const backup = await backupToTake(ctx.core, backupId);
  if (!backup) throw new RestoreRefusedError("the backup no longer exists");
  if (backup.status === "succeeded") return { alreadyDone: true };
  if (backup.domainId && (!backup.domain || backup.domain.instanceId !== backup.instanceId)) {
    throw new RestoreRefusedError("the domain has moved since this backup was asked for");
  }
  const started = Date.now();
  await markBackupRunning(ctx.core, backupId);
  const runtime = ctx.runtime;
  const store = ctx.backupStore();
  const kind = serverKind(backup.instance.server);
  try {
    if (backup.domain) refuseDomainBackupOn(backup.instance.server);
    return await withTempDir("xh-backup-", async (tmp) => {
      if (runtime.copyDataOut && !kind.snapshotIsDataFolder) {
        throw new RestoreRefusedError(`backups of ${kind.label} servers on Kubernetes are not available yet`);
      }
      await progress(10, "taking a consistent snapshot");
      const status = await runtime.status(backup.instanceId);
      const source = await kind.prepareSnapshot({
        spec: specOf(ctx, backup.instance, []),
        layout: runtime.layout(backup.instanceId),
      });
      // A domain's backup holds only its own hosts' data, never its neighbours'.
      const only = backup.domain ? domainDataDirs(backup.instance.server, backup.domain.name) : undefined;
      let dataDir = source.dir;
      let pid = source.pauseServer ? status.pid : null;
      let copyPausedMs = 0;
      if (runtime.copyDataOut) {
        // The files are in the server's pod: copied here first (paused there), then taken like a finished export.
        dataDir = path.join(tmp, "server-data");
        const copied = await runtime.copyDataOut(backup.instanceId, {
          dest: dataDir,
          pause: source.pauseServer,
          ...(only ? { only } : {}),
        });
        copyPausedMs = copied.pausedMs;
        pid = null;
      }
      const snap = await snapshotInstance({ dataDir, pid, tmpDir: tmp, ...(only ? { only } : {}) }).finally(() =>
        source.cleanup(),
      );
      snap.pausedMs += copyPausedMs;
      await progress(40, "compressing and encrypting");
      // The platform's own records, carried in the manifest. Keys stay sealed.
      const records = await backupPlatformRecords(ctx.core, backup.instanceId, backup.domainId);
      const archive = path.join(tmp, "backup.xhb");
      const written = await writeBackup({
        snapshotDir: snap.dir,
        files: snap.files,
        instanceId: backup.instanceId,
        tenantId: backup.tenantId ?? "platform",
        server: backup.instance.server,
        ...(backup.instance.version ? { serverVersion: backup.instance.version } : {}),
        platform: records,
        key: deriveTenantKey(ctx.env.SECRETS_KEY, backup.tenantId ?? "platform"),
        out: createWriteStream(archive),
      });
      await progress(70, "uploading to the backup store");
      const key = storageKey(backup.tenantId, backup.instanceId, backup.id, backup.domainId);
      const size = (await fs.stat(archive)).size;
      await store.put(key, { file: archive }, size);
      const accounts = records.domains.length;
      await recordBackupDone(ctx.core, backupId, {
        storageKey: key,
        sizeBytes: size,
        sha256: written.sha256OfArchive,
        durationMs: Date.now() - started,
        pausedMs: Math.round(snap.pausedMs),
        summary: {
          files: snap.files.length,
          domains: accounts,
          rooms: records.domains.reduce((n, d) => n + d.rooms.length, 0),
        },
      });
      await progress(90, "applying retention");
      const pruned = await applyRetention(ctx, backup.instanceId, backup.domainId);
      if (ctx.env.BACKUP_VERIFY)
        await ctx.queues.enqueue("backup.verify", { backupId }, { jobId: `verify-${backupId}` });
      return { storageKey: key, sizeBytes: size, pausedMs: Math.round(snap.pausedMs), pruned };
    });
  } catch (err) {
    await recordBackupFailed(ctx.core, backupId, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** Deletes what the retention policy lets go; runs only after a successful backup, so a failure never prunes. */
export async function applyRetention(
  ctx: WorkerContext,
  instanceId: string,
  domainId: string | null = null,
): Promise<number> {
  // A domain's backups and its server's whole-instance backups are kept apart, each by the same policy.
  const backups = await backupsUnderRetention(ctx.core, instanceId, domainId);
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
    await forgetBackup(ctx.core, id);
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

/** Data restores only into a server of the kind it was taken from (moving between kinds is another operation). */
function refuseOtherServer(manifest: BackupManifest, server: Instance["server"]): void {
  if (manifest.server !== server) {
    throw new RestoreRefusedError(
      `the backup holds ${serverKind(manifest.server).label} data and cannot be restored into a server running ${serverKind(server).label}`,
    );
  }
}

/**
 * Restores into the backup's own instance (rollback) or another instance of the tenant (move). The data is
 * verified in a staging directory first, then swapped in with renames while the server is stopped, so a crash
 * leaves the old data or the new, and a retry finishes the job.
 */
export async function restoreBackup(ctx: WorkerContext, targetId: string, backupId: string, progress: Progress) {
  const backup = await findBackup(ctx.core, backupId);
  if (!backup) throw new RestoreRefusedError("the backup no longer exists");
  const runtime = ctx.runtime;
  return withTempDir("xh-restore-", async (tmp) => {
    await progress(10, "downloading and verifying the archive");
    const { manifest, staging } = await fetchAndExtract(ctx, backup, tmp);
    const target = await getInstance(ctx.core, targetId);
    refuseOtherServer(manifest, target.server);
    if (target.id !== backup.instanceId) {
      await progress(30, "moving the domains to the new instance");
      await moveDomains(ctx, backup.instanceId, target);
    }
    // Under the instance's lock, so that the supervisor does not restart it half-way.
    await withInstanceLock(ctx, target.id, async () => {
      await progress(50, "stopping the server");
      await ctx.forgetDriver(target.id);
      await runtime.stop(target.id);
      await progress(60, "putting the restored data in place");
      if (runtime.replaceData) {
        // The files are in the server's volume (Kubernetes): streamed in and swapped there.
        await runtime.replaceData(target.id, staging);
      } else {
        const dataDir = runtime.layout(target.id).data;
        await recoverInterruptedRestore(dataDir);
        await restoreDataDir({ stagingDir: staging, dataDir });
        await runtime.handOver(target.id);
      }
      await progress(75, "starting the server");
      const fresh = await instanceWithDomainsOrThrow(ctx.core, target.id);
      const spec = specOf(ctx, fresh, fresh.domains);
      await writeServerConfig(ctx, spec);
      const started = await ctx.runtime.start(spec);
      await ctx.driverFor(fresh).applyHosts(instanceHosts(spec));
      await recordRestoredServerRunning(ctx.core, target.id, started.pid);
    });
    await progress(90, "syncing the platform's view");
    const synced = await sync(ctx, target.id);
    return { backupId, files: (manifest as { files?: unknown[] }).files?.length ?? null, synced };
  });
}

/** A move: the domains of the source instance now live on the target; the source stops serving them. */
async function moveDomains(ctx: WorkerContext, sourceId: string, target: Instance) {
  const domains = await moveInstanceDomains(ctx.core, sourceId, target.id);
  for (const d of domains) {
    const cert = await certificateFor(ctx.core, d.id);
    if (!cert) continue;
    const key = ctx.secrets.decrypt(cert.keyEncrypted);
    for (const host of Object.values(domainHosts(d.name)))
      await ctx.runtime.writeCertificate(target.id, host, cert.certPem, key);
  }
  const source = await instanceWithDomains(ctx.core, sourceId);
  if (source && (await ctx.runtime.status(source.id)).running) {
    const spec = specOf(ctx, source, source.domains);
    await writeServerConfig(ctx, spec);
    await ctx.driverFor(source).applyHosts(instanceHosts(spec));
  }
}

/**
 * Proves a backup restores: into a throwaway instance on spare ports, then every account and room the
 * platform knew at backup time must be there. Bounded in time; the instance is always removed.
 */
export async function verifyBackup(ctx: WorkerContext, backupId: string) {
  const backup = await findBackup(ctx.core, backupId);
  if (backup?.status !== "succeeded" || backup.verification !== "pending") return null;
  // A throwaway server of this machine's, whatever runtime serves the real ones: nothing to schedule or expose.
  const runtime =
    ctx.runtime.kind === "local"
      ? ctx.runtime
      : new LocalRuntime({ dataRoot: path.join(ctx.env.DATA_ROOT, "verify"), runAs: ctx.env.INSTANCE_USER });
  const id = `verify-${backupId}`.slice(0, 64);
  const deadline = Date.now() + ctx.env.BACKUP_VERIFY_TIMEOUT_MS;
  const { accounts: expectedAccounts, rooms: expectedRooms } = await contentsAtBackupTime(ctx.core, backup);
  try {
    const result = await withTempDir("xh-verify-", async (tmp) => {
      const { manifest, staging } = await fetchAndExtract(ctx, backup, tmp);
      const recorded = (manifest as { platform?: { domains?: { name: string }[] } }).platform?.domains ?? [];
      const domains = recorded.map((d) => ({ name: d.name, registration: "closed" as const }));
      const [c2s, s2s, http] = await freeVerifyPorts(ctx);
      // The throwaway server is of the kind the backup was taken from.
      const server = manifest.server;
      const spec: InstanceSpec = {
        id,
        server,
        ports: { c2s, s2s, http },
        bindAddress: "127.0.0.1",
        domains,
        ...(serverKind(server).adminPassword ? { adminPassword: randomBytes(18).toString("base64url") } : {}),
      };
      await runtime.destroy(id);
      await runtime.writeConfig(spec);
      await restoreDataDir({ stagingDir: staging, dataDir: runtime.layout(id).data });
      await runtime.handOver(id);
      const ca = await ctx.ca();
      for (const d of domains) {
        const issued = await ca.issue(Object.values(domainHosts(d.name)));
        for (const h of issued.names) await runtime.writeCertificate(id, h, issued.certPem, issued.keyPem);
      }
      await runtime.start(spec);
      const driver = createDriver(server, runtime.adminChannel(spec));
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
    await recordBackupVerification(
      ctx.core,
      backupId,
      ok ? null : `missing after restore: ${result.missing.slice(0, 10).join(", ")}`,
    );
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordBackupVerification(ctx.core, backupId, message);
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
  const started = await startScheduledBackup(ctx.core, instanceId, ctx.env.BACKUP_STORE);
  return started ? { backupId: started.backup.id } : null;
}

/** The instance's backup schedule, from its interval (0 turns it off); an existing one keeps its next run. */
export async function scheduleBackups(ctx: WorkerContext, instance: { id: string; backupIntervalHours: number }) {
  await schedule(ctx.queues, "backup", instance.backupIntervalHours * 3600_000, instance.id);
}

export async function unscheduleBackups(ctx: WorkerContext, instanceId: string) {
  await unschedule(ctx.queues, "backup", instanceId);
}

/** Makes the backup schedules match the instances in PostgreSQL; run at every worker boot. */
export async function reconcileBackupSchedules(ctx: WorkerContext) {
  const wanted = await instancesWithBackupSchedule(ctx.core);
  const { scheduled } = await reconcileSchedules(
    ctx.queues,
    "backup",
    wanted.map((i) => ({ resourceId: i.id, every: i.backupIntervalHours * 3600_000 })),
  );
  return { scheduled };
}

/**
 * Restores one domain's backup: only that domain's hosts are touched, so neighbours on a shared server keep
 * running, connected and unchanged. Into the domain's own server (a rollback) or into another server of the
 * tenant (the domain moves there: its hosts leave the old server, data and keys included).
 *
 * The archive is verified in a staging directory first. The domain's hosts are then deactivated, their data
 * directories replaced (each copied in beside the live one, then swapped by rename), and the hosts activated
 * again. A retry redoes the swap from the archive, so a crash at any point ends with the backup's data.
 */
export async function restoreDomainBackup(
  ctx: WorkerContext,
  domainId: string,
  input: { backupId: string; sourceInstanceId: string; targetInstanceId: string },
  progress: Progress,
) {
  const backup = await findBackup(ctx.core, input.backupId);
  if (!backup || backup.domainId !== domainId) throw new RestoreRefusedError("the backup no longer exists");
  const domain = await domainToRestore(ctx.core, domainId);
  if (!domain || domain.state === "deleting") throw new RestoreRefusedError("the domain no longer exists");
  const runtime = ctx.runtime;
  return withTempDir("xh-restore-", async (tmp) => {
    await progress(10, "downloading and verifying the archive");
    const { manifest, staging } = await fetchAndExtract(ctx, backup, tmp);
    const target = await getInstance(ctx.core, input.targetInstanceId);
    refuseOtherServer(manifest, target.server);
    refuseDomainBackupOn(target.server);
    const recorded = (manifest as { platform?: { domains?: { name: string }[] } }).platform?.domains ?? [];
    if (recorded.length !== 1 || recorded[0]?.name !== domain.name) {
      throw new RestoreRefusedError(`the archive does not hold ${domain.name} alone`);
    }
    const dirs = domainDataDirs(target.server, domain.name);
    const unexpected = (await fs.readdir(staging)).filter((n) => !dirs.includes(n) && !n.startsWith("."));
    if (unexpected.length) throw new RestoreRefusedError(`the archive holds other data: ${unexpected.join(", ")}`);
    // Its IRC gateway's host too: the gateway's database comes back with the domain's data.
    const hosts = [...Object.values(domainHosts(domain.name)), ircGatewayHost(domain.name)];
    const gateway = await ctx.core.db.ircGateway.findUnique({ where: { domainId } });
    const hasGateway = gateway !== null && gateway.state !== "deleting";
    // Stopped while its database is replaced; started again, joined to the domain's server, once it is back.
    await ctx.gateways.stop(domainId);

    await progress(40, "pausing the domain on its server");
    await withInstanceLock(ctx, target.id, async () => {
      const fresh = await instanceWithDomainsOrThrow(ctx.core, target.id);
      if ((await runtime.status(target.id)).running) {
        const others = instanceHosts(specOf(ctx, fresh, fresh.domains)).filter((h) => !hosts.includes(h));
        // Only this domain's hosts go down (its users are disconnected); the instance keeps its other hosts.
        await ctx.driverFor(fresh).applyHosts(others);
      }
      await progress(55, "putting the restored data in place");
      await replaceDomainDirs(ctx, target.id, staging, dirs);
    });

    if (input.sourceInstanceId !== target.id) {
      await progress(65, "moving the domain to its new server");
      await recordDomainMoved(ctx.core, domainId, target.id);
    }
    await progress(75, "bringing the domain back");
    if (hasGateway) {
      await withInstanceLock(ctx, target.id, () => assignComponentPort(ctx.core, target.id, portPool(ctx)));
    }
    await applyConfiguration(ctx, target.id);
    if (hasGateway) await startIrcGateway(ctx, domainId);
    if (input.sourceInstanceId !== target.id) {
      // The old server lets the hosts go, then forgets everything of the domain.
      await applyConfiguration(ctx, input.sourceInstanceId).catch((err: unknown) => {
        ctx.log.warn({ err, instanceId: input.sourceInstanceId }, "old server could not drop the moved domain yet");
      });
      await withInstanceLock(ctx, input.sourceInstanceId, () => runtime.removeHostData(input.sourceInstanceId, hosts));
      await progress(85, "pointing the DNS records at the new server");
      await republishMovedDomain(ctx, domain, input.sourceInstanceId, target);
      if (target.placement === "shared") await scheduleDomainBackups(ctx, domain.id);
      else await unscheduleDomainBackups(ctx, domain.id);
    }
    await progress(90, "syncing the platform's view");
    const synced = await sync(ctx, target.id, domainId);
    return { backupId: backup.id, domain: domain.name, instanceId: target.id, hosts, synced };
  });
}

/**
 * Replaces these top-level folders of the server's data with the ones in `from` (a folder absent there is removed).
 * Their hosts must be switched off on that server. Each folder is copied in beside the live one, then swapped by
 * rename, so a crash leaves either the old folder or the new one.
 */
export async function replaceDomainDirs(ctx: WorkerContext, instanceId: string, from: string, dirs: string[]) {
  const runtime = ctx.runtime;
  if (runtime.replaceData) {
    await runtime.replaceData(instanceId, from, { only: dirs });
    return;
  }
  const dataDir = runtime.layout(instanceId).data;
  await fs.mkdir(dataDir, { recursive: true, mode: 0o750 });
  for (const dir of dirs) {
    const live = path.join(dataDir, dir);
    const incoming = `${live}.xh-restoring`;
    const outgoing = `${live}.xh-replaced`;
    await fs.rm(incoming, { recursive: true, force: true });
    await fs.rm(outgoing, { recursive: true, force: true });
    const fromCopy = path.join(from, dir);
    const has = await fs.stat(fromCopy).catch(() => null);
    if (has?.isDirectory()) await fs.cp(fromCopy, incoming, { recursive: true, preserveTimestamps: true });
    if (await fs.stat(live).catch(() => null)) await fs.rename(live, outgoing);
    if (has?.isDirectory()) await fs.rename(incoming, live);
    await fs.rm(outgoing, { recursive: true, force: true });
  }
  // Written as the platform; the server reads and writes them as its own account.
  await runtime.handOver(instanceId);
}

/**
 * Copies these top-level folders of a server's data into `tmp`, as one consistent snapshot (the server paused
 * while the files are copied, where its kind needs it). Works on a stopped server too.
 */
export async function copyDomainDirsOut(ctx: WorkerContext, instance: Instance, only: string[], tmp: string) {
  const runtime = ctx.runtime;
  const kind = serverKind(instance.server);
  const status = await runtime.status(instance.id);
  const source = await kind.prepareSnapshot({ spec: specOf(ctx, instance, []), layout: runtime.layout(instance.id) });
  let dataDir = source.dir;
  let pid = source.pauseServer ? status.pid : null;
  let copyPausedMs = 0;
  await fs.mkdir(tmp, { recursive: true });
  if (runtime.copyDataOut) {
    dataDir = await fs.mkdtemp(path.join(tmp, "server-data-"));
    copyPausedMs = (await runtime.copyDataOut(instance.id, { dest: dataDir, pause: source.pauseServer, only }))
      .pausedMs;
    pid = null;
  } else if (!(await fs.stat(dataDir).catch(() => null))) {
    dataDir = await fs.mkdtemp(path.join(tmp, "no-data-")); // a server that never wrote anything
  }
  const snap = await snapshotInstance({ dataDir, pid, tmpDir: tmp, only }).finally(() => source.cleanup());
  snap.pausedMs += copyPausedMs;
  return snap;
}

const DOMAIN_BACKUP_EVERY = 24 * 3600_000;

/** Domains on shared servers are backed up on their own, daily, so that each can be restored on its own. */
export async function scheduleDomainBackups(ctx: WorkerContext, domainId: string) {
  await schedule(ctx.queues, "domain-backup", DOMAIN_BACKUP_EVERY, domainId);
}

export async function unscheduleDomainBackups(ctx: WorkerContext, domainId: string) {
  await unschedule(ctx.queues, "domain-backup", domainId);
}

/** The per-domain schedule's job: starts a backup of the domain unless one is under way. */
export async function scheduledDomainBackup(ctx: WorkerContext, domainId: string) {
  const started = await startScheduledDomainBackup(ctx.core, domainId, ctx.env.BACKUP_STORE);
  return started ? { backupId: started.backup.id } : null;
}

/** Makes the per-domain backup schedules match the domains on shared servers; run at every worker boot. */
export async function reconcileDomainBackupSchedules(ctx: WorkerContext) {
  const domains = await domainsWithOwnBackups(ctx.core);
  const { scheduled } = await reconcileSchedules(
    ctx.queues,
    "domain-backup",
    domains.map((d) => ({ resourceId: d.id, every: DOMAIN_BACKUP_EVERY })),
  );
  return { scheduled };
}

/** A free address that moved: its SRV records now name the new server's ports (the platform publishes them). */
export async function republishMovedDomain(ctx: WorkerContext, domain: Domain, sourceId: string, target: Instance) {
  const platform = platformSettings(ctx.core);
  const zone = isUnderPlatformDomain(domain.name, platform) ? ctx.platformZone() : null;
  if (!zone) return;
  const source = await findInstance(ctx.core, sourceId);
  const gateway = await ctx.core.db.ircGateway.findUnique({ where: { domainId: domain.id } });
  const ircGateway = gateway !== null && gateway.state !== "deleting";
  if (source) {
    const old = expectedRecords(dnsTargetOf(domain, source, platform, { ircGateway: true }));
    await unpublishDomainRecords(zone, old);
  }
  await publishDomainRecords(zone, expectedRecords(dnsTargetOf(domain, target, platform, { ircGateway })));
}
