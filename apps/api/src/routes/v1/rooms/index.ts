import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import {
  deleteRoom,
  inspectRoom,
  loadRoom,
  moderateRoom,
  renameRoom,
  roomJid,
  setRoomMembers,
  updateRoom,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { operationRoute } from "../../../route-shapes.ts";
import { Id, Operation, problemResponses, Room, replies, WaitQuery } from "../../../schemas.ts";
import { operationView } from "../../../views.ts";

const Params = Type.Object({ roomId: Id });
const RoomReply = Type.Object({ room: Room, operation: Operation });

// Moderation is live: each route waits for the room's server (through the worker) and answers what it did.
const Nick = Type.String({ minLength: 1, maxLength: 1023, description: "The occupant's nickname in the room" });
const BareJid = Type.String({ minLength: 3, maxLength: 3071, description: "An account's bare JID (user@domain)" });
const Reason = Type.Optional(Type.String({ maxLength: 500, description: "Shown to the occupant" }));
const Occupant = Type.Object({
  nick: Type.String(),
  jid: Type.Union([Type.String(), Type.Null()], { description: "The account's bare JID, when the server says" }),
  role: Type.Union([
    Type.Literal("moderator"),
    Type.Literal("participant"),
    Type.Literal("visitor"),
    Type.Literal("none"),
  ]),
  affiliation: Type.Union([
    Type.Literal("owner"),
    Type.Literal("admin"),
    Type.Literal("member"),
    Type.Literal("outcast"),
    Type.Literal("none"),
  ]),
});
const Affiliations = Type.Object({
  owner: Type.Array(Type.String()),
  admin: Type.Array(Type.String()),
  member: Type.Array(Type.String()),
  outcast: Type.Array(Type.String(), { description: "Banned accounts" }),
});
const ModerationReply = Type.Object({ operation: Operation });
const liveProblems = { ...problemResponses, 422: Type.Ref("Problem"), 503: Type.Ref("Problem") };

export const roomRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/rooms/:roomId",
    {
      schema: {
        operationId: "getRoom",
        tags: ["rooms"],
        params: Params,
        response: { 200: Room, ...problemResponses },
      },
    },
    async (request) => {
      const room = await loadRoom(app.core, actorOf(request), request.params.roomId, "read");
      return { ...room, jid: roomJid(room, room.domain.name) };
    },
  );

  app.patch(
    "/rooms/:roomId",
    {
      schema: {
        operationId: "updateRoom",
        tags: ["rooms"],
        params: Params,
        querystring: WaitQuery,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ maxLength: 200 })),
            membersOnly: Type.Optional(Type.Boolean()),
            persistent: Type.Optional(Type.Boolean()),
            public: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: replies(RoomReply),
      },
    },
    async (request, reply) => {
      const { room, operation } = await updateRoom(app.core, actorOf(request), request.params.roomId, request.body);
      return app.answer(reply, { operation }, request.query.wait, { body: () => ({ room }) });
    },
  );

  app.put(
    "/rooms/:roomId/members",
    {
      schema: {
        operationId: "setRoomMembers",
        tags: ["rooms"],
        summary: "Make exactly these bare JIDs the room's members",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({ members: Type.Array(Type.String({ maxLength: 3071 }), { maxItems: 1000 }) }),
        response: replies(RoomReply),
      },
    },
    async (request, reply) => {
      const { room, operation } = await setRoomMembers(app.core, actorOf(request), request.params.roomId, request.body);
      return app.answer(reply, { operation }, request.query.wait, { body: () => ({ room }) });
    },
  );

  app.post(
    "/rooms/:roomId/rename",
    {
      schema: {
        operationId: "renameRoom",
        tags: ["rooms"],
        summary: "Give the group chat a new name, on the server and in the invite links that offer it",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({ title: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        response: replies(RoomReply),
      },
    },
    async (request, reply) => {
      const { room, operation } = await renameRoom(app.core, actorOf(request), request.params.roomId, request.body);
      return app.answer(reply, { operation }, request.query.wait, { body: () => ({ room }) });
    },
  );

  operationRoute(
    app,
    "DELETE",
    "/rooms/:roomId",
    {
      operationId: "deleteRoom",
      tags: ["rooms"],
      params: Params,
    },
    (actor, params) => deleteRoom(app.core, actor, params.roomId),
  );

  app.get(
    "/rooms/:roomId/occupants",
    {
      schema: {
        operationId: "listRoomOccupants",
        tags: ["rooms"],
        summary: "Who is in the group chat now, and its subject, as its server sees it",
        params: Params,
        response: {
          200: Type.Object({
            occupants: Type.Array(Occupant),
            subject: Type.Optional(
              Type.String({
                description: "The subject occupants see (empty for none); absent where the server kind does not say",
              }),
            ),
          }),
          ...liveProblems,
        },
      },
    },
    async (request) => {
      const { occupants, subject } = await inspectRoom(app.core, actorOf(request), request.params.roomId);
      return { occupants: occupants as Static<typeof Occupant>[], ...(subject !== undefined ? { subject } : {}) };
    },
  );

  app.get(
    "/rooms/:roomId/affiliations",
    {
      schema: {
        operationId: "listRoomAffiliations",
        tags: ["rooms"],
        summary: "The group chat's owners, admins, members and banned accounts, as its server keeps them",
        params: Params,
        response: { 200: Affiliations, ...liveProblems },
      },
    },
    async (request) => (await inspectRoom(app.core, actorOf(request), request.params.roomId)).affiliations,
  );

  const moderation = <B extends TSchema>(
    url: string,
    operationId: string,
    summary: string,
    body: B,
    toRequest: (body: Static<B>) => Parameters<typeof moderateRoom>[3],
    method: "POST" | "PUT" = "POST",
  ) =>
    app.route({
      method,
      url,
      schema: {
        operationId,
        tags: ["rooms"],
        summary,
        params: Params,
        body,
        response: { 200: ModerationReply, ...liveProblems },
      },
      handler: async (request) => {
        const { roomId } = request.params as Static<typeof Params>;
        const { operation } = await moderateRoom(
          app.core,
          actorOf(request),
          roomId,
          toRequest(request.body as Static<B>),
        );
        return { operation: operationView(operation) };
      },
    });

  moderation(
    "/rooms/:roomId/kick",
    "kickRoomOccupant",
    "Remove an occupant from the group chat now; they can come back",
    Type.Object({ nick: Nick, reason: Reason }, { additionalProperties: false }),
    (b) => ({ action: "kick", nick: b.nick, ...(b.reason ? { reason: b.reason } : {}) }),
  );
  moderation(
    "/rooms/:roomId/ban",
    "banFromRoom",
    "Ban an account: it leaves the group chat and its members, and cannot come back until unbanned",
    Type.Object({ jid: BareJid, reason: Reason }, { additionalProperties: false }),
    (b) => ({ action: "ban", jid: b.jid, ...(b.reason ? { reason: b.reason } : {}) }),
  );
  moderation(
    "/rooms/:roomId/unban",
    "unbanFromRoom",
    "Lift an account's ban (in a members-only group chat it becomes a member again)",
    Type.Object({ jid: BareJid }, { additionalProperties: false }),
    (b) => ({ action: "unban", jid: b.jid }),
  );
  moderation(
    "/rooms/:roomId/role",
    "setRoomOccupantRole",
    "Make an occupant a moderator, or take it back (participant)",
    Type.Object(
      {
        nick: Nick,
        role: Type.Union([Type.Literal("moderator"), Type.Literal("participant"), Type.Literal("visitor")]),
      },
      { additionalProperties: false },
    ),
    (b) => ({ action: "role", nick: b.nick, role: b.role }),
  );
  moderation(
    "/rooms/:roomId/affiliation",
    "setRoomAffiliation",
    "Make an account an admin of the group chat, or a member again",
    Type.Object(
      { jid: BareJid, affiliation: Type.Union([Type.Literal("admin"), Type.Literal("member")]) },
      { additionalProperties: false },
    ),
    (b) => ({ action: "affiliation", jid: b.jid, affiliation: b.affiliation }),
  );
  moderation(
    "/rooms/:roomId/subject",
    "setRoomSubject",
    "Set the subject every occupant sees; empty clears it",
    Type.Object({ subject: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }),
    (b) => ({ action: "subject", subject: b.subject }),
    "PUT",
  );
};
