import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { disableIrcGateway, enableIrcGateway, getIrcGateway } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { Id, IrcGateway, Nullable, Operation, problemResponses, replies, WaitQuery } from "../../../schemas.ts";

const Params = Type.Object({ domainId: Id });
const GatewayReply = Type.Object({ gateway: IrcGateway, operation: Nullable(Operation) });
const DisableReply = Type.Object({ operation: Nullable(Operation) });

export const ircGatewayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId/irc-gateway",
    {
      schema: {
        operationId: "getIrcGateway",
        tags: ["irc-gateways"],
        summary: "The domain's IRC gateway (irc.DOMAIN): whether it is on, its address and its limits",
        params: Params,
        response: { 200: IrcGateway, ...problemResponses },
      },
    },
    (request) => getIrcGateway(app.core, actorOf(request), request.params.domainId),
  );

  app.put(
    "/domains/:domainId/irc-gateway",
    {
      schema: {
        operationId: "enableIrcGateway",
        tags: ["irc-gateways"],
        summary: "Turn the IRC gateway on; a gateway already on is answered as it is, with no operation",
        params: Params,
        querystring: WaitQuery,
        response: replies(GatewayReply),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { domainId } = request.params;
      const { gateway, operation } = await enableIrcGateway(app.core, actor, domainId);
      if (!operation) return reply.status(200).send({ gateway, operation: null });
      return app.answer(reply, { operation }, request.query.wait, {
        reload: () => getIrcGateway(app.core, actor, domainId),
        body: (current) => ({ gateway: current ?? gateway }),
      });
    },
  );

  app.delete(
    "/domains/:domainId/irc-gateway",
    {
      schema: {
        operationId: "disableIrcGateway",
        tags: ["irc-gateways"],
        summary: "Turn the IRC gateway off: it leaves the server live, and its process and data go",
        params: Params,
        querystring: WaitQuery,
        response: replies(DisableReply),
      },
    },
    async (request, reply) => {
      const operation = await disableIrcGateway(app.core, actorOf(request), request.params.domainId);
      if (!operation) return reply.status(200).send({ operation: null });
      return app.answer(reply, { operation }, request.query.wait);
    },
  );
};
