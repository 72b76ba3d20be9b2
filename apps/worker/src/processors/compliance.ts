import { randomBytes } from "node:crypto";
import dns from "node:dns";
import { runComplianceCheck } from "@xmpp-host/compliance";
import {
  COMPLIANCE_LOCALPART_PREFIX,
  type ComplianceTrigger,
  domainForCompliance,
  domainsForComplianceSchedule,
  portsOf,
  recordComplianceRun,
} from "@xmpp-host/core";
import { reconcileSchedules, schedule, unschedule } from "@xmpp-host/queue";
import type { WorkerContext } from "../context.ts";
import { applyAlertConditions } from "./alerts.ts";
import { trustedCas } from "./health.ts";

/**
 * Runs the compliance checker against a domain's server, as a chat app would: with an account of its own made for
 * the run (removed afterwards, whatever happens), through the server's own address, trusting the platform's CA and
 * the system's. Keeps the run and opens (or resolves) the alert when the score drops.
 */
export async function checkDomainCompliance(ctx: WorkerContext, domainId: string, trigger: ComplianceTrigger) {
  const domain = await domainForCompliance(ctx.core, domainId);
  if (!domain || domain.state === "deleting") return null;
  const instance = domain.instance;
  if (instance.status !== "running") return { skipped: "the server is not running" };
  // A domain still being created is checked too: its hosts are active on the server once its configuration applied.
  if (domain.state === "failed") return { skipped: "the domain could not be created" };
  const ports = portsOf(instance);
  const driver = ctx.driverFor(instance);
  const username = `${COMPLIANCE_LOCALPART_PREFIX}-${randomBytes(4).toString("hex")}`;
  const password = randomBytes(18).toString("base64url");
  const jid = `${username}@${domain.name}`;
  await driver.createAccount(jid, password);
  let report: Awaited<ReturnType<typeof runComplianceCheck>>;
  try {
    const resolver = new dns.promises.Resolver({ timeout: ctx.env.DNS_TIMEOUT_MS, tries: 1 });
    if (ctx.env.DNS_SERVERS.length) resolver.setServers(ctx.env.DNS_SERVERS);
    report = await runComplianceCheck({
      server: instance.server,
      domain: domain.name,
      host: ctx.runtime.address(instance),
      ports: {
        c2s: ports.c2sPort,
        ...(ports.directTlsPort !== null ? { directTls: ports.directTlsPort } : {}),
        ...(ports.httpsPort !== null ? { https: ports.httpsPort } : {}),
      },
      ca: await trustedCas(ctx),
      account: { username, password },
      resolveSrv: async (name) => (await resolver.resolveSrv(name)).map((r) => ({ target: r.name, port: r.port })),
      timeoutMs: ctx.env.COMPLIANCE_CHECK_TIMEOUT_MS,
    });
  } finally {
    await driver
      .deleteAccount(jid)
      .catch((err: unknown) => ctx.log.warn({ err, domainId }, "removing the compliance check's account failed"));
  }
  const { run, condition } = await recordComplianceRun(ctx.core, domain, report, trigger);
  await applyAlertConditions(ctx, [condition]);
  return {
    score: run.score,
    failing: report.results.filter((r) => r.status === "fail").map((r) => r.id),
    durationMs: run.durationMs,
  };
}

/** After a configuration change, a check once the server settled; changes close together make one check. */
export async function queueComplianceAfterChange(ctx: WorkerContext, domains: { id: string }[]): Promise<void> {
  for (const { id: domainId } of domains) {
    // A job id per domain: while one waits, another change adds nothing. It is removed once done, so the next
    // change queues a new one.
    await ctx.queues.enqueue(
      "domain.compliance-check",
      { domainId, trigger: "configuration" },
      {
        jobId: `compliance-after-change-${domainId}`,
        delay: ctx.env.COMPLIANCE_CHECK_DELAY_MS,
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }
}

export function scheduleCompliance(ctx: WorkerContext, domainId: string): Promise<void> {
  return schedule(ctx.queues, "compliance", ctx.env.COMPLIANCE_CHECK_INTERVAL_MS, domainId);
}

export function unscheduleCompliance(ctx: WorkerContext, domainId: string): Promise<void> {
  return unschedule(ctx.queues, "compliance", domainId);
}

export async function reconcileComplianceSchedules(ctx: WorkerContext) {
  const domains = await domainsForComplianceSchedule(ctx.core);
  return reconcileSchedules(
    ctx.queues,
    "compliance",
    domains.map((d) => ({ resourceId: d.id, every: ctx.env.COMPLIANCE_CHECK_INTERVAL_MS })),
  );
}
