import type { AccountPasswordReset, Operation } from "@xmpp-host/db";
import { loadOwned } from "../access.ts";
import { loadAccount } from "../accounts/service.ts";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { publicBranding } from "../domain-settings/service.ts";
import { AppError } from "../errors.ts";
import { REGISTRATION_WAIT_SECONDS, webPublicUrl } from "../invites/service.ts";
import { startOperation, target, waitForOperation } from "../operations/service.ts";
import { requireStrongPassword, XMPP_PASSWORD_MIN, xmppPasswordRules } from "../passwords.ts";
import { randomToken, sha256 } from "../secrets.ts";

/**
 * Password reset links: an admin makes a one-time link for one chat account, the person opens it on their phone and
 * chooses a new password. Only the token's SHA-256 is stored; the link itself is shown once, when it is made.
 */

export type ResetLinkStatus = "active" | "used" | "expired" | "revoked";
export const RESET_LINK_STATUSES: readonly ResetLinkStatus[] = ["active", "used", "expired", "revoked"];

/** Seconds from now: at least 15 minutes, at most 7 days, a day unless chosen. */
export const RESET_LINK_LIMITS = {
  expiresIn: { min: 15 * 60, max: 7 * 24 * 3600, default: 24 * 3600 },
} as const;

/** 32 random bytes, 43 URL-safe characters. */
const TOKEN_BYTES = 32;

type StatusParts = Pick<AccountPasswordReset, "usedAt" | "revokedAt" | "expiresAt">;

export function resetLinkStatus(link: StatusParts, now = new Date()): ResetLinkStatus {
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The refusal a link that is no longer active gets (410), one code per reason so the page can say which. */
function goneError(status: ResetLinkStatus): AppError {
  switch (status) {
    case "used":
      return new AppError("reset_link_used", "this reset link has already been used");
    case "revoked":
      return new AppError("reset_link_revoked", "this reset link was cancelled");
    default:
      return new AppError("reset_link_expired", "this reset link has expired");
  }
}

/** The link as admins see it: never its token, which is only known when the link is made. */
export function resetLinkView(link: AccountPasswordReset, jid: string) {
  return {
    id: link.id,
    accountId: link.accountId,
    jid,
    status: resetLinkStatus(link),
    expiresAt: link.expiresAt,
    usedAt: link.usedAt,
    revokedAt: link.revokedAt,
    createdAt: link.createdAt,
  };
}
export type ResetLinkView = ReturnType<typeof resetLinkView>;

export function resetLinkUrl(ctx: CoreContext, token: string): string {
  return `${webPublicUrl(ctx)}/reset/${token}`;
}

/**
 * Makes a new reset link for the account (admins), revoking its earlier unused ones in the same transaction: only
 * the newest link works. Returns the link's URL, the one time it is known.
 */
export async function createResetLink(
  ctx: CoreContext,
  actor: Actor,
  accountId: string,
  input: { expiresIn?: number },
) {
  const account = await loadAccount(ctx, actor, accountId, "write");
  if (account.state === "deleting")
    throw new AppError("conflict", "the account is being deleted", { reason: "account_deleting" });
  const { min, max } = RESET_LINK_LIMITS.expiresIn;
  const expiresIn = input.expiresIn ?? RESET_LINK_LIMITS.expiresIn.default;
  if (!Number.isInteger(expiresIn) || expiresIn < min || expiresIn > max) {
    throw AppError.field("expiresIn", `must be a whole number of seconds from ${min} to ${max}`, "out_of_range", {
      min,
      max,
    });
  }
  const jid = `${account.localpart}@${account.domain.name}`;
  const token = randomToken("", TOKEN_BYTES);
  const { link, revoked } = await auditedChange(
    ctx,
    actor,
    async (tx) => {
      const now = new Date();
      const { count } = await tx.accountPasswordReset.updateMany({
        where: { accountId: account.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { revokedAt: now },
      });
      const link = await tx.accountPasswordReset.create({
        data: {
          tenantId: account.tenantId,
          accountId: account.id,
          tokenHash: sha256(token),
          expiresAt: new Date(now.getTime() + expiresIn * 1000),
          createdById: actor.userId,
        },
      });
      return { link, revoked: count };
    },
    ({ link, revoked }) => ({
      ...target("account", account),
      action: "account.reset_link_created",
      data: { jid, linkId: link.id, expiresAt: link.expiresAt.toISOString(), revokedEarlier: revoked },
    }),
  );
  return { link: resetLinkView(link, jid), url: resetLinkUrl(ctx, token), revokedEarlier: revoked };
}

/** The account's links that still work, newest first (admins). */
export async function listResetLinks(ctx: CoreContext, actor: Actor, accountId: string) {
  const account = await loadAccount(ctx, actor, accountId, "write");
  const jid = `${account.localpart}@${account.domain.name}`;
  const rows = await ctx.db.accountPasswordReset.findMany({
    where: { accountId: account.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return { items: rows.map((r) => resetLinkView(r, jid)) };
}

/** Cancels a link (admins): it answers 410 reset_link_revoked from then on. A link no longer active is left as it is. */
export async function revokeResetLink(ctx: CoreContext, actor: Actor, linkId: string) {
  const found = ctx.db.accountPasswordReset.findUnique({
    where: { id: linkId },
    include: { account: { include: { domain: { select: { name: true } } } } },
  });
  const link = await loadOwned(ctx, actor, "reset link", found, "write");
  const jid = `${link.account.localpart}@${link.account.domain.name}`;
  if (resetLinkStatus(link) !== "active") return resetLinkView(link, jid);
  const updated = await auditedChange(
    ctx,
    actor,
    async (tx) => {
      // Conditional: a link used or revoked in the meantime keeps what happened to it.
      await tx.accountPasswordReset.updateMany({
        where: { id: link.id, usedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      return tx.accountPasswordReset.findUniqueOrThrow({ where: { id: link.id } });
    },
    () => ({
      ...target("account", link.account),
      action: "account.reset_link_revoked",
      data: { jid, linkId: link.id },
    }),
  );
  return resetLinkView(updated, jid);
}

async function linkByToken(ctx: CoreContext, token: string) {
  if (typeof token !== "string" || token.length < 16 || token.length > 128) throw AppError.notFound("reset link");
  const link = await ctx.db.accountPasswordReset.findUnique({
    where: { tokenHash: sha256(token) },
    include: {
      account: {
        include: {
          domain: { include: { tenant: { select: { name: true } }, instance: { select: { placement: true } } } },
        },
      },
    },
  });
  if (!link) throw AppError.notFound("reset link");
  return link;
}

/** What the public reset page shows for a token, whatever the link's status (404 for an unknown token). */
export async function getPublicResetLink(ctx: CoreContext, token: string) {
  const link = await linkByToken(ctx, token);
  const { domain } = link.account;
  return {
    status: resetLinkStatus(link),
    jid: `${link.account.localpart}@${domain.name}`,
    domain: domain.name,
    tenantName: domain.tenant.name,
    expiresAt: link.expiresAt,
    branding: await publicBranding(ctx, domain),
  };
}

export interface ResetDone {
  jid: string;
  operationId: string;
  /** False when the server did not finish within the wait: the new password is still being set. */
  finished: boolean;
}

/**
 * Sets the account's new password through a reset link. The link is marked used by a conditional UPDATE in the
 * transaction that records the `account.password` operation (its password sealed), so two submissions cannot
 * both win; then the worker is waited for. The server closes the account's sessions when its password changes.
 */
export async function useResetLink(ctx: CoreContext, token: string, input: { password: string }): Promise<ResetDone> {
  const link = await linkByToken(ctx, token);
  const status = resetLinkStatus(link);
  if (status !== "active") throw goneError(status);
  const { account } = link;
  const { domain } = account;
  if (account.state === "deleting")
    throw new AppError("conflict", "the account is being deleted", { reason: "account_deleting" });
  const password = typeof input.password === "string" ? input.password : "";
  // The rules of self-service registration, answered as a refused field (400) like the other password forms.
  requireStrongPassword("password", password, {
    minLength: XMPP_PASSWORD_MIN,
    personal: [account.localpart, domain.name],
    xmpp: await xmppPasswordRules(ctx, domain.instanceId),
  });
  const jid = `${account.localpart}@${domain.name}`;
  const claimed: { usedAt?: Date } = {};
  const { operation } = await startOperation<typeof account>(ctx, null, {
    change: async (tx) => {
      const [row] = await tx.$queryRaw<{ usedAt: Date }[]>`
        UPDATE "AccountPasswordReset" SET "usedAt" = now()
         WHERE id = ${link.id} AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
        RETURNING "usedAt"`;
      if (!row) {
        const now = await tx.accountPasswordReset.findUniqueOrThrow({ where: { id: link.id } });
        throw goneError(resetLinkStatus(now));
      }
      claimed.usedAt = row.usedAt;
      return account;
    },
    operation: () => ({
      type: "account.password",
      ...target("account", account),
      secret: password,
    }),
    audit: () => ({ action: "account.reset_link_used", data: { jid, linkId: link.id } }),
  });
  const done: Operation = await waitForOperation(ctx, operation.id, REGISTRATION_WAIT_SECONDS);
  if (done.status === "failed") {
    // The password did not change: the link works again, unless something else happened to it meanwhile.
    if (claimed.usedAt) {
      await ctx.db.accountPasswordReset.updateMany({
        where: { id: link.id, usedAt: claimed.usedAt },
        data: { usedAt: null },
      });
    }
    throw new AppError("unavailable", "the new password could not be set on the server; try again later", {
      reason: "password_not_set",
    });
  }
  return { jid, operationId: operation.id, finished: done.status === "succeeded" };
}
