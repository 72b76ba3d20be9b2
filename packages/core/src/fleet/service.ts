import type { Placement, Prisma, ServerKind } from "@xmpp-host/db";
import { audit } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { sharedSettings } from "../free-addresses/service.ts";
import { NOT_PROBED, type Reason, reasonsOf } from "../health/service.ts";
import { paginate } from "../operations/service.ts";

export type FleetStatus = "healthy" | "degraded" | "down" | "unknown";

export interface FleetQuery {
  cursor?: string;
  limit: number;
  /** Part of a server's name, its tenant's name, or one of its domains' names (or their tenants' names). */
  search?: string;
  status?: FleetStatus;
  /** Servers of this tenant, and the shared servers that carry one of its domains. */
  tenantId?: string;
  server?: ServerKind;
  placement?: Placement;
}

const DAY_MS = 24 * 3600_000;
const RANK: Record<FleetStatus, number> = { healthy: 0, unknown: 1, degraded: 2, down: 3 };
const OF_SEVERITY: Record<string, FleetStatus> = { critical: "down", warning: "degraded" };
/** One support-view audit event per operator and tenant within this window: a visit, not every page of it. */
export const SUPPORT_VIEW_WINDOW_MS = 10 * 60_000;
/** Advisory lock namespace for recording support views (two-key locks never meet the one-key ones). */
const SUPPORT_VIEW_LOCK = 0x78_68_73_76; // "xhsv"

function requireOperator(actor: Actor): void {
  if (!actor.isOperator || actor.token) throw AppError.notFound("resource");
}

/** An open alert as a reason of its server's status; `name` is its subject (the server or one of its domains). */
function alertReason(a: { rule: string; message: string; subjectName: string }): Reason {
  return { code: `alert_${a.rule}`, message: a.message, params: { name: a.subjectName } };
}

function asStatus(value: string | undefined): FleetStatus {
  return value === "healthy" || value === "degraded" || value === "down" ? value : "unknown";
}

/**
 * A server's status in the fleet: the worse of its last probe and its open alerts (critical → down,
 * warning → degraded). A probe can find a server answering while an alert says a domain's DNS, a certificate or
 * a backup is broken; the fleet must not call that server healthy.
 */
export function fleetStatus(probe: string | undefined, openAlerts: { severity: string }[]): FleetStatus {
  let worst = asStatus(probe);
  for (const a of openAlerts) {
    const s = OF_SEVERITY[a.severity] ?? "degraded";
    if (RANK[s] > RANK[worst]) worst = s;
  }
  return worst;
}

interface OpenAlert {
  instanceId: string | null;
  severity: string;
  rule: string;
  message: string;
  subjectName: string;
}

function groupByInstance(alerts: OpenAlert[]): Map<string, OpenAlert[]> {
  const map = new Map<string, OpenAlert[]>();
  for (const a of alerts) {
    if (!a.instanceId) continue;
    map.set(a.instanceId, [...(map.get(a.instanceId) ?? []), a]);
  }
  return map;
}

const OPEN_ALERT_SELECT = {
  instanceId: true,
  severity: true,
  rule: true,
  message: true,
  subjectName: true,
} as const;

/**
 * The ids a status filter keeps. Only servers with a probe verdict or an open alert can be anything but unknown,
 * so those are the ones whose status is worked out; "unknown" is every other server.
 */
async function statusFilter(ctx: CoreContext, status: FleetStatus): Promise<Prisma.InstanceWhereInput> {
  const [probes, alerts] = await Promise.all([
    ctx.db.instanceHealth.findMany({ select: { instanceId: true, status: true } }),
    ctx.db.alert.findMany({ where: { status: "open", instanceId: { not: null } }, select: OPEN_ALERT_SELECT }),
  ]);
  const probeOf = new Map(probes.map((p) => [p.instanceId, p.status]));
  const alertsOf = groupByInstance(alerts);
  const known = new Set([...probeOf.keys(), ...alertsOf.keys()]);
  const matching: string[] = [];
  const notUnknown: string[] = [];
  for (const id of known) {
    const s = fleetStatus(probeOf.get(id), alertsOf.get(id) ?? []);
    if (s === status) matching.push(id);
    if (s !== "unknown") notUnknown.push(id);
  }
  return status === "unknown" ? { id: { notIn: notUnknown } } : { id: { in: matching } };
}

async function fleetWhere(ctx: CoreContext, q: FleetQuery): Promise<Prisma.InstanceWhereInput> {
  const and: Prisma.InstanceWhereInput[] = [];
  const live = { state: { not: "deleting" as const } };
  const text = q.search?.trim();
  if (text) {
    const contains = { contains: text, mode: "insensitive" as const };
    and.push({
      OR: [
        { name: contains },
        { tenant: { name: contains } },
        { domains: { some: { ...live, OR: [{ name: contains }, { tenant: { name: contains } }] } } },
      ],
    });
  }
  if (q.tenantId)
    and.push({ OR: [{ tenantId: q.tenantId }, { domains: { some: { ...live, tenantId: q.tenantId } } }] });
  if (q.server) and.push({ server: q.server });
  if (q.placement) and.push({ placement: q.placement });
  if (q.status) and.push(await statusFilter(ctx, q.status));
  return { AND: and };
}

/**
 * Operators: the servers of the fleet that match the query, by name, with their tenant, domains, status and the
 * figures a fleet table shows, and how many match in all.
 */
export async function listFleet(ctx: CoreContext, actor: Actor, q: FleetQuery) {
  requireOperator(actor);
  const where = await fleetWhere(ctx, q);
  const [rows, total] = await Promise.all([
    ctx.db.instance.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
      include: {
        tenant: { select: { id: true, name: true } },
        domains: {
          where: { state: { not: "deleting" } },
          orderBy: { createdAt: "asc" },
          include: { certificates: { orderBy: { createdAt: "desc" }, take: 1, select: { notAfter: true } } },
        },
      },
    }),
    ctx.db.instance.count({ where }),
  ]);
  const { items, nextCursor } = paginate(rows, q.limit);
  const ids = items.map((i) => i.id);
  const [probes, alerts] = await Promise.all([
    ctx.db.instanceHealth.findMany({ where: { instanceId: { in: ids } } }),
    ctx.db.alert.findMany({
      where: { status: "open", instanceId: { in: ids } },
      orderBy: { openedAt: "asc" },
      select: OPEN_ALERT_SELECT,
    }),
  ]);
  const probeOf = new Map(probes.map((h) => [h.instanceId, h]));
  const alertsOf = groupByInstance(alerts);
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
      const probe = probeOf.get(i.id);
      const open = alertsOf.get(i.id) ?? [];
      const critical = open.filter((a) => a.severity === "critical");
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
        health: {
          status: fleetStatus(probe?.status, open),
          // Critical alerts first, then what the probe found, then warnings: the first reason is the one to read.
          reasons: [
            ...critical.map(alertReason),
            ...(probe ? reasonsOf(probe.reasons) : [NOT_PROBED]),
            ...open.filter((a) => a.severity !== "critical").map(alertReason),
          ],
        },
        openAlerts: { critical: critical.length, warning: open.length - critical.length },
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
  return { items: out, nextCursor, total };
}

/** Operators: tenants by name (for the fleet's tenant filter and for opening a tenant's support view). */
export async function listFleetTenants(
  ctx: CoreContext,
  actor: Actor,
  q: { cursor?: string; limit: number; search?: string },
) {
  requireOperator(actor);
  const text = q.search?.trim();
  const rows = await ctx.db.tenant.findMany({
    where: text ? { name: { contains: text, mode: "insensitive" } } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    select: { id: true, name: true },
  });
  return paginate(rows, q.limit);
}

/**
 * Operators: records that an operator opened a tenant's pages in the support view (audit `support.viewed`), at
 * most once per operator and tenant within SUPPORT_VIEW_WINDOW_MS. Answers the tenant and when the visit that
 * covers this one was recorded.
 */
export async function recordSupportView(ctx: CoreContext, actor: Actor, tenantId: string, now = new Date()) {
  requireOperator(actor);
  return ctx.db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true } });
    if (!tenant) throw AppError.notFound("tenant");
    // Serialised per operator and tenant, so that the pages of one visit opening at once record it once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SUPPORT_VIEW_LOCK}::int, hashtext(${`${actor.userId}:${tenantId}`}))`;
    const member = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId, userId: actor.userId } },
      select: { role: true },
    });
    const recent = await tx.auditEvent.findFirst({
      where: {
        tenantId,
        actorUserId: actor.userId,
        action: "support.viewed",
        createdAt: { gt: new Date(now.getTime() - SUPPORT_VIEW_WINDOW_MS) },
      },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    if (recent) return { tenant, readOnly: !member, recorded: false, viewedAt: recent.createdAt };
    await audit(tx, actor, {
      tenantId,
      action: "support.viewed",
      resourceType: "tenant",
      resourceId: tenantId,
      data: { operatorUserId: actor.userId, member: Boolean(member) },
    });
    return { tenant, readOnly: !member, recorded: true, viewedAt: now };
  });
}
