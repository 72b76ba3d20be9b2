import { type ApiToken, isUniqueViolation, type Role, type Tenant, type User } from "@xmpp-host/db";
import { authorize } from "../access.ts";
import { audit, auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { type Page, pageOf, target } from "../operations/service.ts";
import { PLATFORM_PASSWORD_MIN, requireStrongPassword } from "../passwords.ts";
import { hashPassword, randomToken, sha256, verifyPassword } from "../secrets.ts";
import { requiredText } from "../validation.ts";
import { createLoginChallenge } from "./two-factor.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!EMAIL.test(value)) throw AppError.field("email", "is not a valid email address", "invalid_email");
  return value;
}

export async function signup(
  ctx: CoreContext,
  input: { email: string; password: string; name: string; tenantName: string },
): Promise<{ user: User; tenant: Tenant }> {
  const email = checkEmail(input.email);
  const name = requiredText("name", input.name);
  const tenantName = requiredText("tenantName", input.tenantName);
  requireStrongPassword("password", input.password, { minLength: PLATFORM_PASSWORD_MIN, personal: [email, name] });
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash } });
      const tenant = await tx.tenant.create({ data: { name: tenantName } });
      await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "owner" } });
      await audit(
        tx,
        { userId: user.id, isOperator: false },
        {
          tenantId: tenant.id,
          action: "tenant.created",
          resourceType: "tenant",
          resourceId: tenant.id,
        },
      );
      return { user, tenant };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", "an account with this email exists", [
        { field: "email", message: "is already registered", code: "taken" },
      ]);
    throw err;
  }
}

// Compared against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

/**
 * Checks the password. With two-step sign-in on, no session yet: a challenge that the second step
 * (completeLoginChallenge, then openSession) answers with a code.
 */
export async function login(
  ctx: CoreContext,
  input: { email: string; password: string },
  ttlHours: number,
): Promise<
  | { user: User; sessionToken: string; expiresAt: Date; challenge?: undefined }
  | { user: User; challenge: string; challengeExpiresAt: Date; sessionToken?: undefined }
> {
  const user = await ctx.db.user.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  dummyHash ??= hashPassword("not-a-real-password");
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok) throw new AppError("unauthorized", "wrong email or password", { reason: "wrong_credentials" });
  if (user.totpEnabledAt) {
    const { challenge, expiresAt } = await createLoginChallenge(ctx, user.id);
    return { user, challenge, challengeExpiresAt: expiresAt };
  }
  return { user, ...(await openSession(ctx, user.id, ttlHours)) };
}

/** A new session for a user whose sign-in is complete. */
export async function openSession(
  ctx: CoreContext,
  userId: string,
  ttlHours: number,
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const sessionToken = randomToken("", 32);
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await ctx.db.session.create({ data: { tokenHash: sha256(sessionToken), userId, expiresAt } });
  return { sessionToken, expiresAt };
}

export async function logout(ctx: CoreContext, sessionToken: string): Promise<void> {
  await ctx.db.session.deleteMany({ where: { tokenHash: sha256(sessionToken) } });
}

export async function actorFromSession(ctx: CoreContext, sessionToken: string): Promise<Actor | null> {
  const session = await ctx.db.session.findUnique({
    where: { tokenHash: sha256(sessionToken) },
    include: { user: true },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return { userId: session.userId, isOperator: session.user.isOperator };
}

export async function actorFromApiToken(ctx: CoreContext, token: string): Promise<Actor | null> {
  // One round trip on the hot path: the token and its creator's current membership together.
  const rows = await ctx.db.$queryRaw<
    { id: string; tenantId: string; role: Role; createdById: string; lastUsedAt: Date | null; memberRole: Role }[]
  >`SELECT t.id, t."tenantId", t.role, t."createdById", t."lastUsedAt", m.role AS "memberRole"
      FROM "ApiToken" t
      JOIN "Membership" m ON m."tenantId" = t."tenantId" AND m."userId" = t."createdById"
     WHERE t."tokenHash" = ${sha256(token)}`;
  const row = rows[0];
  // No row also when the creator left the tenant: the token dies with their access.
  if (!row) return null;
  // Touch at most once a minute to keep hot paths free of writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    userId: row.createdById,
    isOperator: false,
    token: { id: row.id, tenantId: row.tenantId, role: row.role, memberRole: row.memberRole },
  };
}

export async function me(ctx: CoreContext, actor: Actor) {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    include: { memberships: { include: { tenant: true }, orderBy: { createdAt: "asc" } } },
  });
  const memberships = actor.token
    ? user.memberships.filter((m) => m.tenantId === actor.token?.tenantId)
    : user.memberships;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isOperator: user.isOperator && !actor.token,
    twoFactorEnabled: user.totpEnabledAt !== null,
    tenants: memberships.map((m) => ({
      id: m.tenant.id,
      name: m.tenant.name,
      role: m.role,
      requireTwoFactor: m.tenant.requireTwoFactor,
    })),
  };
}

export async function createApiToken(
  ctx: CoreContext,
  actor: Actor,
  input: { name: string; tenantId: string; role?: Role },
): Promise<{ token: ApiToken; value: string }> {
  // Any member may automate what they can do themselves; the token never exceeds their role.
  const myRole = await authorize(ctx, actor, input.tenantId, "member");
  if (actor.token)
    throw new AppError("forbidden", "API tokens cannot create API tokens", { reason: "token_not_allowed" });
  const role = input.role ?? (myRole === "owner" ? "admin" : myRole);
  const rank = { viewer: 0, admin: 1, owner: 2 } as const;
  if (rank[role] > rank[myRole])
    throw AppError.field("role", `cannot exceed your own role (${myRole})`, "role_too_high");
  const value = randomToken("xht_", 32);
  const name = requiredText("name", input.name);
  const token = await auditedChange(
    ctx,
    actor,
    (tx) =>
      tx.apiToken.create({
        data: {
          tenantId: input.tenantId,
          name,
          role,
          tokenHash: sha256(value),
          prefix: value.slice(0, 10),
          createdById: actor.userId,
        },
      }),
    (token) => ({ action: "api_token.created", ...target("api_token", token) }),
  );
  return { token, value };
}

/** A tenant's API tokens, without their values (only hashes are stored). Admins see all of them. */
export async function listApiTokens(ctx: CoreContext, actor: Actor, tenantId: string, page: Page) {
  await authorize(ctx, actor, tenantId, "write");
  return pageOf(page, (q) =>
    ctx.db.apiToken.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...q }),
  );
}

/** Revokes a token at once: its next request is refused. */
export async function revokeApiToken(ctx: CoreContext, actor: Actor, tokenId: string): Promise<void> {
  const token = await ctx.db.apiToken.findUnique({ where: { id: tokenId } });
  if (!token) throw AppError.notFound("api token");
  await authorize(ctx, actor, token.tenantId, "write");
  await auditedChange(
    ctx,
    actor,
    (tx) => tx.apiToken.delete({ where: { id: tokenId } }),
    (deleted) => ({ action: "api_token.revoked", ...target("api_token", deleted) }),
  );
}
