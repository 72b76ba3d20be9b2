import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  confirmTwoFactor,
  disableTwoFactor,
  regenerateRecoveryCodes,
  setTenantTwoFactor,
  startTwoFactor,
  twoFactorStatus,
} from "@xmpp-host/core";
import type { Redis } from "ioredis";
import { hitLimit } from "../../../limiter.ts";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Id, Nullable, problemResponses } from "../../../schemas.ts";

/** Codes a signed-in user may try per quarter hour while enrolling, disabling or regenerating. */
export const TWO_FACTOR_TRIES_PER_QUARTER = 10;

const Code = Type.String({
  pattern: "^\\s*\\d{3}\\s?\\d{3}\\s*$",
  maxLength: 10,
  description: "6 digits from the app",
});
const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: "Shown once: only their hashes are kept" }),
});

export const twoFactorRoutes: FastifyPluginAsyncTypebox<{ redis: Redis }> = async (app, opts) => {
  /** Tries of codes per user, whatever address they come from. */
  const limit = (userId: string) => hitLimit(opts.redis, `2fa:user:${userId}`, TWO_FACTOR_TRIES_PER_QUARTER, 900);

  app.get(
    "/me/two-factor",
    {
      schema: {
        operationId: "getTwoFactor",
        tags: ["auth"],
        summary: "Whether two-step sign-in is on, and how many recovery codes are left",
        response: {
          200: Type.Object({
            enabled: Type.Boolean(),
            enabledAt: Nullable(DateTime),
            recoveryCodesLeft: Type.Integer(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => twoFactorStatus(app.core, actorOf(request)),
  );

  app.post(
    "/me/two-factor/start",
    {
      schema: {
        operationId: "startTwoFactor",
        tags: ["auth"],
        summary: "Start setting up two-step sign-in: a new secret (base32) and its otpauth:// URI for the QR code",
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String() }), ...problemResponses },
      },
    },
    async (request) => startTwoFactor(app.core, actorOf(request)),
  );

  app.post(
    "/me/two-factor/confirm",
    {
      schema: {
        operationId: "confirmTwoFactor",
        tags: ["auth"],
        summary: "Turn two-step sign-in on with a code from the app; answers the 10 recovery codes, once",
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: RecoveryCodes, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await limit(actor.userId);
      return confirmTwoFactor(app.core, actor, request.body.code);
    },
  );

  app.post(
    "/me/two-factor/disable",
    {
      schema: {
        operationId: "disableTwoFactor",
        tags: ["auth"],
        summary: "Turn two-step sign-in off: needs the password and a code (from the app, or a recovery code)",
        body: Type.Object(
          {
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            code: Type.String({ minLength: 6, maxLength: 30 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await limit(actor.userId);
      await disableTwoFactor(app.core, actor, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/me/two-factor/recovery-codes",
    {
      schema: {
        operationId: "regenerateRecoveryCodes",
        tags: ["auth"],
        summary: "New recovery codes in place of the old ones; needs a code from the app",
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: RecoveryCodes, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await limit(actor.userId);
      return regenerateRecoveryCodes(app.core, actor, request.body.code);
    },
  );

  app.put(
    "/tenants/:tenantId/two-factor",
    {
      schema: {
        operationId: "setTenantTwoFactor",
        tags: ["tenants"],
        summary: "Owners: whether the organisation's owners and admins must use two-step sign-in",
        description:
          "While required, an owner or admin without two-step sign-in gets 403 two_factor_required on the organisation's resources; viewers are not asked. Turning it on needs it on for yourself (412 two_factor_not_enabled).",
        params: Type.Object({ tenantId: Id }),
        body: Type.Object({ requireTwoFactor: Type.Boolean() }, { additionalProperties: false }),
        response: {
          200: Type.Object({ id: Type.String(), requireTwoFactor: Type.Boolean() }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      setTenantTwoFactor(app.core, actorOf(request), request.params.tenantId, request.body.requireTwoFactor),
  );
};
