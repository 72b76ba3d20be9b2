import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { listDomainProblems, listFleet } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Nullable, PageQuery, page, problemResponses } from "../../../schemas.ts";
import { HealthStatus, Reason } from "../health/index.ts";

const FleetItem = Type.Object({
  instance: Type.Object({
    id: Type.String(),
    name: Type.String(),
    status: Type.String(),
    server: Type.String(),
    placement: Type.Union([Type.Literal("dedicated"), Type.Literal("shared")]),
  }),
  domainCount: Type.Integer(),
  capacity: Nullable(Type.Integer({ description: "shared servers: the most domains the pool places here" })),
  memoryBytes: Nullable(Type.Number({ description: "resident memory at the last probe" })),
  /** null for shared instances */
  tenant: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  domains: Type.Array(Type.String()),
  health: Type.Object({ status: HealthStatus, reasons: Type.Array(Reason) }),
  onlineUsers: Nullable(Type.Number({ description: "c2s connections at the last probe" })),
  loginSparkline: Type.Array(Type.Number(), { description: "login times (ms) of the last 30 probes, oldest first" }),
  certificateDaysLeft: Nullable(Type.Integer({ description: "fewest days left over the domains" })),
  lastBackup: Nullable(Type.Object({ at: DateTime, status: Type.String() })),
});

export const fleetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/fleet",
    {
      schema: {
        operationId: "listFleet",
        tags: ["fleet"],
        summary: "Operators: every instance with its tenant, domains, health and key figures",
        querystring: PageQuery,
        response: { 200: page(FleetItem), ...problemResponses },
      },
    },
    async (request) => listFleet(app.core, actorOf(request), request.query),
  );

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
