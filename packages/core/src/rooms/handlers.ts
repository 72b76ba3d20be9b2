import type { Room } from "@xmpp-host/db";
import type { CoreContext } from "../context.ts";
import { syncInviteToken } from "../invites/handlers.ts";
import { type OperationHandlers, PermanentError } from "../operations/handler.ts";
import { roomJid } from "./service.ts";

async function roomToApply(ctx: CoreContext, roomId: string) {
  const room = await ctx.db.room.findUnique({
    where: { id: roomId },
    include: { domain: { include: { instance: true } } },
  });
  if (!room) return null;
  return { room, jid: roomJid(room, room.domain.name), instance: room.domain.instance };
}

async function requireRoom(ctx: CoreContext, roomId: string) {
  const found = await roomToApply(ctx, roomId);
  if (!found) throw new PermanentError("the room no longer exists");
  return found;
}

/** The room's settings as the server takes them. */
function settingsOf(room: Room) {
  return { title: room.title, membersOnly: room.membersOnly, persistent: room.persistent, public: room.public };
}

export const roomHandlers = {
  "room.create": {
    run: async (ctx, op, progress) => {
      const { room, jid, instance } = await requireRoom(ctx, op.resourceId);
      const driver = ctx.services.driverFor(instance);
      await progress(40, "creating the room");
      const outcome = await driver.createRoom(jid, settingsOf(room));
      await progress(70, "setting the members");
      await driver.setRoomMembers(jid, room.members);
      await ctx.db.room.update({ where: { id: room.id }, data: { state: "active", lastSeenOnServerAt: new Date() } });
      return { jid, outcome };
    },
    failed: async (ctx, roomId) => {
      await ctx.db.room.updateMany({ where: { id: roomId }, data: { state: "failed" } });
    },
  },
  "room.update": {
    run: async (ctx, op) => {
      const { room, jid, instance } = await requireRoom(ctx, op.resourceId);
      await ctx.services.driverFor(instance).configureRoom(jid, settingsOf(room));
      return { jid };
    },
  },
  "room.members": {
    run: async (ctx, op) => {
      const { room, jid, instance } = await requireRoom(ctx, op.resourceId);
      await ctx.services.driverFor(instance).setRoomMembers(jid, room.members);
      return { jid, members: room.members.length };
    },
  },
  "room.rename": {
    run: async (ctx, op) => {
      const { room, jid, instance } = await requireRoom(ctx, op.resourceId);
      await ctx.services.driverFor(instance).configureRoom(jid, { title: room.title });
      // Invite links that offer the room show its name on the server too.
      const invites = await ctx.db.invite.findMany({
        where: { rooms: { has: room.id }, revokedAt: null, expiresAt: { gt: new Date() } },
        select: { id: true },
      });
      for (const invite of invites) await syncInviteToken(ctx, invite.id);
      return { jid, title: room.title, invites: invites.length };
    },
  },
  "room.delete": {
    run: async (ctx, op) => {
      const found = await roomToApply(ctx, op.resourceId);
      if (!found) return { alreadyDeleted: true };
      const outcome = await ctx.services.driverFor(found.instance).destroyRoom(found.jid);
      await ctx.db.room.delete({ where: { id: found.room.id } });
      return { jid: found.jid, outcome };
    },
  },
} satisfies OperationHandlers<"room.create" | "room.update" | "room.members" | "room.rename" | "room.delete">;
