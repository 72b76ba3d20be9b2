import {
  AppError,
  dnsTargetOf,
  domainHosts,
  inviteStatus,
  inviteUri,
  isUnderPlatformDomain,
  platformSettings,
  roomJid,
} from "@xmpp-host/core";
import type { Operation, Prisma } from "@xmpp-host/db";
import { expectedRecords, publishDomainRecords, unpublishDomainRecords } from "@xmpp-host/dns";
import { announceFinished } from "@xmpp-host/queue";
import {
  type OperationInput,
  type OperationType,
  operationTypes,
  parseOperationInput,
} from "@xmpp-host/queue/catalogue";
import { DriverCommandError } from "@xmpp-host/xmpp";
import { type Job, UnrecoverableError } from "bullmq";
import { liveDomains, specOf, type WorkerContext } from "../context.ts";
import { withInstanceLock } from "../instance-lock.ts";
import {
  createBackup,
  RestoreRefusedError,
  restoreBackup,
  restoreDomainBackup,
  scheduleBackups,
  scheduleDomainBackups,
  unscheduleBackups,
  unscheduleDomainBackups,
} from "./backups.ts";
import { CertificateRefusedError, issueCertificate, requestPublicCertificate } from "./certificates.ts";
import { applyConfiguration, ensureCertificate, hostsOf, loadInstance, PermanentError } from "./configuration.ts";
import { checkDomainDns, scheduleDnsCheck, unscheduleDnsCheck } from "./dns.ts";
import { scheduleProbe, unscheduleProbe } from "./health.ts";
import { emailMemberInvite } from "./member-invites.ts";

export type Progress = (percent: number, step: string) => Promise<void>;
type Result = Prisma.InputJsonValue | undefined;
/** The operation with its input read through the catalogue's schema for its type. */
export type TypedOperation<T extends OperationType> = Omit<Operation, "input"> & { input: OperationInput<T> };
type Handler<T extends OperationType> = (
  ctx: WorkerContext,
  op: TypedOperation<T>,
  progress: Progress,
) => Promise<Result>;

export { PermanentError };

async function startInstance(ctx: WorkerContext, instanceId: string, progress: Progress): Promise<Result> {
  return withInstanceLock(ctx, instanceId, async () => {
    const instance = await loadInstance(ctx, instanceId);
    if (instance.status === "deleting") throw new PermanentError("the instance is being deleted");
    await progress(20, "issuing certificates");
    for (const domain of liveDomains(instance.domains)) await ensureCertificate(ctx, instance.id, domain);
    await progress(40, "starting the server");
    const spec = specOf(ctx, instance, instance.domains);
    await ctx.runtime.writeConfig(spec);
    const status = await ctx.runtime.start(spec);
    await progress(80, "checking the admin channel");
    const driver = ctx.driverFor(instance);
    await driver.applyHosts(hostsOf(ctx, instance));
    const info = await driver.serverInfo();
    await ctx.db.instance.update({
      where: { id: instance.id },
      data: { status: "running", pid: status.pid, version: info.version, lastError: null },
    });
    await scheduleBackups(ctx, instance);
    await scheduleProbe(ctx, instance.id);
    return { pid: status.pid, version: info.version };
  });
}

async function stopInstance(ctx: WorkerContext, instanceId: string): Promise<Result> {
  await ctx.forgetDriver(instanceId);
  await ctx.runtime.stop(instanceId);
  await ctx.db.instance.update({ where: { id: instanceId }, data: { status: "stopped", pid: null } });
  return undefined;
}

async function loadDomainFor(ctx: WorkerContext, domainId: string) {
  const domain = await ctx.db.domain.findUnique({
    where: { id: domainId },
    include: { instance: { include: { domains: true } } },
  });
  if (!domain) throw new PermanentError("the domain no longer exists");
  return domain;
}

async function loadAccountFor(ctx: WorkerContext, accountId: string) {
  const account = await ctx.db.account.findUnique({
    where: { id: accountId },
    include: { domain: { include: { instance: true } } },
  });
  if (!account) throw new PermanentError("the account no longer exists");
  return { account, jid: `${account.localpart}@${account.domain.name}`, instance: account.domain.instance };
}

async function loadRoomFor(ctx: WorkerContext, roomId: string) {
  const room = await ctx.db.room.findUnique({
    where: { id: roomId },
    include: { domain: { include: { instance: true } } },
  });
  if (!room) throw new PermanentError("the room no longer exists");
  return { room, jid: roomJid(room, room.domain.name), instance: room.domain.instance };
}

function secretOf(ctx: WorkerContext, op: Pick<Operation, "secretEncrypted">): string {
  if (!op.secretEncrypted) throw new PermanentError("the operation's secret is missing");
  return ctx.secrets.decrypt(op.secretEncrypted);
}

/** The account's name exists on the server with another password: someone registered it in-band first. */
export class UsernameTakenError extends PermanentError {
  override readonly name: string = "UsernameTakenError";
}

/**
 * Makes the server's invite store match the invite: an active invite is stored under the same token (so the
 * XEP-0401 URI works in clients), any other is removed. Idempotent.
 */
export async function syncInviteToken(ctx: WorkerContext, inviteId: string): Promise<{ token: "stored" | "removed" }> {
  const invite = await ctx.db.invite.findUnique({
    where: { id: inviteId },
    include: { domain: { include: { instance: true } } },
  });
  if (!invite) return { token: "removed" };
  const driver = ctx.driverFor(invite.domain.instance);
  const token = ctx.secrets.decrypt(invite.tokenEncrypted);
  if (inviteStatus(invite) !== "active" || invite.domain.state === "deleting") {
    await driver.deleteInvite(invite.domain.name, token);
    return { token: "removed" };
  }
  const inviter = invite.inviterAccountId
    ? await ctx.db.account.findUnique({ where: { id: invite.inviterAccountId } })
    : null;
  const rooms = invite.rooms.length ? await ctx.db.room.findMany({ where: { id: { in: invite.rooms } } }) : [];
  const inviterJid = inviter ? `${inviter.localpart}@${invite.domain.name}` : null;
  await driver.putInvite(invite.domain.name, {
    token,
    jid: inviterJid ?? invite.domain.name,
    inviter: inviterJid !== null,
    uri: inviteUri(invite.domain.name, token, inviterJid),
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    reusable: invite.maxUses > 1,
    data: {
      xh_invite: invite.id,
      xh_max_uses: invite.maxUses,
      // Prosody adds its own in-band registrations to this: give it only the platform's.
      xh_uses: invite.uses - invite.serverUses,
      xh_rooms: rooms.map((r) => roomJid(r, invite.domain.name)),
      xh_room_names: rooms.map((r) => r.title),
    },
  });
  return { token: "stored" };
}

/**
 * A self-service registration (open domain or invite link): the server account, then for an invite its
 * rooms (membership and autojoin bookmarks), the inviter as a mutual contact, and the token's new state.
 * Every step is idempotent, so a retry after a crash finishes the same work once.
 */
async function registerAccount(
  ctx: WorkerContext,
  op: TypedOperation<"account.register">,
  progress: Progress,
): Promise<Result> {
  const { account, jid, instance } = await loadAccountFor(ctx, op.resourceId);
  const driver = ctx.driverFor(instance);
  const inviteId = op.input.inviteId;
  await progress(20, "creating the account");
  const outcome = await driver.registerAccount(jid, secretOf(ctx, op));
  if (outcome === "taken") {
    // Someone took the name on the server directly (in-band). Undo what the request did, as one change.
    await ctx.db.$transaction(async (tx) => {
      await tx.account.delete({ where: { id: account.id } });
      if (inviteId) {
        await tx.$executeRaw`UPDATE "Invite" SET uses = uses - 1 WHERE id = ${inviteId} AND uses > 0`;
        await tx.$executeRaw`UPDATE "Room" SET members = array_remove(members, ${jid}) WHERE ${jid} = ANY(members)`;
      }
    });
    throw new UsernameTakenError(`${jid} already exists on the server`);
  }
  await ctx.db.account.update({
    where: { id: account.id },
    data: { state: "active", lastSeenOnServerAt: new Date() },
  });
  const rooms: string[] = [];
  let inviter: string | null = null;
  if (inviteId) {
    const invite = await ctx.db.invite.findUnique({ where: { id: inviteId } });
    if (invite) {
      const found = invite.rooms.length
        ? await ctx.db.room.findMany({ where: { id: { in: invite.rooms }, state: "active" } })
        : [];
      await progress(40, "joining the rooms");
      for (const room of found) {
        const roomAddress = roomJid(room, account.domain.name);
        await driver.addRoomMember(roomAddress, jid);
        rooms.push(roomAddress);
      }
      await driver.addBookmarks(
        jid,
        found.map((r) => ({ jid: roomJid(r, account.domain.name), name: r.title })),
      );
      const inviterAccount = invite.inviterAccountId
        ? await ctx.db.account.findUnique({ where: { id: invite.inviterAccountId } })
        : null;
      if (inviterAccount && inviterAccount.state === "active") {
        await progress(70, "adding the inviter as a contact");
        inviter = `${inviterAccount.localpart}@${account.domain.name}`;
        await driver.addMutualContacts(inviter, jid);
      }
      await progress(90, "updating the invite on the server");
      await syncInviteToken(ctx, invite.id);
    }
  }
  return { jid, outcome, rooms, inviter };
}

/** One handler per operation type: a missing one fails the type check. */
const typedHandlers = {
  "instance.create": (ctx, op, progress) => startInstance(ctx, op.resourceId, progress),
  "instance.start": (ctx, op, progress) => startInstance(ctx, op.resourceId, progress),
  "instance.stop": (ctx, op) => stopInstance(ctx, op.resourceId),
  "instance.restart": async (ctx, op, progress) => {
    await progress(10, "stopping the server");
    await stopInstance(ctx, op.resourceId);
    return startInstance(ctx, op.resourceId, progress);
  },
  "instance.delete": async (ctx, op, progress) => {
    const instance = await ctx.db.instance.findUnique({ where: { id: op.resourceId } });
    if (!instance) return { alreadyDeleted: true };
    await progress(30, "stopping and removing the server");
    await ctx.forgetDriver(instance.id);
    await unscheduleBackups(ctx, instance.id);
    await unscheduleProbe(ctx, instance.id);
    await ctx.runtime.destroy(instance.id);
    await progress(80, "removing the records");
    await ctx.db.$transaction([
      ctx.db.domain.deleteMany({ where: { instanceId: instance.id } }),
      ctx.db.instance.delete({ where: { id: instance.id } }),
    ]);
    return undefined;
  },

  "domain.create": async (ctx, op, progress) => {
    const domain = await loadDomainFor(ctx, op.resourceId);
    if (domain.state === "deleting") throw new PermanentError("the domain is being deleted");
    // A new shared server is started by its own operation; the domain waits for it (retried with backoff).
    if (domain.instance.status === "provisioning") throw new Error("the server for this domain is still starting");
    await progress(30, "issuing the certificate");
    await ensureCertificate(ctx, domain.instanceId, domain);
    await progress(60, "activating the hosts");
    const applied = await applyConfiguration(ctx, domain.instanceId);
    // Domains under the platform's base domain are the platform's own: published by it, verified by construction.
    const platform = platformSettings(ctx.core);
    const managed = isUnderPlatformDomain(domain.name, platform);
    const zone = managed ? ctx.platformZone() : null;
    if (zone) {
      await progress(80, "publishing the DNS records");
      await publishDomainRecords(zone, expectedRecords(dnsTargetOf(domain, domain.instance, platform)));
    }
    await ctx.db.domain.update({
      where: { id: domain.id },
      data: { state: "active", ...(managed ? { verified: true, verifiedAt: domain.verifiedAt ?? new Date() } : {}) },
    });
    await scheduleDnsCheck(ctx, domain.id, null);
    if (domain.instance.placement === "shared") await scheduleDomainBackups(ctx, domain.id);
    // A free address gets a public certificate by DNS-01 in the platform zone wherever ACME is configured.
    if (zone && ctx.env.ACME_EMAIL) await requestPublicCertificate(ctx, domain.id, domain.tenantId);
    return applied;
  },
  "domain.update": async (ctx, op, progress) => {
    const domain = await loadDomainFor(ctx, op.resourceId);
    await progress(50, "applying the configuration");
    // The changed host is re-activated with its new settings; its neighbours are not touched.
    return applyConfiguration(ctx, domain.instanceId);
  },
  "domain.delete": async (ctx, op, progress) => {
    const domain = await ctx.db.domain.findUnique({
      where: { id: op.resourceId },
      include: { instance: true, backups: true },
    });
    if (!domain) return { alreadyDeleted: true };
    await progress(30, "deactivating the hosts");
    await applyConfiguration(ctx, domain.instanceId);
    await progress(50, "removing the domain's data and keys from the server");
    const hosts = Object.values(domainHosts(domain.name));
    await withInstanceLock(ctx, domain.instanceId, () => ctx.runtime.removeHostData(domain.instanceId, hosts));
    const platform = platformSettings(ctx.core);
    const zone = isUnderPlatformDomain(domain.name, platform) ? ctx.platformZone() : null;
    if (zone) {
      await progress(70, "removing the DNS records");
      await unpublishDomainRecords(zone, expectedRecords(dnsTargetOf(domain, domain.instance, platform)));
    }
    await progress(85, "removing the domain's backups");
    for (const b of domain.backups) if (b.storageKey) await ctx.backupStore().delete(b.storageKey);
    await unscheduleDnsCheck(ctx, domain.id);
    await unscheduleDomainBackups(ctx, domain.id);
    await ctx.db.domain.delete({ where: { id: domain.id } });
    return { removedHosts: hosts, removedBackups: domain.backups.length };
  },

  "account.create": async (ctx, op) => {
    const { account, jid, instance } = await loadAccountFor(ctx, op.resourceId);
    const outcome = await ctx.driverFor(instance).createAccount(jid, secretOf(ctx, op));
    await ctx.db.account.update({
      where: { id: account.id },
      data: { state: "active", lastSeenOnServerAt: new Date() },
    });
    return { jid, outcome };
  },
  "account.register": registerAccount,
  "invite.create": (ctx, op) => syncInviteToken(ctx, op.resourceId),
  "invite.revoke": (ctx, op) => syncInviteToken(ctx, op.resourceId),
  "member.invite": (ctx, op) => emailMemberInvite(ctx, op.resourceId),
  "account.delete": async (ctx, op) => {
    const found = await ctx.db.account.findUnique({ where: { id: op.resourceId } });
    if (!found) return { alreadyDeleted: true };
    const { account, jid, instance } = await loadAccountFor(ctx, op.resourceId);
    const outcome = await ctx.driverFor(instance).deleteAccount(jid);
    await ctx.db.account.delete({ where: { id: account.id } });
    return { jid, outcome };
  },
  "account.password": async (ctx, op) => {
    const { jid, instance } = await loadAccountFor(ctx, op.resourceId);
    await ctx.driverFor(instance).setPassword(jid, secretOf(ctx, op));
    return { jid };
  },

  "room.create": async (ctx, op, progress) => {
    const { room, jid, instance } = await loadRoomFor(ctx, op.resourceId);
    const driver = ctx.driverFor(instance);
    await progress(40, "creating the room");
    const outcome = await driver.createRoom(jid, {
      title: room.title,
      membersOnly: room.membersOnly,
      persistent: room.persistent,
      public: room.public,
    });
    await progress(70, "setting the members");
    await driver.setRoomMembers(jid, room.members);
    await ctx.db.room.update({
      where: { id: room.id },
      data: { state: "active", lastSeenOnServerAt: new Date() },
    });
    return { jid, outcome };
  },
  "room.update": async (ctx, op) => {
    const { room, jid, instance } = await loadRoomFor(ctx, op.resourceId);
    await ctx.driverFor(instance).configureRoom(jid, {
      title: room.title,
      membersOnly: room.membersOnly,
      persistent: room.persistent,
      public: room.public,
    });
    return { jid };
  },
  "room.members": async (ctx, op) => {
    const { room, jid, instance } = await loadRoomFor(ctx, op.resourceId);
    await ctx.driverFor(instance).setRoomMembers(jid, room.members);
    return { jid, members: room.members.length };
  },
  "dns.check": async (ctx, op, progress) => {
    await progress(30, "querying the DNS");
    const result = await checkDomainDns(ctx, op.resourceId);
    if (!result) throw new PermanentError("the domain no longer exists");
    return result;
  },
  "certificate.issue": (ctx, op, progress) => issueCertificate(ctx, op.resourceId, op.input.source, progress),
  "backup.create": (ctx, op, progress) => createBackup(ctx, op.resourceId, progress),
  "backup.restore": (ctx, op, progress) => restoreBackup(ctx, op.resourceId, op.input.backupId, progress),
  "domain.restore": (ctx, op, progress) => restoreDomainBackup(ctx, op.resourceId, op.input, progress),
  "room.delete": async (ctx, op) => {
    const found = await ctx.db.room.findUnique({ where: { id: op.resourceId } });
    if (!found) return { alreadyDeleted: true };
    const { room, jid, instance } = await loadRoomFor(ctx, op.resourceId);
    const outcome = await ctx.driverFor(instance).destroyRoom(jid);
    await ctx.db.room.delete({ where: { id: room.id } });
    return { jid, outcome };
  },
} satisfies { [T in OperationType]: Handler<T> };

/** Each type's handler, given the input as its schema reads it; a malformed input fails the operation for good. */
export const operationHandlers = Object.fromEntries(
  operationTypes.map((type) => {
    const handler = typedHandlers[type] as Handler<OperationType>;
    const run = (ctx: WorkerContext, op: Operation, progress: Progress) => {
      const input = parseOperationInput(type, op.input);
      if (!input.ok) throw new PermanentError(input.reason);
      return handler(ctx, { ...op, input: input.input }, progress);
    };
    return [type, run];
  }),
) as Record<OperationType, (ctx: WorkerContext, op: Operation, progress: Progress) => Promise<Result>>;

/** What to mark failed on the resource when its operation fails for good. */
async function markResourceFailed(ctx: WorkerContext, op: Operation, message: string): Promise<void> {
  const where = { id: op.resourceId };
  switch (op.type) {
    case "instance.create":
    case "instance.start":
    case "instance.restart":
      await ctx.db.instance.updateMany({ where, data: { status: "failed", lastError: message } });
      break;
    case "domain.create":
      await ctx.db.domain.updateMany({ where, data: { state: "failed" } });
      break;
    case "account.create":
    case "account.register":
      await ctx.db.account.updateMany({ where, data: { state: "failed" } });
      break;
    case "room.create":
      await ctx.db.room.updateMany({ where, data: { state: "failed" } });
      break;
    default:
      break;
  }
}

function isPermanent(err: unknown): boolean {
  return (
    err instanceof PermanentError ||
    err instanceof DriverCommandError ||
    err instanceof AppError ||
    err instanceof CertificateRefusedError ||
    err instanceof RestoreRefusedError
  );
}

/**
 * Runs one operation exactly once in effect: a finished operation is never re-run, handlers are idempotent,
 * and the outcome is written to PostgreSQL before the job completes.
 */
export async function runOperation(ctx: WorkerContext, job: Job<{ operationId: string }>): Promise<void> {
  const attempt = job.attemptsMade + 1;
  // Claims the operation and reads it in one statement; a finished operation is never run again.
  const [op] = await ctx.db.operation.updateManyAndReturn({
    where: { id: job.data.operationId, status: { in: ["queued", "running"] } },
    data: { status: "running", attempts: attempt, step: "started" },
  });
  if (!op) return;
  if (!op.startedAt) {
    await ctx.db.$executeRaw`UPDATE "Operation" SET "startedAt" = now() WHERE id = ${op.id} AND "startedAt" IS NULL`;
  }
  const handler = operationHandlers[op.type as OperationType];
  if (!handler) throw new UnrecoverableError(`no handler for ${op.type}`);
  const progress: Progress = async (percent, step) => {
    await ctx.db.operation.update({ where: { id: op.id }, data: { progress: percent, step } });
    await job.updateProgress(percent);
  };
  try {
    const result = await handler(ctx, op, progress);
    await ctx.db.$transaction([
      ctx.db.operation.update({
        where: { id: op.id },
        data: {
          status: "succeeded",
          progress: 100,
          step: "done",
          result: result ?? undefined,
          error: undefined,
          secretEncrypted: null,
          finishedAt: new Date(),
        },
      }),
      ctx.db.auditEvent.create({
        data: {
          tenantId: op.tenantId,
          actorUserId: op.actorUserId,
          actorTokenId: op.actorTokenId,
          action: `${op.type}.succeeded`,
          resourceType: op.resourceType,
          resourceId: op.resourceId,
          data: { operationId: op.id },
        },
      }),
    ]);
    await announceFinished(ctx.queues.connection, op.id).catch(() => undefined);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const kind = err instanceof Error ? err.name : "Error";
    const permanent = isPermanent(err);
    const last = attempt >= (job.opts.attempts ?? 1);
    if (permanent || last) {
      await failOperation(ctx, op, { message, kind, attempts: attempt, permanent });
      ctx.log.warn({ operationId: op.id, type: op.type, err: message }, "operation failed");
      throw new UnrecoverableError(message);
    }
    await ctx.db.operation.update({
      where: { id: op.id },
      data: {
        step: `attempt ${attempt} failed; retrying`,
        error: { message, kind, attempts: attempt, retrying: true },
      },
    });
    throw err;
  }
}

/** Records an operation's failure for good: its error, its resource, and the news for whoever waits. */
async function failOperation(ctx: WorkerContext, op: Operation, error: OperationError): Promise<void> {
  await ctx.db.operation.update({ where: { id: op.id }, data: failedData(error) });
  await markResourceFailed(ctx, op, error.message);
  await announceFinished(ctx.queues.connection, op.id).catch(() => undefined);
}

type OperationError = { message: string; kind: string; attempts: number; permanent: boolean };

function failedData(error: OperationError) {
  return { status: "failed", step: "failed", error, secretEncrypted: null, finishedAt: new Date() } as const;
}

/**
 * A job naming this operation was refused (its payload does not match the catalogue): the operation fails
 * for good with the reason, unless it already finished. Returns whether it was failed here.
 */
export async function refuseOperation(
  ctx: WorkerContext,
  operationId: string,
  reason: string,
  attempt: number,
): Promise<boolean> {
  const [op] = await ctx.db.operation.updateManyAndReturn({
    where: { id: operationId, status: { in: ["queued", "running"] } },
    data: failedData({ message: reason, kind: "MalformedJobError", attempts: attempt, permanent: true }),
  });
  if (!op) return false;
  await markResourceFailed(ctx, op, reason);
  await announceFinished(ctx.queues.connection, op.id).catch(() => undefined);
  return true;
}
