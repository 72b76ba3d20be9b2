import type { Operation } from "@xmpp-host/db";
import { authorize } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { startOperation, target } from "../operations/service.ts";

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
  if (operation?.type !== "domain.export" || operation.resourceId !== domain.id)
    throw AppError.notFound("export");
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
