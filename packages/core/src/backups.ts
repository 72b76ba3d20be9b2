import type { Backup } from "@xmpp-host/db";
import { authorize } from "./access.ts";
import { audit } from "./audit.ts";
import type { Actor, CoreContext } from "./context.ts";
import { AppError } from "./errors.ts";
import { loadInstance } from "./instances.ts";
import { dispatch, paginate, recordOperation } from "./operations.ts";

export function backupView(b: Backup) {
  return { ...b, sizeBytes: b.sizeBytes === null ? null : Number(b.sizeBytes) };
}

export async function listBackups(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  page: { cursor?: string; limit: number },
) {
  await loadInstance(ctx, actor, instanceId, "read");
  const rows = await ctx.db.backup.findMany({
    where: { instanceId },
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
  if (instance.status === "deleting") throw new AppError("conflict", "the instance is being deleted");
  return startBackup(ctx, actor, instanceId, "manual", store);
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
    );
  }
  const targetId = input.targetInstanceId ?? backup.instanceId;
  const target = await loadInstance(ctx, actor, targetId, "write").catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found")
      throw AppError.field("targetInstanceId", "no such instance in this tenant");
    throw err;
  });
  if (target.tenantId !== backup.tenantId) throw AppError.field("targetInstanceId", "no such instance in this tenant");
  if (target.status === "deleting") throw AppError.field("targetInstanceId", "the instance is being deleted");
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
