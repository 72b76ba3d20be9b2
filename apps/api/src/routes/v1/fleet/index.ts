import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  listDomainProblems,
  listFleet,
  listFleetTenants,
  recordSupportView,
  renderedConfiguration,
  setInstanceRegion,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Id, Nullable, orNull, PageQuery, page, problemResponses } from "../../../schemas.ts";
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
  health: Type.Object({
    status: HealthStatus,
    reasons: Type.Array(Reason, { description: "open alerts appear as alert_<rule>, critical ones first" }),
  }),
  openAlerts: Type.Object({ critical: Type.Integer(), warning: Type.Integer() }),
  onlineUsers: Nullable(Type.Number({ description: "c2s connections at the last probe" })),
  loginSparkline: Type.Array(Type.Number(), { description: "login times (ms) of the last 30 probes, oldest first" }),
  certificateDaysLeft: Nullable(Type.Integer({ description: "fewest days left over the domains" })),
  lastBackup: Nullable(Type.Object({ at: DateTime, status: Type.String() })),
});

const Search = Type.String({
  maxLength: 100,
  description: "part of a server's name, its tenant's name or one of its domains' names (any case)",
});

const FleetQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    search: Type.Optional(Search),
    status: Type.Optional(
      Type.Union([Type.Literal("healthy"), Type.Literal("degraded"), Type.Literal("down"), Type.Literal("unknown")], {
        description: "the fleet status: the worse of the last probe and the server's open alerts",
      }),
    ),
    tenantId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: "^[A-Za-z0-9_-]+$",
        description: "servers of this tenant, and shared servers that carry one of its domains",
      }),
    ),
    server: Type.Optional(Type.Union([Type.Literal("prosody"), Type.Literal("ejabberd")])),
    placement: Type.Optional(Type.Union([Type.Literal("dedicated"), Type.Literal("shared")])),
  }),
]);

export const fleetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/fleet",
    {
      schema: {
        operationId: "listFleet",
        tags: ["fleet"],
        summary: "Operators: the instances that match, with tenant, domains, status, key figures and the total",
        querystring: FleetQuery,
        response: {
          200: Type.Object({
            items: Type.Array(FleetItem),
            nextCursor: Nullable(Type.String()),
            total: Type.Integer({ description: "how many instances match, over every page" }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => listFleet(app.core, actorOf(request), request.query),
  );

  app.get(
    "/fleet/tenants",
    {
      schema: {
        operationId: "listFleetTenants",
        tags: ["fleet"],
        summary: "Operators: every tenant by name, for filters and the support view",
        querystring: Type.Intersect([
          PageQuery,
          Type.Object({ search: Type.Optional(Type.String({ maxLength: 100, description: "part of the name" })) }),
        ]),
        response: { 200: page(Type.Object({ id: Type.String(), name: Type.String() })), ...problemResponses },
      },
    },
    async (request) => listFleetTenants(app.core, actorOf(request), request.query),
  );

  app.post(
    "/fleet/tenants/:tenantId/support-view",
    {
      schema: {
        operationId: "recordSupportView",
        tags: ["fleet"],
        summary: "Operators: record that the support view of a tenant was opened (audited, once per 10 minutes)",
        params: Type.Object({ tenantId: Id }),
        response: {
          200: Type.Object({
            tenant: Type.Object({ id: Type.String(), name: Type.String() }),
            readOnly: Type.Boolean({ description: "true when the operator is not a member of the tenant" }),
            recorded: Type.Boolean({ description: "false when a view of the last 10 minutes already covers this" }),
            viewedAt: DateTime,
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => recordSupportView(app.core, actorOf(request), request.params.tenantId),
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

  app.get(
    "/fleet/instances/:instanceId/configuration",
    {
      schema: {
        operationId: "getInstanceConfiguration",
        tags: ["fleet"],
        summary:
          "Operators: the server's configuration files as the platform last wrote them, secrets hidden (audited)",
        params: Type.Object({ instanceId: Id }),
        response: {
          200: Type.Object({
            server: Type.String(),
            renderedAt: Nullable(DateTime),
            files: Type.Array(Type.Object({ path: Type.String(), content: Type.String() })),
          }),
          ...problemResponses,
        },
      },
    },
    (request) => renderedConfiguration(app.core, actorOf(request), request.params.instanceId),
  );

  app.patch(
    "/fleet/instances/:instanceId",
    {
      schema: {
        operationId: "setInstanceRegion",
        tags: ["fleet"],
        summary: "Operators: say where a server runs (its country), as providers' files show it",
        params: Type.Object({ instanceId: Id }),
        body: Type.Object(
          {
            region: orNull(Type.String({ pattern: "^[a-z]{2}$", description: "ISO 3166-1 alpha-2, lower case" })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), region: Nullable(Type.String()) }), ...problemResponses },
      },
    },
    (request) => setInstanceRegion(app.core, actorOf(request), request.params.instanceId, request.body.region),
  );
};
