import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getDnsView, requestDnsCheck } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { operationRoute } from "../../../route-shapes.ts";
import { DateTime, Id, Nullable, problemResponses } from "../../../schemas.ts";

const Params = Type.Object({ domainId: Id });
const NullableDate = Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" });
const Status = Type.Union([
  Type.Literal("ok"),
  Type.Literal("warning"),
  Type.Literal("error"),
  Type.Literal("unknown"),
]);

const ExpectedRecord = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  value: Type.String(),
  required: Type.Boolean(),
  purpose: Type.String(),
  line: Type.String({ description: "The record in zone-file form" }),
});
const RecordResult = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  status: Status,
  expected: Type.Array(Type.String()),
  found: Type.Array(Type.String()),
  fix: Nullable(Type.String()),
  fixCode: Type.Optional(
    Type.String({ description: "The fix as a code, for clients that word it themselves: docs/api.md" }),
  ),
  fixParams: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  detail: Type.Optional(Type.String()),
  source: Type.Optional(
    Type.Union([Type.Literal("authoritative"), Type.Literal("resolver")], {
      description: "Who answered: the zone's own name servers, or the platform's resolvers (they may cache)",
    }),
  ),
  fallbackReason: Type.Optional(Type.String({ description: "Why the zone's own name servers were not asked" })),
});

export const dnsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId/dns",
    {
      schema: {
        operationId: "getDomainDns",
        tags: ["dns"],
        summary: "The records the domain needs, what the last check found for each, and a zone snippet to copy",
        params: Params,
        response: {
          200: Type.Object({
            domainId: Type.String(),
            name: Type.String(),
            managedByPlatform: Type.Boolean(),
            verified: Type.Boolean(),
            verifiedAt: NullableDate,
            status: Nullable(Status),
            checkedAt: NullableDate,
            watchingUntil: Type.Union([DateTime, Type.Null()], {
              description: "After Check now: failing records are checked again every few seconds until then",
            }),
            expected: Type.Array(ExpectedRecord),
            records: Type.Array(RecordResult),
            zoneSnippet: Type.String(),
            history: Type.Array(
              Type.Object({
                id: Type.String(),
                status: Type.String(),
                durationMs: Type.Integer(),
                createdAt: DateTime,
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => getDnsView(app.core, actorOf(request), request.params.domainId) as never,
  );

  operationRoute(
    app,
    "POST",
    "/domains/:domainId/dns/check",
    {
      operationId: "checkDomainDns",
      tags: ["dns"],
      summary: "Check the domain's DNS records now",
      params: Params,
    },
    (actor, params) => requestDnsCheck(app.core, actor, params.domainId),
  );
};
