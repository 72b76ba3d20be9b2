import { type ServerName, serverKind } from "@xmpp-host/xmpp";
import { authorize } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { startOperation, target } from "../operations/service.ts";

type DbCtx = Pick<CoreContext, "db">;

/** An operator acting as such (not through a tenant's token): drains servers, so may move any tenant's domain. */
function actsAsOperator(actor: Actor): boolean {
  return actor.isOperator && !actor.token;
}

/**
 * The domain and the server it is to move to, if the actor may move it there. A tenant's admins move their domains
 * between their own servers (a family growing into a server of its own); operators also move any domain onto a
 * shared server or another server of its tenant (draining a server). Any other server does not exist for the actor.
 */
async function domainAndTarget(ctx: CoreContext, actor: Actor, domainId: string, targetInstanceId: string) {
  const domain = await ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
  if (!domain) throw AppError.notFound("domain");
  const operator = actsAsOperator(actor);
  if (!operator) {
    await authorize(ctx, actor, domain.tenantId, "write").catch((err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") throw AppError.notFound("domain");
      throw err;
    });
  }
  const into = await ctx.db.instance.findUnique({ where: { id: targetInstanceId } });
  const reachable = into && (into.tenantId === domain.tenantId || (operator && into.tenantId === null));
  if (!into || !reachable) throw AppError.notFound("instance");
  return { domain, source: domain.instance, into, operator };
}

/** Moves a domain with all its data to another server: an operation with progress (`domain.move`). */
export async function requestDomainMove(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  input: { targetInstanceId: string },
) {
  const { domain, source, into, operator } = await domainAndTarget(ctx, actor, domainId, input.targetInstanceId);
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  if (domain.state !== "active")
    throw new AppError("conflict", `the domain is ${domain.state}, not active`, { reason: "domain_not_ready" });
  if (into.id === source.id)
    throw AppError.field("targetInstanceId", "the domain is already on this server", "not_allowed");
  if (into.status === "deleting") throw AppError.field("targetInstanceId", "the server is being deleted", "deleting");
  if (into.status !== "running")
    throw AppError.field("targetInstanceId", `the server is ${into.status}, not running`, "not_running");
  refuseUnmovable(source.server, into.server);
  const { operation } = await startOperation(ctx, actor, {
    change: async (tx) => {
      // One move or restore of a domain at a time: the second would copy a domain the first is taking away.
      const busy = await tx.operation.findFirst({
        where: {
          resourceType: "domain",
          resourceId: domain.id,
          type: { in: ["domain.move", "domain.restore"] },
          status: { in: ["queued", "running"] },
        },
        select: { id: true },
      });
      if (busy) {
        throw new AppError("conflict", "the domain is already being moved or restored", {
          reason: "move_under_way",
        });
      }
      return domain;
    },
    operation: () => ({
      type: "domain.move",
      ...target("domain", domain),
      input: { sourceInstanceId: source.id, targetInstanceId: into.id },
    }),
    audit: () => ({
      action: "domain.move_requested",
      data: {
        domain: domain.name,
        from: source.name,
        to: into.name,
        fromInstanceId: source.id,
        toInstanceId: into.id,
        ...(operator ? { operator: true } : {}),
      },
    }),
  });
  return { domain, operation };
}

/**
 * Between servers of one kind that keep each domain's data apart, the data's folders move. Otherwise (between kinds,
 * or between servers that keep every domain in one database) it goes through a XEP-0227 file, where both kinds can
 * write and read one.
 */
function refuseUnmovable(from: ServerName, to: ServerName): void {
  const source = serverKind(from);
  const dest = serverKind(to);
  if (from === to && source.features.domainBackups) return;
  if (!source.features.domainTransfer || !dest.features.domainTransfer) {
    throw AppError.unprocessable(
      "targetInstanceId",
      `moving a domain from ${source.label} to ${dest.label} is not available yet`,
      "not_offered",
    );
  }
}

/** The domain a move is for, with its server; null once it is gone. */
export function domainToMove(ctx: DbCtx, domainId: string) {
  return ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
}

/** What the platform believes lives on the domain: every account and room the server must have after a move. */
export async function domainContents(ctx: DbCtx, domainId: string) {
  const [accounts, rooms] = await Promise.all([
    ctx.db.account.findMany({ where: { domainId, state: "active" }, select: { localpart: true } }),
    ctx.db.room.findMany({ where: { domainId, state: "active" }, select: { name: true } }),
  ]);
  return { accounts: accounts.map((a) => a.localpart), rooms: rooms.map((r) => r.name) };
}
