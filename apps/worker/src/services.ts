import { sendEmail } from "@xmpp-host/alerts";
import { dnsTargetOf, type OperationContext, type OperationServices, platformSettings } from "@xmpp-host/core";
import { expectedRecords, publishDomainRecords, unpublishDomainRecords } from "@xmpp-host/dns";
import { serverKind } from "@xmpp-host/xmpp";
import { liveDomains, portPool, specOf, type WorkerContext, writeServerConfig } from "./context.ts";
import { withInstanceLock } from "./instance-lock.ts";
import {
  createBackup,
  restoreBackup,
  restoreDomainBackup,
  scheduleBackups,
  scheduleDomainBackups,
  unscheduleBackups,
  unscheduleDomainBackups,
} from "./processors/backups.ts";
import { issueCertificate, requestPublicCertificate } from "./processors/certificates.ts";
import {
  checkDomainCompliance,
  queueComplianceAfterChange,
  scheduleCompliance,
  unscheduleCompliance,
} from "./processors/compliance.ts";
import { applyConfiguration, ensureCertificate, hostsOf, loadInstance } from "./processors/configuration.ts";
import { checkDomainDns, scheduleDnsCheck, unscheduleDnsCheck, watchDomainDns } from "./processors/dns.ts";
import { exportDomain, importDomain } from "./processors/domain-exports.ts";
import { moveDomain } from "./processors/domain-moves.ts";
import { scheduleProbe, unscheduleProbe } from "./processors/health.ts";
import { startIrcGateway } from "./processors/irc-gateways.ts";
import { emailMemberInvite } from "./processors/member-invites.ts";

/** The worker's side effects, as core's operation handlers ask for them. */
export function operationServices(ctx: WorkerContext): OperationServices {
  return {
    driverFor: (instance) => ctx.driverFor(instance),
    ports: portPool(ctx),
    withInstanceLock: (instanceId, fn) => withInstanceLock(ctx, instanceId, fn),
    async startServer(instanceId, progress) {
      const instance = await loadInstance(ctx, instanceId);
      await progress(20, "issuing certificates");
      for (const domain of liveDomains(instance.domains)) await ensureCertificate(ctx, instance.id, domain);
      await progress(40, "starting the server");
      const spec = specOf(ctx, instance, instance.domains);
      await writeServerConfig(ctx, spec);
      const status = await ctx.runtime.start(spec);
      await progress(80, "checking the admin channel");
      const driver = ctx.driverFor(instance);
      await driver.applyHosts(hostsOf(ctx, instance));
      const info = await driver.serverInfo();
      await queueComplianceAfterChange(ctx, liveDomains(instance.domains));
      return { pid: status.pid, version: info.version };
    },
    async stopServer(instanceId) {
      await ctx.forgetDriver(instanceId);
      await ctx.runtime.stop(instanceId);
    },
    async destroyServer(instanceId) {
      await ctx.forgetDriver(instanceId);
      await ctx.runtime.destroy(instanceId);
    },
    removeHostData: (instanceId, hosts) => ctx.runtime.removeHostData(instanceId, hosts),
    applyConfiguration: (instanceId) => applyConfiguration(ctx, instanceId),
    ensureCertificate: (instanceId, domain) => ensureCertificate(ctx, instanceId, domain),
    async publishPlatformRecords(domain, instance, publish) {
      const zone = ctx.platformZone();
      if (!zone) return false;
      // Removing takes the gateway's records too, whatever its state; publishing adds them while it is wanted.
      const gateway = await ctx.core.db.ircGateway.findUnique({ where: { domainId: domain.id } });
      const ircGateway = !publish || (gateway !== null && gateway.state !== "deleting");
      const records = expectedRecords(dnsTargetOf(domain, instance, platformSettings(ctx.core), { ircGateway }));
      await (publish ? publishDomainRecords(zone, records) : unpublishDomainRecords(zone, records));
      return true;
    },
    async unpublishIrcGatewayRecords(domain, instance) {
      const zone = ctx.platformZone();
      if (!zone) return;
      const settings = platformSettings(ctx.core);
      const without = new Set(expectedRecords(dnsTargetOf(domain, instance, settings)).map((r) => r.id));
      const gatewayOnly = expectedRecords(dnsTargetOf(domain, instance, settings, { ircGateway: true })).filter(
        (r) => !without.has(r.id),
      );
      await unpublishDomainRecords(zone, gatewayOnly);
    },
    startIrcGateway: (domainId) => startIrcGateway(ctx, domainId),
    removeIrcGateway: (domainId) => ctx.gateways.remove(domainId),
    async requestPublicCertificate(domainId, tenantId) {
      if (ctx.env.ACME_EMAIL) await requestPublicCertificate(ctx, domainId, tenantId);
    },
    issueCertificate: (domainId, source, progress) => issueCertificate(ctx, domainId, source, progress),
    checkDomainDns: (domainId) => checkDomainDns(ctx, domainId),
    checkCompliance: (domainId, trigger) => checkDomainCompliance(ctx, domainId, trigger),
    watchDomainDns: (domainId, status) => watchDomainDns(ctx, domainId, status),
    createBackup: (backupId, progress) => createBackup(ctx, backupId, progress),
    restoreBackup: (instanceId, backupId, progress) => restoreBackup(ctx, instanceId, backupId, progress),
    restoreDomainBackup: (domainId, input, progress) => restoreDomainBackup(ctx, domainId, input, progress),
    moveDomain: (domainId, operationId, input, progress) => moveDomain(ctx, domainId, operationId, input, progress),
    importDomain: (domainId, operationId, input, progress) => importDomain(ctx, domainId, operationId, input, progress),
    exportDomain: async (domainId, operationId, progress) => ({
      ...(await exportDomain(ctx, domainId, operationId, progress)),
    }),
    deleteStoredBackup: (storageKey) => ctx.backupStore().delete(storageKey),
    emailMemberInvite: (memberInviteId) => emailMemberInvite(ctx, memberInviteId),
    async sendEmail(message) {
      if (!ctx.env.SMTP_URL) return false;
      await sendEmail(
        { smtpUrl: ctx.env.SMTP_URL, from: ctx.env.EMAIL_FROM, allowUnauthorizedTls: !ctx.env.SMTP_TLS_VERIFY },
        message,
      );
      return true;
    },
    async scheduleServer(instance) {
      await scheduleBackups(ctx, instance);
      await scheduleProbe(ctx, instance.id);
    },
    async unscheduleServer(instanceId) {
      await unscheduleBackups(ctx, instanceId);
      await unscheduleProbe(ctx, instanceId);
    },
    async scheduleDomain(domain, instance) {
      await scheduleDnsCheck(ctx, domain.id, null);
      await scheduleCompliance(ctx, domain.id);
      // Domains on a shared server are backed up one by one, where the server keeps them apart.
      if (instance.placement === "shared" && serverKind(instance.server).features.domainBackups)
        await scheduleDomainBackups(ctx, domain.id);
    },
    async unscheduleDomain(domainId) {
      await unscheduleDnsCheck(ctx, domainId);
      await unscheduleCompliance(ctx, domainId);
      await unscheduleDomainBackups(ctx, domainId);
    },
  };
}

/** What core's handlers run with: core's context and the worker's services. */
export function operationContext(ctx: WorkerContext): OperationContext {
  return { ...ctx.core, services: operationServices(ctx) };
}
