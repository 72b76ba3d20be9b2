import { dnsTargetOf, platformSettings } from "@xmpp-host/core";
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
  const domains = await ctx.db.domain.findMany({ where: { state: "active" }, select: { id: true, dnsStatus: true } });
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
  const domain = await ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
  if (!domain || domain.state === "deleting") return null;
  const report = await ctx.dnsChecker().check(dnsTargetOf(domain, domain.instance, platformSettings(ctx.core)));
  const ownership = report.records.find((r) => r.type === "TXT");
  const newlyVerified = !domain.verified && ownership?.status === "ok";
  await ctx.db.$transaction(async (tx) => {
    await tx.dnsCheck.create({
      data: {
        domainId,
        status: report.status,
        records: JSON.parse(JSON.stringify(report.records)),
        durationMs: Math.round(report.durationMs),
      },
    });
    const old = await tx.dnsCheck.findMany({
      where: { domainId },
      orderBy: { createdAt: "desc" },
      skip: ctx.env.DNS_CHECK_HISTORY,
      select: { id: true },
    });
    if (old.length) await tx.dnsCheck.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
    await tx.domain.update({
      where: { id: domainId },
      data: {
        dnsStatus: report.status,
        dnsCheckedAt: new Date(),
        ...(newlyVerified ? { verified: true, verifiedAt: new Date() } : {}),
      },
    });
    if (domain.dnsStatus !== report.status) {
      await tx.event.create({
        data: {
          tenantId: domain.tenantId,
          kind: "dns.status_changed",
          resourceType: "domain",
          resourceId: domainId,
          data: {
            from: domain.dnsStatus,
            to: report.status,
            failing: report.records.filter((r) => r.status === "error" || r.status === "unknown").map((r) => r.id),
          },
        },
      });
    }
    if (newlyVerified) {
      await tx.event.create({
        data: { tenantId: domain.tenantId, kind: "domain.verified", resourceType: "domain", resourceId: domainId },
      });
    }
  });
  await scheduleDnsCheck(ctx, domainId, report.status);
  return {
    status: report.status,
    verified: domain.verified || newlyVerified,
    durationMs: Math.round(report.durationMs),
  };
}
