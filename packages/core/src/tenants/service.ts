import type { Role } from "@xmpp-host/db";
import { authorize } from "../access.ts";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { createMemberInvite } from "../member-invites/service.ts";
import { type Page, pageOf, pageQuery, paginate } from "../operations/service.ts";
import { requiredText } from "../validation.ts";

export async function listTenants(ctx: CoreContext, actor: Actor, page: Page) {
  return pageOf(page, (q) =>
    ctx.db.tenant.findMany({
      where: actor.token ? { id: actor.token.tenantId } : { memberships: { some: { userId: actor.userId } } },
      orderBy: { id: "asc" },
      ...q,
    }),
  );
}

export async function createTenant(ctx: CoreContext, actor: Actor, input: { name: string }) {
  if (actor.token)
    throw new AppError("forbidden", "API tokens are scoped to one tenant and cannot create tenants", {
      reason: "token_not_allowed",
    });
  const name = requiredText("name", input.name);
  return auditedChange(
    ctx,
    actor,
    async (tx) => {
      const tenant = await tx.tenant.create({ data: { name } });
      await tx.membership.create({ data: { tenantId: tenant.id, userId: actor.userId, role: "owner" } });
      return tenant;
    },
    (tenant) => ({ action: "tenant.created", tenantId: tenant.id, resourceType: "tenant", resourceId: tenant.id }),
  );
}

export async function getTenant(ctx: CoreContext, actor: Actor, tenantId: string) {
  const role = await authorize(ctx, actor, tenantId, "read");
  const tenant = await ctx.db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw AppError.notFound("tenant");
  return { ...tenant, role };
}

export async function listMembers(ctx: CoreContext, actor: Actor, tenantId: string, page: Page) {
  await authorize(ctx, actor, tenantId, "read");
  const rows = await ctx.db.membership.findMany({
    where: { tenantId },
    include: { user: true },
    orderBy: { id: "asc" },
    ...pageQuery(page),
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  return {
    items: items.map((m) => ({
      id: m.id,
      userId: m.userId,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      createdAt: m.createdAt,
    })),
    nextCursor,
  };
}

/**
 * Adding someone by email sends them an invitation to accept, as for someone who has not signed up yet: nobody is
 * put in a tenant without consent, and the answer does not tell whether the address belongs to a user.
 */
export async function addMember(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  input: { email: string; role: Role },
) {
  return createMemberInvite(ctx, actor, tenantId, { role: input.role, email: input.email });
}
