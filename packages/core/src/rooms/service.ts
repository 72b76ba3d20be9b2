import { isUniqueViolation, type Room } from "@xmpp-host/db";
import { loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { domainHosts, loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { normalizeBareJid, normalizeLocalpart } from "../validation.ts";

export interface RoomInput {
  name: string;
  title?: string;
  membersOnly?: boolean;
  persistent?: boolean;
  public?: boolean;
  members?: string[];
}

function checkTitle(title: string): string {
  const value = title.trim();
  if (value.length === 0) throw AppError.field("title", "is required", "required");
  if (value.length > 200) throw AppError.field("title", "must be at most 200 characters", "too_long", { max: 200 });
  return value;
}

function checkMembers(members: string[]): string[] {
  if (members.length > 1000)
    throw AppError.field("members", "at most 1000 members can be set at once", "too_many", { max: 1000 });
  return [...new Set(members.map((m, i) => normalizeBareJid(`members[${i}]`, m)))].sort();
}

/** What a group chat is, on the server and in a backup: its name, settings and members. */
export function roomSettings(r: Pick<Room, "name" | "title" | "membersOnly" | "persistent" | "public" | "members">) {
  const { name, title, membersOnly, persistent, public: listed, members } = r;
  return { name, title, membersOnly, persistent, public: listed, members };
}

export function roomJid(room: Pick<Room, "name">, domainName: string): string {
  return `${room.name}@${domainHosts(domainName).muc}`;
}

export async function createRoom(ctx: CoreContext, actor: Actor, domainId: string, input: RoomInput) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  const name = normalizeLocalpart("name", input.name, 256);
  const title = checkTitle(input.title ?? input.name);
  const members = checkMembers(input.members ?? []);
  try {
    const { resource: room, operation } = await startOperation(ctx, actor, {
      change: (tx) =>
        tx.room.create({
          data: {
            tenantId: domain.tenantId,
            domainId,
            name,
            title,
            membersOnly: input.membersOnly ?? true,
            persistent: input.persistent ?? true,
            public: input.public ?? false,
            members,
          },
        }),
      operation: (room) => ({ type: "room.create", ...target("room", room) }),
      audit: (room) => ({ action: "room.created", data: { jid: roomJid(room, domain.name) } }),
    });
    return { room: { ...room, jid: roomJid(room, domain.name) }, operation };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", `the room ${name} already exists`, [
        { field: "name", message: "is already taken", code: "taken" },
      ]);
    throw err;
  }
}

export function loadRoom(ctx: CoreContext, actor: Actor, roomId: string, need: "read" | "write") {
  const found = ctx.db.room.findUnique({ where: { id: roomId }, include: { domain: true } });
  return loadOwned(ctx, actor, "room", found, need);
}

export async function listRooms(ctx: CoreContext, actor: Actor, domainId: string, page: Page) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  return pageOf(
    page,
    (q) => ctx.db.room.findMany({ where: { domainId }, orderBy: { id: "asc" }, ...q }),
    (r) => ({ ...r, jid: roomJid(r, domain.name) }),
  );
}

export async function updateRoom(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  input: { title?: string; membersOnly?: boolean; persistent?: boolean; public?: boolean },
) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  if (room.state === "deleting")
    throw new AppError("conflict", "the room is being deleted", { reason: "room_deleting" });
  const data = {
    ...(input.title !== undefined ? { title: checkTitle(input.title) } : {}),
    ...(input.membersOnly !== undefined ? { membersOnly: input.membersOnly } : {}),
    ...(input.persistent !== undefined ? { persistent: input.persistent } : {}),
    ...(input.public !== undefined ? { public: input.public } : {}),
  };
  const { resource: updated, operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.room.update({ where: { id: room.id }, data }),
    operation: () => ({ type: "room.update", ...target("room", room), input: data }),
    audit: () => ({ action: "room.updated", data }),
  });
  return { room: { ...updated, jid: roomJid(updated, room.domain.name) }, operation };
}

export async function setRoomMembers(ctx: CoreContext, actor: Actor, roomId: string, input: { members: string[] }) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  if (room.state === "deleting")
    throw new AppError("conflict", "the room is being deleted", { reason: "room_deleting" });
  const members = checkMembers(input.members);
  const { resource: updated, operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.room.update({ where: { id: room.id }, data: { members } }),
    operation: () => ({ type: "room.members", ...target("room", room) }),
    audit: () => ({ action: "room.members_set", data: { members } }),
  });
  return { room: { ...updated, jid: roomJid(updated, room.domain.name) }, operation };
}

/** Gives the group chat a new name: on the server, and in the invite links that offer it. */
export async function renameRoom(ctx: CoreContext, actor: Actor, roomId: string, input: { title: string }) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  if (room.state === "deleting")
    throw new AppError("conflict", "the room is being deleted", { reason: "room_deleting" });
  const title = checkTitle(input.title);
  const { resource: renamed, operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.room.update({ where: { id: room.id }, data: { title } }),
    operation: () => ({ type: "room.rename", ...target("room", room), input: { title } }),
    audit: () => ({ action: "room.renamed", data: { from: room.title, to: title } }),
  });
  return { room: { ...renamed, jid: roomJid(renamed, room.domain.name) }, operation };
}

export async function deleteRoom(ctx: CoreContext, actor: Actor, roomId: string) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.room.update({ where: { id: room.id }, data: { state: "deleting" } }),
    operation: () => ({ type: "room.delete", ...target("room", room) }),
    audit: () => ({ action: "room.deleted", data: { jid: roomJid(room, room.domain.name) } }),
  });
  return operation;
}

/** The room as it is now, for answers given after an operation ran; null once it is gone. */
export function findRoom(ctx: Pick<CoreContext, "db">, roomId: string) {
  return ctx.db.room.findUnique({ where: { id: roomId } });
}
