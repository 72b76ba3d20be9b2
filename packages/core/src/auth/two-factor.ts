import { randomBytes } from "node:crypto";
import type { Tx, User } from "@xmpp-host/db";
import { authorize } from "../access.ts";
import { audit } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { randomToken, sha256, verifyPassword } from "../secrets.ts";
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from "./totp.ts";

export const RECOVERY_CODE_COUNT = 10;
/** How long the second step of a sign-in may wait, and how many codes it may try. */
export const LOGIN_CHALLENGE_TTL_MS = 5 * 60_000;
export const LOGIN_CHALLENGE_ATTEMPTS = 5;
const ISSUER = "XMPP Host";

function wrongCode(): AppError {
  return new AppError("unauthorized", "the code is wrong or has already been used", { reason: "wrong_code" });
}

/** Ten characters of base32 in two groups (50 bits), easy to type from paper: "abcde-fghij". */
function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** How a recovery code is stored and looked up: its SHA-256, whatever the case and separators typed. */
function recoveryCodeHash(code: string): string {
  return sha256(code.replace(/[\s-]/g, "").toLowerCase());
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c) })) });
  return codes;
}

function sessionUser(actor: Actor): string {
  if (actor.token)
    throw new AppError("forbidden", "two-step sign-in is managed from a signed-in session, not with an API token", {
      reason: "token_not_allowed",
    });
  return actor.userId;
}

/**
 * Accepts a TOTP code for `user` at most once: the step it matches must come after the last one accepted, and
 * is recorded in one conditional update (two requests with the same code cannot both pass).
 */
async function acceptTotp(ctx: CoreContext, user: User, code: string): Promise<boolean> {
  if (!user.totpSecretEncrypted) return false;
  const secret = ctx.secrets.decrypt(user.totpSecretEncrypted);
  const step = matchTotp(secret, code, Date.now(), user.totpLastStep);
  if (step === null) return false;
  const taken = await ctx.db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return taken.count === 1;
}

/** Uses up one unused recovery code of `user`; audited. */
async function acceptRecoveryCode(ctx: CoreContext, userId: string, code: string): Promise<boolean> {
  return ctx.db.$transaction(async (tx) => {
    const used = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: recoveryCodeHash(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await audit(
      tx,
      { userId, isOperator: false },
      { tenantId: null, action: "user.recovery_code_used", resourceType: "user", resourceId: userId, data: { left } },
    );
    return true;
  });
}

export async function twoFactorStatus(ctx: CoreContext, actor: Actor) {
  const userId = sessionUser(actor);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  const recoveryCodesLeft = user.totpEnabledAt
    ? await ctx.db.recoveryCode.count({ where: { userId, usedAt: null } })
    : 0;
  return { enabled: user.totpEnabledAt !== null, enabledAt: user.totpEnabledAt, recoveryCodesLeft };
}

/** Starts enrolling: a new secret, sealed, not in force until a code from it is confirmed. */
export async function startTwoFactor(ctx: CoreContext, actor: Actor): Promise<{ secret: string; uri: string }> {
  const userId = sessionUser(actor);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt)
    throw new AppError("conflict", "two-step sign-in is already on; turn it off first", {
      reason: "two_factor_already_enabled",
    });
  const secret = newTotpSecret();
  await ctx.db.user.update({
    where: { id: userId },
    data: { totpSecretEncrypted: ctx.secrets.encrypt(secret), totpLastStep: null },
  });
  return { secret, uri: otpauthUri(secret, user.email, ISSUER) };
}

/** Confirms enrolment with a code from the app: two-step sign-in is on, and the recovery codes are shown once. */
export async function confirmTwoFactor(
  ctx: CoreContext,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const userId = sessionUser(actor);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt)
    throw new AppError("conflict", "two-step sign-in is already on", { reason: "two_factor_already_enabled" });
  if (!user.totpSecretEncrypted)
    throw new AppError("precondition_failed", "start enrolling first", { reason: "two_factor_not_started" });
  if (!(await acceptTotp(ctx, user, code))) throw AppError.field("code", "is wrong or expired", "invalid");
  return ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } });
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await audit(tx, actor, {
      tenantId: null,
      action: "user.two_factor_enabled",
      resourceType: "user",
      resourceId: userId,
    });
    return { recoveryCodes };
  });
}

/** Turns two-step sign-in off: needs the password and a code (from the app, or a recovery code). */
export async function disableTwoFactor(
  ctx: CoreContext,
  actor: Actor,
  input: { password: string; code: string },
): Promise<void> {
  const userId = sessionUser(actor);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpEnabledAt)
    throw new AppError("conflict", "two-step sign-in is not on", { reason: "two_factor_not_enabled" });
  if (!(await verifyPassword(user.passwordHash, input.password)))
    throw AppError.field("password", "is wrong", "invalid");
  const ok = (await acceptTotp(ctx, user, input.code)) || (await acceptRecoveryCode(ctx, userId, input.code));
  if (!ok) throw AppError.field("code", "is wrong or expired", "invalid");
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecretEncrypted: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await audit(tx, actor, {
      tenantId: null,
      action: "user.two_factor_disabled",
      resourceType: "user",
      resourceId: userId,
    });
  });
}

/** New recovery codes in place of the old ones (all of which stop working); needs a code from the app. */
export async function regenerateRecoveryCodes(
  ctx: CoreContext,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const userId = sessionUser(actor);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpEnabledAt)
    throw new AppError("conflict", "two-step sign-in is not on", { reason: "two_factor_not_enabled" });
  if (!(await acceptTotp(ctx, user, code))) throw AppError.field("code", "is wrong or expired", "invalid");
  return ctx.db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await audit(tx, actor, {
      tenantId: null,
      action: "user.recovery_codes_regenerated",
      resourceType: "user",
      resourceId: userId,
    });
    return { recoveryCodes };
  });
}

/** The second step of a sign-in, once the password was right: a short-lived challenge (only its hash kept). */
export async function createLoginChallenge(
  ctx: CoreContext,
  userId: string,
): Promise<{ challenge: string; expiresAt: Date }> {
  const challenge = randomToken("", 32);
  const expiresAt = new Date(Date.now() + LOGIN_CHALLENGE_TTL_MS);
  await ctx.db.loginChallenge.create({ data: { userId, tokenHash: sha256(challenge), expiresAt } });
  return { challenge, expiresAt };
}

function challengeInvalid(): AppError {
  return new AppError("unauthorized", "the sign-in has expired or was not started; sign in again", {
    reason: "challenge_invalid",
  });
}

/** The user a challenge is for, if it is still open; else unauthorized (challenge_invalid). */
export async function openLoginChallenge(ctx: CoreContext, challenge: string): Promise<{ id: string; user: User }> {
  const row = await ctx.db.loginChallenge.findUnique({
    where: { tokenHash: sha256(challenge) },
    include: { user: true },
  });
  if (!row || row.expiresAt <= new Date() || row.attempts >= LOGIN_CHALLENGE_ATTEMPTS) throw challengeInvalid();
  return { id: row.id, user: row.user };
}

/**
 * Completes a challenge with a TOTP code or a recovery code: each try is counted first (in one conditional
 * update, so that parallel tries cannot exceed the limit); on success the challenge is gone and the caller opens
 * the session. A wrong code is unauthorized (wrong_code).
 */
export async function completeLoginChallenge(
  ctx: CoreContext,
  opened: { id: string; user: User },
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<void> {
  const counted = await ctx.db.loginChallenge.updateMany({
    where: { id: opened.id, attempts: { lt: LOGIN_CHALLENGE_ATTEMPTS }, expiresAt: { gt: new Date() } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count !== 1) throw challengeInvalid();
  let ok = false;
  if (input.code) ok = await acceptTotp(ctx, opened.user, input.code);
  else if (input.recoveryCode) ok = await acceptRecoveryCode(ctx, opened.user.id, input.recoveryCode);
  if (!ok) throw wrongCode();
  const gone = await ctx.db.loginChallenge.deleteMany({ where: { id: opened.id } });
  if (gone.count !== 1) throw challengeInvalid();
}

/** Owners turn on or off "owners and admins must use two-step sign-in"; they must use it themselves to turn it on. */
export async function setTenantTwoFactor(ctx: CoreContext, actor: Actor, tenantId: string, required: boolean) {
  await authorize(ctx, actor, tenantId, "own");
  if (required) {
    const me = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
    if (!me.totpEnabledAt)
      throw new AppError("precondition_failed", "turn on two-step sign-in for yourself first", {
        reason: "two_factor_not_enabled",
      });
  }
  return ctx.db.$transaction(async (tx) => {
    const tenant = await tx.tenant.update({ where: { id: tenantId }, data: { requireTwoFactor: required } });
    await audit(tx, actor, {
      tenantId,
      action: required ? "tenant.two_factor_required" : "tenant.two_factor_optional",
      resourceType: "tenant",
      resourceId: tenantId,
    });
    return tenant;
  });
}
