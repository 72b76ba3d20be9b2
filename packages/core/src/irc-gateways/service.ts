import { randomBytes } from "node:crypto";
import type { Domain, IrcGateway, Tenant } from "@xmpp-host/db";
import { ircGatewayHost, serverKind } from "@xmpp-host/xmpp";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { startOperation, target } from "../operations/service.ts";

/** A domain with its IRC gateway and its tenant's gateway limits, as every server configuration is rendered from. */
export type DomainWithGateway = Domain & {
  ircGateway: IrcGateway | null;
  tenant: Pick<Tenant, "ircMaxServers" | "ircMaxConnections">;
  /** The addresses blocked from registering, which the server's in-band registration refuses too. */
  registrationBlocks?: { cidr: string }[];
};

/** Reads domains with their gateways: every query whose rows become a server's configuration includes it. */
export const withGateway = {
  ircGateway: true,
  tenant: { select: { ircMaxServers: true, ircMaxConnections: true } },
  registrationBlocks: { select: { cidr: true }, orderBy: { cidr: "asc" } },
} as const;

/** The gateway a server's configuration carries: wanted and not being disabled. */
export function liveGateway(domain: DomainWithGateway): IrcGateway | null {
  const g = domain.ircGateway;
  return g && g.state !== "deleting" ? g : null;
}

/** An IRC network people commonly join, for the example the dashboard shows. */
export const EXAMPLE_IRC_SERVER = "irc.libera.chat";

function view(domain: Domain, gateway: IrcGateway | null, tenant: Pick<Tenant, "ircMaxServers" | "ircMaxConnections">) {
  const address = ircGatewayHost(domain.name);
  return {
    domainId: domain.id,
    address,
    enabled: gateway !== null && gateway.state !== "deleting",
    state: gateway?.state ?? null,
    lastError: gateway?.lastError ?? null,
    /** How a channel is written: #channel%irc.server@irc.DOMAIN. */
    example: `#family%${EXAMPLE_IRC_SERVER}@${address}`,
    limits: { maxServers: tenant.ircMaxServers, maxConnections: tenant.ircMaxConnections },
  };
}

async function load(ctx: CoreContext, actor: Actor, domainId: string, need: "read" | "write") {
  const domain = await loadDomain(ctx, actor, domainId, need);
  const [gateway, tenant] = await Promise.all([
    ctx.db.ircGateway.findUnique({ where: { domainId } }),
    ctx.db.tenant.findUniqueOrThrow({ where: { id: domain.tenantId } }),
  ]);
  return { domain, gateway, tenant };
}

export async function getIrcGateway(ctx: CoreContext, actor: Actor, domainId: string) {
  const { domain, gateway, tenant } = await load(ctx, actor, domainId, "read");
  return { ...view(domain, gateway, tenant), available: serverKind(domain.instance.server).features.ircGateway };
}

/**
 * Turns the domain's IRC gateway on. Idempotent: a gateway already on (or being turned on) is answered as it is,
 * with no new operation.
 */
export async function enableIrcGateway(ctx: CoreContext, actor: Actor, domainId: string) {
  const { domain, gateway, tenant } = await load(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  if (!serverKind(domain.instance.server).features.ircGateway) {
    throw new AppError("unprocessable", `IRC gateways are not available on ${domain.instance.server} servers`, {
      reason: "irc_gateway_unsupported",
      params: { server: domain.instance.server },
    });
  }
  if (gateway?.state === "deleting")
    throw new AppError("conflict", "the IRC gateway is being turned off", { reason: "irc_gateway_disabling" });
  if (gateway && gateway.state !== "failed") return { gateway: view(domain, gateway, tenant), operation: null };
  if (!gateway) {
    const used = await ctx.db.ircGateway.count({ where: { tenantId: domain.tenantId } });
    if (used >= tenant.ircGatewayQuota) {
      throw new AppError("quota_exceeded", `the tenant may have ${tenant.ircGatewayQuota} IRC gateways`, {
        reason: "irc_gateway_quota",
        params: { limit: tenant.ircGatewayQuota },
      });
    }
  }
  const { resource, operation } = await startOperation(ctx, actor, {
    change: (tx) =>
      gateway
        ? tx.ircGateway.update({ where: { domainId }, data: { state: "pending", lastError: null } })
        : tx.ircGateway.create({
            data: {
              domainId,
              tenantId: domain.tenantId,
              secretEncrypted: ctx.secrets.encrypt(randomBytes(24).toString("base64url")),
            },
          }),
    operation: () => ({ type: "irc-gateway.enable", ...target("domain", domain) }),
    audit: () => ({ action: "irc_gateway.enabled", data: { address: ircGatewayHost(domain.name) } }),
  });
  return { gateway: view(domain, resource, tenant), operation };
}

/** Turns it off: the component leaves the server live and the gateway's process and data go. Idempotent. */
export async function disableIrcGateway(ctx: CoreContext, actor: Actor, domainId: string) {
  const { domain, gateway } = await load(ctx, actor, domainId, "write");
  if (!gateway || gateway.state === "deleting") return null;
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.ircGateway.update({ where: { domainId }, data: { state: "deleting" } }),
    operation: () => ({ type: "irc-gateway.disable", ...target("domain", domain) }),
    audit: () => ({ action: "irc_gateway.disabled", data: { address: ircGatewayHost(domain.name) } }),
  });
  return operation;
}

/** Gateways the worker keeps running (supervision): on, on a running server. */
export function gatewaysToSupervise(ctx: Pick<CoreContext, "db">) {
  return ctx.db.ircGateway.findMany({
    where: { state: "active", domain: { state: { not: "deleting" }, instance: { status: "running" } } },
    include: { domain: { include: { instance: true } } },
  });
}

/** One gateway with its domain and server, for the worker; null once it is gone. */
export function gatewayWithServer(ctx: Pick<CoreContext, "db">, domainId: string) {
  return ctx.db.ircGateway.findUnique({
    where: { domainId },
    include: { domain: { include: { instance: true } } },
  });
}

/** The gateways that should be running on a server (for its health). */
export function activeGatewaysOf(ctx: Pick<CoreContext, "db">, instanceId: string) {
  return ctx.db.ircGateway.findMany({ where: { state: "active", domain: { instanceId } } });
}
