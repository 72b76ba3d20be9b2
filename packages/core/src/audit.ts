import type { Prisma, Tx } from "@xmpp-host/db";
import type { Actor } from "./context.ts";

export async function audit(
  tx: Tx,
  actor: Actor | null,
  event: {
    tenantId: string | null;
    action: string;
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
