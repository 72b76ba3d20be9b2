import { ircGatewayHost } from "@xmpp-host/xmpp";
import { isUnderPlatformDomain, platformSettings } from "../dns/service.ts";
import { assignComponentPort } from "../instances/service.ts";
import type { OperationHandlers } from "../operations/handler.ts";
import { gatewayWithServer } from "./service.ts";

export const ircGatewayHandlers = {
  "irc-gateway.enable": {
    run: async (ctx, op, progress) => {
      const gateway = await gatewayWithServer(ctx, op.resourceId);
      // Turned off (or the domain deleted) since: nothing to do.
      if (!gateway || gateway.state === "deleting") return { skipped: "the gateway is no longer wanted" };
      const { domain } = gateway;
      await progress(20, "giving the server a port for gateways");
      await ctx.services.withInstanceLock(domain.instanceId, () =>
        assignComponentPort(ctx, domain.instanceId, ctx.services.ports),
      );
      await progress(40, `adding ${ircGatewayHost(domain.name)} to the server`);
      await ctx.services.applyConfiguration(domain.instanceId);
      await progress(65, "starting the gateway");
      const started = await ctx.services.startIrcGateway(domain.id);
      if (isUnderPlatformDomain(domain.name, platformSettings(ctx))) {
        await progress(85, "publishing the DNS records");
        await ctx.services.publishPlatformRecords(domain, domain.instance, true);
      }
      await ctx.db.ircGateway.update({ where: { domainId: domain.id }, data: { state: "active", lastError: null } });
      return { address: ircGatewayHost(domain.name), pid: started.pid };
    },
    failed: async (ctx, domainId, message) => {
      await ctx.db.ircGateway.updateMany({
        where: { domainId, state: "pending" },
        data: { state: "failed", lastError: message },
      });
    },
  },
  "irc-gateway.disable": {
    run: async (ctx, op, progress) => {
      const gateway = await gatewayWithServer(ctx, op.resourceId);
      if (!gateway) return { alreadyDisabled: true };
      // Turned on again since: that operation applies it.
      if (gateway.state !== "deleting") return { skipped: "the gateway is wanted again" };
      const { domain } = gateway;
      await progress(30, `removing ${ircGatewayHost(domain.name)} from the server`);
      // The configuration leaves out a gateway being turned off: the component goes, live.
      await ctx.services.applyConfiguration(domain.instanceId);
      await progress(60, "stopping the gateway");
      await ctx.services.removeIrcGateway(domain.id);
      // Its database (people's IRC settings) lives with the domain's data on the server.
      const irc = ircGatewayHost(domain.name);
      await ctx.services.withInstanceLock(domain.instanceId, () =>
        ctx.services.removeHostData(domain.instanceId, [irc]),
      );
      if (isUnderPlatformDomain(domain.name, platformSettings(ctx))) {
        await progress(80, "removing the DNS records");
        await ctx.services.unpublishIrcGatewayRecords(domain, domain.instance);
      }
      await ctx.db.ircGateway.deleteMany({ where: { domainId: domain.id, state: "deleting" } });
      return { address: ircGatewayHost(domain.name) };
    },
  },
} satisfies OperationHandlers<"irc-gateway.enable" | "irc-gateway.disable">;
