import { ircGatewayHost } from "@xmpp-host/xmpp";
import type { CoreContext } from "../context.ts";
import { isUnderPlatformDomain, platformSettings } from "../dns/service.ts";
import { settingsOf } from "../domain-settings/service.ts";
import { historyRetentions } from "../domain-settings/settings.ts";
import { type OperationContext, type OperationHandlers, PermanentError } from "../operations/handler.ts";
import { domainHosts } from "./service.ts";

async function domainToApply(ctx: OperationContext, domainId: string) {
  const domain = await ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
  if (!domain) throw new PermanentError("the domain no longer exists");
  return domain;
}

async function markFailed(ctx: CoreContext, domainId: string) {
  await ctx.db.domain.updateMany({ where: { id: domainId }, data: { state: "failed" } });
}

export const domainHandlers = {
  "domain.create": {
    run: async (ctx, op, progress) => {
      const domain = await domainToApply(ctx, op.resourceId);
      if (domain.state === "deleting") throw new PermanentError("the domain is being deleted");
      // A new shared server is started by its own operation; the domain waits for it (retried with backoff).
      if (domain.instance.status === "provisioning") throw new Error("the server for this domain is still starting");
      await progress(30, "issuing the certificate");
      await ctx.services.ensureCertificate(domain.instanceId, domain);
      await progress(60, "activating the hosts");
      const applied = await ctx.services.applyConfiguration(domain.instanceId);
      // Domains under the platform's base domain are the platform's own: published by it, verified by construction.
      const managed = isUnderPlatformDomain(domain.name, platformSettings(ctx));
      if (managed) await progress(80, "publishing the DNS records");
      const published = managed && (await ctx.services.publishPlatformRecords(domain, domain.instance, true));
      await ctx.db.domain.update({
        where: { id: domain.id },
        data: { state: "active", ...(managed ? { verified: true, verifiedAt: domain.verifiedAt ?? new Date() } : {}) },
      });
      await ctx.services.scheduleDomain(domain, domain.instance);
      // A free address gets a public certificate by DNS-01 in the platform zone wherever ACME is configured.
      if (published) await ctx.services.requestPublicCertificate(domain.id, domain.tenantId);
      return applied;
    },
    failed: markFailed,
  },
  "domain.update": {
    run: async (ctx, op, progress) => {
      const domain = await domainToApply(ctx, op.resourceId);
      await progress(50, "applying the configuration");
      // The changed host is re-activated with its new settings; its neighbours are not touched.
      const applied = await ctx.services.applyConfiguration(domain.instanceId);
      const changed = op.input.settings ?? [];
      if (!changed.includes("historyRetention") && !changed.includes("historyEnabled")) return applied;
      // A shorter history takes effect now, not at the server's next daily expiry.
      const { settings } = settingsOf(ctx, domain);
      const days = historyRetentions[settings.historyRetention];
      if (!settings.historyEnabled || days === null) return applied;
      await progress(80, "removing history older than the domain keeps");
      const { host, muc } = domainHosts(domain.name);
      const expired = await ctx.services.withInstanceLock(domain.instanceId, () =>
        ctx.services.driverFor(domain.instance).expireHistory(host, muc, days),
      );
      return { ...applied, expiredMessages: expired };
    },
  },
  "domain.delete": {
    run: async (ctx, op, progress) => {
      const domain = await ctx.db.domain.findUnique({
        where: { id: op.resourceId },
        include: { instance: true, backups: true },
      });
      if (!domain) return { alreadyDeleted: true };
      await progress(30, "deactivating the hosts");
      await ctx.services.applyConfiguration(domain.instanceId);
      // Its IRC gateway's process and database go with it.
      await ctx.services.removeIrcGateway(domain.id);
      await progress(50, "removing the domain's data and keys from the server");
      const hosts = [...Object.values(domainHosts(domain.name)), ircGatewayHost(domain.name)];
      await ctx.services.withInstanceLock(domain.instanceId, () =>
        ctx.services.removeHostData(domain.instanceId, hosts),
      );
      if (isUnderPlatformDomain(domain.name, platformSettings(ctx))) {
        await progress(70, "removing the DNS records");
        await ctx.services.publishPlatformRecords(domain, domain.instance, false);
      }
      await progress(85, "removing the domain's backups");
      for (const b of domain.backups) if (b.storageKey) await ctx.services.deleteStoredBackup(b.storageKey);
      await ctx.services.unscheduleDomain(domain.id);
      await ctx.db.domain.delete({ where: { id: domain.id } });
      return { removedHosts: hosts, removedBackups: domain.backups.length };
    },
  },
} satisfies OperationHandlers<"domain.create" | "domain.update" | "domain.delete">;
