import path from "node:path";
import { gatewaysToSupervise, gatewayWithServer, PermanentError } from "@xmpp-host/core";
import { ircGatewayHost } from "@xmpp-host/runtime";
import { serverKind } from "@xmpp-host/xmpp";
import type { WorkerContext } from "../context.ts";

/** Starts (or adopts) a domain's gateway, joined to its server's component port. */
export async function startIrcGateway(ctx: WorkerContext, domainId: string): Promise<{ pid: number }> {
  const gateway = await gatewayWithServer(ctx.core, domainId);
  if (!gateway) throw new PermanentError("the IRC gateway no longer exists");
  const { domain } = gateway;
  const port = domain.instance.componentPort;
  if (port === null) throw new Error("the server has no component port yet");
  const host = ircGatewayHost(domain.name);
  // Its database lives with the domain's data on the server: backups, restores, moves and deletion take it along.
  const [dir] = serverKind(domain.instance.server).hostDataDirs(host);
  if (!dir) throw new PermanentError(`${domain.instance.server} keeps no data for ${host}`);
  const { pid } = await ctx.gateways.ensureRunning({
    id: domain.id,
    hostname: host,
    secret: ctx.secrets.decrypt(gateway.secretEncrypted),
    xmppServerIp: "127.0.0.1",
    componentPort: port,
    databaseFile: path.join(ctx.runtime.layout(domain.instanceId).data, dir, "biboumi.sqlite"),
  });
  return { pid };
}

/** Keeps every enabled gateway running: started again if its process died. */
export async function superviseGateways(ctx: WorkerContext): Promise<{ restarted: string[] }> {
  const restarted: string[] = [];
  for (const g of await gatewaysToSupervise(ctx.core)) {
    if (ctx.gateways.status(g.domainId).running) continue;
    try {
      const { pid } = await startIrcGateway(ctx, g.domainId);
      restarted.push(g.domainId);
      ctx.log.warn({ domainId: g.domainId, pid }, "IRC gateway had stopped; restarted it");
    } catch (err) {
      ctx.log.error({ domainId: g.domainId, err: (err as Error).message }, "could not restart an IRC gateway");
    }
  }
  return { restarted };
}
