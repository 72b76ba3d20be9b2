import type { Backup } from "@xmpp-host/db";
import { serverKind, serverNames } from "@xmpp-host/xmpp";
import { loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { loadInstance } from "../instances/service.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { roomSettings } from "../rooms/service.ts";

/** A backup as the API shows it; a domain's backup names the domain, not the (possibly shared) server. */
export function backupView(b: Backup) {
  return {
    ...b,
    instanceId: b.domainId ? null : b.instanceId,
    sizeBytes: b.sizeBytes === null ? null : Number(b.sizeBytes),
  };
}

export async function listBackups(ctx: CoreContext, actor: Actor, instanceId: string, page: Page) {
  await loadInstance(ctx, actor, instanceId, "read");
  return pageOf(
    page,
    (q) => ctx.db.backup.findMany({ where: { instanceId, domainId: null }, orderBy: { id: "desc" }, ...q }),
    backupView,
  );
}

/** Records a backup and the operation that takes it. Also used by the schedule (actor null). */
export async function startBackup(
  ctx: CoreContext,
  actor: Actor | null,
  instanceId: string,
  trigger: "manual" | "scheduled",
  store: string,
) {
  const instance = await ctx.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  return recordBackup(ctx, actor, { instanceId, domainId: null, tenantId: instance.tenantId }, trigger, store);
}

async function recordBackup(
  ctx: CoreContext,
  actor: Actor | null,
  of: { instanceId: string; domainId: string | null; tenantId: string | null },
  trigger: "manual" | "scheduled",
  store: string,
) {
  const { resource: backup, operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.backup.create({ data: { ...of, trigger, store } }),
    operation: (backup) => ({ type: "backup.create", ...target("backup", backup) }),
    audit: () => ({ action: "backup.requested", data: of.domainId ? { trigger, domainId: of.domainId } : { trigger } }),
  });
  return { backup, operation };
}

export async function requestBackup(ctx: CoreContext, actor: Actor, instanceId: string, store: string) {
  const instance = await loadInstance(ctx, actor, instanceId, "write");
  if (instance.status === "deleting")
    throw new AppError("conflict", "the instance is being deleted", { reason: "instance_deleting" });
  return startBackup(ctx, actor, instanceId, "manual", store);
}

/** Records a backup of one domain (its hosts' data only) and the operation that takes it. */
export async function startDomainBackup(
  ctx: CoreContext,
  actor: Actor | null,
  domainId: string,
  trigger: "manual" | "scheduled",
  store: string,
) {
  const domain = await ctx.db.domain.findUniqueOrThrow({ where: { id: domainId } });
  return recordBackup(
    ctx,
    actor,
    { instanceId: domain.instanceId, domainId, tenantId: domain.tenantId },
    trigger,
    store,
  );
}

export async function requestDomainBackup(ctx: CoreContext, actor: Actor, domainId: string, store: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state !== "active")
    throw new AppError("conflict", `the domain is ${domain.state}, not active`, { reason: "domain_not_ready" });
  const { server } = await ctx.db.instance.findUniqueOrThrow({ where: { id: domain.instanceId } });
  const kind = serverKind(server);
  if (!kind.features.domainBackups) {
    throw new AppError("conflict", `${kind.label} keeps every domain in one database: back up the whole server`, {
      reason: "not_supported_by_server",
      params: { server: kind.label },
    });
  }
  const busy = await ctx.db.backup.count({ where: { domainId, status: { in: ["queued", "running"] } } });
  if (busy)
    throw new AppError("conflict", "a backup of this domain is already under way", { reason: "backup_under_way" });
  return startDomainBackup(ctx, actor, domainId, "manual", store);
}

export async function listDomainBackups(ctx: CoreContext, actor: Actor, domainId: string, page: Page) {
  await loadDomain(ctx, actor, domainId, "read");
  return pageOf(
    page,
    (q) => ctx.db.backup.findMany({ where: { domainId }, orderBy: { id: "desc" }, ...q }),
    backupView,
  );
}

export function loadBackup(ctx: CoreContext, actor: Actor, backupId: string, need: "read" | "write" | "own") {
  return loadOwned(ctx, actor, "backup", ctx.db.backup.findUnique({ where: { id: backupId } }), need);
}

/** The server a restore goes into: one of the backup's tenant that the actor may change. */
async function restoreTarget(ctx: CoreContext, actor: Actor, instanceId: string, tenantId: string | null) {
  const notFound = () => AppError.field("targetInstanceId", "no such instance in this tenant", "not_found");
  const target = await loadInstance(ctx, actor, instanceId, "write").catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw notFound();
    throw err;
  });
  if (target.tenantId !== tenantId) throw notFound();
  return target;
}

/** Restores a backup into its own instance (a rollback) or into another instance of the tenant (a move). */
export async function requestRestore(
  ctx: CoreContext,
  actor: Actor,
  backupId: string,
  input: { targetInstanceId?: string },
) {
  const backup = await loadBackup(ctx, actor, backupId, "write");
  if (backup.status !== "succeeded") {
    throw new AppError(
      "precondition_failed",
      `this backup is ${backup.status}; only a completed backup can be restored`,
      { reason: "backup_not_ready" },
    );
  }
  if (backup.domainId) return requestDomainRestore(ctx, actor, backup, input);
  const targetId = input.targetInstanceId ?? backup.instanceId;
  const into = await restoreTarget(ctx, actor, targetId, backup.tenantId);
  if (into.status === "deleting") throw AppError.field("targetInstanceId", "the instance is being deleted", "deleting");
  const { operation } = await startOperation(ctx, actor, {
    change: async () => into,
    operation: () => ({ type: "backup.restore", ...target("instance", into), input: { backupId: backup.id } }),
    audit: () => ({ action: "backup.restore_requested", data: { backupId: backup.id } }),
  });
  return operation;
}

/**
 * A domain's backup goes back into the domain's current server (a rollback of that domain alone), or into another
 * server of the tenant (the domain moves there, e.g. from a shared server to a dedicated one).
 */
async function requestDomainRestore(
  ctx: CoreContext,
  actor: Actor,
  backup: Backup,
  input: { targetInstanceId?: string },
) {
  const domainId = backup.domainId as string;
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state !== "active")
    throw new AppError("conflict", `the domain is ${domain.state}, not active`, { reason: "domain_not_ready" });
  let targetId = domain.instanceId;
  if (input.targetInstanceId && input.targetInstanceId !== domain.instanceId) {
    const into = await restoreTarget(ctx, actor, input.targetInstanceId, domain.tenantId);
    if (into.status !== "running")
      throw AppError.field("targetInstanceId", `the instance is ${into.status}`, "not_running");
    targetId = into.id;
  }
  const { operation } = await startOperation(ctx, actor, {
    change: async () => domain,
    operation: () => ({
      type: "domain.restore",
      ...target("domain", domain),
      input: { backupId: backup.id, sourceInstanceId: domain.instanceId, targetInstanceId: targetId },
    }),
    audit: () => ({
      action: "backup.restore_requested",
      data: { backupId: backup.id, moved: targetId !== domain.instanceId },
    }),
  });
  return operation;
}

type DbCtx = Pick<CoreContext, "db">;

/** The backup a job is to take, with the instance and domain it is of; null once it is gone. */
export function backupToTake(ctx: DbCtx, backupId: string) {
  return ctx.db.backup.findUnique({ where: { id: backupId }, include: { instance: true, domain: true } });
}

/** A backup for the platform's own jobs (no actor); null once it is gone. */
export function findBackup(ctx: DbCtx, backupId: string): Promise<Backup | null> {
  return ctx.db.backup.findUnique({ where: { id: backupId } });
}

export async function markBackupRunning(ctx: DbCtx, backupId: string): Promise<void> {
  await ctx.db.backup.update({ where: { id: backupId }, data: { status: "running", error: null } });
}

/** What a finished backup wrote, kept on its row. */
export interface BackupDone {
  storageKey: string;
  sizeBytes: number;
  sha256: string;
  durationMs: number;
  pausedMs: number;
  summary: { files: number; domains: number; rooms: number };
}

export async function recordBackupDone(ctx: DbCtx, backupId: string, done: BackupDone): Promise<void> {
  await ctx.db.backup.update({
    where: { id: backupId },
    data: {
      status: "succeeded",
      storageKey: done.storageKey,
      sizeBytes: BigInt(done.sizeBytes),
      sha256: done.sha256,
      manifestVersion: 1,
      durationMs: done.durationMs,
      pausedMs: done.pausedMs,
      summary: done.summary,
      finishedAt: new Date(),
    },
  });
}

export async function recordBackupFailed(ctx: DbCtx, backupId: string, error: string): Promise<void> {
  await ctx.db.backup.update({
    where: { id: backupId },
    data: { status: "failed", error, finishedAt: new Date() },
  });
}

/**
 * The finished backups one retention policy applies to: a domain's own, or its server's whole-instance ones
 * (the two are kept apart).
 */
export function backupsUnderRetention(ctx: DbCtx, instanceId: string, domainId: string | null): Promise<Backup[]> {
  return ctx.db.backup.findMany({
    where: domainId
      ? { domainId, status: { in: ["succeeded", "failed"] } }
      : { instanceId, domainId: null, status: { in: ["succeeded", "failed"] } },
  });
}

/** Forgets a pruned backup; its archive is deleted from the store first. */
export async function forgetBackup(ctx: DbCtx, backupId: string): Promise<void> {
  await ctx.db.backup.delete({ where: { id: backupId } });
}

/** The platform's own records for the instance (or one domain of it), carried in a backup's manifest. */
export async function backupPlatformRecords(ctx: DbCtx, instanceId: string, domainId: string | null = null) {
  const instance = await ctx.db.instance.findUniqueOrThrow({
    where: { id: instanceId },
    include: {
      domains: {
        ...(domainId ? { where: { id: domainId } } : {}),
        include: { rooms: true, invites: true, certificates: { orderBy: { createdAt: "desc" }, take: 1 } },
      },
    },
  });
  return {
    instance: { id: instance.id, name: instance.name, server: instance.server, version: instance.version },
    domains: instance.domains.map((d) => ({
      name: d.name,
      registration: d.registration,
      verified: d.verified,
      certificateMode: d.certificateMode,
      rooms: d.rooms.map(roomSettings),
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

/** The active accounts and rooms known when the backup was taken: a restore must bring them all back. */
export async function contentsAtBackupTime(ctx: DbCtx, backup: Pick<Backup, "instanceId" | "domainId" | "createdAt">) {
  const scope = backup.domainId ? { domainId: backup.domainId } : { domain: { instanceId: backup.instanceId } };
  const accounts = await ctx.db.account.findMany({
    where: { ...scope, state: "active", createdAt: { lte: backup.createdAt } },
    include: { domain: true },
  });
  const rooms = await ctx.db.room.findMany({
    where: { ...scope, state: "active", createdAt: { lte: backup.createdAt } },
    include: { domain: true },
  });
  return { accounts, rooms };
}

/** The outcome of a trial restore: null when everything came back, else why not. */
export async function recordBackupVerification(ctx: DbCtx, backupId: string, error: string | null): Promise<void> {
  await ctx.db.backup.update({
    where: { id: backupId },
    data: { verification: error === null ? "verified" : "failed", verificationError: error },
  });
}

/** The schedule's backup of an instance: none while it is not running, off, or already being backed up. */
export async function startScheduledBackup(ctx: CoreContext, instanceId: string, store: string) {
  const instance = await ctx.db.instance.findUnique({ where: { id: instanceId } });
  if (instance?.status !== "running" || instance.backupIntervalHours === 0) return null;
  const busy = await ctx.db.backup.count({ where: { instanceId, status: { in: ["queued", "running"] } } });
  if (busy) return null;
  return startBackup(ctx, null, instanceId, "scheduled", store);
}

/** The schedule's backup of a domain: none while it or its server is not up, or one is already under way. */
export async function startScheduledDomainBackup(ctx: CoreContext, domainId: string, store: string) {
  const domain = await ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
  if (domain?.state !== "active" || domain.instance.status !== "running") return null;
  const busy = await ctx.db.backup.count({ where: { domainId, status: { in: ["queued", "running"] } } });
  if (busy) return null;
  return startDomainBackup(ctx, null, domainId, "scheduled", store);
}

/** Instances that keep a backup schedule: every one not being deleted whose interval is not 0. */
export async function instancesWithBackupSchedule(ctx: DbCtx) {
  const instances = await ctx.db.instance.findMany({
    where: { status: { not: "deleting" } },
    select: { id: true, backupIntervalHours: true },
  });
  return instances.filter((i) => i.backupIntervalHours > 0);
}

/** Active domains on shared servers, each backed up on its own. */
export function domainsWithOwnBackups(ctx: DbCtx): Promise<{ id: string }[]> {
  return ctx.db.domain.findMany({
    where: {
      state: "active",
      instance: {
        placement: "shared",
        server: { in: serverNames.filter((n) => serverKind(n).features.domainBackups) },
      },
    },
    select: { id: true },
  });
}

/** The domain a restore is for; null once it is gone. */
export function domainToRestore(ctx: DbCtx, domainId: string) {
  return ctx.db.domain.findUnique({ where: { id: domainId } });
}

/** A restored domain now lives on the target server. */
export async function recordDomainMoved(ctx: DbCtx, domainId: string, instanceId: string): Promise<void> {
  await ctx.db.domain.update({ where: { id: domainId }, data: { instanceId } });
}

/** A whole-instance restore into another instance moves all the source's domains there; returns them. */
export async function moveInstanceDomains(ctx: DbCtx, sourceId: string, targetId: string) {
  const domains = await ctx.db.domain.findMany({ where: { instanceId: sourceId } });
  await ctx.db.domain.updateMany({ where: { instanceId: sourceId }, data: { instanceId: targetId } });
  return domains;
}

/** The restored server runs again: it is wanted running and its last error is forgotten. */
export async function recordRestoredServerRunning(ctx: DbCtx, instanceId: string, pid: number | null): Promise<void> {
  await ctx.db.instance.update({
    where: { id: instanceId },
    data: { status: "running", pid, desiredState: "running", lastError: null },
  });
}
