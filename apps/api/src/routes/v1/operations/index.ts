import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getOperation, waitForOperation } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { Id, Operation, problemResponses, WaitQuery } from "../../../schemas.ts";
import { operationView } from "../../../views.ts";

export const operationRoutes: FastifyPluginAsyncTypebox<{ maxWait: number }> = async (app, opts) => {
  app.get(
    "/operations/:operationId",
    {
      schema: {
        operationId: "getOperation",
        tags: ["operations"],
        summary: "An operation's status and progress; ?wait=SECONDS holds until it ends",
        params: Type.Object({ operationId: Id }),
        querystring: WaitQuery,
        response: { 200: Operation, ...problemResponses },
      },
    },
    async (request) => {
      const op = await getOperation(app.core, actorOf(request), request.params.operationId);
      const wait = request.query.wait;
      return operationView(wait ? await waitForOperation(app.core, op.id, Math.min(wait, opts.maxWait)) : op);
    },
  );
};
