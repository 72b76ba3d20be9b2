import type { Operation } from "@xmpp-host/db";
import { type OperationType, operationTypes, parseOperationInput } from "@xmpp-host/queue/catalogue";
import type { CoreContext } from "../context.ts";
import { operationHandlers } from "../handlers.ts";
import {
  type OperationContext,
  type OperationHandler,
  type OperationResult,
  PermanentError,
  type Progress,
} from "./handler.ts";

type Db = Pick<CoreContext, "db">;

/** Claims a queued or running operation for this attempt; null when it already ended (it never runs again). */
export async function claimOperation(ctx: Db, operationId: string, attempt: number): Promise<Operation | null> {
  // One statement: claimed, counted and its first start time kept, or nothing when it already ended.
  const [op] = await ctx.db.$queryRaw<Operation[]>`
    UPDATE "Operation"
       SET status = 'running', attempts = ${attempt}, step = 'started', "startedAt" = COALESCE("startedAt", now()),
           "updatedAt" = now()
     WHERE id = ${operationId} AND status IN ('queued', 'running')
 RETURNING id, "tenantId", type, status::text AS status, progress, step, "resourceType", "resourceId", input, result,
           error, "secretEncrypted", attempts, "actorUserId", "actorTokenId", "createdAt", "startedAt", "finishedAt",
           "updatedAt"`;
  return op ?? null;
}

export async function recordProgress(ctx: Db, operationId: string, percent: number, step: string): Promise<void> {
  await ctx.db.operation.update({ where: { id: operationId }, data: { progress: percent, step } });
}

/** Runs the operation's handler, with its input read through the catalogue's schema for its type. */
export function runHandler(ctx: OperationContext, op: Operation, progress: Progress): Promise<OperationResult> {
  const type = op.type as OperationType;
  if (!operationTypes.includes(type)) throw new PermanentError(`no handler for ${op.type}`);
  const input = parseOperationInput(type, op.input);
  if (!input.ok) throw new PermanentError(input.reason);
  const handler = operationHandlers[type] as OperationHandler<OperationType>;
  return handler.run(ctx, { ...op, input: input.input }, progress);
}

/** The operation succeeded: its result, its secret erased, and the outcome in the audit log, in one change. */
export async function recordSuccess(ctx: Db, op: Operation, result: OperationResult): Promise<void> {
  await ctx.db.$transaction([
    ctx.db.operation.update({
      where: { id: op.id },
      data: {
        status: "succeeded",
        progress: 100,
        step: "done",
        result: result ?? undefined,
        error: undefined,
        secretEncrypted: null,
        finishedAt: new Date(),
      },
    }),
    ctx.db.auditEvent.create({
      data: {
        tenantId: op.tenantId,
        actorUserId: op.actorUserId,
        actorTokenId: op.actorTokenId,
        action: `${op.type}.succeeded`,
        resourceType: op.resourceType,
        resourceId: op.resourceId,
        data: { operationId: op.id },
      },
    }),
  ]);
}

/** Why an operation failed; `reason` and `params` when core refused it, so that the dashboard can say it in words. */
export type OperationError = {
  message: string;
  kind: string;
  attempts: number;
  permanent: boolean;
  reason?: string;
  params?: Record<string, string | number>;
};

/** An attempt failed and another follows. */
export async function recordRetry(ctx: Db, operationId: string, error: Omit<OperationError, "permanent">) {
  await ctx.db.operation.update({
    where: { id: operationId },
    data: { step: `attempt ${error.attempts} failed; retrying`, error: { ...error, retrying: true } },
  });
}

function failedData(error: OperationError) {
  return { status: "failed", step: "failed", error, secretEncrypted: null, finishedAt: new Date() } as const;
}

/** What its type's handler marks failed on the resource when the operation fails for good. */
async function markResourceFailed(ctx: CoreContext, op: Operation, message: string): Promise<void> {
  const handler = operationHandlers[op.type as OperationType] as OperationHandler<OperationType> | undefined;
  await handler?.failed?.(ctx, op.resourceId, message);
}

/** The operation failed for good: its error, and its resource marked failed. */
export async function recordFailure(ctx: CoreContext, op: Operation, error: OperationError): Promise<void> {
  await ctx.db.operation.update({ where: { id: op.id }, data: failedData(error) });
  await markResourceFailed(ctx, op, error.message);
}

/**
 * A job naming this operation was refused (its payload does not match the catalogue): the operation fails for
 * good with the reason, unless it already ended. Returns whether it was failed here.
 */
export async function refuseOperation(
  ctx: CoreContext,
  operationId: string,
  reason: string,
  attempt: number,
): Promise<boolean> {
  const [op] = await ctx.db.operation.updateManyAndReturn({
    where: { id: operationId, status: { in: ["queued", "running"] } },
    data: failedData({ message: reason, kind: "MalformedJobError", attempts: attempt, permanent: true }),
  });
  if (!op) return false;
  await markResourceFailed(ctx, op, reason);
  return true;
}
