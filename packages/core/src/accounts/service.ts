import { type Account, isUniqueViolation, type Tx } from "@xmpp-host/db";
import { loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { domainLimitsFor } from "../free-addresses/service.ts";
import { isPlatformLocalpart } from "../health/service.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { requireStrongPassword, XMPP_PASSWORD_MIN, xmppPasswordRules } from "../passwords.ts";
import { generatePassword } from "../secrets.ts";
import { normalizeLocalpart } from "../validation.ts";

/**
 * Refuses a new account once the tenant's quota is reached. Run inside the transaction that creates the
 * account: it locks the tenant's row, so concurrent creations are counted one after the other.
 */
export async function checkAccountQuota(
  ctx: CoreContext,
  tx: Tx,
  domain: { id: string; tenantId: string; instanceId: string },
): Promise<void> {
  const tenantId = domain.tenantId;
  // Lock first, count after: in READ COMMITTED the count then sees every creation committed before the lock.
  const [tenant] = await tx.$queryRaw<{ quota: number }[]>`
    SELECT "accountQuota" AS quota FROM "Tenant" WHERE id = ${tenantId} FOR UPDATE`;
  if (!tenant) return;
  const used = await tx.account.count({ where: { tenantId } });
  if (used >= tenant.quota)
    throw new AppError("quota_exceeded", `the tenant's account quota (${tenant.quota}) is reached`, [
      {
        field: "localpart",
        message: "the account quota is reached",
        code: "quota_reached",
        params: { quota: tenant.quota },
      },
    ]);
  // A domain on a shared server also has the platform's per-domain limit.
  const instance = await tx.instance.findUnique({ where: { id: domain.instanceId }, select: { placement: true } });
  const limits = instance ? domainLimitsFor(ctx, instance) : null;
  if (limits && (await tx.account.count({ where: { domainId: domain.id } })) >= limits.maxAccounts) {
    throw new AppError(
      "quota_exceeded",
      `this address has its ${limits.maxAccounts} accounts, the most a free address can have`,
      [
        {
          field: "domain",
          message: `holds at most ${limits.maxAccounts} accounts`,
          code: "address_full",
          params: { max: limits.maxAccounts },
        },
      ],
    );
  }
}

async function checkXmppPassword(
  ctx: CoreContext,
  password: string,
  localpart: string,
  domain: { name: string; instanceId: string },
): Promise<void> {
  requireStrongPassword("password", password, {
    minLength: XMPP_PASSWORD_MIN,
    personal: [localpart, domain.name],
    xmpp: await xmppPasswordRules(ctx, domain.instanceId),
  });
}

export async function createAccount(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  input: { localpart: string; password?: string },
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  const localpart = normalizeLocalpart("localpart", input.localpart, 256);
  if (isPlatformLocalpart(localpart)) {
    throw AppError.field("localpart", "is reserved for the platform's health and compliance checks", "reserved");
  }
  if (input.password !== undefined) await checkXmppPassword(ctx, input.password, localpart, domain);
  const password = input.password ?? generatePassword();
  const jid = `${localpart}@${domain.name}`;
  try {
    const { resource: account, operation } = await startOperation(ctx, actor, {
      change: async (tx) => {
        await checkAccountQuota(ctx, tx, domain);
        return tx.account.create({ data: { tenantId: domain.tenantId, domainId, localpart } });
      },
      operation: (account) => ({ type: "account.create", ...target("account", account), secret: password }),
      audit: () => ({ action: "account.created", data: { jid } }),
    });
    return {
      account,
      operation,
      jid,
      password: input.password === undefined ? password : null,
    };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `${localpart}@${domain.name} already exists`, [
        { field: "localpart", message: "is already taken", code: "taken" },
      ]);
    }
    throw err;
  }
}

export function loadAccount(ctx: CoreContext, actor: Actor, accountId: string, need: "read" | "write") {
  const found = ctx.db.account.findUnique({ where: { id: accountId }, include: { domain: true } });
  return loadOwned(ctx, actor, "account", found, need);
}

export async function listAccounts(ctx: CoreContext, actor: Actor, domainId: string, page: Page) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  return pageOf(
    page,
    (q) => ctx.db.account.findMany({ where: { domainId }, orderBy: { id: "asc" }, ...q }),
    (a) => withJid(a, domain.name),
  );
}

export function withJid(account: Account, domainName: string) {
  return { ...account, jid: `${account.localpart}@${domainName}` };
}

export async function deleteAccount(ctx: CoreContext, actor: Actor, accountId: string) {
  const account = await loadAccount(ctx, actor, accountId, "write");
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.account.update({ where: { id: account.id }, data: { state: "deleting" } }),
    operation: () => ({ type: "account.delete", ...target("account", account) }),
    audit: () => ({ action: "account.deleted", data: { jid: `${account.localpart}@${account.domain.name}` } }),
  });
  return operation;
}

export async function resetPassword(ctx: CoreContext, actor: Actor, accountId: string, input: { password?: string }) {
  const account = await loadAccount(ctx, actor, accountId, "write");
  if (account.state === "deleting")
    throw new AppError("conflict", "the account is being deleted", { reason: "account_deleting" });
  if (input.password !== undefined) await checkXmppPassword(ctx, input.password, account.localpart, account.domain);
  const password = input.password ?? generatePassword();
  const { operation } = await startOperation(ctx, actor, {
    change: async () => account,
    operation: () => ({ type: "account.password", ...target("account", account), secret: password }),
    audit: () => ({ action: "account.password_reset" }),
  });
  return { operation, password: input.password === undefined ? password : null };
}

/** The account as it is now, for answers given after an operation ran; null once it is gone. */
export function findAccount(ctx: Pick<CoreContext, "db">, accountId: string) {
  return ctx.db.account.findUnique({ where: { id: accountId } });
}
