import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { requestDomainMove } from "@xmpp-host/core";
import { operationRoute } from "../../../route-shapes.ts";
import { Id } from "../../../schemas.ts";

export const domainMoveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  operationRoute(
    app,
    "POST",
    "/domains/:domainId/move",
    {
      operationId: "moveDomain",
      tags: ["domains"],
      summary:
        "Move the domain with all its data (accounts with their passwords, contacts, history, group chats) to another server. Admins move between their organisation's servers; operators also onto shared servers. Logins pause briefly; the result gives loginsRefusedMs",
      params: Type.Object({ domainId: Id }),
      body: Type.Object({ targetInstanceId: Id }, { additionalProperties: false }),
    },
    (actor, params, body) =>
      requestDomainMove(app.core, actor, params.domainId, body as { targetInstanceId: string }).then(
        (r) => r.operation,
      ),
  );
};
