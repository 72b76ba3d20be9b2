import type { Backup } from "@xmpp-host/db";
import { authorize } from "./access.ts";
import { audit } from "./audit.ts";
import type { Actor, CoreContext } from "./context.ts";
import { loadDomain } from "./domains.ts";
import { AppError } from "./errors.ts";
import { loadInstance } from "./instances.ts";
import { dispatch, paginate, recordOperation } from "./operations.ts";

/** A backup as the API shows it; a domain's backup names the domain, not the (possibly shared) server. */
export function backupView(b: Backup) {
  return {
    ...b,
    instanceId: b.domainId ? null : b.instanceId,
    sizeBytes: b.sizeBytes === null ? null : Number(b.sizeBytes),
  };
}

export async function listBackups(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  page: { cursor?: string; limit: number },
) {
  await loadInstance(ctx, actor, instanceId, "read");
  const rows = await ctx.db.backup.findMany({
    where: { instanceId, domainId: null },
    orderBy: { id: "desc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  return { items: items.map(backupView), nextCursor };
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
  const { backup, operation } = await ctx.db.$transaction(async (tx) => {
    const backup = await tx.backup.create({ data: { instanceId, tenantId: instance.tenantId, trigger, store } });
    const operation = await recordOperation(ctx, tx, actor, {
      type: "backup.create",
      tenantId: instance.tenantId,
      resourceType: "backup",
      resourceId: backup.id,
    });
    await audit(tx, actor, {
      tenantId: instance.tenantId,
      action: "backup.requested",
      resourceType: "backup",
      resourceId: backup.id,
      data: { trigger },
    });
    return { backup, operation };
  });
  await dispatch(ctx, operation);
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
  const { backup, operation } = await ctx.db.$transaction(async (tx) => {
    const backup = await tx.backup.create({
      data: { instanceId: domain.instanceId, domainId, tenantId: domain.tenantId, trigger, store },
    });
    const operation = await recordOperation(ctx, tx, actor, {
      type: "backup.create",
      tenantId: domain.tenantId,
      resourceType: "backup",
      resourceId: backup.id,
    });
    await audit(tx, actor, {
      tenantId: domain.tenantId,
      action: "backup.requested",
      resourceType: "backup",
      resourceId: backup.id,
      data: { trigger, domainId },
    });
    return { backup, operation };
  });
  await dispatch(ctx, operation);
  return { backup, operation };
}

export async function requestDomainBackup(ctx: CoreContext, actor: Actor, domainId: string, store: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state !== "active")
    throw new AppError("conflict", `the domain is ${domain.state}, not active`, { reason: "domain_not_ready" });
  const busy = await ctx.db.backup.count({ where: { domainId, status: { in: ["queued", "running"] } } });
  if (busy)
    throw new AppError("conflict", "a backup of this domain is already under way", { reason: "backup_under_way" });
  return startDomainBackup(ctx, actor, domainId, "manual", store);
}

export async function listDomainBackups(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  page: { cursor?: string; limit: number },
) {
  await loadDomain(ctx, actor, domainId, "read");
  const rows = await ctx.db.backup.findMany({
    where: { domainId },
    orderBy: { id: "desc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  return { items: items.map(backupView), nextCursor };
}

export async function loadBackup(ctx: CoreContext, actor: Actor, backupId: string, need: "read" | "write" | "own") {
  const backup = await ctx.db.backup.findUnique({ where: { id: backupId } });
  if (!backup) throw AppError.notFound("backup");
  await authorize(ctx, actor, backup.tenantId, need).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw AppError.notFound("backup");
    throw err;
  });
  return backup;
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
  const target = await loadInstance(ctx, actor, targetId, "write").catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found")
      throw AppError.field("targetInstanceId", "no such instance in this tenant", "not_found");
    throw err;
  });
  if (target.tenantId !== backup.tenantId)
    throw AppError.field("targetInstanceId", "no such instance in this tenant", "not_found");
  if (target.status === "deleting")
    throw AppError.field("targetInstanceId", "the instance is being deleted", "deleting");
  const operation = await ctx.db.$transaction(async (tx) => {
    const op = await recordOperation(ctx, tx, actor, {
      type: "backup.restore",
      tenantId: backup.tenantId,
      resourceType: "instance",
      resourceId: target.id,
      input: { backupId: backup.id },
    });
    await audit(tx, actor, {
      tenantId: backup.tenantId,
      action: "backup.restore_requested",
      resourceType: "instance",
      resourceId: target.id,
      data: { backupId: backup.id },
    });
    return op;
  });
  await dispatch(ctx, operation);
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
    const target = await loadInstance(ctx, actor, input.targetInstanceId, "write").catch((err: unknown) => {
      if (err instanceof AppError && err.code === "not_found")
        throw AppError.field("targetInstanceId", "no such instance in this tenant", "not_found");
      throw err;
    });
    if (target.tenantId !== domain.tenantId)
      throw AppError.field("targetInstanceId", "no such instance in this tenant", "not_found");
    if (target.status !== "running")
      throw AppError.field("targetInstanceId", `the instance is ${target.status}`, "not_running");
    targetId = target.id;
  }
  const operation = await ctx.db.$transaction(async (tx) => {
    const op = await recordOperation(ctx, tx, actor, {
      type: "domain.restore",
      tenantId: domain.tenantId,
      resourceType: "domain",
      resourceId: domain.id,
      input: { backupId: backup.id, sourceInstanceId: domain.instanceId, targetInstanceId: targetId },
    });
    await audit(tx, actor, {
      tenantId: domain.tenantId,
      action: "backup.restore_requested",
      resourceType: "domain",
      resourceId: domain.id,
      data: { backupId: backup.id, moved: targetId !== domain.instanceId },
    });
    return op;
  });
  await dispatch(ctx, operation);
  return operation;
}
