import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  AppError,
  assessPassword,
  completeLoginChallenge,
  login,
  logout,
  openLoginChallenge,
  openSession,
  PLATFORM_PASSWORD_MIN,
  signup,
  XMPP_PASSWORD_MIN,
} from "@xmpp-host/core";
import type { LoginGuard } from "../../../login-guard.ts";
import { SESSION_COOKIE } from "../../../plugins/auth.ts";
import { problemResponses } from "../../../schemas.ts";

const SecondFactorNeeded = Type.Object({
  secondFactorRequired: Type.Literal(true),
  challenge: Type.String({ description: "Send it back to /auth/login/second-factor with a code, within minutes" }),
  expiresAt: Type.String({ format: "date-time" }),
});

const Credentials = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const authRoutes: FastifyPluginAsyncTypebox<{
  sessionTtlHours: number;
  cookieSecure: boolean;
  perMinute: number;
  guard: LoginGuard;
}> = async (app, opts) => {
  const rateLimit = { max: opts.perMinute, timeWindow: "1 minute" };
  const setCookie = (
    reply: { setCookie: (n: string, v: string, o: object) => unknown },
    token: string,
    expires: Date,
  ) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: opts.cookieSecure,
      path: "/",
      expires,
    });

  app.post(
    "/auth/signup",
    {
      config: { rateLimit },
      schema: {
        operationId: "signup",
        tags: ["auth"],
        summary: "Create a user and their first tenant, and sign in",
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 10, maxLength: 1024 }),
          name: Type.String({ minLength: 1, maxLength: 100 }),
          tenantName: Type.String({ minLength: 1, maxLength: 100 }),
        }),
        response: {
          201: Type.Object({
            user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
            tenant: Type.Object({ id: Type.String(), name: Type.String() }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { user, tenant } = await signup(app.core, request.body);
      const session = await openSession(app.core, user.id, opts.sessionTtlHours);
      setCookie(reply, session.sessionToken, session.expiresAt);
      return reply.status(201).send({ user, tenant });
    },
  );

  // The strength hint forms show while a password is typed: the same rules the routes that set passwords apply.
  app.post(
    "/auth/password-check",
    {
      config: { rateLimit: { max: opts.perMinute * 6, timeWindow: "1 minute" } },
      schema: {
        operationId: "checkPassword",
        tags: ["auth"],
        summary: "How strong a password is, and whether it would be accepted (nothing is stored or logged)",
        body: Type.Object(
          {
            password: Type.String({ maxLength: 1024 }),
            kind: Type.Union([Type.Literal("platform"), Type.Literal("chat")], {
              description: "platform: a dashboard user; chat: an XMPP account",
            }),
            personal: Type.Optional(
              Type.Array(Type.String({ maxLength: 254 }), {
                maxItems: 4,
                description: "What the person is known by (email, name, username, address)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            score: Type.Integer({ minimum: 0, maximum: 4 }),
            acceptable: Type.Boolean(),
            problem: Type.Union([Type.String(), Type.Null()]),
            message: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const chat = request.body.kind === "chat";
      return assessPassword(request.body.password, {
        minLength: chat ? XMPP_PASSWORD_MIN : PLATFORM_PASSWORD_MIN,
        personal: request.body.personal ?? [],
        xmpp: chat,
      });
    },
  );

  app.post(
    "/auth/login",
    {
      config: { rateLimit },
      schema: {
        operationId: "login",
        tags: ["auth"],
        summary: "Sign in with email and password; sets an HttpOnly session cookie",
        description:
          "With two-step sign-in on, answers 202 with a challenge instead, and no session: POST /auth/login/second-factor completes it.",
        body: Credentials,
        response: {
          200: Type.Object({
            user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
          }),
          202: SecondFactorNeeded,
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      await opts.guard.check(email);
      let session: Awaited<ReturnType<typeof login>>;
      try {
        session = await login(app.core, request.body, opts.sessionTtlHours);
      } catch (err) {
        if (err instanceof AppError && err.code === "unauthorized") await opts.guard.failed(email);
        throw err;
      }
      // Half a sign-in does not clear the count of failures: wrong codes keep adding to it.
      if (session.challenge !== undefined)
        return reply.status(202).send({
          secondFactorRequired: true as const,
          challenge: session.challenge,
          expiresAt: session.challengeExpiresAt.toISOString(),
        });
      await opts.guard.succeeded(email);
      setCookie(reply, session.sessionToken, session.expiresAt);
      return { user: session.user };
    },
  );

  app.post(
    "/auth/login/second-factor",
    {
      config: { rateLimit },
      schema: {
        operationId: "loginSecondFactor",
        tags: ["auth"],
        summary: "Complete a two-step sign-in with a code from the authenticator app or a recovery code",
        body: Type.Object(
          {
            challenge: Type.String({ minLength: 20, maxLength: 100 }),
            code: Type.Optional(Type.String({ pattern: "^\\s*\\d{3}\\s?\\d{3}\\s*$", maxLength: 10 })),
            recoveryCode: Type.Optional(Type.String({ minLength: 8, maxLength: 30 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { challenge, code, recoveryCode } = request.body;
      if (!code === !recoveryCode) throw AppError.field("code", "give either a code or a recovery code", "required");
      const opened = await openLoginChallenge(app.core, challenge);
      // The same per-account throttle as the password: wrong codes lock the account for a while.
      await opts.guard.check(opened.user.email);
      try {
        await completeLoginChallenge(app.core, opened, { code, recoveryCode });
      } catch (err) {
        if (err instanceof AppError && err.code === "unauthorized") await opts.guard.failed(opened.user.email);
        throw err;
      }
      await opts.guard.succeeded(opened.user.email);
      const session = await openSession(app.core, opened.user.id, opts.sessionTtlHours);
      setCookie(reply, session.sessionToken, session.expiresAt);
      return { user: opened.user };
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: {
        operationId: "logout",
        tags: ["auth"],
        summary: "End the session",
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(app.core, token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );
};
