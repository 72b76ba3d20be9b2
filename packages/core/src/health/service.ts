import type { Backup, Domain, HealthRollup, Instance, InstanceHealth, Prisma, ProbeAccount } from "@xmpp-host/db";
// The rollup's pure part only: core loads no transport (the package's index also holds the probe's client).
import { FIVE_MINUTES, ONE_HOUR, RETENTION, type RollupRow } from "@xmpp-host/health/rollup";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { loadInstance } from "../instances/service.ts";

/** The localpart of the account each instance is probed with; reserved, and hidden from sync. */
export const PROBE_LOCALPART = "xh-probe";
/** The compliance checker's accounts, one per run (xh-compliance-<random>), removed when it ends. */
export const COMPLIANCE_LOCALPART_PREFIX = "xh-compliance";

/** The platform's own accounts on a domain, which are not the tenant's (never listed, never created by people). */
export function isPlatformLocalpart(localpart: string): boolean {
  return localpart === PROBE_LOCALPART || localpart.startsWith(COMPLIANCE_LOCALPART_PREFIX);
}

export type HealthRange = "1h" | "24h" | "30d";

/** As packages/health gives them: a code, the values its words need (raw numbers), and English words. */
export interface Reason {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export const NOT_PROBED: Reason = { code: "not_probed_yet", message: "The instance has not been probed yet" };

export function reasonsOf(json: Prisma.JsonValue | undefined): Reason[] {
  return Array.isArray(json) ? (json as unknown as Reason[]) : [];
}

const FIVE_MINUTES_MS = 300_000;
const DAY_MS = 24 * 3600_000;

/** Share of probes that found the instance up over 30 days: 5-minute rollups plus raw samples since. */
async function uptime30d(ctx: CoreContext, instanceId: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const rollups = await ctx.db.healthRollup.aggregate({
    where: { instanceId, resolution: 300, bucket: { gte: since } },
    _sum: { samples: true, upSamples: true },
    _max: { bucket: true },
  });
  const rawFrom = rollups._max.bucket ? new Date(rollups._max.bucket.getTime() + FIVE_MINUTES_MS) : since;
  const [rawAll, rawDown] = await Promise.all([
    ctx.db.healthSample.count({ where: { instanceId, at: { gte: rawFrom } } }),
    ctx.db.healthSample.count({ where: { instanceId, at: { gte: rawFrom }, status: "down" } }),
  ]);
  const samples = (rollups._sum.samples ?? 0) + rawAll;
  const up = (rollups._sum.upSamples ?? 0) + rawAll - rawDown;
  return samples === 0 ? null : up / samples;
}

/** Whether calls work, from the last probe's calls check; null when the platform offers no calls. */
function callsOf(raw: Prisma.JsonValue | null) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const c = raw as {
    ok?: boolean;
    code?: "calls_not_announced" | "calls_refused" | "calls_unreachable";
    message?: string;
    checkedAt?: string;
  };
  // Where calls broke (not an API error code): null while they work.
  const cause = c.ok ? null : (c.code ?? "calls_unreachable");
  return {
    status: c.ok ? ("working" as const) : ("failing" as const),
    code: cause,
    message: c.ok ? null : (c.message ?? null),
    checkedAt: c.checkedAt ?? null,
  };
}

/** Whether other servers answer, from the last probe's federation check; null when none was made. */
function federationOf(raw: Prisma.JsonValue | null) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const f = raw as {
    ok?: boolean;
    from?: string;
    reference?: string;
    ms?: number;
    message?: string;
    checkedAt?: string;
  };
  return {
    status: f.ok ? ("working" as const) : ("failing" as const),
    from: f.from ?? null,
    reference: f.reference ?? null,
    ms: typeof f.ms === "number" ? f.ms : null,
    message: f.ok ? null : (f.message ?? null),
    checkedAt: f.checkedAt ?? null,
  };
}

/** Health of one instance for the dashboard: verdict, latest measurements, a chart series and its domains. */
export async function getInstanceHealth(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  range: HealthRange,
  now = new Date(),
) {
  await loadInstance(ctx, actor, instanceId, "read");
  const [current, latest, domains] = await Promise.all([
    ctx.db.instanceHealth.findUnique({ where: { instanceId } }),
    ctx.db.healthSample.findFirst({ where: { instanceId }, orderBy: { at: "desc" } }),
    ctx.db.domain.findMany({ where: { instanceId, state: { not: "deleting" } }, orderBy: { createdAt: "asc" } }),
  ]);
  let series: {
    at: Date;
    onlineUsers: number | null;
    loginMs: number | null;
    memoryBytes: number | null;
    messagesPerMinute: number | null;
  }[];
  if (range === "1h") {
    const raw = await ctx.db.healthSample.findMany({
      where: { instanceId, at: { gte: new Date(now.getTime() - 3600_000) } },
      orderBy: { at: "asc" },
    });
    series = raw.map((s) => ({
      at: s.at,
      onlineUsers: s.onlineUsers,
      loginMs: s.loginMs,
      memoryBytes: s.memoryBytes === null ? null : Number(s.memoryBytes),
      messagesPerMinute: s.messagesPerMinute,
    }));
  } else {
    const rollups = await ctx.db.healthRollup.findMany({
      where: {
        instanceId,
        resolution: range === "24h" ? 300 : 3600,
        bucket: { gte: new Date(now.getTime() - (range === "24h" ? DAY_MS : 30 * DAY_MS)) },
      },
      orderBy: { bucket: "asc" },
    });
    series = rollups.map((r) => ({
      at: r.bucket,
      onlineUsers: r.onlineUsers,
      loginMs: r.loginMs,
      memoryBytes: r.memoryBytes,
      messagesPerMinute: r.messagesPerMinute,
    }));
  }
  const probed = new Map(
    (Array.isArray(current?.domains)
      ? (current.domains as unknown as { id: string; status: string; reasons: Reason[] }[])
      : []
    ).map((d) => [d.id, d]),
  );
  return {
    status: current?.status ?? "unknown",
    reasons: current ? reasonsOf(current.reasons) : [NOT_PROBED],
    uptime30d: await uptime30d(ctx, instanceId, now),
    calls: callsOf(current?.calls ?? null),
    federation: federationOf(current?.federation ?? null),
    checkedAt: current?.checkedAt ?? null,
    latest: latest
      ? {
          loginMs: latest.loginMs,
          connectMs: latest.connectMs,
          tlsMs: latest.tlsMs,
          pingMs: latest.pingMs,
          onlineUsers: latest.onlineUsers,
          memoryBytes: latest.memoryBytes === null ? null : Number(latest.memoryBytes),
          certificateDaysLeft: latest.certificateDaysLeft,
          s2sReachable: latest.s2sReachable,
          httpReachable: latest.httpReachable,
          mucRooms: latest.mucRooms,
          s2sConnections: latest.s2sConnections,
        }
      : null,
    series,
    domains: domains.map((d) => {
      const p = probed.get(d.id);
      return {
        id: d.id,
        name: d.name,
        status: p?.status ?? "unknown",
        reasons: p ? reasonsOf(p.reasons as unknown as Prisma.JsonValue) : [NOT_PROBED],
      };
    }),
  };
}

/** A domain's health for its tenant: the verdict of the last probe of its server for this domain. */
export async function getDomainHealth(ctx: CoreContext, actor: Actor, domainId: string, now = new Date()) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  const current = await ctx.db.instanceHealth.findUnique({ where: { instanceId: domain.instanceId } });
  const probed = (
    Array.isArray(current?.domains)
      ? (current.domains as unknown as { id: string; status: string; reasons: Reason[] }[])
      : []
  ).find((d) => d.id === domain.id);
  return {
    domainId: domain.id,
    name: domain.name,
    status: probed?.status ?? "unknown",
    reasons: probed ? reasonsOf(probed.reasons as unknown as Prisma.JsonValue) : [NOT_PROBED],
    checkedAt: probed ? (current?.checkedAt ?? null) : null,
    uptime30d: await uptime30d(ctx, domain.instanceId, now),
  };
}

// What the worker's probes and rollups read and write.

/** Instances that are probed: all but those being created or deleted. */
export function instancesToProbe(ctx: Pick<CoreContext, "db">): Promise<{ id: string }[]> {
  return ctx.db.instance.findMany({
    where: { status: { notIn: ["deleting", "provisioning"] } },
    select: { id: true },
  });
}

/** An instance as its probe sees it: with its active domains, oldest first (the probe logs in on the first). */
export function instanceForProbe(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
): Promise<(Instance & { domains: Domain[] }) | null> {
  return ctx.db.instance.findUnique({
    where: { id: instanceId },
    include: { domains: { where: { state: "active" }, orderBy: { createdAt: "asc" } } },
  });
}

/** The instance's probe account, its password still sealed. */
export function probeAccountOf(ctx: Pick<CoreContext, "db">, instanceId: string): Promise<ProbeAccount | null> {
  return ctx.db.probeAccount.findUnique({ where: { instanceId } });
}

/** Keeps the probe account of an instance, its password sealed. */
export async function recordProbeAccount(
  ctx: Pick<CoreContext, "db" | "secrets">,
  instanceId: string,
  account: { host: string; username: string; password: string },
): Promise<void> {
  const data = {
    host: account.host,
    username: account.username,
    passwordEncrypted: ctx.secrets.encrypt(account.password),
  };
  await ctx.db.probeAccount.upsert({
    where: { instanceId },
    create: { instanceId, ...data },
    update: data,
  });
}

/** The verdict of an instance stopped on purpose: down, but not counted as an outage. */
export async function recordInstanceStopped(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
  reasons: Reason[],
): Promise<void> {
  const json = reasons as unknown as Prisma.InputJsonValue;
  await ctx.db.instanceHealth.upsert({
    where: { instanceId },
    create: { instanceId, status: "down", reasons: json, domains: [], consecutiveDown: 0, checkedAt: new Date() },
    update: { status: "down", reasons: json, consecutiveDown: 0, checkedAt: new Date() },
  });
}

/** The instance's current verdict, if it was ever probed. */
export function instanceHealthOf(ctx: Pick<CoreContext, "db">, instanceId: string): Promise<InstanceHealth | null> {
  return ctx.db.instanceHealth.findUnique({ where: { instanceId } });
}

/** Stores a probe's sample and the instance's new verdict together. */
export async function recordProbeResult(
  ctx: Pick<CoreContext, "db">,
  sample: Prisma.HealthSampleUncheckedCreateInput,
  verdict: {
    status: string;
    reasons: Prisma.InputJsonValue;
    domains: Prisma.InputJsonValue;
    consecutiveDown: number;
    checkedAt: Date;
    calls: Prisma.InputJsonValue | typeof Prisma.DbNull;
    federation: Prisma.InputJsonValue | typeof Prisma.DbNull;
  },
): Promise<void> {
  const instanceId = sample.instanceId;
  await ctx.db.$transaction([
    ctx.db.healthSample.create({ data: sample }),
    ctx.db.instanceHealth.upsert({
      where: { instanceId },
      create: { instanceId, ...verdict },
      update: { ...verdict },
    }),
  ]);
}

/** What the backup rules judge an instance by: its last finished and last good backups, and whether it has any. */
export async function backupHistoryOf(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
): Promise<{ lastFinished: Backup | null; lastSucceeded: Backup | null; count: number }> {
  const [lastFinished, lastSucceeded, count] = await Promise.all([
    ctx.db.backup.findFirst({
      where: { instanceId, status: { in: ["succeeded", "failed"] } },
      orderBy: { createdAt: "desc" },
    }),
    ctx.db.backup.findFirst({ where: { instanceId, status: "succeeded" }, orderBy: { createdAt: "desc" } }),
    ctx.db.backup.count({ where: { instanceId } }),
  ]);
  return { lastFinished, lastSucceeded, count };
}

/** Per domain of a shared server and per outcome, when its latest backup finished (one grouped query). */
export async function domainBackupTimes(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
): Promise<{ domainId: string | null; status: string; _max: { finishedAt: Date | null } }[]> {
  const rows = await ctx.db.backup.groupBy({
    by: ["domainId", "status"],
    where: { instanceId, domainId: { not: null }, status: { in: ["succeeded", "failed"] } },
    _max: { finishedAt: true },
  });
  return rows;
}

/** The newest rollup bucket of a resolution, where the next rollup starts. */
export function newestHealthRollup(ctx: Pick<CoreContext, "db">, resolution: number): Promise<HealthRollup | null> {
  return ctx.db.healthRollup.findFirst({ where: { resolution }, orderBy: { bucket: "desc" } });
}

/** Raw samples taken in [from, to), with what the rollups keep of them. */
export function healthSamplesBetween(ctx: Pick<CoreContext, "db">, from: Date, to: Date) {
  return ctx.db.healthSample.findMany({
    where: { at: { gte: from, lt: to } },
    select: {
      instanceId: true,
      at: true,
      status: true,
      loginMs: true,
      onlineUsers: true,
      memoryBytes: true,
      messagesPerMinute: true,
    },
  });
}

/** Rollup buckets of a resolution in [from, to). */
export function healthRollupsBetween(
  ctx: Pick<CoreContext, "db">,
  resolution: number,
  from: Date,
  to: Date,
): Promise<HealthRollup[]> {
  return ctx.db.healthRollup.findMany({ where: { resolution, bucket: { gte: from, lt: to } } });
}

/** Writes an instance's rollup buckets of one resolution, replacing those recomputed. */
export async function recordHealthRollups(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
  resolution: number,
  rows: RollupRow[],
): Promise<void> {
  if (!rows.length) return;
  await ctx.db.$transaction(
    rows.map((r) =>
      ctx.db.healthRollup.upsert({
        where: { instanceId_resolution_bucket: { instanceId, resolution, bucket: r.bucket } },
        create: { instanceId, resolution, ...r },
        update: { ...r },
      }),
    ),
  );
}

/** Deletes samples and rollups past their retention; returns how many of each went. */
export async function pruneHealthHistory(
  ctx: Pick<CoreContext, "db">,
  now: Date,
): Promise<{ raw: number; fiveMinute: number; hourly: number }> {
  const [raw, five, hour] = await ctx.db.$transaction([
    ctx.db.healthSample.deleteMany({ where: { at: { lt: new Date(now.getTime() - RETENTION.rawMs) } } }),
    ctx.db.healthRollup.deleteMany({
      where: { resolution: FIVE_MINUTES, bucket: { lt: new Date(now.getTime() - RETENTION.fiveMinuteMs) } },
    }),
    ctx.db.healthRollup.deleteMany({
      where: { resolution: ONE_HOUR, bucket: { lt: new Date(now.getTime() - RETENTION.hourlyMs) } },
    }),
  ]);
  return { raw: raw.count, fiveMinute: five.count, hourly: hour.count };
}

/** Answers once PostgreSQL does: the API's readiness check. */
export async function pingDatabase(ctx: Pick<CoreContext, "db">): Promise<void> {
  await ctx.db.$queryRaw`SELECT 1`;
}
