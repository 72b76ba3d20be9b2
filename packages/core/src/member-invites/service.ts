import type { MemberInvite, Role, Tx } from "@xmpp-host/db";
import { authorize } from "../access.ts";
import { audit, auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { type InviteStatus, webPublicUrl } from "../invites/service.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { randomToken, sha256 } from "../secrets.ts";

const rank: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };
export const MEMBER_INVITE_EXPIRY = { min: 300, max: 30 * 24 * 3600, default: 7 * 24 * 3600 } as const;

export function memberInviteStatus(
  invite: Pick<MemberInvite, "revokedAt" | "acceptedAt" | "expiresAt">,
  now = new Date(),
): InviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.acceptedAt) return "used_up";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function memberInviteView(ctx: CoreContext, invite: MemberInvite) {
  const token = ctx.secrets.decrypt(invite.tokenEncrypted);
  return {
    id: invite.id,
    tenantId: invite.tenantId,
    token,
    url: `${webPublicUrl(ctx)}/accept/${token}`,
    role: invite.role,
    email: invite.email,
    status: memberInviteStatus(invite),
    expiresAt: invite.expiresAt,
    acceptedAt: invite.acceptedAt,
    revokedAt: invite.revokedAt,
    createdAt: invite.createdAt,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An invitation link, optionally sent to an email address. Sent or not, and whether or not someone has signed up
 * with the address, the answer is the same: who uses the platform is never revealed, and nobody joins a tenant
 * without accepting.
 */
export async function createMemberInvite(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  input: { role: Role; expiresIn?: number; email?: string },
) {
  const mine = await authorize(ctx, actor, tenantId, "write");
  if (!(input.role in rank))
    throw AppError.field("role", "must be owner, admin or viewer", "not_allowed", {
      allowed: "owner, admin, viewer",
    });
  if (input.role === "owner" && mine !== "owner")
    throw new AppError("forbidden", "only owners can invite owners", { reason: "needs_owner" });
  const expiresIn = input.expiresIn ?? MEMBER_INVITE_EXPIRY.default;
  if (!Number.isInteger(expiresIn) || expiresIn < MEMBER_INVITE_EXPIRY.min || expiresIn > MEMBER_INVITE_EXPIRY.max) {
    throw AppError.field(
      "expiresIn",
      `must be a whole number from ${MEMBER_INVITE_EXPIRY.min} to ${MEMBER_INVITE_EXPIRY.max}`,
      "out_of_range",
      { min: MEMBER_INVITE_EXPIRY.min, max: MEMBER_INVITE_EXPIRY.max },
    );
  }
  const email = input.email === undefined ? null : input.email.trim().toLowerCase();
  if (email !== null && (!EMAIL.test(email) || email.length > 254)) {
    throw AppError.field("email", "is not a valid email address", "invalid_email");
  }
  if (email !== null) {
    const member = await ctx.db.membership.findFirst({ where: { tenantId, user: { email } }, select: { id: true } });
    if (member) {
      throw new AppError("conflict", "this person is already a member", [
        { field: "email", message: "is already a member", code: "taken" },
      ]);
    }
  }
  const token = randomToken("", 24);
  const create = (tx: Tx) =>
    tx.memberInvite.create({
      data: {
        tenantId,
        role: input.role,
        email,
        tokenHash: sha256(token),
        tokenEncrypted: ctx.secrets.encrypt(token),
        expiresAt: new Date(Date.now() + expiresIn * 1000),
        createdById: actor.userId,
      },
    });
  const entry = { action: "member_invite.created" as const, data: { role: input.role, ...(email ? { email } : {}) } };
  // With an address, the email goes out from the worker, once, after the commit (the sweeper retries it if Redis
  // is away); without one, the link is only shown to the inviter.
  const invite = email
    ? (
        await startOperation(ctx, actor, {
          change: create,
          operation: (invite) => ({ type: "member.invite", ...target("member_invite", invite) }),
          audit: () => entry,
        })
      ).resource
    : await auditedChange(ctx, actor, create, (invite) => ({ ...entry, ...target("member_invite", invite) }));
  return memberInviteView(ctx, invite);
}

export async function listMemberInvites(ctx: CoreContext, actor: Actor, tenantId: string, page: Page) {
  await authorize(ctx, actor, tenantId, "write");
  return pageOf(
    page,
    (q) => ctx.db.memberInvite.findMany({ where: { tenantId }, orderBy: { id: "desc" }, ...q }),
    (i) => memberInviteView(ctx, i),
  );
}

export async function revokeMemberInvite(ctx: CoreContext, actor: Actor, memberInviteId: string) {
  const invite = await ctx.db.memberInvite.findUnique({ where: { id: memberInviteId } });
  if (!invite) throw AppError.notFound("member invite");
  const mine = await authorize(ctx, actor, invite.tenantId, "write").catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw AppError.notFound("member invite");
    throw err;
  });
  if (invite.role === "owner" && mine !== "owner")
    throw new AppError("forbidden", "only owners can revoke owner invites", { reason: "needs_owner" });
  const updated = await auditedChange(
    ctx,
    actor,
    (tx) => tx.memberInvite.update({ where: { id: invite.id }, data: { revokedAt: invite.revokedAt ?? new Date() } }),
    (revoked) => ({ action: "member_invite.revoked", ...target("member_invite", revoked) }),
  );
  return memberInviteView(ctx, updated);
}

async function memberInviteByToken(ctx: CoreContext, token: string) {
  if (typeof token !== "string" || token.length < 16 || token.length > 128) throw AppError.notFound("member invite");
  const invite = await ctx.db.memberInvite.findUnique({ where: { tokenHash: sha256(token) } });
  if (!invite) throw AppError.notFound("member invite");
  const tenant = await ctx.db.tenant.findUnique({ where: { id: invite.tenantId }, select: { name: true } });
  if (!tenant) throw AppError.notFound("member invite");
  return { invite, tenantName: tenant.name };
}

export async function getPublicMemberInvite(ctx: CoreContext, token: string) {
  const { invite, tenantName } = await memberInviteByToken(ctx, token);
  return { tenantName, role: invite.role, status: memberInviteStatus(invite), expiresAt: invite.expiresAt };
}

function goneError(status: InviteStatus): AppError {
  if (status === "revoked") return new AppError("invite_revoked", "this invitation was revoked");
  if (status === "used_up") return new AppError("invite_used_up", "this invitation has already been accepted");
  return new AppError("invite_expired", "this invitation has expired");
}

/**
 * A signed-in user accepts: the invitation is marked accepted and the membership written in one transaction,
 * so it is used once. A user who is already a member keeps the higher of the two roles.
 */
export async function acceptMemberInvite(ctx: CoreContext, actor: Actor, token: string) {
  if (actor.token)
    throw new AppError("forbidden", "sign in as a user to accept an invitation (not with an API token)", {
      reason: "token_not_allowed",
    });
  const { invite, tenantName } = await memberInviteByToken(ctx, token);
  const status = memberInviteStatus(invite);
  if (status !== "active") throw goneError(status);
  if (invite.email) {
    const me = await ctx.db.user.findUnique({ where: { id: actor.userId }, select: { email: true } });
    if (me?.email !== invite.email) {
      throw new AppError("forbidden", "this invitation was sent to another email address: sign in with that one", {
        reason: "invite_other_email",
      });
    }
  }
  const membership = await ctx.db.$transaction(async (tx) => {
    const taken = await tx.memberInvite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedById: actor.userId },
    });
    if (taken.count !== 1) {
      const now = await tx.memberInvite.findUniqueOrThrow({ where: { id: invite.id } });
      throw goneError(memberInviteStatus(now));
    }
    const existing = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: invite.tenantId, userId: actor.userId } },
    });
    const membership =
      existing && rank[existing.role] >= rank[invite.role]
        ? existing
        : await tx.membership.upsert({
            where: { tenantId_userId: { tenantId: invite.tenantId, userId: actor.userId } },
            create: { tenantId: invite.tenantId, userId: actor.userId, role: invite.role },
            update: { role: invite.role },
          });
    await audit(tx, actor, {
      tenantId: invite.tenantId,
      action: "member_invite.accepted",
      resourceType: "member_invite",
      resourceId: invite.id,
      data: { role: membership.role },
    });
    return membership;
  });
  return { tenantId: invite.tenantId, tenantName, role: membership.role };
}

/** An invitation with the names its email needs: the tenant's and the inviter's. */
export async function memberInviteToEmail(ctx: Pick<CoreContext, "db">, memberInviteId: string) {
  const invite = await ctx.db.memberInvite.findUnique({ where: { id: memberInviteId } });
  if (!invite) return null;
  const [tenant, inviter] = await Promise.all([
    ctx.db.tenant.findUnique({ where: { id: invite.tenantId }, select: { name: true } }),
    invite.createdById
      ? ctx.db.user.findUnique({ where: { id: invite.createdById }, select: { name: true } })
      : Promise.resolve(null),
  ]);
  return { invite, tenantName: tenant?.name ?? null, inviterName: inviter?.name ?? null };
}
