import { isUniqueViolation, type SignupRequest, type SignupStatus, type Tx } from "@xmpp-host/db";
import { loadOwned } from "../access.ts";
import { checkAccountQuota } from "../accounts/service.ts";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { domainByName, webPublicUrl } from "../invites/service.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { xmppPasswordRules } from "../passwords.ts";
import { randomToken, sha256 } from "../secrets.ts";
import { checkSelfServicePassword, checkSelfServiceUsername } from "../validation.ts";
import { checkNotBlocked } from "./blocks.ts";
import { signupsChanged, tellApplicant } from "./notify.ts";

export const SIGNUP_LIMITS = { reason: 500, email: 254 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Sign-ups awaiting approval

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function signupView(s: SignupRequest, domainName: string) {
  return {
    id: s.id,
    domainId: s.domainId,
    jid: `${s.localpart}@${domainName}`,
    localpart: s.localpart,
    email: s.email,
    status: s.status,
    ip: s.ip,
    reason: s.reason,
    accountId: s.accountId,
    decidedAt: s.decidedAt,
    createdAt: s.createdAt,
  };
}

export function signupStatusUrl(ctx: CoreContext, token: string): string {
  return `${webPublicUrl(ctx)}/register/status/${token}`;
}

/**
 * A sign-up on an `approval` domain: recorded with the password sealed, nothing made on the server. The applicant
 * follows it with the token returned here (only its hash is kept).
 */
export async function requestSignup(
  ctx: CoreContext,
  domainName: string,
  input: { username: string; password: string; email?: string | undefined },
  ip: string | undefined,
) {
  const domain = await domainByName(ctx, domainName);
  if (domain.registration !== "approval")
    throw new AppError("registration_closed", `${domain.name} does not take sign-ups for approval`);
  if (domain.state !== "active")
    throw new AppError("conflict", "the domain is not ready for registrations", { reason: "domain_not_ready" });
  await checkNotBlocked(ctx, domain.id, ip);
  const localpart = checkSelfServiceUsername(typeof input.username === "string" ? input.username : "");
  const password = typeof input.password === "string" ? input.password : "";
  checkSelfServicePassword(password, localpart, domain.name, await xmppPasswordRules(ctx, domain.instanceId));
  const email = input.email?.trim() || null;
  if (email !== null && (!EMAIL.test(email) || email.length > SIGNUP_LIMITS.email))
    throw AppError.field("email", "must be an email address", "invalid_email");
  const jid = `${localpart}@${domain.name}`;
  if (await ctx.db.account.findUnique({ where: { domainId_localpart: { domainId: domain.id, localpart } } }))
    throw takenError(jid);
  const token = randomToken("", 24);
  let signup: SignupRequest;
  try {
    signup = await auditedChange(
      ctx,
      null,
      (tx) =>
        tx.signupRequest.create({
          data: {
            tenantId: domain.tenantId,
            domainId: domain.id,
            localpart,
            email,
            passwordEncrypted: ctx.secrets.encrypt(password),
            statusTokenHash: sha256(token),
            ip: ip ?? null,
          },
        }),
      (s) => ({
        tenantId: domain.tenantId,
        action: "signup.requested",
        resourceType: "signup",
        resourceId: s.id,
        data: { jid, ip: ip ?? null },
      }),
    );
  } catch (err) {
    // One pending sign-up per name and domain (a partial unique index).
    if (isUniqueViolation(err)) throw takenError(jid);
    throw err;
  }
  await signupsChanged(ctx, domain.id);
  return { jid, status: signup.status, token, statusUrl: signupStatusUrl(ctx, token) };
}

function takenError(jid: string): AppError {
  return new AppError("conflict", `${jid} is already taken`, [
    { field: "username", message: "is already taken", code: "taken" },
  ]);
}

/** What the applicant's status page shows: 404 for an unknown token. */
export async function getSignupStatus(ctx: CoreContext, token: string) {
  if (typeof token !== "string" || token.length < 16 || token.length > 128) throw AppError.notFound("sign-up");
  const signup = await ctx.db.signupRequest.findUnique({
    where: { statusTokenHash: sha256(token) },
    include: { domain: { select: { name: true } } },
  });
  if (!signup) throw AppError.notFound("sign-up");
  return {
    jid: `${signup.localpart}@${signup.domain.name}`,
    domain: signup.domain.name,
    status: signup.status,
    reason: signup.status === "rejected" ? signup.reason : null,
    createdAt: signup.createdAt,
    decidedAt: signup.decidedAt,
  };
}

export async function listSignups(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  page: Page & { status?: SignupStatus },
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  const status = page.status ?? "pending";
  return pageOf(
    page,
    (q) => ctx.db.signupRequest.findMany({ where: { domainId, status }, orderBy: { id: "asc" }, ...q }),
    (s) => signupView(s, domain.name),
  );
}

function loadSignup(ctx: CoreContext, actor: Actor, signupId: string) {
  const found = ctx.db.signupRequest.findUnique({ where: { id: signupId }, include: { domain: true } });
  return loadOwned(ctx, actor, "sign-up", found, "write");
}

function decidedError(status: SignupStatus): AppError {
  return status === "approved"
    ? new AppError("conflict", "this sign-up was already approved", { reason: "signup_already_approved" })
    : new AppError("conflict", "this sign-up was already rejected", { reason: "signup_already_rejected" });
}

/** Claims a pending sign-up for a decision inside `tx`: a second decision finds it decided and gets a 409. */
async function claim(
  tx: Tx,
  signupId: string,
  data: { status: SignupStatus; decidedById: string; reason?: string | null },
) {
  const claimed = await tx.signupRequest.updateMany({
    where: { id: signupId, status: "pending" },
    // The sealed password goes with the decision, whichever it is.
    data: { ...data, decidedAt: new Date(), passwordEncrypted: null },
  });
  if (claimed.count !== 1) {
    const now = await tx.signupRequest.findUniqueOrThrow({ where: { id: signupId } });
    throw decidedError(now.status);
  }
}

/**
 * Makes the account the same way every other one is made: the row (the tenant's quota checked) and an
 * `account.register` operation carrying the password sealed; the sign-up keeps no copy of it.
 */
export async function approveSignup(ctx: CoreContext, actor: Actor, signupId: string) {
  const signup = await loadSignup(ctx, actor, signupId);
  if (signup.status !== "pending") throw decidedError(signup.status);
  if (signup.domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  if (!signup.passwordEncrypted) throw decidedError("rejected");
  const password = ctx.secrets.decrypt(signup.passwordEncrypted);
  const jid = `${signup.localpart}@${signup.domain.name}`;
  try {
    const { resource: account, operation } = await startOperation(ctx, actor, {
      change: async (tx) => {
        await claim(tx, signup.id, { status: "approved", decidedById: actor.userId });
        await checkAccountQuota(ctx, tx, signup.domain);
        const account = await tx.account.create({
          data: { tenantId: signup.tenantId, domainId: signup.domainId, localpart: signup.localpart },
        });
        await tx.signupRequest.update({ where: { id: signup.id }, data: { accountId: account.id } });
        return account;
      },
      operation: (account) => ({ type: "account.register", ...target("account", account), secret: password }),
      audit: () => ({ action: "signup.approved", data: { jid, signupId: signup.id } }),
    });
    const decided = await ctx.db.signupRequest.findUniqueOrThrow({ where: { id: signup.id } });
    await tellApplicant(ctx, actor, decided);
    await signupsChanged(ctx, signup.domainId);
    return { signup: signupView(decided, signup.domain.name), account, operation };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", `${jid} already exists`, [
        { field: "localpart", message: "is already taken", code: "taken" },
      ]);
    throw err;
  }
}

/** Nothing was ever made on the server: the sign-up is marked rejected and its sealed password erased. */
export async function rejectSignup(ctx: CoreContext, actor: Actor, signupId: string, input: { reason?: string }) {
  const signup = await loadSignup(ctx, actor, signupId);
  if (signup.status !== "pending") throw decidedError(signup.status);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > SIGNUP_LIMITS.reason)
    throw AppError.field("reason", `must be at most ${SIGNUP_LIMITS.reason} characters`, "too_long", {
      max: SIGNUP_LIMITS.reason,
    });
  const decided = await auditedChange(
    ctx,
    actor,
    async (tx) => {
      await claim(tx, signup.id, { status: "rejected", decidedById: actor.userId, reason });
      return tx.signupRequest.findUniqueOrThrow({ where: { id: signup.id } });
    },
    (s) => ({
      tenantId: s.tenantId,
      action: "signup.rejected",
      resourceType: "signup",
      resourceId: s.id,
      data: { jid: `${s.localpart}@${signup.domain.name}`, reason },
    }),
  );
  await tellApplicant(ctx, actor, decided);
  await signupsChanged(ctx, signup.domainId);
  return signupView(decided, signup.domain.name);
}
