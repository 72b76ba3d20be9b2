import { AcmeError, fetchServedCertificate, type IssuedCertificate, renewalDue } from "@xmpp-host/acme";
import {
  activeDomainsWithNewestCertificate,
  certificateDomain,
  domainHosts,
  isUnderPlatformDomain,
  platformSettings,
  portsOf,
  recordCertificateDeployed,
  recordCertificateFailure,
  recordIssuedCertificate,
  requestCertificateIssue,
} from "@xmpp-host/core";
import type { Domain, Instance } from "@xmpp-host/db";
import type { WorkerContext } from "../context.ts";

/** A failure that retrying cannot fix (the caller marks the operation failed at once). */
export class CertificateRefusedError extends Error {
  override readonly name = "CertificateRefusedError";
}

function namesOf(domain: Domain): string[] {
  const h = domainHosts(domain.name);
  return [h.host, h.muc, h.upload];
}

/**
 * Writes the certificate for the domain and its services, reloads the server (never restarts it), then
 * connects with STARTTLS and checks that the served certificate is the new one.
 */
export async function deployCertificate(
  ctx: WorkerContext,
  domain: Domain,
  instance: Instance,
  cert: { certPem: string; keyPem: string; fingerprint: string },
) {
  for (const host of namesOf(domain)) await ctx.runtime.writeCertificate(instance.id, host, cert.certPem, cert.keyPem);
  if (!(await ctx.runtime.status(instance.id)).running) return { served: null };
  // This domain's hosts alone: its neighbours on a shared server keep running untouched.
  await ctx.driverFor(instance).reloadCertificates(namesOf(domain));
  const served = await fetchServedCertificate({
    host: instance.host,
    port: portsOf(instance).c2sPort,
    domain: domain.name,
  });
  if (served.fingerprint !== cert.fingerprint) {
    throw new Error(
      `the server still presents ${served.fingerprint.slice(0, 16)}… after the reload, not the new certificate`,
    );
  }
  return { served: served.fingerprint };
}

async function issue(
  ctx: WorkerContext,
  domain: Domain,
  source: "acme" | "internal",
  progress: (p: number, s: string) => Promise<void>,
): Promise<IssuedCertificate> {
  if (source === "internal") return (await ctx.ca()).issue(namesOf(domain));
  const acme = await ctx.acme();
  // The platform's own subdomains are proved in the platform zone (DNS-01), whatever the default challenge.
  const zone = isUnderPlatformDomain(domain.name, platformSettings(ctx.core)) ? ctx.platformZone() : null;
  const challenge = zone ? "dns-01" : ctx.env.ACME_CHALLENGE;
  await progress(20, `ordering from the ACME CA (${challenge})`);
  if (challenge === "http-01") {
    return acme.issue({
      names: namesOf(domain),
      challenge,
      http01: await ctx.http01(),
      onProgress: (s) => void progress(40, s),
    });
  }
  const provider = zone ?? ctx.dnsProvider();
  if (!provider) throw new CertificateRefusedError("DNS-01 needs a DNS provider (set DNS_PROVIDER)");
  return acme.issue({
    names: namesOf(domain),
    challenge,
    dnsProvider: provider,
    onProgress: (s) => void progress(40, s),
  });
}

/**
 * Issues and deploys a certificate. On failure the old certificate stays in place and the error is kept on
 * the domain and recorded as an event; transient failures are retried by the queue with backoff.
 */
export async function issueCertificate(
  ctx: WorkerContext,
  domainId: string,
  source: "acme" | "internal",
  progress: (p: number, s: string) => Promise<void>,
) {
  const domain = await certificateDomain(ctx.core, domainId);
  if (!domain || domain.state === "deleting") throw new CertificateRefusedError("the domain no longer exists");
  if (source === "acme" && !domain.verified) {
    throw new CertificateRefusedError(`${domain.name} is not verified: nothing is issued for an unverified domain`);
  }
  try {
    const cert = await issue(ctx, domain, source, progress);
    await progress(70, "deploying to the server");
    const stored = await recordIssuedCertificate(ctx.core, domainId, cert, source);
    const deployed = await deployCertificate(ctx, domain, domain.instance, cert);
    await recordCertificateDeployed(ctx.core, domain, stored, source);
    return {
      certificateId: stored.id,
      fingerprint: cert.fingerprint,
      notAfter: cert.notAfter.toISOString(),
      served: deployed.served,
    };
  } catch (err) {
    const message =
      err instanceof AcmeError && err.problem
        ? `${err.problem.detail} (${err.problem.type})`
        : err instanceof Error
          ? err.message
          : String(err);
    await recordCertificateFailure(ctx.core, domain, source, message);
    if (err instanceof AcmeError && !err.transient) throw new CertificateRefusedError(message);
    throw err;
  }
}

/** Asks for a public certificate for the domain (a free address once it is live), unless one is under way. */
export function requestPublicCertificate(ctx: WorkerContext, domainId: string, tenantId: string) {
  return requestCertificateIssue(ctx.core, { id: domainId, tenantId }, { source: "acme", reason: "free-address" });
}

/** Finds certificates that are due and asks for their renewal, once per domain. */
export async function renewCertificates(ctx: WorkerContext, now = new Date()): Promise<{ requested: string[] }> {
  const domains = await activeDomainsWithNewestCertificate(ctx.core);
  const requested: string[] = [];
  for (const domain of domains) {
    const cert = domain.certificates[0];
    if (!cert || !renewalDue(cert, now, ctx.env.ACME_RENEW_BEFORE_DAYS)) continue;
    const source = domain.certificateMode === "acme" ? "acme" : "internal";
    if (!(await requestCertificateIssue(ctx.core, domain, { source, reason: "renewal" }))) continue;
    requested.push(domain.id);
  }
  return { requested };
}
