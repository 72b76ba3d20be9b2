import type { Operation } from "@xmpp-host/db";
import type { CoreContext } from "../context.ts";
import {
  type AdministeredInstance,
  type OperationContext,
  type OperationHandlers,
  PermanentError,
} from "../operations/handler.ts";

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

/**
 * Makes the account's server match its suspension as PostgreSQL has it now, for both operations: a suspend and a
 * restore that overtake each other still end in the state asked last. Under the server's lock, so that what is read
 * is what is applied. A repeat closes no session twice (none is left) and marks nothing twice.
 */
async function applySuspension(ctx: OperationContext, op: Operation) {
  const found = await accountToApply(ctx, op.resourceId);
  if (!found) return { alreadyDeleted: true };
  const { jid, instance } = found;
  return ctx.services.withInstanceLock(instance.id, async () => {
    const account = await ctx.db.account.findUnique({ where: { id: op.resourceId } });
    // A deletion removes the account with everything it had: nothing to suspend or restore.
    if (!account || account.state === "deleting") return { jid, alreadyDeleted: true };
    const driver = ctx.services.driverFor(instance);
    if (account.suspendedAt) return { jid, suspended: true, sessionsClosed: await driver.suspendAccount(jid) };
    return { jid, suspended: false, outcome: await driver.restoreAccount(jid) };
  });
}

/**
 * What creating an account on its server needs, in one statement: its address and its server's administration
 * (the account, its domain and its instance joined); null once the account is gone.
 */
async function accountToCreate(
  ctx: CoreContext,
  accountId: string,
): Promise<{ id: string; jid: string; instance: AdministeredInstance } | null> {
  const [row] = await ctx.db.$queryRaw<(AdministeredInstance & { accountId: string; jid: string })[]>`
    SELECT a.id AS "accountId", a.localpart || '@' || d.name AS jid,
           i.id, i.server::text AS server, i.placement::text AS placement, i.host, i."c2sPort", i."s2sPort",
           i."httpPort", i."directTlsPort", i."httpsPort", i."adminSecretEncrypted"
      FROM "Account" a JOIN "Domain" d ON d.id = a."domainId" JOIN "Instance" i ON i.id = d."instanceId"
     WHERE a.id = ${accountId}`;
  if (!row) return null;
  const { accountId: id, jid, ...instance } = row;
  return { id, jid, instance };
}

export const accountHandlers = {
  "account.create": {
    run: async (ctx: OperationContext, op) => {
      const found = await accountToCreate(ctx, op.resourceId);
      if (!found) throw new PermanentError("the account no longer exists");
      const outcome = await ctx.services.driverFor(found.instance).createAccount(found.jid, operationSecret(ctx, op));
      await activateAccount(ctx, found.id);
      return { jid: found.jid, outcome };
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
  "account.suspend": { run: applySuspension },
  "account.restore": { run: applySuspension },
} satisfies OperationHandlers<
  "account.create" | "account.delete" | "account.password" | "account.suspend" | "account.restore"
>;
