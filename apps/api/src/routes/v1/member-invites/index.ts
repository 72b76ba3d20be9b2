import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  acceptMemberInvite,
  createMemberInvite,
  listMemberInvites,
  MEMBER_INVITE_EXPIRY,
  revokeMemberInvite,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute } from "../../../route-shapes.ts";
import { goneResponses, Id, MemberInvite, problemResponses, RoleSchema } from "../../../schemas.ts";

/** Invitations by link to join a tenant as owner, admin or viewer. */
export const memberInviteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  listRoute(
    app,
    "/tenants/:tenantId/member-invites",
    {
      operationId: "listMemberInvites",
      tags: ["members"],
      params: Type.Object({ tenantId: Id }),
      item: MemberInvite,
    },
    (actor, params, query) => listMemberInvites(app.core, actor, params.tenantId, query),
  );

  app.post(
    "/tenants/:tenantId/member-invites",
    {
      schema: {
        operationId: "createMemberInvite",
        tags: ["members"],
        summary: "Create an invitation link to join the tenant (owners and admins; only owners may invite owners)",
        params: Type.Object({ tenantId: Id }),
        body: Type.Object(
          {
            role: RoleSchema,
            email: Type.Optional(
              Type.String({
                minLength: 3,
                maxLength: 254,
                description: "Send the link to this address; only the user with this email may accept",
              }),
            ),
            expiresIn: Type.Optional(
              Type.Integer({
                minimum: MEMBER_INVITE_EXPIRY.min,
                maximum: MEMBER_INVITE_EXPIRY.max,
                description: "Seconds from now (default 7 days)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: MemberInvite, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMemberInvite(app.core, actorOf(request), request.params.tenantId, request.body)),
  );

  app.delete(
    "/member-invites/:memberInviteId",
    {
      schema: {
        operationId: "revokeMemberInvite",
        tags: ["members"],
        params: Type.Object({ memberInviteId: Id }),
        response: { 200: MemberInvite, ...problemResponses },
      },
    },
    async (request) => revokeMemberInvite(app.core, actorOf(request), request.params.memberInviteId),
  );

  app.post(
    "/member-invites/:token/accept",
    {
      schema: {
        operationId: "acceptMemberInvite",
        tags: ["members"],
        summary:
          "The signed-in user joins the tenant with the invited role; 410 invite_expired, invite_used_up or invite_revoked",
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: {
          200: Type.Object({ tenantId: Type.String(), tenantName: Type.String(), role: RoleSchema }),
          ...problemResponses,
          ...goneResponses,
        },
      },
    },
    async (request) => acceptMemberInvite(app.core, actorOf(request), request.params.token),
  );
};
