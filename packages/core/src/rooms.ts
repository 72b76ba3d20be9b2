import { isUniqueViolation, type Room } from "@xmpp-host/db";
import { authorize } from "./access.ts";
import { audit } from "./audit.ts";
import type { Actor, CoreContext } from "./context.ts";
import { domainHosts, loadDomain } from "./domains.ts";
import { AppError } from "./errors.ts";
import { dispatch, paginate, recordOperation } from "./operations.ts";
import { normalizeBareJid, normalizeLocalpart } from "./validation.ts";

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
    const { room, operation } = await ctx.db.$transaction(async (tx) => {
      const room = await tx.room.create({
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
      });
      const operation = await recordOperation(ctx, tx, actor, {
        type: "room.create",
        tenantId: domain.tenantId,
        resourceType: "room",
        resourceId: room.id,
      });
      await audit(tx, actor, {
        tenantId: domain.tenantId,
        action: "room.created",
        resourceType: "room",
        resourceId: room.id,
        data: { jid: roomJid(room, domain.name) },
      });
      return { room, operation };
    });
    await dispatch(ctx, operation);
    return { room: { ...room, jid: roomJid(room, domain.name) }, operation };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", `the room ${name} already exists`, [
        { field: "name", message: "is already taken", code: "taken" },
      ]);
    throw err;
  }
}

export async function loadRoom(ctx: CoreContext, actor: Actor, roomId: string, need: "read" | "write") {
  const room = await ctx.db.room.findUnique({ where: { id: roomId }, include: { domain: true } });
  if (!room) throw AppError.notFound("room");
  await authorize(ctx, actor, room.tenantId, need).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw AppError.notFound("room");
    throw err;
  });
  return room;
}

export async function listRooms(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  page: { cursor?: string; limit: number },
) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  const rows = await ctx.db.room.findMany({
    where: { domainId },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  return { items: items.map((r) => ({ ...r, jid: roomJid(r, domain.name) })), nextCursor };
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
  const { updated, operation } = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.room.update({ where: { id: room.id }, data });
    const operation = await recordOperation(ctx, tx, actor, {
      type: "room.update",
      tenantId: room.tenantId,
      resourceType: "room",
      resourceId: room.id,
      input: data,
    });
    await audit(tx, actor, {
      tenantId: room.tenantId,
      action: "room.updated",
      resourceType: "room",
      resourceId: room.id,
      data,
    });
    return { updated, operation };
  });
  await dispatch(ctx, operation);
  return { room: { ...updated, jid: roomJid(updated, room.domain.name) }, operation };
}

export async function setRoomMembers(ctx: CoreContext, actor: Actor, roomId: string, input: { members: string[] }) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  if (room.state === "deleting")
    throw new AppError("conflict", "the room is being deleted", { reason: "room_deleting" });
  const members = checkMembers(input.members);
  const { updated, operation } = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.room.update({ where: { id: room.id }, data: { members } });
    const operation = await recordOperation(ctx, tx, actor, {
      type: "room.members",
      tenantId: room.tenantId,
      resourceType: "room",
      resourceId: room.id,
    });
    await audit(tx, actor, {
      tenantId: room.tenantId,
      action: "room.members_set",
      resourceType: "room",
      resourceId: room.id,
      data: { members },
    });
    return { updated, operation };
  });
  await dispatch(ctx, operation);
  return { room: { ...updated, jid: roomJid(updated, room.domain.name) }, operation };
}

export async function deleteRoom(ctx: CoreContext, actor: Actor, roomId: string) {
  const room = await loadRoom(ctx, actor, roomId, "write");
  const operation = await ctx.db.$transaction(async (tx) => {
    await tx.room.update({ where: { id: room.id }, data: { state: "deleting" } });
    const op = await recordOperation(ctx, tx, actor, {
      type: "room.delete",
      tenantId: room.tenantId,
      resourceType: "room",
      resourceId: room.id,
    });
    await audit(tx, actor, {
      tenantId: room.tenantId,
      action: "room.deleted",
      resourceType: "room",
      resourceId: room.id,
      data: { jid: roomJid(room, room.domain.name) },
    });
    return op;
  });
  await dispatch(ctx, operation);
  return operation;
}
