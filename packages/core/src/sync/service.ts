import type { Domain } from "@xmpp-host/db";
import type { CoreContext } from "../context.ts";
import { roomSettings } from "../rooms/service.ts";

type DbCtx = Pick<CoreContext, "db">;

/** A room as found on the server, named by its JID's local part. */
export interface ServerRoom {
  name: string;
  title: string;
  membersOnly: boolean;
  persistent: boolean;
  public: boolean;
  members: string[];
}

/** The running servers (or one) with the active domains (or one) whose contents sync reads. */
export function instancesToSync(ctx: DbCtx, instanceId?: string, domainId?: string) {
  return ctx.db.instance.findMany({
    where: { status: "running", ...(instanceId ? { id: instanceId } : {}) },
    include: { domains: { where: { state: "active", ...(domainId ? { id: domainId } : {}) } } },
  });
}

/**
 * Accounts found on the server: those the platform did not know are recorded with origin `server`, and all
 * are marked seen. Never deletes. Returns how many were added.
 */
export async function recordServerAccounts(
  ctx: DbCtx,
  domain: Pick<Domain, "id" | "tenantId">,
  localparts: string[],
  now: Date,
): Promise<number> {
  const known = new Set(
    (await ctx.db.account.findMany({ where: { domainId: domain.id }, select: { localpart: true } })).map(
      (a) => a.localpart,
    ),
  );
  const missing = localparts.filter((l) => !known.has(l));
  let added = 0;
  if (missing.length) {
    const created = await ctx.db.account.createMany({
      data: missing.map((localpart) => ({
        tenantId: domain.tenantId,
        domainId: domain.id,
        localpart,
        state: "active" as const,
        origin: "server" as const,
        lastSeenOnServerAt: now,
      })),
      skipDuplicates: true,
    });
    added = created.count;
  }
  await ctx.db.account.updateMany({
    where: { domainId: domain.id, localpart: { in: localparts } },
    data: { lastSeenOnServerAt: now },
  });
  return added;
}

/** Rooms found on the server, as for accounts: unknown ones recorded, all marked seen. Returns how many were added. */
export async function recordServerRooms(
  ctx: DbCtx,
  domain: Pick<Domain, "id" | "tenantId">,
  rooms: ServerRoom[],
  now: Date,
): Promise<number> {
  const knownRooms = new Set(
    (await ctx.db.room.findMany({ where: { domainId: domain.id }, select: { name: true } })).map((r) => r.name),
  );
  const newRooms = rooms.filter((r) => !knownRooms.has(r.name));
  let added = 0;
  if (newRooms.length) {
    const created = await ctx.db.room.createMany({
      data: newRooms.map((r) => ({
        tenantId: domain.tenantId,
        domainId: domain.id,
        ...roomSettings(r),
        state: "active" as const,
        origin: "server" as const,
        lastSeenOnServerAt: now,
      })),
      skipDuplicates: true,
    });
    added = created.count;
  }
  await ctx.db.room.updateMany({
    where: { domainId: domain.id, name: { in: rooms.map((r) => r.name) } },
    data: { lastSeenOnServerAt: now },
  });
  return added;
}

/** The domain's invites that registrations may still be counted against (expired for less than a day). */
export function invitesToSync(ctx: DbCtx, domainId: string) {
  return ctx.db.invite.findMany({
    where: { domainId, revokedAt: null, expiresAt: { gt: new Date(Date.now() - 24 * 3600_000) } },
    select: { id: true, rooms: true, serverUses: true },
  });
}

/**
 * The server counted `registrations` in-band registrations with the invite: the difference is added to its
 * uses, and the new accounts to its rooms. Idempotent, as the server's count is absolute. Returns the uses added.
 */
export function recordInviteRegistrations(
  ctx: DbCtx,
  invite: { id: string; rooms: string[] },
  registrations: number,
  jids: string[],
): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    const n = registrations;
    const added = await tx.$executeRaw`
        UPDATE "Invite" SET uses = uses + (${n} - "serverUses"), "serverUses" = ${n}
         WHERE id = ${invite.id} AND "serverUses" < ${n}`;
    for (const jid of jids) {
      await tx.$executeRaw`
          UPDATE "Room" SET members = array_append(members, ${jid}), "updatedAt" = now()
           WHERE id = ANY(${invite.rooms}) AND NOT (${jid} = ANY(members))`;
    }
    return added;
  });
}
