import { dnsTargetOf, domainForDnsCheck, domainsToCheck, platformSettings, recordDnsCheck } from "@xmpp-host/core";
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
