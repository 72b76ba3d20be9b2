import type { Role } from "@xmpp-host/db";
import type { Actor, CoreContext } from "./context.ts";
import { AppError } from "./errors.ts";

const rank: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

export type Need = "read" | "write" | "own";
const needRank: Record<Need, number> = { read: 0, write: 1, own: 2 };

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
  let role: Role | null =
    actor.token?.memberRole ??
    (
      await ctx.db.membership.findUnique({
        where: { tenantId_userId: { tenantId, userId: actor.userId } },
        select: { role: true },
      })
    )?.role ??
    null;
  // An operator acts in any tenant, but only one that exists: an id that names none is a 404, not a dangling row.
  if (!role && actor.isOperator && !actor.token) {
    if (!(await ctx.db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) {
      throw AppError.notFound("resource");
    }
    role = "owner";
  }
  if (!role) throw AppError.notFound("resource");
  if (actor.token && rank[actor.token.role] < rank[role]) role = actor.token.role;
  if (rank[role] < needRank[need]) {
    throw new AppError("forbidden", `this needs the ${need === "own" ? "owner" : "admin"} role in the tenant`);
  }
  return role;
}
