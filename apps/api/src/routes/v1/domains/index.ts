import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  createAccount,
  createRoom,
  deleteDomain,
  findAccount,
  findRoom,
  listAccounts,
  listRooms,
  loadDomain,
  updateDomain,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute, operationRoute } from "../../../route-shapes.ts";
import {
  Account,
  creations,
  Domain,
  Id,
  Nullable,
  Operation,
  problemResponses,
  Registration,
  Room,
  replies,
  WaitQuery,
} from "../../../schemas.ts";
import { domainView } from "../../../views.ts";

const Params = Type.Object({ domainId: Id });

export const domainRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId",
    {
      schema: {
        operationId: "getDomain",
        tags: ["domains"],
        params: Params,
        response: { 200: Domain, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return domainView(await loadDomain(app.core, actor, request.params.domainId, "read"), app.core, actor);
    },
  );

  app.patch(
    "/domains/:domainId",
    {
      schema: {
        operationId: "updateDomain",
        tags: ["domains"],
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({ registration: Type.Optional(Registration) }, { additionalProperties: false }),
        response: replies(Type.Object({ domain: Domain, operation: Nullable(Operation) })),
      },
    },
    async (request, reply) => {
      const { domain, operation } = await updateDomain(
        app.core,
        actorOf(request),
        request.params.domainId,
        request.body,
      );
      if (!operation) return { domain: domainView(domain, app.core), operation: null };
      return app.answer(reply, { operation }, request.query.wait, {
        body: () => ({ domain: domainView(domain, app.core) }),
      });
    },
  );

  operationRoute(
    app,
    "DELETE",
    "/domains/:domainId",
    {
      operationId: "deleteDomain",
      tags: ["domains"],
      params: Params,
    },
    (actor, params) => deleteDomain(app.core, actor, params.domainId),
  );

  listRoute(
    app,
    "/domains/:domainId/accounts",
    {
      operationId: "listAccounts",
      tags: ["accounts"],
      params: Params,
      item: Account,
    },
    (actor, params, query) => listAccounts(app.core, actor, params.domainId, query),
  );

  const AccountCreated = Type.Object({
    account: Account,
    operation: Operation,
    password: Type.Optional(
      Type.String({ description: "The generated password, shown once. Absent when you chose one." }),
    ),
  });
  app.post(
    "/domains/:domainId/accounts",
    {
      schema: {
        operationId: "createAccount",
        tags: ["accounts"],
        summary: "Create an XMPP account; without a password one is generated and returned once",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({
          localpart: Type.String({ minLength: 1, maxLength: 256 }),
          password: Type.Optional(Type.String({ minLength: 8, maxLength: 1024 })),
        }),
        response: creations(AccountCreated),
      },
    },
    async (request, reply) => {
      const created = await createAccount(app.core, actorOf(request), request.params.domainId, request.body);
      return app.answer(reply, { operation: created.operation, resource: created.account }, request.query.wait, {
        done: 201,
        reload: () => findAccount(app.core, created.account.id),
        body: (account) => ({
          account: { ...account, jid: created.jid },
          ...(created.password ? { password: created.password } : {}),
        }),
      });
    },
  );

  listRoute(
    app,
    "/domains/:domainId/rooms",
    {
      operationId: "listRooms",
      tags: ["rooms"],
      params: Params,
      item: Room,
    },
    (actor, params, query) => listRooms(app.core, actor, params.domainId, query),
  );

  app.post(
    "/domains/:domainId/rooms",
    {
      schema: {
        operationId: "createRoom",
        tags: ["rooms"],
        summary: "Create a group chat on the domain's MUC service",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 256 }),
          title: Type.Optional(Type.String({ maxLength: 200 })),
          membersOnly: Type.Optional(Type.Boolean()),
          persistent: Type.Optional(Type.Boolean()),
          public: Type.Optional(Type.Boolean()),
          members: Type.Optional(Type.Array(Type.String({ maxLength: 3071 }), { maxItems: 1000 })),
        }),
        response: creations(Type.Object({ room: Room, operation: Operation })),
      },
    },
    async (request, reply) => {
      const { room, operation } = await createRoom(app.core, actorOf(request), request.params.domainId, request.body);
      return app.answer(reply, { operation, resource: room }, request.query.wait, {
        done: 201,
        reload: async () => {
          const latest = await findRoom(app.core, room.id);
          return latest && { ...latest, jid: room.jid };
        },
        body: (latest) => ({ room: latest }),
      });
    },
  );
};
