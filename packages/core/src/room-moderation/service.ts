import type { Operation } from "@xmpp-host/db";
import type { OperationInput } from "@xmpp-host/queue/catalogue";
import type { RecordedAction } from "../audit-log/actions.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError, type FieldCode } from "../errors.ts";
import { isFinished, startOperation, target, waitForOperation } from "../operations/service.ts";
import { loadRoom, roomJid } from "../rooms/service.ts";
import { normalizeBareJid } from "../validation.ts";

export type ModerationAction = OperationInput<"room.moderate">;
export type OccupantRole = "moderator" | "participant" | "visitor";

/** Moderation acts live: the answer waits for the server this long before saying it is unavailable. */
const LIVE_WAIT_SECONDS = 20;
const MAX_REASON = 500;
const MAX_SUBJECT = 1000;

/** What the room's server knows now: who is in it, and who owns, runs, belongs to or is banned from it. */
export interface RoomLiveState {
  occupants: { nick: string; jid: string | null; role: string; affiliation: string }[];
  affiliations: { owner: string[]; admin: string[]; member: string[]; outcast: string[] };
  /** The subject occupants see ("" for none); absent where the server kind does not say. */
  subject?: string;
}

function checkNick(input: string): string {
  const nick = input.trim();
  if (nick.length === 0) throw AppError.field("nick", "is required", "required");
  if (nick.length > 1023) throw AppError.field("nick", "must be at most 1023 characters", "too_long", { max: 1023 });
  return nick;
}

function checkReason(input: string | undefined): { reason?: string } {
  const reason = input?.trim();
  if (!reason) return {};
  if (reason.length > MAX_REASON)
    throw AppError.field("reason", `must be at most ${MAX_REASON} characters`, "too_long", { max: MAX_REASON });
  return { reason };
}

async function loadModeratedRoom(ctx: CoreContext, actor: Actor, roomId: string) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  if (room.state === "deleting")
    throw new AppError("conflict", "the room is being deleted", { reason: "room_deleting" });
  if (room.state !== "active")
    throw new AppError("conflict", "the room is not on its server yet", [
      { field: "roomId", message: "is not on its server yet", code: "not_running" },
    ]);
  return room;
}

/** Refusals the worker records by reason, given back to the caller as the field error they are about. */
const fieldOfReason: Record<string, { field: string; code: FieldCode; status: "not_found" | "conflict" }> = {
  not_in_room: { field: "nick", code: "not_found", status: "not_found" },
  not_banned: { field: "jid", code: "not_found", status: "conflict" },
};

/** Waits for a live operation; its refusal becomes the caller's error, naming the field it is about. */
async function settle(ctx: CoreContext, started: Operation): Promise<Operation> {
  const op = await waitForOperation(ctx, started.id, LIVE_WAIT_SECONDS);
  if (!isFinished(op)) throw new AppError("unavailable", "the room's server did not answer in time; try again shortly");
  if (op.status === "failed") {
    const error = (op.error ?? {}) as { message?: string; reason?: string; params?: Record<string, string | number> };
    const known = error.reason ? fieldOfReason[error.reason] : undefined;
    if (known && error.reason) {
      const message = error.message ?? "is not in the room";
      throw new AppError(known.status, message, {
        reason: error.reason as "not_in_room",
        ...(error.params ? { params: error.params } : {}),
        fields: [{ field: known.field, message, code: known.code }],
      });
    }
    if (error.reason === "room_moderation_unsupported")
      throw new AppError("unprocessable", error.message ?? "this server cannot moderate rooms", {
        reason: "room_moderation_unsupported",
        ...(error.params ? { params: error.params } : {}),
      });
    throw new AppError("unavailable", `the room's server refused: ${error.message ?? "unknown error"}`);
  }
  return op;
}

/** The room's occupants, affiliations and subject, read from its server now. */
export async function inspectRoom(ctx: CoreContext, actor: Actor, roomId: string): Promise<RoomLiveState> {
  const room = await loadModeratedRoom(ctx, actor, roomId);
  // Looking at who is in a room is recorded (the operation and its outcome): it is someone's presence.
  const { operation } = await startOperation(ctx, actor, {
    change: async () => room,
    operation: () => ({ type: "room.inspect", ...target("room", room) }),
  });
  const done = await settle(ctx, operation);
  return done.result as unknown as RoomLiveState;
}

const auditActionOf: Record<ModerationAction["action"], RecordedAction> = {
  kick: "room.occupant_kicked",
  ban: "room.occupant_banned",
  unban: "room.ban_lifted",
  role: "room.role_set",
  affiliation: "room.affiliation_set",
  subject: "room.subject_set",
};

/** The request as it will be carried out, checked. */
function checkAction(input: ModerationAction): ModerationAction {
  switch (input.action) {
    case "kick":
      return { action: "kick", nick: checkNick(input.nick), ...checkReason(input.reason) };
    case "ban":
      return { action: "ban", jid: normalizeBareJid("jid", input.jid), ...checkReason(input.reason) };
    case "unban":
      return { action: "unban", jid: normalizeBareJid("jid", input.jid), to: input.to };
    case "role":
      return { action: "role", nick: checkNick(input.nick), role: input.role };
    case "affiliation":
      return { action: "affiliation", jid: normalizeBareJid("jid", input.jid), affiliation: input.affiliation };
    case "subject": {
      const subject = input.subject.trim();
      if (subject.length > MAX_SUBJECT)
        throw AppError.field("subject", `must be at most ${MAX_SUBJECT} characters`, "too_long", { max: MAX_SUBJECT });
      return { action: "subject", subject };
    }
  }
}

type Request =
  | { action: "kick"; nick: string; reason?: string }
  | { action: "ban"; jid: string; reason?: string }
  | { action: "unban"; jid: string }
  | { action: "role"; nick: string; role: OccupantRole }
  | { action: "affiliation"; jid: string; affiliation: "admin" | "member" }
  | { action: "subject"; subject: string };

/**
 * One moderation action, carried out by the room's server now (through the worker, which alone reaches servers) and
 * audited with the room, its target and the action. A ban also takes the account out of the room's members, so that
 * setting the members again cannot let it back in; lifting a ban in a members-only room makes it a member again, or
 * it still could not join.
 */
export async function moderateRoom(ctx: CoreContext, actor: Actor, roomId: string, request: Request) {
  const room = await loadModeratedRoom(ctx, actor, roomId);
  const action = checkAction(
    request.action === "unban" ? { ...request, to: room.membersOnly ? "member" : "none" } : request,
  );
  const jid = roomJid(room, room.domain.name);
  const members = (() => {
    if (action.action === "ban") return room.members.filter((m) => m !== action.jid);
    if (
      (action.action === "unban" && action.to === "member") ||
      (action.action === "affiliation" && action.affiliation === "member")
    )
      return [...new Set([...room.members, action.jid])].sort();
    return null;
  })();
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) => (members ? tx.room.update({ where: { id: room.id }, data: { members } }) : Promise.resolve(room)),
    operation: () => ({ type: "room.moderate", ...target("room", room), input: action }),
    audit: () => ({ action: auditActionOf[action.action], data: { room: jid, ...withoutAction(action) } }),
  });
  const done = await settle(ctx, operation);
  return { operation: done, result: done.result as Record<string, unknown> | null };
}

/** The audit entry's words: who was acted on (a nickname or an account) and how. */
function withoutAction(action: ModerationAction): Record<string, string> {
  const { action: _, ...rest } = action;
  const { nick, jid, to: _to, ...how } = rest as Record<string, string>;
  const occupant = nick ?? jid;
  return { ...(occupant ? { occupant } : {}), ...how };
}
