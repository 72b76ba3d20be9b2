import {
  AppError,
  claimOperation,
  type OperationContext,
  PermanentError,
  type Progress,
  recordFailure,
  recordProgress,
  recordRetry,
  recordSuccess,
  refuseOperation as refuse,
  runHandler,
} from "@xmpp-host/core";
import { announceFinished } from "@xmpp-host/queue";
import { DriverCommandError } from "@xmpp-host/xmpp";
import { type Job, UnrecoverableError } from "bullmq";
import type { WorkerContext } from "./context.ts";
import { RestoreRefusedError } from "./processors/backups.ts";
import { CertificateRefusedError } from "./processors/certificates.ts";
import { operationContext } from "./services.ts";

/** Failures that retrying cannot fix: the operation fails at once. */
function isPermanent(err: unknown): boolean {
  return (
    err instanceof PermanentError ||
    err instanceof DriverCommandError ||
    err instanceof AppError ||
    err instanceof CertificateRefusedError ||
    err instanceof RestoreRefusedError
  );
}

const contexts = new WeakMap<WorkerContext, OperationContext>();

/** One operation context per worker context: its services hold no state of their own. */
export function handlerContext(ctx: WorkerContext): OperationContext {
  let found = contexts.get(ctx);
  if (!found) {
    found = operationContext(ctx);
    contexts.set(ctx, found);
  }
  return found;
}

/** Tells whoever waits on `?wait` that the operation ended; a lost announcement only costs them a poll. */
async function announce(ctx: WorkerContext, operationId: string): Promise<void> {
  await announceFinished(ctx.queues.connection, operationId).catch(() => undefined);
}

/**
 * Runs one operation exactly once in effect: a finished operation is never re-run, handlers are idempotent,
 * and the outcome is written to PostgreSQL before the job completes.
 */
export async function runOperation(ctx: WorkerContext, job: Job<{ operationId: string }>): Promise<void> {
  const attempt = job.attemptsMade + 1;
  const op = await claimOperation(ctx.core, job.data.operationId, attempt);
  if (!op) return;
  const progress: Progress = async (percent, step) => {
    await recordProgress(ctx.core, op.id, percent, step);
    await job.updateProgress(percent);
  };
  try {
    const result = await runHandler(handlerContext(ctx), op, progress);
    await recordSuccess(ctx.core, op, result);
    await announce(ctx, op.id);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const kind = err instanceof Error ? err.name : "Error";
    const permanent = isPermanent(err);
    if (permanent || attempt >= (job.opts.attempts ?? 1)) {
      const refusal = err instanceof AppError && err.reason ? { reason: err.reason, params: err.params ?? {} } : {};
      await recordFailure(ctx.core, op, { message, kind, attempts: attempt, permanent, ...refusal });
      await announce(ctx, op.id);
      ctx.log.warn({ operationId: op.id, type: op.type, err: message }, "operation failed");
      throw new UnrecoverableError(message);
    }
    await recordRetry(ctx.core, op.id, { message, kind, attempts: attempt });
    throw err;
  }
}

/**
 * A job naming this operation was refused (its payload does not match the catalogue): the operation fails
 * for good with the reason, unless it already finished. Returns whether it was failed here.
 */
export async function refuseOperation(
  ctx: WorkerContext,
  operationId: string,
  reason: string,
  attempt: number,
): Promise<boolean> {
  const failed = await refuse(ctx.core, operationId, reason, attempt);
  if (failed) await announce(ctx, operationId);
  return failed;
}
