import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  assignComponentPort,
  domainContents,
  domainHosts,
  domainToMove,
  getInstance,
  instanceWithDomainsOrThrow,
  PermanentError,
  type Progress,
  recordDomainMoved,
} from "@xmpp-host/core";
import type { Domain, Instance } from "@xmpp-host/db";
import { instanceHosts, ircGatewayHost } from "@xmpp-host/runtime";
import { serverKind } from "@xmpp-host/xmpp";
import { portPool, specOf, type WorkerContext } from "../context.ts";
import { withInstanceLock } from "../instance-lock.ts";
import {
  copyDomainDirsOut,
  domainDataDirs,
  replaceDomainDirs,
  republishMovedDomain,
  scheduleDomainBackups,
  unscheduleDomainBackups,
} from "./backups.ts";
import { applyConfiguration } from "./configuration.ts";
import { startIrcGateway } from "./irc-gateways.ts";
import { sync } from "./maintenance.ts";

type Snapshot = Awaited<ReturnType<typeof copyDomainDirsOut>>;

/** A move that cannot go ahead or did not verify; the domain stays served where it was. */
export class MoveFailedError extends PermanentError {}

/**
 * Moves one domain with all its data to another server of the same kind, with as short an interruption as the data
 * allows:
 *
 * 1. its data is copied to the target while the source still serves it;
 * 2. the domain's hosts are switched off on the source (logins are refused from here: the freeze), and only the
 *    files that changed since are copied again;
 * 3. the platform records the domain on the target, which switches its hosts on (logins work again);
 * 4. the target is checked for every account and room the platform knows of;
 * 5. only then does the source forget the domain, and the DNS records follow.
 *
 * Until step 3 a failure switches the hosts back on at the source; a failed check in step 4 moves the domain back.
 * Either way the source serves as before and the operation fails with the reason. A retry after a crash reads
 * where the domain is recorded and carries on from there.
 */
export async function moveDomain(
  ctx: WorkerContext,
  domainId: string,
  operationId: string,
  input: { sourceInstanceId: string; targetInstanceId: string },
  progress: Progress,
) {
  const domain = await domainToMove(ctx.core, domainId);
  if (!domain || domain.state === "deleting") throw new MoveFailedError("the domain no longer exists");
  const source = await getInstance(ctx.core, input.sourceInstanceId);
  const target = await getInstance(ctx.core, input.targetInstanceId);
  if (domain.instanceId !== source.id && domain.instanceId !== target.id) {
    throw new MoveFailedError("the domain moved elsewhere since this move was asked for");
  }
  // Between servers that keep each domain in folders of its own, the folders move; otherwise the data goes through a
  // XEP-0227 file, written by the old server and read by the new one (a conversion, between kinds).
  const converts = !(source.server === target.server && serverKind(source.server).features.domainBackups);
  if (
    converts &&
    !(serverKind(source.server).features.domainTransfer && serverKind(target.server).features.domainTransfer)
  ) {
    throw new MoveFailedError(`a domain cannot be moved from ${source.server} to ${target.server} yet`);
  }
  const hosts = [...Object.values(domainHosts(domain.name)), ircGatewayHost(domain.name)];
  const dirs = domainDataDirs(source.server, domain.name);
  const gateway = await ctx.core.db.ircGateway.findUnique({ where: { domainId } });
  const hasGateway = gateway !== null && gateway.state !== "deleting";
  if (hasGateway && !serverKind(target.server).features.ircGateway) {
    throw new MoveFailedError(`${target.name} cannot run the domain's IRC gateway: turn the gateway off first`);
  }

  // The freeze's start, and what was copied, when this run did the copy (not a retry that found it done).
  const plan = { domain, source, target, hosts, dirs, hasGateway, operationId };
  const run =
    domain.instanceId !== source.id
      ? null
      : converts
        ? await convertAndSwitch(ctx, plan, progress)
        : await copyAndSwitch(ctx, plan, progress);

  // From here the domain is recorded on the target (also when a retry after a crash starts here).
  await progress(65, "starting the domain on its new server");
  try {
    if (hasGateway) {
      await withInstanceLock(ctx, target.id, () => assignComponentPort(ctx.core, target.id, portPool(ctx)));
    }
    await applyConfiguration(ctx, target.id);
    // A conversion's file waits on the target until read; a retry after a crash finds it there, or finds it gone
    // once it was read.
    const { importName } = conversionFiles(operationId);
    const placed = path.join(ctx.runtime.layout(target.id).data, importName);
    if (converts && (run !== null || (await fileExists(placed)))) {
      await progress(68, "reading the domain's data on the new server");
      // The file holds every message and credential: it goes once read, whatever the outcome.
      try {
        const fresh = await instanceWithDomainsOrThrow(ctx.core, target.id);
        const imported = await ctx.driverFor(fresh).importUsers?.(domainHosts(domain.name).host, importName);
        if (!imported) throw new Error(`${target.name} cannot read the file`);
      } finally {
        await fs.rm(placed, { force: true });
      }
    }
    await progress(72, "checking every account and group chat on the new server");
    await verifyOnTarget(ctx, domain, target);
  } catch (err) {
    await moveBack(ctx, domain, source, target, hosts, converts);
    if (hasGateway) await startIrcGateway(ctx, domainId).catch(() => undefined);
    throw new MoveFailedError(
      `the new server did not take the domain over (${reasonOf(err)}); it stays on ${source.name}`,
    );
  }
  // Logins were refused from the freeze until the target served the domain and passed the check.
  const loginsRefusedMs = run ? Math.round(performance.now() - run.frozenAt) : null;
  if (hasGateway) await startIrcGateway(ctx, domainId);

  await progress(80, "pointing the DNS records at the new server");
  await republishMovedDomain(ctx, domain, source.id, target);
  await progress(88, "removing the domain from its old server");
  // A server keeping every domain in one database forgets this one's data while it still serves it.
  await forgetOnServer(ctx, source.id, domain.name).catch((err: unknown) => {
    ctx.log.warn({ err, instanceId: source.id }, "old server could not forget the moved domain's data");
  });
  await applyConfiguration(ctx, source.id).catch((err: unknown) => {
    ctx.log.warn({ err, instanceId: source.id }, "old server could not drop the moved domain yet");
  });
  if (converts) await resumeLogins(ctx, source.id, domain.name);
  await withInstanceLock(ctx, source.id, () => ctx.runtime.removeHostData(source.id, hosts));
  if (target.placement === "shared" && serverKind(target.server).features.domainBackups)
    await scheduleDomainBackups(ctx, domain.id);
  else await unscheduleDomainBackups(ctx, domain.id);
  await progress(94, "syncing the platform's view");
  const synced = await sync(ctx, target.id, domainId);
  return {
    domain: domain.name,
    from: source.id,
    to: target.id,
    loginsRefusedMs,
    ...(run && "copied" in run ? { copied: run.copied } : {}),
    ...(run && "converted" in run ? { converted: run.converted } : {}),
    synced,
  };
}

interface MovePlan {
  domain: Domain;
  source: Instance;
  target: Instance;
  hosts: string[];
  dirs: string[];
  hasGateway: boolean;
  operationId: string;
}

/** The names of a conversion's files, in the old server's data folder and the new one's. */
function conversionFiles(operationId: string) {
  return { exportName: `.xh-export-${operationId}.xml`, importName: `.xh-import-${operationId}.xml` };
}

async function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return false;
      throw err;
    },
  );
}

/** Steps 1 to 3: the copy while served, the freeze, the copy of what changed, and the switch in PostgreSQL. */
async function copyAndSwitch(ctx: WorkerContext, plan: MovePlan, progress: Progress) {
  const { domain, source, target, hosts, dirs, hasGateway } = plan;
  const tmp = await fs.mkdtemp(path.join(tmpdir(), "xh-move-"));
  let frozen = false;
  try {
    await progress(10, "copying the domain's data while it is still served");
    const warm = await copyDomainDirsOut(ctx, source, dirs, path.join(tmp, "warm"));
    await progress(30, "putting the copy on the new server");
    // The target does not serve these hosts yet: whatever it kept of them (an earlier stay) is replaced.
    await withInstanceLock(ctx, target.id, () => replaceDomainDirs(ctx, target.id, warm.dir, dirs));
    const bytes = warm.files.reduce((n, f) => n + f.size, 0);

    await progress(45, "pausing the domain for the last changes");
    if (hasGateway) await ctx.gateways.stop(domain.id);
    let frozenAt = 0;
    let changedDuringFreeze = 0;
    // Held until the domain is recorded on the target: nothing may switch its hosts on again at the source meanwhile.
    await withInstanceLock(ctx, source.id, async () => {
      const fresh = await instanceWithDomainsOrThrow(ctx.core, source.id);
      frozenAt = performance.now();
      frozen = true;
      if ((await ctx.runtime.status(source.id)).running) {
        const others = instanceHosts(specOf(ctx, fresh, fresh.domains)).filter((h) => !hosts.includes(h));
        await ctx.driverFor(fresh).applyHosts(others);
      }
      await progress(50, "copying what changed meanwhile");
      const last = await copyDomainDirsOut(ctx, source, dirs, path.join(tmp, "last"));
      changedDuringFreeze = await copyChanges(ctx, target.id, warm, last, dirs);
      await progress(60, "moving the domain to its new server");
      await recordDomainMoved(ctx.core, domain.id, target.id);
    });
    return { frozenAt, copied: { files: warm.files.length, bytes, changedDuringFreeze } };
  } catch (err) {
    // Recorded on the target after all (the lock's release failed): the caller's retry carries on from the switch.
    if ((await domainToMove(ctx.core, domain.id))?.instanceId === target.id) throw err;
    // Nothing was switched: the source takes its hosts back; the target forgets the copy.
    if (frozen) await applyConfiguration(ctx, source.id).catch(() => undefined);
    if (hasGateway) await startIrcGateway(ctx, domain.id).catch(() => undefined);
    await withInstanceLock(ctx, target.id, () => ctx.runtime.removeHostData(target.id, hosts)).catch(() => undefined);
    throw new MoveFailedError(
      `the copy to ${target.name} failed (${reasonOf(err)}); the domain stays on ${source.name}`,
    );
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Steps 1 to 3 between servers whose data cannot be copied as folders: logins are paused on the source (the freeze:
 * its hosts stay on, for the server writes the file from inside), the source writes the domain's data as one
 * XEP-0227 file, which is put on the target, and the platform records the domain there. The target reads the file
 * once it serves the domain (in the caller). Nothing reaches the target before the switch, so a failure here only
 * lets the source's logins in again.
 */
async function convertAndSwitch(ctx: WorkerContext, plan: MovePlan, progress: Progress) {
  const { domain, source, target, hasGateway } = plan;
  const host = domainHosts(domain.name).host;
  const { exportName, importName } = conversionFiles(plan.operationId);
  const written = path.join(ctx.runtime.layout(source.id).data, exportName);
  const placed = path.join(ctx.runtime.layout(target.id).data, importName);
  const driver = ctx.driverFor(await instanceWithDomainsOrThrow(ctx.core, source.id));
  if (!driver.exportUsers || !driver.pauseLogins) {
    throw new MoveFailedError(`${source.name} cannot write its domains' data as a file`);
  }
  if (ctx.runtime.copyDataOut) throw new MoveFailedError("moves between kinds on Kubernetes are not available yet");
  let paused = false;
  try {
    await progress(15, "pausing the domain while its data is converted");
    if (hasGateway) await ctx.gateways.stop(domain.id);
    const frozenAt = performance.now();
    await driver.pauseLogins(host, true);
    paused = true;
    await progress(30, "writing the domain's data as one file");
    const counts = await driver.exportUsers(host, exportName);
    await progress(45, "putting the file on the new server");
    await fs.copyFile(written, placed);
    await ctx.runtime.handOver(target.id);
    await progress(60, "moving the domain to its new server");
    await recordDomainMoved(ctx.core, domain.id, target.id);
    return { frozenAt, converted: { ...counts } };
  } catch (err) {
    await fs.rm(placed, { force: true });
    if ((await domainToMove(ctx.core, domain.id))?.instanceId === target.id) throw err;
    if (paused) await driver.pauseLogins(host, false).catch(() => undefined);
    if (hasGateway) await startIrcGateway(ctx, domain.id).catch(() => undefined);
    throw new MoveFailedError(
      `the domain's data could not be converted for ${target.name} (${reasonOf(err)}); it stays on ${source.name}`,
    );
  } finally {
    await fs.rm(written, { force: true });
  }
}

/** Lets the domain's logins in again on a server that paused them for a conversion (and still serves it, or not). */
async function resumeLogins(ctx: WorkerContext, instanceId: string, domainName: string) {
  const driver = ctx.driverFor(await instanceWithDomainsOrThrow(ctx.core, instanceId));
  await driver.pauseLogins?.(domainHosts(domainName).host, false).catch(() => undefined);
}

/** On a server that keeps every domain in one database, deletes the moved domain's accounts and rooms there. */
async function forgetOnServer(ctx: WorkerContext, instanceId: string, domainName: string) {
  const instance = await instanceWithDomainsOrThrow(ctx.core, instanceId);
  if (serverKind(instance.server).features.domainBackups) return;
  if (!(await ctx.runtime.status(instanceId)).running) return;
  await ctx.driverFor(instance).forgetDomainData?.(domainHosts(domainName).host);
}

/**
 * Brings the target's copy up to date with the last snapshot: only files that changed or appeared since the first
 * copy are written (each by rename, so never half), and files that went are removed. A runtime whose files are
 * elsewhere (Kubernetes) takes the whole folders again. Returns how many files changed.
 */
async function copyChanges(ctx: WorkerContext, targetId: string, first: Snapshot, last: Snapshot, dirs: string[]) {
  const before = new Map(first.files.map((f) => [f.path, f.sha256]));
  const changed = last.files.filter((f) => before.get(f.path) !== f.sha256);
  const now = new Set(last.files.map((f) => f.path));
  const gone = first.files.filter((f) => !now.has(f.path));
  if (!changed.length && !gone.length) return 0;
  if (ctx.runtime.replaceData) {
    await withInstanceLock(ctx, targetId, () => replaceDomainDirs(ctx, targetId, last.dir, dirs));
    return changed.length + gone.length;
  }
  const dataDir = ctx.runtime.layout(targetId).data;
  await withInstanceLock(ctx, targetId, async () => {
    for (const f of changed) {
      const dest = path.join(dataDir, f.path);
      await fs.mkdir(path.dirname(dest), { recursive: true, mode: 0o750 });
      await fs.copyFile(path.join(last.dir, f.path), `${dest}.xh-moving`);
      await fs.chmod(`${dest}.xh-moving`, f.mode);
      await fs.rename(`${dest}.xh-moving`, dest);
    }
    for (const f of gone) await fs.rm(path.join(dataDir, f.path), { force: true });
    await ctx.runtime.handOver(targetId);
  });
  return changed.length + gone.length;
}

/** The target serves the domain: every account and room the platform knows of is there. */
async function verifyOnTarget(ctx: WorkerContext, domain: Domain, target: Instance) {
  if (!(await ctx.runtime.status(target.id)).running) throw new Error(`${target.name} is not running`);
  const fresh = await instanceWithDomainsOrThrow(ctx.core, target.id);
  const driver = ctx.driverFor(fresh);
  const expected = await domainContents(ctx.core, domain.id);
  const hosts = domainHosts(domain.name);
  const accounts = new Set(await driver.listAccounts(hosts.host));
  const missingAccounts = expected.accounts.filter((a) => !accounts.has(a));
  const rooms = new Set((await driver.listRooms(hosts.muc)).map((r) => r.jid.split("@")[0]));
  const missingRooms = expected.rooms.filter((r) => !rooms.has(r));
  if (missingAccounts.length || missingRooms.length) {
    const list = [...missingAccounts.map((a) => `${a}@${hosts.host}`), ...missingRooms.map((r) => `${r}@${hosts.muc}`)];
    throw new Error(`missing on the new server: ${list.slice(0, 5).join(", ")}${list.length > 5 ? "…" : ""}`);
  }
}

/** A switch that did not verify: the domain goes back to the source, which still has all its data. */
async function moveBack(
  ctx: WorkerContext,
  domain: Domain,
  source: Instance,
  target: Instance,
  hosts: string[],
  converted: boolean,
) {
  // What the target read of a conversion goes before it stops serving the domain.
  if (converted) await forgetOnServer(ctx, target.id, domain.name).catch(() => undefined);
  await recordDomainMoved(ctx.core, domain.id, source.id);
  await applyConfiguration(ctx, target.id).catch(() => undefined);
  await applyConfiguration(ctx, source.id);
  if (converted) await resumeLogins(ctx, source.id, domain.name);
  await withInstanceLock(ctx, target.id, () => ctx.runtime.removeHostData(target.id, hosts)).catch(() => undefined);
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
