import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { checkFreeAddress, createFreeAddress, findDomain, listTenantDomains } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import {
  creations,
  Domain,
  Id,
  Nullable,
  Operation,
  PageQuery,
  page,
  problemResponses,
  Registration,
  WaitQuery,
} from "../../../schemas.ts";
import { domainView } from "../../../views.ts";

const AddressCheck = Type.Object({
  name: Type.String({ description: "the name as it was understood (trimmed, lower case)" }),
  address: Nullable(Type.String({ description: "NAME.BASE, once the name is a valid DNS label" })),
  available: Type.Boolean(),
  reason: Nullable(
    Type.Union([
      Type.Literal("invalid"),
      Type.Literal("reserved"),
      Type.Literal("offensive"),
      Type.Literal("taken"),
      Type.Literal("unavailable"),
    ]),
  ),
  message: Nullable(Type.String()),
});

/** Free addresses (NAME.PLATFORM_BASE_DOMAIN on the shared pool) and every domain of a tenant. */
export const freeAddressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/free-addresses/:name",
    {
      // Typed as the name is typed: generous, but bounded per client.
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        operationId: "checkFreeAddress",
        tags: ["domains"],
        summary: "Whether NAME.BASE can be had: a valid name, not reserved, not offensive, not taken",
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: AddressCheck, ...problemResponses },
      },
    },
    async (request) => {
      actorOf(request);
      return checkFreeAddress(app.core, request.params.name);
    },
  );

  app.get(
    "/tenants/:tenantId/domains",
    {
      schema: {
        operationId: "listTenantDomains",
        tags: ["domains"],
        summary: "Every domain of the tenant: free addresses on shared servers and domains on its own servers",
        params: Type.Object({ tenantId: Id }),
        querystring: PageQuery,
        response: { 200: page(Domain), ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = await listTenantDomains(
        app.core,
        actorOf(request),
        request.params.tenantId,
        request.query,
      );
      return { items: items.map((d) => domainView(d, app.core)), nextCursor };
    },
  );

  app.post(
    "/tenants/:tenantId/domains",
    {
      schema: {
        operationId: "createFreeAddress",
        tags: ["domains"],
        summary:
          "Get a free address NAME.BASE: hosted on the platform's shared servers, DNS published and certificate issued by the platform",
        params: Type.Object({ tenantId: Id }),
        querystring: WaitQuery,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100, description: "the first label only, e.g. smiths" }),
            registration: Type.Optional(Registration),
          },
          { additionalProperties: false },
        ),
        response: creations(Type.Object({ domain: Domain, operation: Operation })),
      },
    },
    async (request, reply) => {
      const { domain, operation } = await createFreeAddress(
        app.core,
        actorOf(request),
        request.params.tenantId,
        request.body,
      );
      return app.answer(reply, { operation, resource: domain }, request.query.wait, {
        done: 201,
        reload: () => findDomain(app.core, domain.id),
        body: (latest) => ({ domain: domainView(latest, app.core) }),
      });
    },
  );
};
