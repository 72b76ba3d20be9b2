import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { listDomainProblems } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { Nullable, problemResponses } from "../../../schemas.ts";

export const fleetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/fleet/domains",
    {
      schema: {
        operationId: "listFleetDomainProblems",
        tags: ["fleet"],
        summary: "Operators: every domain of the fleet whose DNS or certificate needs attention, and why",
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                domainId: Type.String(),
                name: Type.String(),
                tenantId: Type.String(),
                tenantName: Type.String(),
                dnsStatus: Nullable(Type.String()),
                certificateNotAfter: Type.Unsafe<Date | string | null>({
                  type: ["string", "null"],
                  format: "date-time",
                }),
                reasons: Type.Array(Type.String()),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await listDomainProblems(app.core, actorOf(request)) }),
  );
};
