import {
  domainHosts,
  domainSuspensions,
  domainsWithHistoryLimit,
  instancesToSupervise,
  instancesToSync,
  instanceWithDomains,
  invitesToSync,
  isPlatformLocalpart,
  operationsToSweep,
  recordInstancePid,
  recordInstanceRestarted,
  recordInstanceRestartFailed,
  recordInviteRegistrations,
  recordServerAccounts,
  recordServerRooms,
} from "@xmpp-host/core";
import type { JobNameOf } from "@xmpp-host/queue/catalogue";
import { instanceHosts } from "@xmpp-host/runtime";
import { serverKind, type XmppServerDriver } from "@xmpp-host/xmpp";
import { specOf, type WorkerContext } from "../context.ts";
import { withInstanceLock } from "../instance-lock.ts";
import { superviseTurn } from "./calls.ts";
import { renewCertificates } from "./certificates.ts";
import { healthMaintenance } from "./health.ts";
import { superviseGateways } from "./irc-gateways.ts";

/** Re-enqueues operations that PostgreSQL says are pending but Redis no longer holds. */
export async function sweep(ctx: WorkerContext, graceMs = 5_000): Promise<{ requeued: string[] }> {
  const pending = await operationsToSweep(ctx.core, graceMs);
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
  // On Kubernetes the StatefulSet's controller restarts a server that stops; a second supervisor would race it.
  if (ctx.runtime.kind === "kubernetes") return { restarted: [] };
  const instances = await instancesToSupervise(ctx.core);
  const restarted: string[] = [];
  for (const instance of instances) {
    const status = await ctx.runtime.status(instance.id);
    if (status.running && instance.status === "running") {
      if (status.pid !== instance.pid) await recordInstancePid(ctx.core, instance.id, status.pid);
      continue;
    }
    if (instance.status === "failed") continue; // a failed start is retried by its operation, not here
    try {
      // Under the instance's lock, re-read: a restore or start in progress finishes first and is not raced.
      const started = await withInstanceLock(ctx, instance.id, async () => {
        const fresh = await instanceWithDomains(ctx.core, instance.id);
        if (fresh?.desiredState !== "running" || fresh.status !== "running") return null;
        if ((await ctx.runtime.status(instance.id)).running) return null;
        await ctx.forgetDriver(instance.id);
        const spec = specOf(ctx, fresh, fresh.domains);
        const result = await ctx.runtime.start(spec);
        await ctx.driverFor(fresh).applyHosts(instanceHosts(spec));
        return result;
      });
      if (!started) continue;
      await recordInstanceRestarted(ctx.core, instance, started.pid);
      restarted.push(instance.id);
      ctx.log.warn({ instanceId: instance.id, pid: started.pid }, "instance had stopped; restarted it");
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await recordInstanceRestartFailed(ctx.core, instance.id, message);
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
  const instances = await instancesToSync(ctx.core, instanceId, domainId);
  let accountsAdded = 0;
  let roomsAdded = 0;
  let inviteUsesAdded = 0;
  const now = new Date();
  for (const instance of instances) {
    const driver = ctx.driverFor(instance);
    for (const domain of instance.domains) {
      try {
        // The platform's own probe and compliance accounts are not the tenant's.
        const localparts = (await driver.listAccounts(domain.name)).filter((l) => !isPlatformLocalpart(l));
        accountsAdded += await recordServerAccounts(ctx.core, domain, localparts, now);

        inviteUsesAdded += await syncInviteUses(ctx, driver, domain);

        const rooms = await driver.listRooms(domainHosts(domain.name).muc);
        const names = rooms.map((r) => ({ ...r, name: r.jid.split("@")[0] ?? r.jid }));
        roomsAdded += await recordServerRooms(ctx.core, domain, names, now);

        await syncSuspensions(ctx, driver, instance.id, domain);
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
 * Holds the server to the platform's suspensions: a server brought back from an older copy of its data may have lost a
 * suspension, or kept one lifted since. Under the server's lock, as the suspension operations apply theirs, so that
 * the state read is the one applied. An account that cannot be fixed is logged and left to the next sync.
 */
async function syncSuspensions(
  ctx: WorkerContext,
  driver: XmppServerDriver,
  instanceId: string,
  domain: { id: string; name: string },
): Promise<void> {
  await withInstanceLock(ctx, instanceId, async () => {
    const wanted = await domainSuspensions(ctx.core, domain.id);
    const onServer = new Set(await driver.suspendedAccounts(domain.name));
    const fixes = [
      ...[...wanted.suspended].filter((l) => !onServer.has(l)).map((l) => ({ l, suspend: true })),
      ...[...onServer].filter((l) => wanted.free.has(l)).map((l) => ({ l, suspend: false })),
    ];
    for (const { l, suspend } of fixes) {
      const jid = `${l}@${domain.name}`;
      try {
        if (suspend) await driver.suspendAccount(jid);
        else await driver.restoreAccount(jid);
        ctx.log.warn({ jid, suspended: suspend }, "sync put an account's suspension back as the platform has it");
      } catch (err) {
        ctx.log.warn({ jid, err: err instanceof Error ? err.message : String(err) }, "sync could not fix a suspension");
      }
    }
  });
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
  const invites = await invitesToSync(ctx.core, domain.id);
  // Without an invite store on the server, nobody registers in-band with a token: nothing to count.
  if (invites.length === 0 || !serverKind(driver.server).features.inBandInvites) return 0;
  const found = await driver.inviteRegistrations(
    domain.name,
    invites.map((i) => i.id),
  );
  let added = 0;
  for (const invite of invites) {
    const usernames = found[invite.id] ?? [];
    if (usernames.length <= invite.serverUses) continue;
    const jids = usernames.map((u) => `${u}@${domain.name}`);
    added += await recordInviteRegistrations(ctx.core, invite, usernames.length, jids);
  }
  return added;
}

export const maintenanceHandlers: Record<JobNameOf<"maintenance">, (ctx: WorkerContext) => Promise<unknown>> = {
  "maintenance.sweep": (ctx) => sweep(ctx),
  "maintenance.supervise": async (ctx) => {
    const servers = await supervise(ctx);
    // Helpers after servers: a gateway joins its server, which must run first.
    const turn = await superviseTurn(ctx).catch((err: unknown) => {
      ctx.log.error({ err: (err as Error).message }, "could not start the TURN server");
      return null;
    });
    const gateways = await superviseGateways(ctx);
    return { ...servers, turnStarted: turn?.started ?? false, gatewaysRestarted: gateways.restarted };
  },
  "maintenance.sync": (ctx) => sync(ctx),
  "maintenance.renew-certificates": (ctx) => renewCertificates(ctx),
  "maintenance.health-rollup": (ctx) => healthMaintenance(ctx),
  "maintenance.expire-history": (ctx) => expireHistory(ctx),
};

/**
 * Each running domain's history beyond what it keeps, deleted on its server. Prosody also expires on its own, but
 * only what it archived itself under the current setting; ejabberd does not at all.
 */
export async function expireHistory(ctx: WorkerContext): Promise<{ domains: number; messages: number }> {
  const domains = await domainsWithHistoryLimit(ctx.core);
  let done = 0;
  let messages = 0;
  for (const { domain, days } of domains) {
    const { host, muc } = domainHosts(domain.name);
    try {
      const n = await withInstanceLock(ctx, domain.instanceId, () =>
        ctx.driverFor(domain.instance).expireHistory(host, muc, days),
      );
      messages += n ?? 0;
      done++;
    } catch (err) {
      // One server down must not keep the others' history forever; the next run retries it.
      ctx.log.error({ err: (err as Error).message, domain: domain.name }, "could not expire history");
    }
  }
  return { domains: done, messages };
}
