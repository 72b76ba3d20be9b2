import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { createApiToken, me } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, problemResponses, RoleSchema } from "../../../schemas.ts";

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/me",
    {
      schema: {
        operationId: "getMe",
        tags: ["auth"],
        summary: "The signed-in user and their tenants",
        response: {
          200: Type.Object({
            id: Type.String(),
            email: Type.String(),
            name: Type.String(),
            isOperator: Type.Boolean(),
            twoFactorEnabled: Type.Boolean(),
            tenants: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                role: RoleSchema,
                requireTwoFactor: Type.Boolean({
                  description: "Owners and admins must use two-step sign-in to use this organisation",
                }),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => me(app.core, actorOf(request)),
  );

  app.post(
    "/api-tokens",
    {
      schema: {
        operationId: "createApiToken",
        tags: ["auth"],
        summary: "Create an API token for one tenant; its value is shown once",
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          tenantId: Type.String({ minLength: 1, maxLength: 64 }),
          role: Type.Optional(RoleSchema),
        }),
        response: {
          201: Type.Object({
            id: Type.String(),
            name: Type.String(),
            tenantId: Type.String(),
            role: RoleSchema,
            prefix: Type.String(),
            token: Type.String(),
            createdAt: DateTime,
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { token, value } = await createApiToken(app.core, actorOf(request), request.body);
      return reply.status(201).send({ ...token, token: value });
    },
  );
};
