import {
  type Domain,
  type InstanceStatus,
  isUniqueViolation,
  type Placement,
  type RegistrationPolicy,
} from "@xmpp-host/db";
import { authorize } from "./access.ts";
import { audit } from "./audit.ts";
import type { Actor, CoreContext } from "./context.ts";
import { isUnderPlatformDomain, platformSettings } from "./dns.ts";
import { AppError } from "./errors.ts";
import { checkDomainQuota } from "./free-addresses.ts";
import { loadInstance } from "./instances.ts";
import { dispatch, paginate, recordOperation } from "./operations.ts";
import { randomToken } from "./secrets.ts";
import { normalizeDomainName } from "./validation.ts";

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
    const { domain, operation } = await ctx.db.$transaction(async (tx) => {
      await checkDomainQuota(tx, tenantId);
      const domain = await tx.domain.create({
        data: {
          name,
          tenantId,
          instanceId,
          registration: input.registration ?? "closed",
          verificationToken: randomToken("xh-verify-", 16),
        },
      });
      const operation = await recordOperation(ctx, tx, actor, {
        type: "domain.create",
        tenantId,
        resourceType: "domain",
        resourceId: domain.id,
      });
      await audit(tx, actor, {
        tenantId,
        action: "domain.created",
        resourceType: "domain",
        resourceId: domain.id,
        data: { name },
      });
      return { domain, operation };
    });
    await dispatch(ctx, operation);
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
): Promise<Domain & { instance: { placement: Placement; status: InstanceStatus } }> {
  const domain = await ctx.db.domain.findUnique({
    where: { id: domainId },
    include: { instance: { select: { placement: true, status: true } } },
  });
  if (!domain) throw AppError.notFound("domain");
  await authorize(ctx, actor, domain.tenantId, need).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw AppError.notFound("domain");
    throw err;
  });
  return domain;
}

export async function listDomains(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  page: { cursor?: string; limit: number },
) {
  await loadInstance(ctx, actor, instanceId, "read");
  const rows = await ctx.db.domain.findMany({
    where: { instanceId },
    include: { instance: { select: { placement: true, status: true } } },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  return paginate(rows, page.limit);
}

/** Every domain of the tenant, on dedicated and shared servers alike. */
export async function listTenantDomains(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  page: { cursor?: string; limit: number },
) {
  await authorize(ctx, actor, tenantId, "read");
  const rows = await ctx.db.domain.findMany({
    where: { tenantId },
    include: { instance: { select: { placement: true, status: true } } },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  return paginate(rows, page.limit);
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
  const { updated, operation } = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.domain.update({
      where: { id: domain.id },
      data: { registration },
      include: { instance: { select: { placement: true, status: true } } },
    });
    const operation = await recordOperation(ctx, tx, actor, {
      type: "domain.update",
      tenantId: domain.tenantId,
      resourceType: "domain",
      resourceId: domain.id,
      input: { registration },
    });
    await audit(tx, actor, {
      tenantId: domain.tenantId,
      action: "domain.updated",
      resourceType: "domain",
      resourceId: domain.id,
      data: { registration },
    });
    return { updated, operation };
  });
  await dispatch(ctx, operation);
  return { domain: updated, operation };
}

export async function deleteDomain(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  const operation = await ctx.db.$transaction(async (tx) => {
    await tx.domain.update({ where: { id: domain.id }, data: { state: "deleting" } });
    const op = await recordOperation(ctx, tx, actor, {
      type: "domain.delete",
      tenantId: domain.tenantId,
      resourceType: "domain",
      resourceId: domain.id,
    });
    await audit(tx, actor, {
      tenantId: domain.tenantId,
      action: "domain.deleted",
      resourceType: "domain",
      resourceId: domain.id,
      data: { name: domain.name },
    });
    return op;
  });
  await dispatch(ctx, operation);
  return operation;
}
