import type { Prisma } from "@xmpp-host/db";
import { authorize } from "./access.ts";
import type { Actor, CoreContext } from "./context.ts";
import { loadDomain } from "./domains.ts";
import { AppError } from "./errors.ts";
import { sharedSettings } from "./free-addresses.ts";
import { loadInstance } from "./instances.ts";
import { paginate } from "./operations.ts";

/** The localpart of the account each instance is probed with; reserved, and hidden from sync. */
export const PROBE_LOCALPART = "xh-probe";

export type HealthRange = "1h" | "24h" | "30d";

interface Reason {
  code: string;
  message: string;
}

const NOT_PROBED: Reason = { code: "not_probed_yet", message: "The instance has not been probed yet" };

function reasonsOf(json: Prisma.JsonValue | undefined): Reason[] {
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

/** Operators: every instance with its tenant, domains, verdict and the figures a fleet table shows. */
export async function listFleet(ctx: CoreContext, actor: Actor, page: { cursor?: string; limit: number }) {
  if (!actor.isOperator || actor.token) throw AppError.notFound("resource");
  await authorize(ctx, actor, null, "read");
  const rows = await ctx.db.instance.findMany({
    orderBy: { id: "asc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    include: {
      tenant: { select: { id: true, name: true } },
      domains: {
        where: { state: { not: "deleting" } },
        orderBy: { createdAt: "asc" },
        include: { certificates: { orderBy: { createdAt: "desc" }, take: 1, select: { notAfter: true } } },
      },
    },
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  const ids = items.map((i) => i.id);
  const health = new Map(
    (await ctx.db.instanceHealth.findMany({ where: { instanceId: { in: ids } } })).map((h) => [h.instanceId, h]),
  );
  const now = Date.now();
  const out = await Promise.all(
    items.map(async (i) => {
      const [samples, lastBackup] = await Promise.all([
        ctx.db.healthSample.findMany({
          where: { instanceId: i.id },
          orderBy: { at: "desc" },
          take: 30,
          select: { loginMs: true, onlineUsers: true, memoryBytes: true },
        }),
        ctx.db.backup.findFirst({
          where: { instanceId: i.id, status: { in: ["succeeded", "failed"] } },
          orderBy: { createdAt: "desc" },
        }),
      ]);
      const h = health.get(i.id);
      const days = i.domains
        .map((d) => d.certificates[0]?.notAfter)
        .filter((d): d is Date => d !== undefined)
        .map((d) => (d.getTime() - now) / DAY_MS);
      return {
        instance: { id: i.id, name: i.name, status: i.status, server: i.server, placement: i.placement },
        domainCount: i.domains.length,
        /** Shared servers: how many domains the pool places here at most. */
        capacity: i.placement === "shared" ? (i.maxDomains ?? sharedSettings(ctx).maxDomainsPerInstance) : null,
        memoryBytes: samples[0]?.memoryBytes == null ? null : Number(samples[0].memoryBytes),
        tenant: i.tenant ? { id: i.tenant.id, name: i.tenant.name } : null,
        domains: i.domains.map((d) => d.name),
        health: h ? { status: h.status, reasons: reasonsOf(h.reasons) } : { status: "unknown", reasons: [NOT_PROBED] },
        onlineUsers: samples[0]?.onlineUsers ?? null,
        loginSparkline: samples
          .map((s) => s.loginMs)
          .filter((v): v is number => v !== null)
          .reverse(),
        certificateDaysLeft: days.length ? Math.floor(Math.min(...days)) : null,
        lastBackup: lastBackup
          ? { at: lastBackup.finishedAt ?? lastBackup.createdAt, status: lastBackup.status }
          : null,
      };
    }),
  );
  return { items: out, nextCursor };
}
