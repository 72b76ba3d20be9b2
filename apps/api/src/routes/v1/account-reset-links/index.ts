import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  createResetLink,
  getPublicResetLink,
  listResetLinks,
  RESET_LINK_LIMITS,
  revokeResetLink,
  useResetLink,
} from "@xmpp-host/core";
import type { Redis } from "ioredis";
import { hitLimit } from "../../../limiter.ts";
import { actorOf } from "../../../plugins/auth.ts";
import { Branding, DateTime, goneResponses, Id, orNull, problemResponses } from "../../../schemas.ts";

export interface ResetLinkRouteOptions {
  redis: Redis;
  /** New passwords set through reset links, per client IP, per hour. */
  perIpPerHour: number;
}

const HOUR = 3600;

const ResetLinkStatus = Type.Union([
  Type.Literal("active"),
  Type.Literal("used"),
  Type.Literal("expired"),
  Type.Literal("revoked"),
]);

const ResetLink = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  jid: Type.String({ description: "The account's address" }),
  status: ResetLinkStatus,
  expiresAt: DateTime,
  usedAt: orNull(DateTime),
  revokedAt: orNull(DateTime),
  createdAt: DateTime,
});

const CreatedResetLink = Type.Object({
  link: ResetLink,
  url: Type.String({
    description: "WEB_PUBLIC_URL/reset/TOKEN, shown this once: only the token's hash is kept",
  }),
  revokedEarlier: Type.Integer({ description: "How many earlier unused links of the account this one replaced" }),
});

const PublicResetLink = Type.Object({
  status: ResetLinkStatus,
  jid: Type.String({ description: "The address whose password the link resets" }),
  domain: Type.String(),
  tenantName: Type.String(),
  expiresAt: DateTime,
  branding: Branding,
});

const ResetDone = Type.Object({ jid: Type.String(), operationId: Type.String() });

const Token = Type.String({ minLength: 1, maxLength: 256 });

/** Password reset links: admins make and cancel them; anyone holding one sets a new password with it. */
export const accountResetLinkRoutes: FastifyPluginAsyncTypebox<ResetLinkRouteOptions> = async (app, opts) => {
  app.post(
    "/accounts/:accountId/reset-links",
    {
      schema: {
        operationId: "createAccountResetLink",
        tags: ["accounts"],
        summary:
          "Make a one-time password reset link for a chat account (admins); it replaces the account's earlier unused links",
        params: Type.Object({ accountId: Id }),
        body: Type.Object(
          {
            expiresIn: Type.Optional(
              Type.Integer({
                minimum: RESET_LINK_LIMITS.expiresIn.min,
                maximum: RESET_LINK_LIMITS.expiresIn.max,
                default: RESET_LINK_LIMITS.expiresIn.default,
                description: "Seconds from now",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: CreatedResetLink, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await createResetLink(app.core, actorOf(request), request.params.accountId, request.body ?? {});
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/accounts/:accountId/reset-links",
    {
      schema: {
        operationId: "listAccountResetLinks",
        tags: ["accounts"],
        summary: "The account's reset links that still work (admins); their tokens are not kept",
        params: Type.Object({ accountId: Id }),
        response: { 200: Type.Object({ items: Type.Array(ResetLink) }), ...problemResponses },
      },
    },
    async (request) => listResetLinks(app.core, actorOf(request), request.params.accountId),
  );

  app.delete(
    "/reset-links/:linkId",
    {
      schema: {
        operationId: "revokeAccountResetLink",
        tags: ["accounts"],
        summary: "Cancel a reset link (admins): it answers 410 reset_link_revoked from then on",
        params: Type.Object({ linkId: Id }),
        response: { 200: ResetLink, ...problemResponses },
      },
    },
    async (request) => revokeResetLink(app.core, actorOf(request), request.params.linkId),
  );

  app.get(
    "/public/reset-links/:token",
    {
      schema: {
        operationId: "getPublicResetLink",
        tags: ["public"],
        summary: "What a password reset link is for, whatever its status (404 for an unknown token)",
        security: [],
        params: Type.Object({ token: Token }),
        response: { 200: PublicResetLink, 404: problemResponses[404] },
      },
    },
    async (request) => getPublicResetLink(app.core, request.params.token),
  );

  app.post(
    "/public/reset-links/:token",
    {
      schema: {
        operationId: "useResetLink",
        tags: ["public"],
        summary:
          "Set the account's new password through a reset link: 200 once the server has it (202 if still under way); 410 reset_link_used, reset_link_expired or reset_link_revoked; rate-limited per IP",
        security: [],
        params: Type.Object({ token: Token }),
        body: Type.Object({ password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: ResetDone, 202: ResetDone, ...problemResponses, ...goneResponses },
      },
    },
    async (request, reply) => {
      await hitLimit(opts.redis, `reset-link:ip:${request.ip}`, opts.perIpPerHour, HOUR);
      const done = await useResetLink(app.core, request.params.token, request.body);
      return reply.status(done.finished ? 200 : 202).send({ jid: done.jid, operationId: done.operationId });
    },
  );
};
