import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { listApiTokens, revokeApiToken } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Id, PageQuery, problemResponses, RoleSchema } from "../../../schemas.ts";

const ApiTokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tenantId: Type.String(),
  role: RoleSchema,
  prefix: Type.String({ description: "The first characters of the token, to recognise it" }),
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  createdAt: DateTime,
});

export const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/tenants/:tenantId/api-tokens",
    {
      schema: {
        operationId: "listApiTokens",
        tags: ["auth"],
        summary: "List a tenant's API tokens (never their values)",
        params: Type.Object({ tenantId: Id }),
        querystring: PageQuery,
        response: {
          200: Type.Object({ items: Type.Array(ApiTokenView), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { items, nextCursor } = await listApiTokens(
        app.core,
        actorOf(request),
        request.params.tenantId,
        request.query,
      );
      return {
        items: items.map(({ id, name, tenantId, role, prefix, lastUsedAt, createdAt }) => ({
          id,
          name,
          tenantId,
          role,
          prefix,
          lastUsedAt,
          createdAt,
        })),
        nextCursor,
      };
    },
  );

  app.delete(
    "/api-tokens/:tokenId",
    {
      schema: {
        operationId: "revokeApiToken",
        tags: ["auth"],
        summary: "Revoke an API token at once",
        params: Type.Object({ tokenId: Id }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(app.core, actorOf(request), request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
};
