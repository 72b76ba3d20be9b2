import { createReadStream, createWriteStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { decryptStream, deriveTenantKey, EncryptStream } from "@xmpp-host/backup";
import {
  type DomainExportResult,
  domainHosts,
  domainToMove,
  exportStorageKey,
  instanceWithDomainsOrThrow,
  PermanentError,
  type Progress,
} from "@xmpp-host/core";
import { DriverCommandError, serverKind } from "@xmpp-host/xmpp";
import type { WorkerContext } from "../context.ts";
import { sync } from "./maintenance.ts";

/**
 * Writes a domain's data as one XEP-0227 file: the server writes it into its data folder (Prosody, through its own
 * XEP-0227 writer), the worker seals it with the tenant's key into the backup store and removes the server's copy.
 * Only the newest export of a domain is kept. A retry writes it again under the same key.
 */
export async function exportDomain(
  ctx: WorkerContext,
  domainId: string,
  operationId: string,
  progress: Progress,
): Promise<DomainExportResult> {
  const domain = await domainToMove(ctx.core, domainId);
  if (!domain || domain.state === "deleting") throw new PermanentError("the domain no longer exists");
  const instance = await instanceWithDomainsOrThrow(ctx.core, domain.instanceId);
  const driver = ctx.driverFor(instance);
  if (!driver.exportUsers) {
    throw new PermanentError(`exports from ${serverKind(instance.server).label} servers are not available yet`);
  }
  if (ctx.runtime.copyDataOut) throw new PermanentError("exports from servers on Kubernetes are not available yet");
  const fileName = `.xh-export-${operationId}.xml`;
  const written = path.join(ctx.runtime.layout(instance.id).data, fileName);
  const tmp = await fs.mkdtemp(path.join(tmpdir(), "xh-export-"));
  try {
    await progress(20, "reading the accounts, contacts and history");
    const counts = await driver.exportUsers(domainHosts(domain.name).host, fileName);
    await progress(70, "sealing the file");
    const sealed = path.join(tmp, "export.xhb");
    const key = deriveTenantKey(ctx.env.SECRETS_KEY, domain.tenantId);
    await pipeline(createReadStream(written), new EncryptStream(key), createWriteStream(sealed));
    const store = ctx.backupStore();
    const storageKey = exportStorageKey(domain.tenantId, domain.id, operationId);
    await store.put(storageKey, { file: sealed }, (await fs.stat(sealed)).size);
    await progress(90, "removing older exports");
    const folder = storageKey.slice(0, storageKey.lastIndexOf("/") + 1);
    for (const older of await store.list(folder)) if (older.key !== storageKey) await store.delete(older.key);
    return {
      storageKey,
      fileName: `${domain.name}.xml`,
      users: counts.users,
      contacts: counts.contacts,
      archived: counts.archived,
      offline: counts.offline,
      bytes: counts.bytes,
    };
  } finally {
    await fs.rm(written, { force: true });
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Fills a new domain from the XEP-0227 document stored for it, once the domain is set up on its server (until then
 * it fails and is retried). The server reads the document from its data folder and takes its users, refusing it
 * whole when it is for another domain or names an account that exists. The platform's view follows by sync.
 */
export async function importDomain(
  ctx: WorkerContext,
  domainId: string,
  operationId: string,
  input: { storageKey: string },
  progress: Progress,
) {
  const domain = await domainToMove(ctx.core, domainId);
  if (!domain || domain.state === "deleting") throw new PermanentError("the domain no longer exists");
  if (domain.state === "failed") throw new PermanentError("the domain could not be set up on its server");
  if (domain.state !== "active") throw new Error("the domain is not set up on its server yet");
  const instance = await instanceWithDomainsOrThrow(ctx.core, domain.instanceId);
  const driver = ctx.driverFor(instance);
  if (!driver.importUsers) {
    throw new PermanentError(`imports into ${serverKind(instance.server).label} servers are not available yet`);
  }
  if (ctx.runtime.copyDataOut) throw new PermanentError("imports into servers on Kubernetes are not available yet");
  const store = ctx.backupStore();
  const fileName = `.xh-import-${operationId}.xml`;
  const placed = path.join(ctx.runtime.layout(instance.id).data, fileName);
  try {
    await progress(20, "reading the file");
    const key = deriveTenantKey(ctx.env.SECRETS_KEY, domain.tenantId);
    await pipeline(Readable.from(decryptStream(await store.get(input.storageKey), key)), createWriteStream(placed));
    await ctx.runtime.handOver(instance.id);
    await progress(50, "creating the accounts with their contacts and history");
    const counts = await driver.importUsers(domainHosts(domain.name).host, fileName).catch((err: unknown) => {
      // The server refused the document itself (another domain's, an account that exists): trying again changes nothing.
      if (err instanceof DriverCommandError) throw new PermanentError(`the file could not be imported: ${err.message}`);
      throw err;
    });
    await progress(85, "syncing the platform's view");
    const synced = await sync(ctx, instance.id, domainId);
    await store.delete(input.storageKey);
    return { ...counts, synced };
  } finally {
    await fs.rm(placed, { force: true });
  }
}
