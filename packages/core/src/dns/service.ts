import { nextRenewalAt } from "@xmpp-host/acme";
import type { Domain, Instance } from "@xmpp-host/db";
import { type DnsTarget, type DomainDnsReport, expectedRecords, recordLine, zoneSnippet } from "@xmpp-host/dns";
import type { Actor, CoreContext, PlatformDnsSettings } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { startOperation, target } from "../operations/service.ts";

const defaults: PlatformDnsSettings = { host: "xmpp.localhost", ipv4: [], ipv6: [] };

/** The platform's DNS settings from the environment (both apps read the same variables). */
export function platformSettingsFromEnv(env: {
  PLATFORM_HOST: string;
  PLATFORM_IPV4: string[];
  PLATFORM_IPV6: string[];
  PLATFORM_BASE_DOMAIN?: string | undefined;
  ACME_CAA_ISSUER?: string | undefined;
}): PlatformDnsSettings {
  return {
    host: env.PLATFORM_HOST,
    ipv4: env.PLATFORM_IPV4,
    ipv6: env.PLATFORM_IPV6,
    ...(env.PLATFORM_BASE_DOMAIN ? { baseDomain: env.PLATFORM_BASE_DOMAIN } : {}),
    ...(env.ACME_CAA_ISSUER ? { caaIssuer: env.ACME_CAA_ISSUER } : {}),
  };
}

export function platformSettings(ctx: CoreContext): PlatformDnsSettings {
  return ctx.settings.platform ?? defaults;
}

/** Domains under the platform's base domain: the platform publishes their records and owns them. */
export function isUnderPlatformDomain(name: string, platform: PlatformDnsSettings): boolean {
  const base = platform.baseDomain?.toLowerCase();
  return !!base && name.endsWith(`.${base}`);
}

export function dnsTargetOf(
  domain: Domain,
  instance: Instance,
  platform: PlatformDnsSettings,
  opts: { ircGateway?: boolean } = {},
): DnsTarget {
  return {
    ...(opts.ircGateway ? { ircGateway: true } : {}),
    domain: domain.name,
    serverHost: platform.host,
    ipv4: platform.ipv4,
    ipv6: platform.ipv6,
    c2sPort: instance.c2sPort,
    ...(instance.directTlsPort !== null ? { c2sDirectTlsPort: instance.directTlsPort } : {}),
    s2sPort: instance.s2sPort,
    verificationToken: domain.verificationToken,
    ...(isUnderPlatformDomain(domain.name, platform) ? { ownershipRecord: false } : {}),
    ...(platform.caaIssuer ? { caaIssuers: [platform.caaIssuer] } : {}),
  };
}

export async function getDnsView(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  const instance = await ctx.db.instance.findUniqueOrThrow({ where: { id: domain.instanceId } });
  const platform = platformSettings(ctx);
  const gateway = await ctx.db.ircGateway.findUnique({ where: { domainId } });
  const expected = expectedRecords(
    dnsTargetOf(domain, instance, platform, { ircGateway: gateway !== null && gateway.state !== "deleting" }),
  );
  const history = await ctx.db.dnsCheck.findMany({ where: { domainId }, orderBy: { createdAt: "desc" }, take: 20 });
  const latest = history[0];
  return {
    domainId: domain.id,
    name: domain.name,
    managedByPlatform: isUnderPlatformDomain(domain.name, platform),
    verified: domain.verified,
    verifiedAt: domain.verifiedAt,
    status: domain.dnsStatus,
    checkedAt: domain.dnsCheckedAt,
    // While set, failing records are being checked again every few seconds: clients poll this view until then.
    watchingUntil: domain.dnsWatchUntil && domain.dnsWatchUntil > new Date() ? domain.dnsWatchUntil : null,
    // Each record's zone-file line too, so that a client can write the snippet's comments in its own words.
    expected: expected.map((r) => ({ ...r, line: recordLine(r) })),
    records: (latest?.records ?? []) as unknown[],
    zoneSnippet: zoneSnippet(expected),
    history: history.map((h) => ({ id: h.id, status: h.status, durationMs: h.durationMs, createdAt: h.createdAt })),
  };
}

export async function requestDnsCheck(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  const { operation } = await startOperation(ctx, actor, {
    change: async () => domain,
    operation: () => ({ type: "dns.check", ...target("domain", domain) }),
    audit: () => ({ action: "domain.dns_check_requested" }),
  });
  return operation;
}

export async function getCertificates(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  const certs = await ctx.db.certificate.findMany({ where: { domainId }, orderBy: { createdAt: "desc" }, take: 10 });
  const renewBefore = ctx.settings.renewBeforeDays ?? 30;
  const view = (c: (typeof certs)[number]) => ({
    id: c.id,
    source: c.source,
    issuer: c.issuer,
    names: c.names,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprint: c.fingerprint,
    nextRenewalAt: nextRenewalAt(c, renewBefore),
    createdAt: c.createdAt,
  });
  const current = certs[0];
  return {
    domainId: domain.id,
    mode: domain.certificateMode,
    current: current ? view(current) : null,
    lastError: domain.certificateError,
    lastErrorAt: domain.certificateErrorAt,
    history: certs.map(view),
  };
}

/** Asks for a new certificate: from the public CA (ACME) once the domain is verified, or from the internal CA. */
export async function requestCertificate(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  input: { source?: "acme" | "internal" },
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  const source = input.source ?? "acme";
  if (source === "acme" && !domain.verified && !isUnderPlatformDomain(domain.name, platformSettings(ctx))) {
    throw new AppError(
      "precondition_failed",
      `${domain.name} is not verified yet: add its ownership TXT record (see its DNS page) and run a DNS check first`,
      [{ field: "source", message: "a public certificate needs a verified domain", code: "not_verified" }],
    );
  }
  const { operation } = await startOperation(ctx, actor, {
    change: async () => domain,
    operation: () => ({ type: "certificate.issue", ...target("domain", domain), input: { source } }),
    audit: () => ({ action: "certificate.requested", data: { source } }),
  });
  return operation;
}

/** For operators: domains of the whole fleet whose DNS or certificate needs attention, and why. */
export async function listDomainProblems(ctx: CoreContext, actor: Actor) {
  if (!actor.isOperator || actor.token) throw AppError.notFound("resource");
  const soon = new Date(Date.now() + 14 * 24 * 3600_000);
  const domains = await ctx.db.domain.findMany({
    where: { state: { not: "deleting" } },
    include: { certificates: { orderBy: { createdAt: "desc" }, take: 1 }, tenant: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return domains.flatMap((d) => {
    const reasons: string[] = [];
    if (d.dnsStatus === "error") reasons.push("DNS records are missing or wrong");
    if (d.dnsStatus === "unknown") reasons.push("DNS could not be checked (resolver timeout)");
    if (d.certificateError) reasons.push(`certificate: ${d.certificateError}`);
    const cert = d.certificates[0];
    if (!cert) reasons.push("no certificate");
    else if (cert.notAfter < soon) reasons.push(`certificate expires ${cert.notAfter.toISOString().slice(0, 10)}`);
    return reasons.length
      ? [
          {
            domainId: d.id,
            name: d.name,
            tenantId: d.tenantId,
            tenantName: d.tenant.name,
            dnsStatus: d.dnsStatus,
            certificateNotAfter: cert?.notAfter ?? null,
            reasons,
          },
        ]
      : [];
  });
}

/** Active domains with their last DNS verdict, to schedule their checks. */
export function domainsToCheck(ctx: Pick<CoreContext, "db">) {
  return ctx.db.domain.findMany({ where: { state: "active" }, select: { id: true, dnsStatus: true } });
}

/** A domain with its server, for a DNS check; null when it is gone. */
export function domainForDnsCheck(ctx: Pick<CoreContext, "db">, domainId: string) {
  return ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true, ircGateway: true } });
}

/**
 * Keeps a DNS check's result (the last `history` of them), the domain's new verdict and, once the TXT record is
 * right, its ownership; a changed verdict and a new verification are recorded as events. Returns whether the
 * domain is verified now.
 */
export async function recordDnsCheck(
  ctx: Pick<CoreContext, "db">,
  domain: Pick<Domain, "id" | "tenantId" | "dnsStatus" | "verified">,
  report: DomainDnsReport,
  history: number,
): Promise<{ verified: boolean }> {
  const domainId = domain.id;
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
      skip: history,
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
  return { verified: domain.verified || newlyVerified };
}

/** "Check now" found records failing: they are checked again until `until` (or until all pass). */
export async function startDnsWatch(ctx: Pick<CoreContext, "db">, domainId: string, until: Date): Promise<void> {
  await ctx.db.domain.updateMany({ where: { id: domainId }, data: { dnsWatchUntil: until } });
}

/** Ends the re-checks of the watch that runs until `until` (any watch when omitted); a newer watch is kept. */
export async function stopDnsWatch(ctx: Pick<CoreContext, "db">, domainId: string, until?: Date): Promise<void> {
  await ctx.db.domain.updateMany({
    where: { id: domainId, ...(until ? { dnsWatchUntil: until } : {}) },
    data: { dnsWatchUntil: null },
  });
}

/** When the domain's current watch ends; null when none runs. */
export async function dnsWatchUntil(ctx: Pick<CoreContext, "db">, domainId: string): Promise<Date | null> {
  const domain = await ctx.db.domain.findUnique({ where: { id: domainId }, select: { dnsWatchUntil: true } });
  return domain?.dnsWatchUntil ?? null;
}
