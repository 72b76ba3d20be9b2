import {
  dnsTargetOf,
  dnsWatchUntil,
  domainForDnsCheck,
  domainsToCheck,
  platformSettings,
  recordDnsCheck,
  startDnsWatch,
  stopDnsWatch,
} from "@xmpp-host/core";
import { reconcileSchedules, schedule, unschedule } from "@xmpp-host/queue";
import type { WorkerContext } from "../context.ts";

const healthy = new Set(["ok", "warning"]);

/** Every 5 minutes while failing, daily while healthy (both configurable). */
function recheckEvery(ctx: WorkerContext, status: string | null): number {
  return status && healthy.has(status) ? ctx.env.DNS_RECHECK_HEALTHY_MS : ctx.env.DNS_RECHECK_FAILING_MS;
}

export async function scheduleDnsCheck(ctx: WorkerContext, domainId: string, status: string | null): Promise<void> {
  await schedule(ctx.queues, "dns", recheckEvery(ctx, status), domainId);
}

export async function unscheduleDnsCheck(ctx: WorkerContext, domainId: string): Promise<void> {
  await unschedule(ctx.queues, "dns", domainId);
}

/** Makes the DNS schedules match the domains in PostgreSQL; run at every worker boot. */
export async function reconcileDnsSchedules(ctx: WorkerContext): Promise<{ scheduled: number; removed: number }> {
  const domains = await domainsToCheck(ctx.core);
  return reconcileSchedules(
    ctx.queues,
    "dns",
    domains.map((d) => ({ resourceId: d.id, every: recheckEvery(ctx, d.dnsStatus) })),
  );
}

/**
 * Checks a domain's records through the configured resolvers, keeps the result (the last N), verifies
 * ownership from the TXT record, records status changes as events and adapts the schedule.
 */
export async function checkDomainDns(ctx: WorkerContext, domainId: string) {
  const domain = await domainForDnsCheck(ctx.core, domainId);
  if (!domain || domain.state === "deleting") return null;
  const ircGateway = domain.ircGateway !== null && domain.ircGateway.state !== "deleting";
  const report = await ctx
    .dnsChecker()
    .check(dnsTargetOf(domain, domain.instance, platformSettings(ctx.core), { ircGateway }));
  const { verified } = await recordDnsCheck(ctx.core, domain, report, ctx.env.DNS_CHECK_HISTORY);
  await scheduleDnsCheck(ctx, domainId, report.status);
  return {
    status: report.status,
    verified,
    durationMs: Math.round(report.durationMs),
  };
}

async function queueWatchRound(ctx: WorkerContext, domainId: string, until: Date): Promise<void> {
  await ctx.queues.enqueue(
    "domain.dns-watch",
    { domainId, until: until.getTime() },
    { delay: ctx.env.DNS_WATCH_INTERVAL_MS, jobId: `dns-watch-${domainId}-${until.getTime()}-${Date.now()}` },
  );
}

/**
 * After "Check now": while records fail, checks again every DNS_WATCH_INTERVAL_MS for DNS_WATCH_MS, so that
 * someone fixing them at their DNS host sees each one pass within seconds. Returns whether it watches.
 */
export async function watchDomainDns(ctx: WorkerContext, domainId: string, status: string): Promise<boolean> {
  if (healthy.has(status)) {
    await stopDnsWatch(ctx.core, domainId);
    return false;
  }
  const until = new Date(Date.now() + ctx.env.DNS_WATCH_MS);
  await startDnsWatch(ctx.core, domainId, until);
  await queueWatchRound(ctx, domainId, until);
  return true;
}

/** One round of a watch: a check, then the next round unless all pass, the watch ended or a newer one began. */
export async function dnsWatchRound(ctx: WorkerContext, domainId: string, untilMs: number) {
  const current = await dnsWatchUntil(ctx.core, domainId);
  if (current?.getTime() !== untilMs) return { superseded: true };
  const until = new Date(untilMs);
  const result = await checkDomainDns(ctx, domainId);
  if (!result) return null;
  const more = !healthy.has(result.status) && Date.now() + ctx.env.DNS_WATCH_INTERVAL_MS < untilMs;
  if (more) await queueWatchRound(ctx, domainId, until);
  else await stopDnsWatch(ctx.core, domainId, until);
  return { ...result, watching: more };
}
