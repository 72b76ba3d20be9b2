import type { Role } from "@xmpp-host/db";
import type { Actor, CoreContext } from "./context.ts";
import { AppError } from "./errors.ts";

const rank: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

/** `member`: any role, for what a member may do for themselves that still changes something (an API token). */
export type Need = "read" | "member" | "write" | "own";
const needRank: Record<Need, number> = { read: 0, member: 0, write: 1, own: 2 };

/**
 * The actor's role in a tenant, or a not_found error: a resource of a tenant you do not belong to
 * does not exist for you. A member without enough rights gets forbidden.
 */
export async function authorize(ctx: CoreContext, actor: Actor, tenantId: string | null, need: Need): Promise<Role> {
  if (tenantId === null) {
    if (actor.isOperator && !actor.token) return "owner";
    throw AppError.notFound("resource");
  }
  if (actor.token && actor.token.tenantId !== tenantId) throw AppError.notFound("resource");
  // A token's membership was read with the token itself, in the same request.
  const membership = actor.token?.memberRole
    ? null
    : await ctx.db.membership.findUnique({
        where: { tenantId_userId: { tenantId, userId: actor.userId } },
        select: {
          role: true,
          tenant: { select: { requireTwoFactor: true } },
          user: { select: { totpEnabledAt: true } },
        },
      });
  let role: Role | null = actor.token?.memberRole ?? membership?.role ?? null;
  // A tenant that requires two-step sign-in: its owners and admins without it may not use it until they enrol
  // (viewers are not asked).
  if (
    membership &&
    membership.role !== "viewer" &&
    membership.tenant.requireTwoFactor &&
    !membership.user.totpEnabledAt
  ) {
    throw new AppError(
      "two_factor_required",
      "this organisation requires two-step sign-in for owners and admins: turn it on in your security settings first",
    );
  }
  // An operator reads any tenant that exists (the support view), as a viewer: changing a tenant's chat is for its
  // own members, so a support session can never alter what it looks at.
  if (!role && actor.isOperator && !actor.token) {
    if (!(await ctx.db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) {
      throw AppError.notFound("resource");
    }
    if (need !== "read") {
      throw new AppError(
        "forbidden",
        "operators who are not members of this organisation can only read it (support view); changes are made by its members",
        { reason: "support_view_read_only" },
      );
    }
    role = "viewer";
  }
  if (!role) throw AppError.notFound("resource");
  if (actor.token && rank[actor.token.role] < rank[role]) role = actor.token.role;
  if (rank[role] < needRank[need]) {
    throw new AppError("forbidden", `this needs the ${need === "own" ? "owner" : "admin"} role in the tenant`, {
      reason: need === "own" ? "needs_owner" : "needs_admin",
    });
  }
  return role;
}

/**
 * A resource of a tenant, if the actor may `need` it; else not_found under the resource's own name (a
 * resource of another tenant does not exist for you) or forbidden.
 */
export async function loadOwned<T extends { tenantId: string | null }>(
  ctx: CoreContext,
  actor: Actor,
  what: string,
  found: Promise<T | null> | T | null,
  need: Need,
): Promise<T> {
  const row = await found;
  if (!row) throw AppError.notFound(what);
  await authorize(ctx, actor, row.tenantId, need).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw AppError.notFound(what);
    throw err;
  });
  return row;
}
