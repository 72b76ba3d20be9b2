import type { Certificate, Domain, Instance } from "@xmpp-host/db";
import type { CoreContext } from "../context.ts";
import { startOperation, target } from "../operations/service.ts";

type Ctx = Pick<CoreContext, "db" | "secrets">;

/** A certificate as a CA hands it over: the key is still in clear. */
export interface NewCertificate {
  issuer: string;
  names: string[];
  notBefore: Date;
  notAfter: Date;
  fingerprint: string;
  certPem: string;
  keyPem: string;
}

/** The domain a certificate is issued for, with the server it is deployed to. */
export function certificateDomain(
  ctx: Pick<CoreContext, "db">,
  domainId: string,
): Promise<(Domain & { instance: Instance }) | null> {
  return ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
}

/** The domain's current certificate: the newest one. */
export function certificateFor(ctx: Pick<CoreContext, "db">, domainId: string): Promise<Certificate | null> {
  return ctx.db.certificate.findFirst({ where: { domainId }, orderBy: { createdAt: "desc" } });
}

/** Keeps a newly issued certificate, its key sealed; without a source the column's default applies. */
export function recordIssuedCertificate(
  ctx: Ctx,
  domainId: string,
  cert: NewCertificate,
  source?: "acme" | "internal",
): Promise<Certificate> {
  return ctx.db.certificate.create({
    data: {
      domainId,
      ...(source ? { source } : {}),
      issuer: cert.issuer,
      names: cert.names,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      fingerprint: cert.fingerprint,
      certPem: cert.certPem,
      keyEncrypted: ctx.secrets.encrypt(cert.keyPem),
    },
  });
}

/** The certificate is served: the domain forgets its last error and the tenant's events say so. */
export async function recordCertificateDeployed(
  ctx: Pick<CoreContext, "db">,
  domain: Pick<Domain, "id" | "tenantId">,
  certificate: Pick<Certificate, "id" | "notAfter">,
  source: "acme" | "internal",
): Promise<void> {
  await ctx.db.$transaction([
    ctx.db.domain.update({
      where: { id: domain.id },
      data: { certificateMode: source, certificateError: null, certificateErrorAt: null },
    }),
    ctx.db.event.create({
      data: {
        tenantId: domain.tenantId,
        kind: "certificate.issued",
        resourceType: "domain",
        resourceId: domain.id,
        data: { certificateId: certificate.id, source, notAfter: certificate.notAfter },
      },
    }),
  ]);
}

/** Issuing or deploying failed: the error is kept on the domain and in the tenant's events. */
export async function recordCertificateFailure(
  ctx: Pick<CoreContext, "db">,
  domain: Pick<Domain, "id" | "tenantId">,
  source: "acme" | "internal",
  message: string,
): Promise<void> {
  await ctx.db.$transaction([
    ctx.db.domain.update({
      where: { id: domain.id },
      data: { certificateError: message, certificateErrorAt: new Date() },
    }),
    ctx.db.event.create({
      data: {
        tenantId: domain.tenantId,
        kind: "certificate.failed",
        resourceType: "domain",
        resourceId: domain.id,
        data: { source, message },
      },
    }),
  ]);
}

/** Active domains with their newest certificate, to see which are due for renewal. */
export function activeDomainsWithNewestCertificate(
  ctx: Pick<CoreContext, "db">,
): Promise<(Domain & { certificates: Certificate[] })[]> {
  return ctx.db.domain.findMany({
    where: { state: "active" },
    include: { certificates: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
}

/**
 * Asks the worker for a certificate for the domain, unless an issue is already queued or running.
 * Returns the operation's id, or null when one was under way.
 */
export async function requestCertificateIssue(
  ctx: CoreContext,
  domain: { id: string; tenantId: string },
  input: { source: "acme" | "internal"; reason: "free-address" | "renewal" },
): Promise<string | null> {
  const pending = await ctx.db.operation.count({
    where: { type: "certificate.issue", resourceId: domain.id, status: { in: ["queued", "running"] } },
  });
  if (pending) return null;
  const { operation } = await startOperation(ctx, null, {
    change: async () => domain,
    operation: () => ({ type: "certificate.issue", ...target("domain", domain), input }),
  });
  return operation.id;
}
