import type { Operation, Prisma, Tx } from "@xmpp-host/db";
import { type OperationInputIn, type OperationType, parseOperationInput } from "@xmpp-host/queue/catalogue";
import { authorize } from "../access.ts";
import { audit } from "../audit.ts";
import type { AuditAction } from "../audit-log/actions.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";

/** An operation to record; its input is typed per operation type by the job catalogue. */
export type NewOperation = {
  [T in OperationType]: {
    type: T;
    tenantId: string | null;
    resourceType: string;
    resourceId: string;
    secret?: string;
  } & (Record<string, never> extends OperationInputIn<T>
    ? { input?: OperationInputIn<T> }
    : { input: OperationInputIn<T> });
}[OperationType];

/** Records the operation inside the caller's transaction; enqueue it with `dispatch` after the commit. */
export function recordOperation(ctx: CoreContext, tx: Tx, actor: Actor | null, op: NewOperation): Promise<Operation> {
  // The worker reads the input with the same schema: a bad one is a bug here, not a failed job later.
  const input = parseOperationInput(op.type, op.input);
  if (!input.ok) throw new Error(input.reason);
  return tx.operation.create({
    data: {
      type: op.type,
      tenantId: op.tenantId,
      resourceType: op.resourceType,
      resourceId: op.resourceId,
      // Kept as written: the schema's defaults are applied where it is read.
      input: (op.input ?? {}) as Prisma.InputJsonValue,
      secretEncrypted: op.secret === undefined ? null : ctx.secrets.encrypt(op.secret),
      actorUserId: actor?.userId ?? null,
      actorTokenId: actor?.token?.id ?? null,
    },
  });
}

/**
 * Hands the committed operation to the queue. When Redis is unreachable the operation stays queued in
 * PostgreSQL and the sweeper enqueues it later, so the request still succeeds.
 */
export async function dispatch(ctx: CoreContext, op: Operation): Promise<void> {
  try {
    await ctx.queue.enqueue({ id: op.id, type: op.type });
  } catch {
    // Deliberately tolerated: the sweeper re-enqueues queued operations that Redis does not hold.
  }
}

/** The resource an operation acts on: its tenant, its kind and its id. */
export function target(resourceType: string, row: { id: string; tenantId: string | null }) {
  return { tenantId: row.tenantId, resourceType, resourceId: row.id };
}

/** What starting an operation writes in its one transaction. */
export interface OperationStart<R> {
  /** The change of desired state; returns what the operation and the audit entry describe. */
  change: (tx: Tx) => Promise<R>;
  /** The operation to record for that change. */
  operation: (resource: R) => NewOperation;
  /** The audit entry, about the operation's resource; none when only the operation's outcome is audited. */
  audit?: (resource: R) => { action: AuditAction; data?: Prisma.InputJsonValue };
}

/**
 * The one way to start an operation: the change, the operation and its audit entry in one transaction, then
 * the job. Either all of it is recorded or none of it is.
 */
export async function startOperation<R>(
  ctx: CoreContext,
  actor: Actor | null,
  start: OperationStart<R>,
): Promise<{ resource: R; operation: Operation }> {
  const { resource, operation } = await ctx.db.$transaction(async (tx) => {
    const resource = await start.change(tx);
    const operation = await recordStart(ctx, tx, actor, start.operation(resource), start.audit?.(resource));
    return { resource, operation };
  });
  await dispatch(ctx, operation);
  return { resource, operation };
}

/** Records an operation and its audit entry inside the caller's transaction; `startOperation` when alone. */
export async function recordStart(
  ctx: CoreContext,
  tx: Tx,
  actor: Actor | null,
  op: NewOperation,
  entry?: { action: AuditAction; data?: Prisma.InputJsonValue },
): Promise<Operation> {
  const operation = await recordOperation(ctx, tx, actor, op);
  if (entry) {
    const about = { tenantId: op.tenantId, resourceType: op.resourceType, resourceId: op.resourceId };
    await audit(tx, actor, { ...about, ...entry });
  }
  return operation;
}

/** Operations still pending in PostgreSQL and untouched for `graceMs`: the sweeper makes sure the queue holds them. */
export function operationsToSweep(ctx: Pick<CoreContext, "db">, graceMs: number): Promise<Operation[]> {
  return ctx.db.operation.findMany({
    where: { status: { in: ["queued", "running"] }, updatedAt: { lt: new Date(Date.now() - graceMs) } },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
}

export function isFinished(op: Pick<Operation, "status">): boolean {
  return op.status === "succeeded" || op.status === "failed";
}

/**
 * Waits until the operation ends or `seconds` pass; returns its latest state. Woken by the worker's
 * announcement when events are wired, and re-reads PostgreSQL at least every second regardless.
 */
export async function waitForOperation(ctx: CoreContext, id: string, seconds: number): Promise<Operation> {
  const deadline = Date.now() + seconds * 1000;
  let delay = 25;
  for (;;) {
    // A light status read while waiting; the full row once, at the end.
    const [row] = await ctx.db.$queryRaw<{ status: string }[]>`SELECT status FROM "Operation" WHERE id = ${id}`;
    if (!row) throw AppError.notFound("operation");
    const left = deadline - Date.now();
    if (isFinished(row as Pick<Operation, "status">) || left <= 0) {
      const op = await ctx.db.operation.findUnique({ where: { id } });
      if (!op) throw AppError.notFound("operation");
      return op;
    }
    if (ctx.events) {
      await ctx.events.waitFor(id, Math.min(1000, left));
    } else {
      await new Promise((r) => setTimeout(r, Math.min(delay, left)));
      delay = Math.min(delay * 2, 250);
    }
  }
}

export async function getOperation(ctx: CoreContext, actor: Actor, id: string): Promise<Operation> {
  const op = await ctx.db.operation.findUnique({ where: { id } });
  if (!op) throw AppError.notFound("operation");
  await authorize(ctx, actor, op.tenantId, "read").catch(() => {
    throw AppError.notFound("operation");
  });
  return op;
}

export async function listOperations(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  page: Page,
): Promise<{ items: Operation[]; nextCursor: string | null }> {
  await authorize(ctx, actor, tenantId, "read");
  return pageOf(page, (q) => ctx.db.operation.findMany({ where: { tenantId }, orderBy: { id: "desc" }, ...q }));
}

/** Which page of a list: after `cursor` (the last id of the page before), `limit` rows. */
export type Page = { cursor?: string; limit: number };

/** One page of rows, each shown through `view`: `fetch` runs the query with the page's part of it. */
export async function pageOf<T extends { id: string }, V = T>(
  page: Page,
  fetch: (query: ReturnType<typeof pageQuery>) => Promise<T[]>,
  view: (row: T) => V = (row) => row as unknown as V,
): Promise<{ items: V[]; nextCursor: string | null }> {
  const { items, nextCursor } = paginate(await fetch(pageQuery(page)), page.limit);
  return { items: items.map(view), nextCursor };
}

/** The query part of a page: one row more than asked, to know whether another page follows. */
export function pageQuery(page: Page) {
  return {
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  };
}

export function paginate<T extends { id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
