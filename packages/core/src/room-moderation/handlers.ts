import type { RoomAffiliation, XmppServerDriver } from "@xmpp-host/xmpp";
import { AppError } from "../errors.ts";
import { type OperationContext, type OperationHandlers, PermanentError } from "../operations/handler.ts";
import { roomJid } from "../rooms/service.ts";
import type { RoomLiveState } from "./service.ts";

/** A driver whose kind moderates rooms: every moderation method, or none (checked by the driver contract). */
type Moderating = XmppServerDriver &
  Required<
    Pick<
      XmppServerDriver,
      | "roomOccupants"
      | "roomAffiliations"
      | "kickOccupant"
      | "setOccupantRole"
      | "setRoomAffiliation"
      | "setRoomSubject"
    >
  >;

const moderates = (d: XmppServerDriver): d is Moderating =>
  [
    d.roomOccupants,
    d.roomAffiliations,
    d.kickOccupant,
    d.setOccupantRole,
    d.setRoomAffiliation,
    d.setRoomSubject,
  ].every((m) => typeof m === "function");

async function roomOnServer(ctx: OperationContext, id: string) {
  const room = await ctx.db.room.findUnique({
    where: { id },
    include: { domain: { include: { instance: true } } },
  });
  if (!room) throw new PermanentError("the room no longer exists");
  const driver = ctx.services.driverFor(room.domain.instance);
  if (!moderates(driver))
    throw new AppError("unprocessable", `${driver.server} cannot moderate rooms from the platform`, {
      reason: "room_moderation_unsupported",
      params: { server: driver.server },
    });
  return { room, jid: roomJid(room, room.domain.name), driver };
}

const notInRoom = (nick: string) =>
  new AppError("not_found", `nobody called ${nick} is in the room`, { reason: "not_in_room", params: { nick } });

export const roomModerationHandlers = {
  "room.inspect": {
    run: async (ctx, op) => {
      const { jid, driver } = await roomOnServer(ctx, op.resourceId);
      const [occupants, affiliations, subject] = await Promise.all([
        driver.roomOccupants(jid),
        driver.roomAffiliations(jid),
        driver.roomSubject?.(jid),
      ]);
      const state: RoomLiveState = { occupants, affiliations, ...(subject !== undefined ? { subject } : {}) };
      return { ...state };
    },
  },
  "room.moderate": {
    run: async (ctx, op) => {
      const { jid, driver } = await roomOnServer(ctx, op.resourceId);
      const a = op.input;
      switch (a.action) {
        case "kick": {
          const outcome = await driver.kickOccupant(jid, a.nick, a.reason);
          if (outcome === "absent") throw notInRoom(a.nick);
          return { jid, outcome };
        }
        case "role": {
          const outcome = await driver.setOccupantRole(jid, a.nick, a.role);
          if (outcome === "absent") throw notInRoom(a.nick);
          return { jid, outcome };
        }
        case "ban": {
          const r = await driver.setRoomAffiliation(jid, a.jid, "outcast", a.reason ? { reason: a.reason } : {});
          return { jid, ...r };
        }
        case "unban": {
          const r = await driver.setRoomAffiliation(jid, a.jid, a.to as RoomAffiliation, { onlyIf: "outcast" });
          if (!r.changed)
            throw new AppError("conflict", `${a.jid} is not banned from the room`, {
              reason: "not_banned",
              params: { jid: a.jid },
            });
          return { jid, ...r };
        }
        case "affiliation": {
          const r = await driver.setRoomAffiliation(jid, a.jid, a.affiliation);
          return { jid, ...r };
        }
        case "subject": {
          await driver.setRoomSubject(jid, a.subject);
          return { jid, subject: a.subject };
        }
      }
    },
  },
} satisfies OperationHandlers<"room.inspect" | "room.moderate">;
