/**
 * Federation as a domain's people see it: its policy (a domain setting), the other domains its server talked to
 * recently, what the policy refused, and the last federation check of its server.
 */
import type { FederationActivity } from "@xmpp-host/xmpp";
import type { Actor, CoreContext } from "../context.ts";
import { settingsOf } from "../domain-settings/service.ts";
import { loadDomain } from "../domains/service.ts";

/** The last federation check of a server: an s2s round trip from one of its domains to a reference domain. */
export interface FederationCheck {
  ok: boolean;
  /** The domain pinged from, and the one that answered (or did not). */
  from: string;
  reference: string;
  /** The round trip, ping to pong, in milliseconds. */
  ms?: number;
  code?: "federation_failing";
  message?: string;
  checkedAt: string;
}

/** How many peers a domain's federation view lists at most: the most recently active first. */
export const FEDERATION_PEERS_SHOWN = 100;

/**
 * Adds what a server reported of its domains' federation: the remote domains seen, with their newest time, and the
 * refusals, added to what was counted before. Hosts that are not one of the instance's domains are ignored.
 */
export async function recordFederationActivity(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
  activity: Record<string, FederationActivity>,
): Promise<{ peers: number }> {
  const domains = await ctx.db.domain.findMany({
    where: { instanceId, name: { in: Object.keys(activity) } },
    select: { id: true, name: true },
  });
  let peers = 0;
  for (const d of domains) {
    const a = activity[d.name];
    if (!a) continue;
    const byRemote = new Map<string, { seen?: Date; incoming: number; outgoing: number; refusedAt?: Date }>();
    const entry = (remote: string) => {
      let e = byRemote.get(remote);
      if (!e) {
        e = { incoming: 0, outgoing: 0 };
        byRemote.set(remote, e);
      }
      return e;
    };
    for (const s of a.seen) entry(s.domain.toLowerCase()).seen = new Date(s.last * 1000);
    for (const r of a.refused) {
      const e = entry(r.domain.toLowerCase());
      if (r.direction === "incoming") e.incoming += r.count;
      else e.outgoing += r.count;
      const at = new Date(r.last * 1000);
      if (!e.refusedAt || at > e.refusedAt) e.refusedAt = at;
    }
    for (const [remote, e] of byRemote) {
      if (remote.length > 253) continue;
      await ctx.db.federationPeer.upsert({
        where: { domainId_remote: { domainId: d.id, remote } },
        create: {
          domainId: d.id,
          remote,
          lastSeenAt: e.seen ?? null,
          refusedIncoming: e.incoming,
          refusedOutgoing: e.outgoing,
          lastRefusedAt: e.refusedAt ?? null,
        },
        update: {
          ...(e.seen ? { lastSeenAt: e.seen } : {}),
          refusedIncoming: { increment: e.incoming },
          refusedOutgoing: { increment: e.outgoing },
          ...(e.refusedAt ? { lastRefusedAt: e.refusedAt } : {}),
        },
      });
      peers++;
    }
  }
  return { peers };
}

/**
 * The domain a server's federation check pings: the one the operator named, or else another domain of the platform
 * on another server meant to be running (the oldest, so that the check keeps one reference). Null when there is none.
 */
export async function federationReference(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
  configured?: string,
): Promise<string | null> {
  if (configured) return configured;
  const other = await ctx.db.domain.findFirst({
    // A server stopped on purpose is no reference; one that should run but does not is what the check is for.
    where: { state: "active", instanceId: { not: instanceId }, instance: { desiredState: "running" } },
    orderBy: { createdAt: "asc" },
    select: { name: true },
  });
  return other?.name ?? null;
}

/** A domain's federation: its policy, the domains it talked to or refused lately, and its server's last check. */
export async function getDomainFederation(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  const { settings } = settingsOf(ctx, domain);
  const [peers, total, health] = await Promise.all([
    ctx.db.federationPeer.findMany({
      where: { domainId },
      orderBy: { updatedAt: "desc" },
      take: FEDERATION_PEERS_SHOWN,
    }),
    ctx.db.federationPeer.count({ where: { domainId } }),
    ctx.db.instanceHealth.findUnique({ where: { instanceId: domain.instanceId }, select: { federation: true } }),
  ]);
  return {
    policy: settings.federation,
    allowlist: settings.federationAllowlist,
    platformDomains: settings.federationPlatformDomains,
    insecurePartners: settings.federationInsecurePartners,
    peers: peers.map((p) => ({
      domain: p.remote,
      lastSeenAt: p.lastSeenAt,
      refusedIncoming: p.refusedIncoming,
      refusedOutgoing: p.refusedOutgoing,
      lastRefusedAt: p.lastRefusedAt,
    })),
    peersTotal: total,
    check: (health?.federation ?? null) as FederationCheck | null,
  };
}
