import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { deleteRoom, loadRoom, renameRoom, roomJid, setRoomMembers, updateRoom } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { operationRoute } from "../../../route-shapes.ts";
import { Id, Operation, problemResponses, Room, replies, WaitQuery } from "../../../schemas.ts";

const Params = Type.Object({ roomId: Id });
const RoomReply = Type.Object({ room: Room, operation: Operation });

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
};
