import { createReadStream, createWriteStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { deriveTenantKey, EncryptStream } from "@xmpp-host/backup";
import {
  type DomainExportResult,
  domainHosts,
  domainToMove,
  exportStorageKey,
  instanceWithDomainsOrThrow,
  PermanentError,
  type Progress,
} from "@xmpp-host/core";
import { serverKind } from "@xmpp-host/xmpp";
import type { WorkerContext } from "../context.ts";

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
