import { domainHosts, PROBE_LOCALPART } from "@xmpp-host/core";
import type { JobNameOf } from "@xmpp-host/queue/catalogue";
import { instanceHosts } from "@xmpp-host/runtime";
import type { XmppServerDriver } from "@xmpp-host/xmpp";
import { specOf, type WorkerContext } from "../context.ts";
import { withInstanceLock } from "../instance-lock.ts";
import { renewCertificates } from "./certificates.ts";
import { healthMaintenance } from "./health.ts";

/** Re-enqueues operations that PostgreSQL says are pending but Redis no longer holds. */
export async function sweep(ctx: WorkerContext, graceMs = 5_000): Promise<{ requeued: string[] }> {
  const pending = await ctx.db.operation.findMany({
    where: { status: { in: ["queued", "running"] }, updatedAt: { lt: new Date(Date.now() - graceMs) } },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  const requeued: string[] = [];
  const queue = ctx.queues.queues.operations;
  for (const op of pending) {
    const job = await queue.getJob(op.id);
    const state = job ? await job.getState() : "missing";
    if (state === "missing" || state === "unknown" || state === "completed" || state === "failed") {
      if (job) await job.remove().catch(() => undefined);
      await ctx.queues.enqueueOperation(op, ctx.env.OPERATION_ATTEMPTS);
      requeued.push(op.id);
    }
  }
  if (requeued.length) ctx.log.info({ requeued }, "sweeper re-enqueued operations lost by the queue");
  return { requeued };
}

/**
 * Keeps every instance that should run, running: adopts live processes after a worker restart and
 * restarts ones that died.
 */
export async function supervise(ctx: WorkerContext): Promise<{ restarted: string[] }> {
  const instances = await ctx.db.instance.findMany({
    where: { desiredState: "running", status: { in: ["running", "failed"] }, runtime: "local" },
    include: { domains: true },
  });
  const restarted: string[] = [];
  for (const instance of instances) {
    const status = await ctx.runtime.status(instance.id);
    if (status.running && instance.status === "running") {
      if (status.pid !== instance.pid)
        await ctx.db.instance.update({ where: { id: instance.id }, data: { pid: status.pid } });
      continue;
    }
    if (instance.status === "failed") continue; // a failed start is retried by its operation, not here
    try {
      // Under the instance's lock, re-read: a restore or start in progress finishes first and is not raced.
      const started = await withInstanceLock(ctx, instance.id, async () => {
        const fresh = await ctx.db.instance.findUnique({ where: { id: instance.id }, include: { domains: true } });
        if (fresh?.desiredState !== "running" || fresh.status !== "running") return null;
        if ((await ctx.runtime.status(instance.id)).running) return null;
        await ctx.forgetDriver(instance.id);
        const spec = specOf(ctx, fresh, fresh.domains);
        const result = await ctx.runtime.start(spec);
        await ctx.driverFor(fresh).applyHosts(instanceHosts(spec));
        return result;
      });
      if (!started) continue;
      await ctx.db.instance.update({
        where: { id: instance.id },
        data: { pid: started.pid, lastError: null },
      });
      await ctx.db.auditEvent.create({
        data: {
          tenantId: instance.tenantId,
          action: "instance.restarted_after_exit",
          resourceType: "instance",
          resourceId: instance.id,
          data: { oldPid: instance.pid, newPid: started.pid },
        },
      });
      restarted.push(instance.id);
      ctx.log.warn({ instanceId: instance.id, pid: started.pid }, "instance had stopped; restarted it");
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await ctx.db.instance.update({
        where: { id: instance.id },
        data: { lastError: `restart failed: ${message}` },
      });
      ctx.log.error({ instanceId: instance.id, err: message }, "could not restart instance");
    }
  }
  return { restarted };
}

/**
 * Reads what exists on each server into the platform's view: accounts and rooms that users made
 * themselves appear with origin `server`. Sync never deletes anything.
 */
export async function sync(
  ctx: WorkerContext,
  instanceId?: string,
  domainId?: string,
): Promise<{ accountsAdded: number; roomsAdded: number; inviteUsesAdded: number }> {
  const instances = await ctx.db.instance.findMany({
    where: { status: "running", ...(instanceId ? { id: instanceId } : {}) },
    include: { domains: { where: { state: "active", ...(domainId ? { id: domainId } : {}) } } },
  });
  let accountsAdded = 0;
  let roomsAdded = 0;
  let inviteUsesAdded = 0;
  const now = new Date();
  for (const instance of instances) {
    const driver = ctx.driverFor(instance);
    for (const domain of instance.domains) {
      try {
        // The platform's own probe account is not the tenant's.
        const localparts = (await driver.listAccounts(domain.name)).filter((l) => l !== PROBE_LOCALPART);
        const known = new Set(
          (await ctx.db.account.findMany({ where: { domainId: domain.id }, select: { localpart: true } })).map(
            (a) => a.localpart,
          ),
        );
        const missing = localparts.filter((l) => !known.has(l));
        if (missing.length) {
          const created = await ctx.db.account.createMany({
            data: missing.map((localpart) => ({
              tenantId: domain.tenantId,
              domainId: domain.id,
              localpart,
              state: "active" as const,
              origin: "server" as const,
              lastSeenOnServerAt: now,
            })),
            skipDuplicates: true,
          });
          accountsAdded += created.count;
        }
        await ctx.db.account.updateMany({
          where: { domainId: domain.id, localpart: { in: localparts } },
          data: { lastSeenOnServerAt: now },
        });

        inviteUsesAdded += await syncInviteUses(ctx, driver, domain);

        const rooms = await driver.listRooms(domainHosts(domain.name).muc);
        const knownRooms = new Set(
          (await ctx.db.room.findMany({ where: { domainId: domain.id }, select: { name: true } })).map((r) => r.name),
        );
        const names = rooms.map((r) => ({ ...r, name: r.jid.split("@")[0] ?? r.jid }));
        const newRooms = names.filter((r) => !knownRooms.has(r.name));
        if (newRooms.length) {
          const created = await ctx.db.room.createMany({
            data: newRooms.map((r) => ({
              tenantId: domain.tenantId,
              domainId: domain.id,
              name: r.name,
              title: r.title,
              membersOnly: r.membersOnly,
              persistent: r.persistent,
              public: r.public,
              members: r.members,
              state: "active" as const,
              origin: "server" as const,
              lastSeenOnServerAt: now,
            })),
            skipDuplicates: true,
          });
          roomsAdded += created.count;
        }
        await ctx.db.room.updateMany({
          where: { domainId: domain.id, name: { in: names.map((r) => r.name) } },
          data: { lastSeenOnServerAt: now },
        });
      } catch (err) {
        ctx.log.warn(
          {
            instanceId: instance.id,
            domain: domain.name,
            err: err instanceof Error ? err.message : String(err),
          },
          "sync skipped a domain",
        );
      }
    }
  }
  return { accountsAdded, roomsAdded, inviteUsesAdded };
}

/**
 * Counts in-band registrations made with the domain's invites (recorded by the server) into `uses`, and
 * adds those accounts to the invite's rooms in the platform's view (the server already made them members).
 * Idempotent: the server's count is absolute and only the difference is added.
 */
async function syncInviteUses(
  ctx: WorkerContext,
  driver: XmppServerDriver,
  domain: { id: string; name: string },
): Promise<number> {
  const invites = await ctx.db.invite.findMany({
    where: { domainId: domain.id, revokedAt: null, expiresAt: { gt: new Date(Date.now() - 24 * 3600_000) } },
    select: { id: true, rooms: true, serverUses: true },
  });
  if (invites.length === 0) return 0;
  const found = await driver.inviteRegistrations(
    domain.name,
    invites.map((i) => i.id),
  );
  let added = 0;
  for (const invite of invites) {
    const usernames = found[invite.id] ?? [];
    if (usernames.length <= invite.serverUses) continue;
    const jids = usernames.map((u) => `${u}@${domain.name}`);
    await ctx.db.$transaction(async (tx) => {
      const n = usernames.length;
      added += await tx.$executeRaw`
        UPDATE "Invite" SET uses = uses + (${n} - "serverUses"), "serverUses" = ${n}
         WHERE id = ${invite.id} AND "serverUses" < ${n}`;
      for (const jid of jids) {
        await tx.$executeRaw`
          UPDATE "Room" SET members = array_append(members, ${jid}), "updatedAt" = now()
           WHERE id = ANY(${invite.rooms}) AND NOT (${jid} = ANY(members))`;
      }
    });
  }
  return added;
}

export const maintenanceHandlers: Record<JobNameOf<"maintenance">, (ctx: WorkerContext) => Promise<unknown>> = {
  "maintenance.sweep": (ctx) => sweep(ctx),
  "maintenance.supervise": (ctx) => supervise(ctx),
  "maintenance.sync": (ctx) => sync(ctx),
  "maintenance.renew-certificates": (ctx) => renewCertificates(ctx),
  "maintenance.health-rollup": (ctx) => healthMaintenance(ctx),
};
