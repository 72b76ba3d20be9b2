import type { Prisma, Tx } from "@xmpp-host/db";
import type { AuditAction } from "./audit-log/actions.ts";
import type { Actor, CoreContext } from "./context.ts";

export type AuditEntry = Parameters<typeof audit>[2];

export async function audit(
  tx: Tx,
  actor: Actor | null,
  event: {
    tenantId: string | null;
    /** One of the catalogue (audit-log/actions.ts): the dashboard words each. */
    action: AuditAction;
    resourceType: string;
    resourceId: string;
    data?: Prisma.InputJsonValue;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      tenantId: event.tenantId,
      actorUserId: actor?.userId ?? null,
      actorTokenId: actor?.token?.id ?? null,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      data: event.data ?? {},
    },
  });
}

/** A change that starts no operation, and its audit entry, in one transaction. */
export function auditedChange<R>(
  ctx: Pick<CoreContext, "db">,
  actor: Actor | null,
  change: (tx: Tx) => Promise<R>,
  entry: (result: R) => AuditEntry,
): Promise<R> {
  return ctx.db.$transaction(async (tx) => {
    const result = await change(tx);
    await audit(tx, actor, entry(result));
    return result;
  });
}
