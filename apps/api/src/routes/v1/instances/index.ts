import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  createDomain,
  deleteInstance,
  findDomain,
  INSTANCE_NAME_MAX,
  instanceAction,
  listDomains,
  loadInstance,
  updateInstance,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { operationRoute } from "../../../route-shapes.ts";
import {
  creations,
  Domain,
  Id,
  Instance,
  Operation,
  PageQuery,
  page,
  problemResponses,
  Registration,
  WaitQuery,
} from "../../../schemas.ts";
import { domainView, instanceView } from "../../../views.ts";

const Params = Type.Object({ instanceId: Id });

export const instanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/instances/:instanceId",
    {
      schema: {
        operationId: "getInstance",
        tags: ["instances"],
        params: Params,
        response: { 200: Instance, ...problemResponses },
      },
    },
    async (request) => instanceView(await loadInstance(app.core, actorOf(request), request.params.instanceId, "read")),
  );

  app.patch(
    "/instances/:instanceId",
    {
      schema: {
        operationId: "updateInstance",
        tags: ["instances"],
        params: Params,
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: INSTANCE_NAME_MAX })) },
          { additionalProperties: false },
        ),
        response: { 200: Instance, ...problemResponses },
      },
    },
    async (request) =>
      instanceView(await updateInstance(app.core, actorOf(request), request.params.instanceId, request.body)),
  );

  operationRoute(
    app,
    "DELETE",
    "/instances/:instanceId",
    {
      operationId: "deleteInstance",
      tags: ["instances"],
      summary: "Stop and remove the instance; with domains, needs ?force=true",
      params: Params,
      querystring: Type.Object({ force: Type.Boolean({ default: false }), ...WaitQuery.properties }),
    },
    (actor, params, _body, query) => deleteInstance(app.core, actor, params.instanceId, query.force),
  );

  for (const action of ["start", "stop", "restart"] as const) {
    operationRoute(
      app,
      "POST",
      `/instances/:instanceId/actions/${action}`,
      {
        operationId: `${action}Instance`,
        tags: ["instances"],
        params: Params,
      },
      (actor, params) => instanceAction(app.core, actor, params.instanceId, action),
    );
  }

  app.get(
    "/instances/:instanceId/domains",
    {
      schema: {
        operationId: "listDomains",
        tags: ["domains"],
        params: Params,
        querystring: PageQuery,
        response: { 200: page(Domain), ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = await listDomains(
        app.core,
        actorOf(request),
        request.params.instanceId,
        request.query,
      );
      return { items: items.map((d) => domainView(d, app.core)), nextCursor };
    },
  );

  app.post(
    "/instances/:instanceId/domains",
    {
      schema: {
        operationId: "createDomain",
        tags: ["domains"],
        summary: "Add an XMPP domain (virtual host) with its group chat and upload services",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 253 }),
          registration: Type.Optional(Registration),
        }),
        response: creations(Type.Object({ domain: Domain, operation: Operation })),
      },
    },
    async (request, reply) => {
      const { domain, operation } = await createDomain(
        app.core,
        actorOf(request),
        request.params.instanceId,
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
