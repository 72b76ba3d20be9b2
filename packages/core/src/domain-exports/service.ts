import { isUniqueViolation, type Operation } from "@xmpp-host/db";
import { serverKind } from "@xmpp-host/xmpp";
import { authorize } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { isUnderPlatformDomain, platformSettings } from "../dns/service.ts";
import { loadDomain, withServer } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { checkDomainQuota } from "../free-addresses/service.ts";
import { loadInstance } from "../instances/service.ts";
import { dispatch, recordStart, startOperation, target } from "../operations/service.ts";
import { randomToken } from "../secrets.ts";
import { normalizeDomainName } from "../validation.ts";

/** Where a finished export lies in the backup store (sealed with the tenant's key), and what it holds. */
export interface DomainExportResult {
  storageKey: string;
  fileName: string;
  users: number;
  contacts: number;
  archived: number;
  offline: number;
  bytes: number;
}

/** The key of a domain's export in the backup store. */
export function exportStorageKey(tenantId: string, domainId: string, operationId: string): string {
  return `${tenantId}/exports/${domainId}/${operationId}.xml.xhb`;
}

/**
 * Asks for all of a domain's data as one XEP-0227 file (owners only: it holds every message and the credentials as
 * stored). An operation, since only the worker reaches servers; audited when asked.
 */
export async function requestDomainExport(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  await requireOwner(ctx, actor, domain.tenantId);
  if (domain.state !== "active")
    throw new AppError("conflict", `the domain is ${domain.state}, not active`, { reason: "domain_not_ready" });
  const { operation } = await startOperation(ctx, actor, {
    change: async () => domain,
    operation: () => ({ type: "domain.export", ...target("domain", domain), input: {} }),
    audit: () => ({ action: "domain.export_requested", data: { domain: domain.name } }),
  });
  return { domain, operation };
}

/** An export the owner asked for earlier, once finished: the operation and where its file lies. */
export async function findDomainExport(ctx: CoreContext, actor: Actor, domainId: string, operationId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  await requireOwner(ctx, actor, domain.tenantId);
  const operation = await ctx.db.operation.findUnique({ where: { id: operationId } });
  if (operation?.type !== "domain.export" || operation.resourceId !== domain.id) throw AppError.notFound("export");
  return { domain, operation, file: exportFile(operation) };
}

/** The stored file of a succeeded export; null before it succeeded. */
export function exportFile(operation: Operation): DomainExportResult | null {
  if (operation.status !== "succeeded") return null;
  const result = operation.result as Partial<DomainExportResult> | null;
  return result?.storageKey && result.fileName ? (result as DomainExportResult) : null;
}

async function requireOwner(ctx: CoreContext, actor: Actor, tenantId: string) {
  await authorize(ctx, actor, tenantId, "own");
}

/** The largest XEP-0227 document an import takes. */
export const IMPORT_DOCUMENT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The domain a XEP-0227 document is for: its one host that is not another's group-chat or file-sharing host. Only
 * the outline is read here; the server reads the rest, and refuses what it cannot take.
 */
export function documentDomain(document: string): string {
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<server-data\b[^>]*urn:xmpp:pie:0/.test(document)) {
    throw AppError.unprocessable("file", "is not a XEP-0227 document (server-data in urn:xmpp:pie:0)", "invalid");
  }
  const hosts = [...document.matchAll(/<host\b[^>]*\bjid=(['"])([^'"]+)\1/g)].map((m) =>
    (m[2] as string).toLowerCase(),
  );
  const domains = hosts.filter((h) => !/^(groups|share)\./.test(h) || !hosts.includes(h.replace(/^[^.]+\./, "")));
  if (domains.length !== 1) {
    const why = domains.length
      ? `holds several domains (${domains.join(", ")}): import them one by one`
      : "holds no domain";
    throw AppError.unprocessable("file", why, "invalid");
  }
  return domains[0] as string;
}

/**
 * Checks an import before its file is stored: the server it goes to (one of the tenant's, of a kind that keeps each
 * domain apart), and the domain the document is for (a new one, not under the platform's base domain).
 */
export async function prepareDomainImport(ctx: CoreContext, actor: Actor, instanceId: string, document: string) {
  const instance = await loadInstance(ctx, actor, instanceId, "write");
  if (instance.status === "deleting")
    throw new AppError("conflict", "the instance is being deleted", { reason: "instance_deleting" });
  if (!instance.tenantId)
    throw new AppError("forbidden", "domains on shared instances are added by operators", { reason: "operators_only" });
  const kind = serverKind(instance.server);
  if (!kind.features.domainTransfer) {
    throw AppError.unprocessable("file", `importing a domain into ${kind.label} is not available yet`, "not_offered");
  }
  if (Buffer.byteLength(document) > IMPORT_DOCUMENT_MAX_BYTES)
    throw AppError.field("file", "is too large", "too_large", { max: IMPORT_DOCUMENT_MAX_BYTES });
  const name = normalizeDomainName("file", documentDomain(document));
  const platform = platformSettings(ctx);
  if (isUnderPlatformDomain(name, platform) || name === platform.baseDomain?.toLowerCase()) {
    throw AppError.unprocessable("file", `${name} is a free address of this platform: move it instead`, "reserved");
  }
  if (await ctx.db.domain.findUnique({ where: { name }, select: { id: true } })) {
    throw new AppError("conflict", `the domain ${name} is already in use on this platform`, [
      { field: "file", message: `${name} is already in use`, code: "taken" },
    ]);
  }
  return { instance, tenantId: instance.tenantId, name, users: (document.match(/<user\b/g) ?? []).length };
}

/**
 * Creates the domain a document is for and the operation that fills it from the stored document, in one transaction:
 * the domain is set up (domain.create) and the data goes in once it is (domain.import).
 */
export async function startDomainImport(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  input: { name: string; tenantId: string; storageKey: string; users: number },
) {
  try {
    const { domain, created, imported } = await ctx.db.$transaction(async (tx) => {
      await checkDomainQuota(tx, input.tenantId);
      const domain = await tx.domain.create({
        data: {
          name: input.name,
          tenantId: input.tenantId,
          instanceId,
          registration: "closed",
          verificationToken: randomToken("xh-verify-", 16),
        },
        include: withServer,
      });
      const created = await recordStart(
        ctx,
        tx,
        actor,
        { type: "domain.create", ...target("domain", domain) },
        { action: "domain.created", data: { name: input.name } },
      );
      const imported = await recordStart(
        ctx,
        tx,
        actor,
        { type: "domain.import", ...target("domain", domain), input: { storageKey: input.storageKey } },
        { action: "domain.import_requested", data: { name: input.name, users: input.users } },
      );
      return { domain, created, imported };
    });
    await dispatch(ctx, created);
    await dispatch(ctx, imported);
    return { domain, operation: imported };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `the domain ${input.name} is already in use on this platform`, [
        { field: "file", message: `${input.name} is already in use`, code: "taken" },
      ]);
    }
    throw err;
  }
}

/** The key of an import's document in the backup store, until the import took it. */
export function importStorageKey(tenantId: string): string {
  return `${tenantId}/domain-imports/${randomToken("", 16)}.xml.xhb`;
}
