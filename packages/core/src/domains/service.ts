import {
  type Domain,
  type InstanceStatus,
  isUniqueViolation,
  type Placement,
  type RegistrationPolicy,
  type ServerKind,
} from "@xmpp-host/db";
import { authorize, loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { isUnderPlatformDomain, platformSettings } from "../dns/service.ts";
import { AppError } from "../errors.ts";
import { checkDomainQuota } from "../free-addresses/service.ts";
import { loadInstance } from "../instances/service.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { randomToken } from "../secrets.ts";
import { normalizeDomainName } from "../validation.ts";

/** A domain read with what its pages need of its server. */
export const withServer = { instance: { select: { placement: true, status: true, server: true } } } as const;

/** Whether people can chat on a domain right now, in one word that every page shows the same way. */
export type ChatStatus = "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";

export function chatStatus(domainState: string, serverStatus: string): ChatStatus {
  if (domainState === "deleting" || serverStatus === "deleting") return "deleting";
  if (domainState === "failed") return "failed";
  if (domainState === "pending" || serverStatus === "provisioning") return "setting_up";
  if (serverStatus === "stopped") return "stopped";
  if (serverStatus !== "running") return "unavailable";
  return "available";
}

/** The hosts a domain puts on its server: the virtual host and its service components. */
export function domainHosts(name: string): { host: string; muc: string; upload: string } {
  return { host: name, muc: `groups.${name}`, upload: `share.${name}` };
}

export async function createDomain(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  input: { name: string; registration?: RegistrationPolicy },
) {
  const instance = await loadInstance(ctx, actor, instanceId, "write");
  if (instance.status === "deleting")
    throw new AppError("conflict", "the instance is being deleted", { reason: "instance_deleting" });
  const name = normalizeDomainName("name", input.name);
  const tenantId = instance.tenantId;
  if (!tenantId)
    throw new AppError("forbidden", "domains on shared instances are added by operators", { reason: "operators_only" });
  const platform = platformSettings(ctx);
  if (isUnderPlatformDomain(name, platform) || name === platform.baseDomain?.toLowerCase()) {
    throw AppError.unprocessable(
      "name",
      `addresses under ${platform.baseDomain} are free addresses: ask for one by its name instead of adding it as your own domain`,
      "reserved",
    );
  }
  try {
    const { resource: domain, operation } = await startOperation(ctx, actor, {
      change: async (tx) => {
        await checkDomainQuota(tx, tenantId);
        return tx.domain.create({
          data: {
            name,
            tenantId,
            instanceId,
            registration: input.registration ?? "closed",
            verificationToken: randomToken("xh-verify-", 16),
          },
          include: withServer,
        });
      },
      operation: (domain) => ({ type: "domain.create", ...target("domain", domain) }),
      audit: () => ({ action: "domain.created", data: { name } }),
    });
    return { domain, operation };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `the domain ${name} is already in use on this platform`, [
        { field: "name", message: "is already in use", code: "taken" },
      ]);
    }
    throw err;
  }
}

export async function loadDomain(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  need: "read" | "write",
): Promise<Domain & { instance: { placement: Placement; status: InstanceStatus; server: ServerKind } }> {
  const found = ctx.db.domain.findUnique({
    where: { id: domainId },
    include: withServer,
  });
  return loadOwned(ctx, actor, "domain", found, need);
}

export async function listDomains(ctx: CoreContext, actor: Actor, instanceId: string, page: Page) {
  await loadInstance(ctx, actor, instanceId, "read");
  return pageOf(page, (q) =>
    ctx.db.domain.findMany({ where: { instanceId }, include: withServer, orderBy: { id: "asc" }, ...q }),
  );
}

/** Every domain of the tenant, on dedicated and shared servers alike. */
export async function listTenantDomains(ctx: CoreContext, actor: Actor, tenantId: string, page: Page) {
  await authorize(ctx, actor, tenantId, "read");
  return pageOf(page, (q) =>
    ctx.db.domain.findMany({ where: { tenantId }, include: withServer, orderBy: { id: "asc" }, ...q }),
  );
}

export async function updateDomain(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  input: { registration?: RegistrationPolicy },
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  if (input.registration === undefined || input.registration === domain.registration)
    return { domain, operation: null };
  const registration = input.registration;
  const { resource: updated, operation } = await startOperation(ctx, actor, {
    change: (tx) =>
      tx.domain.update({
        where: { id: domain.id },
        data: { registration },
        include: withServer,
      }),
    operation: () => ({ type: "domain.update", ...target("domain", domain), input: { registration } }),
    audit: () => ({ action: "domain.updated", data: { registration } }),
  });
  return { domain: updated, operation };
}

export async function deleteDomain(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.domain.update({ where: { id: domain.id }, data: { state: "deleting" } }),
    operation: () => ({ type: "domain.delete", ...target("domain", domain) }),
    audit: () => ({ action: "domain.deleted", data: { name: domain.name } }),
  });
  return operation;
}

/** The domain as it is now, with its server's placement and status; null once it is gone. */
export function findDomain(ctx: Pick<CoreContext, "db">, domainId: string) {
  return ctx.db.domain.findUnique({
    where: { id: domainId },
    include: withServer,
  });
}
