import { existsSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { fetchServedCertificate } from "@xmpp-host/acme";
import {
  type AdministeredInstance,
  activeGatewaysOf,
  backupHistoryOf,
  domainBackupTimes,
  type FederationCheck,
  generatePassword,
  healthRollupsBetween,
  healthSamplesBetween,
  instanceForProbe,
  instanceHealthOf,
  instancesToProbe,
  newestHealthRollup,
  openAlertsOfInstance,
  PROBE_LOCALPART,
  portsOf,
  probeAccountOf,
  pruneHealthHistory,
  recordHealthRollups,
  recordInstanceStopped,
  recordProbeAccount,
  recordProbeResult,
} from "@xmpp-host/core";
import { Prisma } from "@xmpp-host/db";
import {
  type AlertCode,
  type AlertRule,
  type BackupFacts,
  bucketStart,
  type CallsCheck,
  type DomainObservation,
  evaluateAlertRules,
  evaluateDomain,
  evaluateInstance,
  FIVE_MINUTES,
  type InstanceObservation,
  mergeRollups,
  ONE_HOUR,
  probeXmpp,
  processStats,
  RETENTION,
  type RuleThresholds,
  rollupRaw,
  tcpReachable,
  type XmppProbeResult,
} from "@xmpp-host/health";
import { reconcileSchedules, schedule, unschedule } from "@xmpp-host/queue";
import { PLACEHOLDER_HOST } from "@xmpp-host/runtime";
import { serverKind } from "@xmpp-host/xmpp";
import type { WorkerContext } from "../context.ts";
import { applyAlertConditions, requeuePendingNotifications, type ScopedCondition } from "./alerts.ts";
import { checkCalls } from "./calls.ts";
import { checkFederation, collectFederationActivity } from "./federation.ts";

/** The localpart of the account each instance is probed with. */
export const PROBE_USERNAME = PROBE_LOCALPART;

export async function scheduleProbe(ctx: WorkerContext, instanceId: string): Promise<void> {
  await schedule(ctx.queues, "probe", ctx.env.HEALTH_PROBE_INTERVAL_MS, instanceId);
}

export async function unscheduleProbe(ctx: WorkerContext, instanceId: string): Promise<void> {
  await unschedule(ctx.queues, "probe", instanceId);
}

/** Makes the probe schedules match the instances in PostgreSQL; run at every worker boot. */
export async function reconcileProbeSchedules(ctx: WorkerContext): Promise<{ scheduled: number; removed: number }> {
  const instances = await instancesToProbe(ctx.core);
  const every = ctx.env.HEALTH_PROBE_INTERVAL_MS;
  return reconcileSchedules(
    ctx.queues,
    "probe",
    instances.map((i) => ({ resourceId: i.id, every })),
  );
}

export function thresholds(ctx: WorkerContext): RuleThresholds {
  return {
    loginSlowMs: ctx.env.HEALTH_LOGIN_SLOW_MS,
    certificateMinDays: ctx.env.HEALTH_CERT_MIN_DAYS,
    memoryLimitBytes: ctx.env.HEALTH_MEMORY_LIMIT_MB * 1024 * 1024,
    downAfterProbes: ctx.env.HEALTH_DOWN_AFTER_PROBES,
    backupMaxAgeHours: ctx.env.HEALTH_BACKUP_MAX_AGE_HOURS,
  };
}

/** CAs the probe trusts: the platform's internal CA and the system roots. */
export async function trustedCas(ctx: WorkerContext): Promise<string[]> {
  return [(await ctx.ca()).certPem, ...rootCertificates];
}

/**
 * The probe account of an instance, created on its first domain (or on the placeholder host while it
 * has none, with an internal certificate so that STARTTLS works there). Its password is stored sealed.
 */
export async function ensureProbeAccount(
  ctx: WorkerContext,
  instance: AdministeredInstance & { domains: { name: string }[] },
  opts: { renew?: boolean } = {},
): Promise<{ host: string; username: string; password: string }> {
  const host = instance.domains[0]?.name ?? PLACEHOLDER_HOST;
  const row = await probeAccountOf(ctx.core, instance.id);
  if (row && row.host === host && !opts.renew) {
    return { host, username: row.username, password: ctx.secrets.decrypt(row.passwordEncrypted) };
  }
  const driver = ctx.driverFor(instance);
  if (host === PLACEHOLDER_HOST) {
    if (!existsSync(ctx.runtime.certificateFile(instance.id, PLACEHOLDER_HOST))) {
      const cert = await (await ctx.ca()).issue([PLACEHOLDER_HOST]);
      await ctx.runtime.writeCertificate(instance.id, PLACEHOLDER_HOST, cert.certPem, cert.keyPem);
      await driver.reloadCertificates([PLACEHOLDER_HOST]);
    }
  }
  const password = generatePassword(24);
  const jid = `${PROBE_USERNAME}@${host}`;
  if ((await driver.createAccount(jid, password)) === "existed") await driver.setPassword(jid, password);
  await recordProbeAccount(ctx.core, instance.id, { host, username: PROBE_USERNAME, password });
  return { host, username: PROBE_USERNAME, password };
}

/** Resolves every open alert about an instance (it was stopped or deleted). */
async function resolveAlertsOf(ctx: WorkerContext, instanceId: string) {
  const open = await openAlertsOfInstance(ctx.core, instanceId);
  return applyAlertConditions(
    ctx,
    open.map((a) => ({
      rule: a.rule as AlertRule,
      subjectType: a.subjectType as "instance" | "domain",
      subjectId: a.subjectId,
      subjectName: a.subjectName,
      severity: a.severity as "critical" | "warning",
      firing: false,
      message: a.message,
      // Only resolved here: what it said when it opened is kept as it was.
      code: (a.code ?? a.rule) as AlertCode,
      params: {},
      tenantId: a.tenantId,
      instanceId,
    })),
  );
}

interface DomainHealth {
  id: string;
  name: string;
  status: string;
  reasons: { code: string; message: string }[];
  certificateDaysLeft: number | null;
}

/**
 * Probes one instance: process, HTTP (and /metrics), s2s port, then c2s connect, STARTTLS, login and
 * ping as the probe account, and the certificate each domain serves. Stores the sample, the current
 * verdict, and opens or resolves alerts.
 */
export async function probeInstance(ctx: WorkerContext, instanceId: string) {
  const instance = await instanceForProbe(ctx.core, instanceId);
  if (!instance || instance.status === "deleting") {
    await unscheduleProbe(ctx, instanceId);
    await resolveAlertsOf(ctx, instanceId);
    return { skipped: "instance gone" };
  }
  if (instance.status === "provisioning") return { skipped: "instance provisioning" };
  if (instance.desiredState === "stopped" || instance.status === "stopped") {
    // Stopped on purpose: not an incident. Its verdict says so, and its alerts close.
    const reasons = [{ code: "instance_stopped", message: "The instance is stopped" }];
    await recordInstanceStopped(ctx.core, instanceId, reasons);
    await resolveAlertsOf(ctx, instanceId);
    return { skipped: "instance stopped" };
  }
  const t = thresholds(ctx);
  const timeoutMs = ctx.env.HEALTH_PROBE_TIMEOUT_MS;
  const host = ctx.runtime.address(instance);
  const ports = portsOf(instance);
  const startedAt = new Date();

  const runtimeStatus = await ctx.runtime.status(instance.id);
  const proc = ctx.runtime.kind === "local" ? await processStats(runtimeStatus.pid) : null;
  // /metrics before logging in, so that the probe's own session is not counted as a user.
  const [http, s2sReachable] = await Promise.all([
    serverKind(instance.server).readMetrics({
      host,
      httpPort: ports.httpPort,
      timeoutMs: Math.min(timeoutMs, 5000),
      driver: ctx.driverFor(instance),
    }),
    tcpReachable(host, ports.s2sPort, Math.min(timeoutMs, 5000)),
  ]);

  let xmpp: XmppProbeResult | null = null;
  let xmppSkipped: string | undefined;
  let probeLogin: { domain: string; username: string; password: string; ca: string } | null = null;
  const processUp = proc === null || (proc.alive && proc.state !== "T");
  if (processUp) {
    let account: { host: string; username: string; password: string } | null = null;
    try {
      account = await ensureProbeAccount(ctx, instance);
    } catch (err) {
      xmppSkipped = `The probe account could not be set up: ${err instanceof Error ? err.message : String(err)}`;
    }
    const ca = await trustedCas(ctx);
    const probe = (acct: typeof account) =>
      probeXmpp({
        host,
        port: ports.c2sPort,
        domain: acct?.host ?? instance.domains[0]?.name ?? PLACEHOLDER_HOST,
        username: acct?.username ?? PROBE_USERNAME,
        password: acct?.password ?? "",
        ca,
        timeoutMs,
      });
    xmpp = await probe(account);
    // The server no longer knows the probe's password (older data restored, or its last write lost in a crash):
    // set it again and probe once more, rather than report the server down.
    if (account && xmpp.failure?.code === "login_failed") {
      try {
        account = await ensureProbeAccount(ctx, instance, { renew: true });
        xmpp = await probe(account);
      } catch (err) {
        xmppSkipped = `The probe account could not be set up: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (account) {
      probeLogin = { domain: account.host, username: account.username, password: account.password, ca: ca.join("\n") };
    }
    if (!account && xmpp.failure?.step === "login") {
      const { failure: _ignored, ...rest } = xmpp;
      xmpp = rest;
    }
  }

  // Calls, as a client places them, once users can log in at all (to one of the server's domains: the placeholder
  // host of a server with none announces nothing).
  let calls: CallsCheck | null = null;
  if (ctx.calls && xmpp?.ok && probeLogin && probeLogin.domain !== PLACEHOLDER_HOST) {
    calls = await checkCalls(ctx, { ...probeLogin, host, port: ports.c2sPort });
  }

  // Federation, as people use it: a ping from one of the server's domains to another server's.
  let federation: FederationCheck | null = null;
  if (xmpp?.ok && probeLogin && probeLogin.domain !== PLACEHOLDER_HOST) {
    federation = await checkFederation(ctx, instance, instance.placement, { ...probeLogin, host, port: ports.c2sPort });
  }
  // What the domains' policies refused, and who they talked to, since the last probe.
  if (processUp && runtimeStatus.running) {
    await collectFederationActivity(ctx, instance).catch((err: unknown) =>
      ctx.log.warn({ err, instanceId }, "reading federation activity failed"),
    );
  }

  const observation: InstanceObservation = {
    process: proc,
    xmpp,
    ...(xmppSkipped ? { xmppSkipped } : {}),
    s2sReachable,
    httpReachable: http.reachable,
    metrics: http.metrics,
    calls,
    federation,
  };
  const verdict = evaluateInstance(observation, t);

  // The certificate each domain serves (the probe's own domain was read during the login).
  const certificates = await Promise.all(
    instance.domains.map(async (d, i): Promise<number | null> => {
      if (i === 0 && xmpp?.certificate) return xmpp.certificate.daysLeft;
      if (verdict.status === "down") return null;
      try {
        const served = await fetchServedCertificate({ host, port: ports.c2sPort, domain: d.name, timeoutMs });
        return (served.notAfter.getTime() - Date.now()) / 86_400_000;
      } catch {
        return null;
      }
    }),
  );
  const gateways = new Set((await activeGatewaysOf(ctx.core, instanceId)).map((g) => g.domainId));
  const domains: DomainHealth[] = instance.domains.map((d, i) => {
    const obs: DomainObservation = {
      id: d.id,
      name: d.name,
      dnsStatus: d.dnsStatus,
      certificateDaysLeft: certificates[i] ?? null,
      certificateError: d.certificateError,
      ircGateway: gateways.has(d.id) ? { running: ctx.gateways.status(d.id).running } : null,
    };
    return {
      id: d.id,
      name: d.name,
      ...evaluateDomain(obs, verdict.status, t),
      certificateDaysLeft: obs.certificateDaysLeft,
    };
  });
  const domainDays = domains.map((d) => d.certificateDaysLeft).filter((d): d is number => d !== null);
  const certificateDaysLeft = domainDays.length ? Math.min(...domainDays) : (xmpp?.certificate?.daysLeft ?? null);

  const previous = await instanceHealthOf(ctx.core, instanceId);
  const consecutiveDown = verdict.status === "down" ? (previous?.consecutiveDown ?? 0) + 1 : 0;
  const reasonsJson = verdict.reasons as unknown as Prisma.InputJsonValue;
  const domainsJson = domains as unknown as Prisma.InputJsonValue;
  const sample = {
    instanceId,
    at: startedAt,
    status: verdict.status,
    reasons: reasonsJson,
    connectMs: xmpp?.connectMs ?? null,
    tlsMs: xmpp?.tlsMs ?? null,
    loginMs: xmpp?.loginMs ?? null,
    pingMs: xmpp?.pingMs ?? null,
    onlineUsers: http.metrics?.c2sConnections ?? null,
    memoryBytes: proc?.rssBytes != null ? BigInt(proc.rssBytes) : null,
    certificateDaysLeft,
    s2sReachable,
    httpReachable: http.reachable,
    mucRooms: http.metrics?.mucRooms ?? null,
    s2sConnections: http.metrics?.s2sConnections ?? null,
    // Prosody 0.12's metrics carry no message counter: the series stays empty rather than invented.
    messagesPerMinute: null,
    domains: domainsJson,
  };
  await recordProbeResult(ctx.core, sample, {
    status: verdict.status,
    reasons: reasonsJson,
    domains: domainsJson,
    consecutiveDown,
    checkedAt: startedAt,
    calls: calls ? (calls as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
    federation: federation ? (federation as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
  });

  // Alerts
  const { lastFinished, lastSucceeded, count: anyBackup } = await backupHistoryOf(ctx.core, instanceId);
  // Domains on a shared server are backed up on their own, daily: each one's backups are judged for its tenant.
  const domainBackups = instance.placement === "shared" ? await domainBackupFacts(ctx, instanceId) : null;
  const conditions = evaluateAlertRules(
    {
      instance: { id: instance.id, name: instance.name },
      shared: instance.placement === "shared",
      status: verdict.status,
      reasons: verdict.reasons,
      consecutiveDown,
      loginMs: xmpp?.ok ? (xmpp.loginMs ?? null) : null,
      memoryBytes: proc?.rssBytes ?? null,
      calls,
      federation,
      domains: domains.map((d, i) => ({
        id: d.id,
        name: d.name,
        dnsStatus: instance.domains[i]?.dnsStatus ?? null,
        certificateDaysLeft: d.certificateDaysLeft,
        ...(domainBackups ? { backups: domainBackups(d.id) } : {}),
      })),
      backups: {
        any: anyBackup > 0,
        scheduled: instance.backupIntervalHours > 0,
        lastFinished: lastFinished
          ? { status: lastFinished.status, at: lastFinished.finishedAt ?? lastFinished.createdAt }
          : null,
        lastSucceededAt: lastSucceeded ? (lastSucceeded.finishedAt ?? lastSucceeded.createdAt) : null,
      },
      now: new Date(),
    },
    t,
  );
  const tenantOfDomain = new Map(instance.domains.map((d) => [d.id, d.tenantId]));
  const scoped: ScopedCondition[] = conditions.map((c) => ({
    ...c,
    instanceId,
    tenantId: c.subjectType === "domain" ? (tenantOfDomain.get(c.subjectId) ?? instance.tenantId) : instance.tenantId,
  }));
  const alerts = await applyAlertConditions(ctx, scoped);
  return {
    status: verdict.status,
    reasons: verdict.reasons.map((r) => r.code),
    loginMs: xmpp?.loginMs ?? null,
    calls: calls ? (calls.ok ? "working" : calls.code) : null,
    federation: federation ? (federation.ok ? `working (${federation.ms} ms)` : federation.message) : null,
    ...alerts,
  };
}

function byInstance<T extends { instanceId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.instanceId);
    if (list) list.push(r);
    else out.set(r.instanceId, [r]);
  }
  return out;
}

/**
 * Rolls raw samples into 5-minute buckets and those into hours (complete buckets only), then prunes
 * each resolution past its retention. Idempotent: buckets are recomputed from their sources and upserted.
 */
export async function rollupHealth(ctx: WorkerContext, now = new Date()) {
  // 5-minute buckets: from the newest one written (recomputed, to take late samples) onward.
  const last5 = await newestHealthRollup(ctx.core, FIVE_MINUTES);
  const rawStart = now.getTime() - RETENTION.rawMs;
  const from5 = new Date(Math.max(last5?.bucket.getTime() ?? 0, rawStart));
  const raw = await healthSamplesBetween(ctx.core, from5, bucketStart(now, FIVE_MINUTES));
  let fiveMinute = 0;
  for (const [instanceId, points] of byInstance(raw)) {
    const rows = rollupRaw(
      points.map((p) => ({ ...p, memoryBytes: p.memoryBytes === null ? null : Number(p.memoryBytes) })),
      FIVE_MINUTES,
      now,
    );
    await recordHealthRollups(ctx.core, instanceId, FIVE_MINUTES, rows);
    fiveMinute += rows.length;
  }
  // Hours, from the 5-minute buckets.
  const lastH = await newestHealthRollup(ctx.core, ONE_HOUR);
  const fromH = new Date(Math.max(lastH?.bucket.getTime() ?? 0, now.getTime() - RETENTION.fiveMinuteMs));
  const fives = await healthRollupsBetween(ctx.core, FIVE_MINUTES, fromH, bucketStart(now, ONE_HOUR));
  let hourly = 0;
  for (const [instanceId, rows] of byInstance(fives)) {
    const merged = mergeRollups(rows, ONE_HOUR, now);
    await recordHealthRollups(ctx.core, instanceId, ONE_HOUR, merged);
    hourly += merged.length;
  }
  const pruned = await pruneHealthHistory(ctx.core, now);
  return {
    fiveMinute,
    hourly,
    pruned,
  };
}

/** The maintenance job: rollups and pruning, and notifications that a crash left unqueued. */
export async function healthMaintenance(ctx: WorkerContext) {
  const rollups = await rollupHealth(ctx);
  const requeued = await requeuePendingNotifications(ctx);
  return { ...rollups, requeuedNotifications: requeued };
}

/** Per domain of the instance: its own backups' facts (one grouped query for the whole server). */
async function domainBackupFacts(ctx: WorkerContext, instanceId: string): Promise<(domainId: string) => BackupFacts> {
  const rows = await domainBackupTimes(ctx.core, instanceId);
  return (domainId) => {
    const mine = rows.filter((r) => r.domainId === domainId && r._max.finishedAt);
    const succeeded = mine.find((r) => r.status === "succeeded")?._max.finishedAt ?? null;
    const failed = mine.find((r) => r.status === "failed")?._max.finishedAt ?? null;
    const lastFinished =
      failed && (!succeeded || failed > succeeded)
        ? { status: "failed", at: failed }
        : succeeded
          ? { status: "succeeded", at: succeeded }
          : null;
    return { any: mine.length > 0, scheduled: true, lastFinished, lastSucceededAt: succeeded };
  };
}
