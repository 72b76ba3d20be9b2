import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  addMember,
  createInstance,
  createTenant,
  findInstance,
  getTenant,
  INSTANCE_NAME_MAX,
  listInstances,
  listMembers,
  listOperations,
  listTenants,
} from "@xmpp-host/core";
import type { Redis } from "ioredis";
import { hitLimit } from "../../../limiter.ts";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute } from "../../../route-shapes.ts";
import {
  creations,
  Id,
  Instance,
  Member,
  MemberInvite,
  Operation,
  PageQuery,
  page,
  problemResponses,
  RoleSchema,
  Tenant,
  WaitQuery,
} from "../../../schemas.ts";
import { instanceView, operationView } from "../../../views.ts";

const TenantParams = Type.Object({ tenantId: Id });

export const tenantRoutes: FastifyPluginAsyncTypebox<{
  redis: Redis;
  invitesPerHour: number;
}> = async (app, opts) => {
  listRoute(
    app,
    "/tenants",
    {
      operationId: "listTenants",
      tags: ["tenants"],
      item: Tenant,
    },
    (actor, _params, query) => listTenants(app.core, actor, query),
  );

  app.post(
    "/tenants",
    {
      schema: {
        operationId: "createTenant",
        tags: ["tenants"],
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 201: Tenant, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createTenant(app.core, actorOf(request), request.body)),
  );

  app.get(
    "/tenants/:tenantId",
    {
      schema: {
        operationId: "getTenant",
        tags: ["tenants"],
        params: TenantParams,
        response: { 200: Tenant, ...problemResponses },
      },
    },
    async (request) => getTenant(app.core, actorOf(request), request.params.tenantId),
  );

  listRoute(
    app,
    "/tenants/:tenantId/members",
    {
      operationId: "listMembers",
      tags: ["tenants"],
      params: TenantParams,
      item: Member,
    },
    (actor, params, query) => listMembers(app.core, actor, params.tenantId, query),
  );

  app.post(
    "/tenants/:tenantId/members",
    {
      schema: {
        operationId: "addMember",
        tags: ["tenants"],
        summary:
          "Invite someone by email to take a role in the tenant: they get a link to accept (the same answer whether or not the address is known)",
        params: TenantParams,
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), role: RoleSchema }),
        response: { 202: MemberInvite, ...problemResponses },
      },
    },
    async (request, reply) => {
      // Per inviting user, so that nobody can use up a tenant's allowance but their own.
      await hitLimit(opts.redis, `member-invites:${actorOf(request).userId}`, opts.invitesPerHour, 3600);
      return reply.status(202).send(await addMember(app.core, actorOf(request), request.params.tenantId, request.body));
    },
  );

  app.get(
    "/tenants/:tenantId/operations",
    {
      schema: {
        operationId: "listOperations",
        tags: ["operations"],
        params: TenantParams,
        querystring: PageQuery,
        response: { 200: page(Operation), ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = await listOperations(
        app.core,
        actorOf(request),
        request.params.tenantId,
        request.query,
      );
      return { items: items.map(operationView), nextCursor };
    },
  );

  app.get(
    "/tenants/:tenantId/instances",
    {
      schema: {
        operationId: "listInstances",
        tags: ["instances"],
        params: TenantParams,
        querystring: PageQuery,
        response: { 200: page(Instance), ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = await listInstances(
        app.core,
        actorOf(request),
        request.params.tenantId,
        request.query,
      );
      return { items: items.map(instanceView), nextCursor };
    },
  );

  app.post(
    "/tenants/:tenantId/instances",
    {
      schema: {
        operationId: "createInstance",
        tags: ["instances"],
        summary: "Create a managed chat server",
        params: TenantParams,
        querystring: WaitQuery,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: INSTANCE_NAME_MAX }),
          server: Type.Optional(Type.Union([Type.Literal("prosody"), Type.Literal("ejabberd")])),
          runtime: Type.Optional(Type.Union([Type.Literal("local"), Type.Literal("kubernetes")])),
          placement: Type.Optional(Type.Union([Type.Literal("dedicated"), Type.Literal("shared")])),
        }),
        response: creations(Type.Object({ instance: Instance, operation: Operation })),
      },
    },
    async (request, reply) => {
      const { instance, operation } = await createInstance(
        app.core,
        actorOf(request),
        request.params.tenantId,
        request.body,
      );
      return app.answer(reply, { operation, resource: instance }, request.query.wait, {
        done: 201,
        reload: () => findInstance(app.core, instance.id),
        body: (latest) => ({ instance: instanceView(latest) }),
      });
    },
  );
};
