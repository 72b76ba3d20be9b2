import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getCertificates, requestCertificate } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { operationRoute } from "../../../route-shapes.ts";
import { DateTime, Id, Nullable, problemResponses } from "../../../schemas.ts";

const Params = Type.Object({ domainId: Id });
const NullableDate = Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" });
const Certificate = Type.Object({
  id: Type.String(),
  source: Type.String({ description: "internal (the platform's CA) or acme (a public CA)" }),
  issuer: Type.String(),
  names: Type.Array(Type.String()),
  notBefore: DateTime,
  notAfter: DateTime,
  fingerprint: Type.String({ description: "SHA-256 of the certificate, hex" }),
  nextRenewalAt: DateTime,
  createdAt: DateTime,
});

export const certificateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId/certificates",
    {
      schema: {
        operationId: "listCertificates",
        tags: ["certificates"],
        summary: "The certificate in use, the next renewal, the last error and recent certificates",
        params: Params,
        response: {
          200: Type.Object({
            domainId: Type.String(),
            mode: Type.String(),
            current: Nullable(Certificate),
            lastError: Nullable(Type.String()),
            lastErrorAt: NullableDate,
            history: Type.Array(Certificate),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => getCertificates(app.core, actorOf(request), request.params.domainId),
  );

  operationRoute(
    app,
    "POST",
    "/domains/:domainId/certificates",
    {
      operationId: "requestCertificate",
      tags: ["certificates"],
      summary: "Issue a new certificate (ACME by default; the domain must be verified) and deploy it live",
      params: Params,
      body: Type.Object(
        { source: Type.Optional(Type.Union([Type.Literal("acme"), Type.Literal("internal")])) },
        { additionalProperties: false },
      ),
    },
    (actor, params, body) => requestCertificate(app.core, actor, params.domainId, body ?? {}),
  );
};
