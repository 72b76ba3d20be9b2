import type { Operation } from "@xmpp-host/db";
import type { CoreContext } from "../context.ts";
import { type OperationContext, type OperationHandlers, PermanentError } from "../operations/handler.ts";

/** The account an operation is about, with its address and server; null once it is gone. */
export async function accountToApply(ctx: CoreContext, accountId: string) {
  const account = await ctx.db.account.findUnique({
    where: { id: accountId },
    include: { domain: { include: { instance: true } } },
  });
  if (!account) return null;
  return { account, jid: `${account.localpart}@${account.domain.name}`, instance: account.domain.instance };
}

export async function requireAccount(ctx: CoreContext, accountId: string) {
  const found = await accountToApply(ctx, accountId);
  if (!found) throw new PermanentError("the account no longer exists");
  return found;
}

/** The password the operation carries, sealed until the worker reads it (and erased once it ends). */
export function operationSecret(ctx: CoreContext, op: Pick<Operation, "secretEncrypted">): string {
  if (!op.secretEncrypted) throw new PermanentError("the operation's secret is missing");
  return ctx.secrets.decrypt(op.secretEncrypted);
}

/** The account exists on its server now. */
export async function activateAccount(ctx: CoreContext, accountId: string): Promise<void> {
  await ctx.db.account.update({ where: { id: accountId }, data: { state: "active", lastSeenOnServerAt: new Date() } });
}

export async function markAccountFailed(ctx: CoreContext, accountId: string): Promise<void> {
  await ctx.db.account.updateMany({ where: { id: accountId }, data: { state: "failed" } });
}

export const accountHandlers = {
  "account.create": {
    run: async (ctx: OperationContext, op) => {
      const { account, jid, instance } = await requireAccount(ctx, op.resourceId);
      const outcome = await ctx.services.driverFor(instance).createAccount(jid, operationSecret(ctx, op));
      await activateAccount(ctx, account.id);
      return { jid, outcome };
    },
    failed: markAccountFailed,
  },
  "account.delete": {
    run: async (ctx, op) => {
      const found = await accountToApply(ctx, op.resourceId);
      if (!found) return { alreadyDeleted: true };
      const outcome = await ctx.services.driverFor(found.instance).deleteAccount(found.jid);
      await ctx.db.account.delete({ where: { id: found.account.id } });
      return { jid: found.jid, outcome };
    },
  },
  "account.password": {
    run: async (ctx, op) => {
      const { jid, instance } = await requireAccount(ctx, op.resourceId);
      await ctx.services.driverFor(instance).setPassword(jid, operationSecret(ctx, op));
      return { jid };
    },
  },
} satisfies OperationHandlers<"account.create" | "account.delete" | "account.password">;
