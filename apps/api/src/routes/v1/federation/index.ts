import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getDomainFederation } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Id, orNull, problemResponses } from "../../../schemas.ts";

const Params = Type.Object({ domainId: Id });

const Peer = Type.Object({
  domain: Type.String({ description: "Another domain, on another server or on this one" }),
  lastSeenAt: orNull(DateTime),
  refusedIncoming: Type.Integer({ description: "Its stanzas and links the domain's policy refused" }),
  refusedOutgoing: Type.Integer({ description: "Stanzas to it the domain's policy refused" }),
  lastRefusedAt: orNull(DateTime),
});

const Check = Type.Object({
  ok: Type.Boolean(),
  from: Type.String({ description: "The domain the server's check pinged from" }),
  reference: Type.String({ description: "The domain on another server that it pinged" }),
  ms: Type.Optional(Type.Integer({ description: "The round trip, ping to answer, in milliseconds" })),
  code: Type.Optional(Type.Literal("federation_failing")),
  message: Type.Optional(Type.String()),
  checkedAt: DateTime,
});

const FederationView = Type.Object({
  policy: Type.Union([Type.Literal("open"), Type.Literal("allowlist"), Type.Literal("closed")]),
  allowlist: Type.Array(Type.String()),
  platformDomains: Type.Boolean(),
  insecurePartners: Type.Array(Type.String(), {
    description: "Domains accepted without a valid certificate, trusted by dialback alone (a named risk)",
  }),
  peers: Type.Array(Peer, { description: "The most recently active first, at most 100" }),
  peersTotal: Type.Integer(),
  check: Type.Union([Check, Type.Null()], { description: "The server's last federation check; null before any" }),
});

export const federationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId/federation",
    {
      schema: {
        operationId: "getDomainFederation",
        tags: ["federation"],
        summary:
          "Who the domain talks to on other servers: its policy, the domains seen lately, what was refused, and the server's last federation check",
        params: Params,
        response: { 200: FederationView, ...problemResponses },
      },
    },
    async (request) => getDomainFederation(app.core, actorOf(request), request.params.domainId),
  );
};
