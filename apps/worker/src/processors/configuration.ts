import {
  certificateFor,
  type DomainWithGateway,
  domainHosts,
  instanceWithDomains,
  PermanentError,
  recordIssuedCertificate,
} from "@xmpp-host/core";
import type { Domain, Instance } from "@xmpp-host/db";
import { instanceHosts } from "@xmpp-host/runtime";
import { liveDomains, specOf, type WorkerContext, writeServerConfig } from "../context.ts";
import { withInstanceLock } from "../instance-lock.ts";
import { queueComplianceAfterChange } from "./compliance.ts";

export async function loadInstance(
  ctx: WorkerContext,
  id: string,
): Promise<Instance & { domains: DomainWithGateway[] }> {
  const instance = await instanceWithDomains(ctx.core, id);
  if (!instance) throw new PermanentError("the instance no longer exists");
  return instance;
}

/**
 * Writes the domain's current certificate (the newest one) where the server reads it. A domain without one, or
 * whose certificate is about to expire, gets one from the internal CA so that STARTTLS always works.
 */
export async function ensureCertificate(ctx: WorkerContext, instanceId: string, domain: Domain): Promise<boolean> {
  const hosts = domainHosts(domain.name);
  const names = [hosts.host, hosts.muc, hosts.upload];
  let cert = await certificateFor(ctx.core, domain.id);
  if (!cert || cert.notAfter.getTime() < Date.now() + 24 * 3600_000) {
    const issued = await (await ctx.ca()).issue(names);
    // The names asked for, as the server is configured with them.
    cert = await recordIssuedCertificate(ctx.core, domain.id, { ...issued, names });
  }
  const keyPem = ctx.secrets.decrypt(cert.keyEncrypted);
  let changed = false;
  for (const host of names)
    changed = (await ctx.runtime.writeCertificate(instanceId, host, cert.certPem, keyPem)) || changed;
  return changed;
}

export function hostsOf(ctx: WorkerContext, instance: Instance & { domains: DomainWithGateway[] }): string[] {
  return instanceHosts(specOf(ctx, instance, instance.domains));
}

/**
 * Renders the configuration from the database and makes the running server match it, live. Serialised per
 * instance (and across workers, by an advisory lock), and the instance is read inside the lock: two jobs
 * changing one shared server at once would otherwise each render the other's domain away.
 */
export function applyConfiguration(
  ctx: WorkerContext,
  instanceId: string,
): Promise<{ activated: string[]; deactivated: string[] }> {
  return withInstanceLock(ctx, instanceId, async () => {
    const instance = await loadInstance(ctx, instanceId);
    const renewed: string[] = [];
    for (const domain of liveDomains(instance.domains))
      if (await ensureCertificate(ctx, instance.id, domain)) renewed.push(...Object.values(domainHosts(domain.name)));
    await writeServerConfig(ctx, specOf(ctx, instance, instance.domains));
    const status = await ctx.runtime.status(instance.id);
    if (!status.running) return { activated: [], deactivated: [] };
    const driver = ctx.driverFor(instance);
    const applied = await driver.applyHosts(hostsOf(ctx, instance));
    // Hosts activated just now read their certificate as they start; hosts that were already running reload theirs.
    const running = renewed.filter((h) => !applied.activated.includes(h));
    if (running.length) await driver.reloadCertificates(running);
    // What clients can do may have changed: its domains are checked again once the changes settle.
    await queueComplianceAfterChange(ctx, liveDomains(instance.domains));
    return applied;
  });
}
