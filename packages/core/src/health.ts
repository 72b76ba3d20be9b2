import type { Prisma } from "@xmpp-host/db";
import type { Actor, CoreContext } from "./context.ts";
import { loadDomain } from "./domains.ts";
import { loadInstance } from "./instances.ts";

/** The localpart of the account each instance is probed with; reserved, and hidden from sync. */
export const PROBE_LOCALPART = "xh-probe";

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
