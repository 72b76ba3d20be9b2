import { type Account, isUniqueViolation, type Placement, type ServerKind, type Tx } from "@xmpp-host/db";
import { serverKind } from "@xmpp-host/xmpp";
import { loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { domainLimitsFor } from "../free-addresses/service.ts";
import { isPlatformLocalpart } from "../health/service.ts";
import { dispatch, type Page, pageOf, recordStart, startOperation, target } from "../operations/service.ts";
import { requireStrongPassword, XMPP_PASSWORD_MIN, xmppPasswordRules } from "../passwords.ts";
import { generatePassword } from "../secrets.ts";
import { normalizeLocalpart } from "../validation.ts";

/** How many more accounts a domain may have now, and which limit binds: the tenant's quota or the free address's. */
export interface AccountsLeft {
  left: number;
  /** The limit that allows `left` (the smaller one). */
  limit: { code: "quota_reached"; quota: number } | { code: "address_full"; max: number };
}

/**
 * How many accounts the domain may still get. Run inside the transaction that creates them: it locks the tenant's
 * row, so concurrent creations are counted one after the other. Two statements: the lock, then one count of the
 * tenant's accounts and the domain's among them.
 */
export async function accountsLeft(
  ctx: CoreContext,
  tx: Tx,
  domain: { id: string; tenantId: string; instanceId: string; instance?: { placement: Placement } },
  /** Accounts of the domain this transaction inserted already (counted, but not to be refused). */
  inserted = 0,
): Promise<AccountsLeft> {
  // Lock first, count after: in READ COMMITTED the count then sees every creation committed before the lock.
  const [tenant] = await tx.$queryRaw<{ quota: number }[]>`
    SELECT "accountQuota" AS quota FROM "Tenant" WHERE id = ${domain.tenantId} FOR UPDATE`;
  if (!tenant) return { left: Number.MAX_SAFE_INTEGER, limit: { code: "quota_reached", quota: 0 } };
  // A domain on a shared server also has the platform's per-domain limit.
  const placement =
    domain.instance?.placement ??
    (await tx.instance.findUnique({ where: { id: domain.instanceId }, select: { placement: true } }))?.placement;
  const limits = placement ? domainLimitsFor(ctx, { placement }) : null;
  const [counts] = await tx.$queryRaw<{ used: number; inDomain: number }[]>`
    SELECT count(*)::int AS used, count(*) FILTER (WHERE "domainId" = ${domain.id})::int AS "inDomain"
      FROM "Account" WHERE "tenantId" = ${domain.tenantId}`;
  const byQuota = tenant.quota - (counts?.used ?? 0) + inserted;
  const byAddress = limits ? limits.maxAccounts - (counts?.inDomain ?? 0) + inserted : Number.MAX_SAFE_INTEGER;
  if (limits && byAddress < byQuota)
    return { left: Math.max(0, byAddress), limit: { code: "address_full", max: limits.maxAccounts } };
  return { left: Math.max(0, byQuota), limit: { code: "quota_reached", quota: tenant.quota } };
}

/**
 * Refuses a new account once the tenant's quota (or the free address's limit) is reached; see accountsLeft. Called
 * after inserting the account, `inserted` is 1.
 */
export async function checkAccountQuota(
  ctx: CoreContext,
  tx: Tx,
  domain: { id: string; tenantId: string; instanceId: string; instance?: { placement: Placement } },
  inserted = 0,
): Promise<void> {
  const { left, limit } = await accountsLeft(ctx, tx, domain, inserted);
  if (left > 0) return;
  if (limit.code === "quota_reached")
    throw new AppError("quota_exceeded", `the tenant's account quota (${limit.quota}) is reached`, [
      {
        field: "localpart",
        message: "the account quota is reached",
        code: "quota_reached",
        params: { quota: limit.quota },
      },
    ]);
  throw new AppError("quota_exceeded", `this address has its ${limit.max} accounts, the most a free address can have`, [
    {
      field: "domain",
      message: `holds at most ${limit.max} accounts`,
      code: "address_full",
      params: { max: limit.max },
    },
  ]);
}

async function checkXmppPassword(
  ctx: CoreContext,
  password: string,
  localpart: string,
  domain: { name: string; instanceId: string; instance?: { server: ServerKind } },
): Promise<void> {
  // The server's kind is known when the domain was read with it (loadDomain): no second read for it.
  const xmpp = domain.instance
    ? serverKind(domain.instance.server).modernUnicodePasswords
      ? true
      : "unicode-3.2"
    : await xmppPasswordRules(ctx, domain.instanceId);
  requireStrongPassword("password", password, {
    minLength: XMPP_PASSWORD_MIN,
    personal: [localpart, domain.name],
    xmpp,
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
    // As startOperation, with the quota counted last: the tenant's row is then locked only for the count and the
    // commit, so that concurrent creations in the tenant wait on each other as briefly as they can.
    const { account, operation } = await ctx.db.$transaction(async (tx) => {
      const account = await tx.account.create({ data: { tenantId: domain.tenantId, domainId, localpart } });
      const operation = await recordStart(
        ctx,
        tx,
        actor,
        { type: "account.create", ...target("account", account), secret: password },
        { action: "account.created", data: { jid } },
      );
      await checkAccountQuota(ctx, tx, domain, 1);
      return { account, operation };
    });
    await dispatch(ctx, operation);
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

/** The longest reason an admin may give for a suspension. */
export const SUSPENSION_REASON_MAX = 500;

function suspensionReason(reason: string | null | undefined): string | null {
  if (reason === undefined || reason === null) return null;
  if (typeof reason !== "string") throw AppError.field("reason", "must be text", "invalid");
  const trimmed = reason.trim();
  if (trimmed.length > SUSPENSION_REASON_MAX) {
    throw AppError.field("reason", `is longer than ${SUSPENSION_REASON_MAX} characters`, "too_long", {
      max: SUSPENSION_REASON_MAX,
    });
  }
  return trimmed === "" ? null : trimmed;
}

/**
 * Sets the account's suspension (the desired state) and starts the operation that makes its server match: only
 * an account that exists on its server, and is not being deleted. A repeat keeps the first time and takes the new
 * reason.
 */
async function startSuspension(
  ctx: CoreContext,
  actor: Actor,
  accountId: string,
  suspend: { reason: string | null } | null,
) {
  const account = await loadAccount(ctx, actor, accountId, "write");
  const refuse = (state: string) => {
    if (state === "deleting")
      throw new AppError("conflict", "the account is being deleted", { reason: "account_deleting" });
    throw new AppError("conflict", "the account is not on its chat server yet", { reason: "account_not_ready" });
  };
  if (account.state !== "active") refuse(account.state);
  const jid = `${account.localpart}@${account.domain.name}`;
  const { operation } = await startOperation(ctx, actor, {
    change: async (tx) => {
      // Conditional, so that a deletion started meanwhile is not overtaken.
      const { count } = await tx.account.updateMany({
        where: { id: account.id, state: "active" },
        data: suspend
          ? { suspendedAt: account.suspendedAt ?? new Date(), suspendedReason: suspend.reason }
          : { suspendedAt: null, suspendedReason: null },
      });
      if (count === 0) refuse((await tx.account.findUnique({ where: { id: account.id } }))?.state ?? "deleting");
      return account;
    },
    operation: () => ({ type: suspend ? "account.suspend" : "account.restore", ...target("account", account) }),
    audit: () =>
      suspend
        ? { action: "account.suspended", data: { jid, ...(suspend.reason ? { reason: suspend.reason } : {}) } }
        : { action: "account.unsuspended", data: { jid } },
  });
  return operation;
}

/** Suspends an account: it cannot log in and its sessions are closed at once; it keeps its password and data. */
export function suspendAccount(ctx: CoreContext, actor: Actor, accountId: string, input: { reason?: string | null }) {
  const reason = suspensionReason(input.reason);
  return startSuspension(ctx, actor, accountId, { reason });
}

/** Lifts a suspension: the account logs in again with the password it had. */
export function restoreAccount(ctx: CoreContext, actor: Actor, accountId: string) {
  return startSuspension(ctx, actor, accountId, null);
}

/**
 * The domain's suspensions as the platform wants them, for sync to hold its server to: the localparts of its active
 * accounts, suspended or not (accounts being made or deleted are left to their operations).
 */
export async function domainSuspensions(
  ctx: Pick<CoreContext, "db">,
  domainId: string,
): Promise<{ suspended: Set<string>; free: Set<string> }> {
  const rows = await ctx.db.account.findMany({
    where: { domainId, state: "active" },
    select: { localpart: true, suspendedAt: true },
  });
  return {
    suspended: new Set(rows.filter((a) => a.suspendedAt).map((a) => a.localpart)),
    free: new Set(rows.filter((a) => !a.suspendedAt).map((a) => a.localpart)),
  };
}

/** The account as it is now, for answers given after an operation ran; null once it is gone. */
export function findAccount(ctx: Pick<CoreContext, "db">, accountId: string) {
  return ctx.db.account.findUnique({ where: { id: accountId } });
}
