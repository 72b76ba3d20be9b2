import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { mailLanguage, requestUserPasswordReset, resetUserPassword, restoreAccess, sha256 } from "@xmpp-host/core";
import type { Redis } from "ioredis";
import { hitLimit } from "../../../limiter.ts";
import { actorOf } from "../../../plugins/auth.ts";
import { Id, problemResponses } from "../../../schemas.ts";

/** "Forgot password" requests: per sending address, and per email asked about (whoever asks). */
export const PASSWORD_RESET_PER_IP_PER_HOUR = 20;
export const PASSWORD_RESET_PER_EMAIL_PER_HOUR = 5;

export const passwordResetRoutes: FastifyPluginAsyncTypebox<{ redis: Redis }> = async (app, opts) => {
  app.post(
    "/auth/password-reset",
    {
      schema: {
        operationId: "requestPasswordReset",
        tags: ["auth"],
        summary: "Forgot password: email a one-hour, single-use link to choose a new one",
        description:
          "Always 202, whether or not the address is registered (the email is only sent to registered ones). 503 with reason email_not_configured when the platform has no SMTP server.",
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254, format: "email" }) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ accepted: Type.Literal(true) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      await hitLimit(opts.redis, `pwreset:ip:${request.ip}`, PASSWORD_RESET_PER_IP_PER_HOUR, 3600);
      await hitLimit(opts.redis, `pwreset:email:${sha256(email)}`, PASSWORD_RESET_PER_EMAIL_PER_HOUR, 3600);
      const { send } = await requestUserPasswordReset(app.core, {
        email,
        lang: mailLanguage(request.headers["accept-language"]),
      });
      // Sent after the answer, so that a registered address takes no longer to answer than an unknown one.
      if (send)
        void send().catch((err: Error) => request.log.warn({ err: err.message }, "password reset email failed"));
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    "/auth/password-reset/:token",
    {
      schema: {
        operationId: "resetPassword",
        tags: ["auth"],
        summary: "Choose a new password with the link from the email; ends every session of the user",
        description:
          "410 reset_link_used once used, 410 reset_link_expired after an hour; 422 names the password when it is too weak.",
        params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }),
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await hitLimit(opts.redis, `pwreset-use:ip:${request.ip}`, PASSWORD_RESET_PER_IP_PER_HOUR * 3, 3600);
      await resetUserPassword(app.core, request.params.token, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/users/:userId/restore-access",
    {
      schema: {
        operationId: "restoreUserAccess",
        tags: ["auth"],
        summary: "Operators: turn off a locked-out user's two-step sign-in and email them a password link",
        description:
          "Deletes their recovery codes, sends a one-hour password link by email, and tells them who did it. Audited.",
        params: Type.Object({ userId: Id }),
        response: { 202: Type.Object({ email: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const result = await restoreAccess(
        app.core,
        actorOf(request),
        request.params.userId,
        mailLanguage(request.headers["accept-language"]),
      );
      return reply.status(202).send(result);
    },
  );
};
