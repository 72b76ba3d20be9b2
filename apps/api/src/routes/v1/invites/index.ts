import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { createInvite, getInvite, INVITE_LIMITS, listInvites, revokeInvite } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute } from "../../../route-shapes.ts";
import {
  creations,
  Id,
  Invite,
  InviteStatus,
  Operation,
  PageQuery,
  problemResponses,
  replies,
  WaitQuery,
} from "../../../schemas.ts";

const InviteReply = Type.Object({ invite: Invite, operation: Operation });

export const inviteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/domains/:domainId/invites",
    {
      schema: {
        operationId: "createInvite",
        tags: ["invites"],
        summary: "Create an invite link (owners and admins); the domain's registration must be invite or open",
        params: Type.Object({ domainId: Id }),
        querystring: WaitQuery,
        body: Type.Object(
          {
            maxUses: Type.Optional(
              Type.Integer({ minimum: INVITE_LIMITS.maxUses.min, maximum: INVITE_LIMITS.maxUses.max, default: 1 }),
            ),
            expiresIn: Type.Optional(
              Type.Integer({
                minimum: INVITE_LIMITS.expiresIn.min,
                maximum: INVITE_LIMITS.expiresIn.max,
                default: INVITE_LIMITS.expiresIn.default,
                description: "Seconds from now",
              }),
            ),
            rooms: Type.Optional(Type.Array(Id, { maxItems: 20, description: "Room ids on this domain" })),
            inviterAccountId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: creations(InviteReply),
      },
    },
    async (request, reply) => {
      const { invite, operation } = await createInvite(
        app.core,
        actorOf(request),
        request.params.domainId,
        request.body ?? {},
      );
      return app.answer(reply, { operation }, request.query.wait, { done: 201, body: () => ({ invite }) });
    },
  );

  listRoute(
    app,
    "/domains/:domainId/invites",
    {
      operationId: "listInvites",
      tags: ["invites"],
      params: Type.Object({ domainId: Id }),
      querystring: Type.Composite([PageQuery, Type.Object({ status: Type.Optional(InviteStatus) })]),
      item: Invite,
    },
    (actor, params, query) => listInvites(app.core, actor, params.domainId, query),
  );

  app.get(
    "/invites/:inviteId",
    {
      schema: {
        operationId: "getInvite",
        tags: ["invites"],
        params: Type.Object({ inviteId: Id }),
        response: { 200: Invite, ...problemResponses },
      },
    },
    async (request) => getInvite(app.core, actorOf(request), request.params.inviteId),
  );

  app.delete(
    "/invites/:inviteId",
    {
      schema: {
        operationId: "revokeInvite",
        tags: ["invites"],
        summary: "Revoke an invite: its link stops working and its token leaves the server; it stays listed",
        params: Type.Object({ inviteId: Id }),
        querystring: WaitQuery,
        response: replies(InviteReply),
      },
    },
    async (request, reply) => {
      const { invite, operation } = await revokeInvite(app.core, actorOf(request), request.params.inviteId);
      return app.answer(reply, { operation }, request.query.wait, { body: () => ({ invite }) });
    },
  );
};
