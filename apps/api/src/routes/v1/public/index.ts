import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  getPublicDomain,
  getPublicInvite,
  getPublicMemberInvite,
  getSignupStatus,
  providerFileFor,
  publicLogo,
  type Registration,
  registerOpen,
  registerWithInvite,
  requestSignup,
} from "@xmpp-host/core";
import type { Redis } from "ioredis";
import { hitLimit } from "../../../limiter.ts";
import {
  Branding,
  DateTime,
  goneResponses,
  InviteStatus,
  PublicInvite,
  problemResponses,
  RegistrationBody,
  Registration as RegistrationPolicy,
  RoleSchema,
} from "../../../schemas.ts";

export interface PublicRouteOptions {
  redis: Redis;
  openPerIpPerHour: number;
  openPerDomainPerHour: number;
  invitePerIpPerHour: number;
}

const Token = Type.String({ minLength: 1, maxLength: 256 });

const Pages = Type.Record(Type.String(), Type.String(), { description: "language code -> https URL" });
/** XMPP Providers file v2 (providers.xmpp.net); sizes in MB (10^6 bytes) and days, 0 = no limit, -1 = under one. */
const ProviderFile = Type.Object({
  website: Pages,
  alternativeJids: Type.Array(Type.String()),
  busFactor: Type.Integer({ description: "-1 when not stated" }),
  organization: Type.String(),
  passwordReset: Pages,
  serverTesting: Type.Boolean(),
  maximumHttpFileUploadTotalSize: Type.Integer(),
  maximumHttpFileUploadStorageTime: Type.Integer(),
  maximumMessageArchiveManagementStorageTime: Type.Integer(),
  professionalHosting: Type.Boolean(),
  freeOfCharge: Type.Boolean(),
  legalNotice: Pages,
  serverLocations: Type.Array(Type.String()),
  since: Type.String(),
});
const HOUR = 3600;

const InviteRegistered = Type.Object({
  jid: Type.String(),
  rooms: Type.Array(Type.String(), { description: "Bare JIDs of the rooms the account is a member of" }),
  operationId: Type.String(),
});
const OpenRegistered = Type.Object({ jid: Type.String(), operationId: Type.String() });
const SignupState = Type.Union([Type.Literal("pending"), Type.Literal("approved"), Type.Literal("rejected")]);
const SignupRequested = Type.Object({
  jid: Type.String(),
  status: SignupState,
  token: Type.String({ description: "Shown once: the applicant follows the sign-up with it" }),
  statusUrl: Type.String({ description: "The applicant's status page" }),
});
const SignupStatusView = Type.Object({
  jid: Type.String(),
  domain: Type.String(),
  status: SignupState,
  reason: Type.Union([Type.String(), Type.Null()], { description: "Why it was rejected, when the admins said" }),
  createdAt: DateTime,
  decidedAt: Type.Union([DateTime, Type.Null()]),
});

/** 201 once the account exists on the server; 202 (same body) if it is still being created after the wait. */
const statusOf = (r: Registration) => (r.finished ? 201 : 202);

/** Routes anyone may call without signing in: invite landing pages and self-service registration. */
export const publicRoutes: FastifyPluginAsyncTypebox<PublicRouteOptions> = async (app, opts) => {
  app.get(
    "/public/invites/:token",
    {
      schema: {
        operationId: "getPublicInvite",
        tags: ["public"],
        summary: "What an invite link offers, whatever its status (404 for an unknown token)",
        security: [],
        params: Type.Object({ token: Token }),
        response: { 200: PublicInvite, 404: problemResponses[404] },
      },
    },
    async (request) => getPublicInvite(app.core, request.params.token),
  );

  app.post(
    "/public/invites/:token/register",
    {
      schema: {
        operationId: "registerWithInvite",
        tags: ["public"],
        summary:
          "Create an account through an invite: joins its rooms, adds the inviter as a contact. 410 with code invite_expired, invite_used_up or invite_revoked",
        security: [],
        params: Type.Object({ token: Token }),
        body: RegistrationBody,
        response: { 201: InviteRegistered, 202: InviteRegistered, ...problemResponses, ...goneResponses },
      },
    },
    async (request, reply) => {
      await hitLimit(opts.redis, `invite-register:ip:${request.ip}`, opts.invitePerIpPerHour, HOUR);
      const r = await registerWithInvite(app.core, request.params.token, request.body, request.ip);
      return reply.status(statusOf(r)).send({ jid: r.jid, rooms: r.rooms, operationId: r.operationId });
    },
  );

  app.get(
    "/public/domains/:domain",
    {
      schema: {
        operationId: "getPublicDomain",
        tags: ["public"],
        summary: "A domain's registration policy, for the self-service registration page",
        security: [],
        params: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }),
        response: {
          200: Type.Object({
            domain: Type.String(),
            registration: RegistrationPolicy,
            tenantName: Type.String(),
            branding: Branding,
          }),
          404: problemResponses[404],
        },
      },
    },
    async (request) => getPublicDomain(app.core, request.params.domain),
  );

  app.post(
    "/public/domains/:domain/register",
    {
      schema: {
        operationId: "registerOpen",
        tags: ["public"],
        summary:
          "Create an account on a domain with open registration (403 registration_closed otherwise, registration_blocked from a blocked address); rate-limited per IP and per domain",
        security: [],
        params: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }),
        body: RegistrationBody,
        response: { 201: OpenRegistered, 202: OpenRegistered, ...problemResponses, ...goneResponses },
      },
    },
    async (request, reply) => {
      const domain = request.params.domain.trim().toLowerCase();
      await hitLimit(opts.redis, `open-register:ip:${request.ip}`, opts.openPerIpPerHour, HOUR);
      await hitLimit(opts.redis, `open-register:domain:${domain}`, opts.openPerDomainPerHour, HOUR);
      const r = await registerOpen(app.core, domain, request.body, request.ip);
      return reply.status(statusOf(r)).send({ jid: r.jid, operationId: r.operationId });
    },
  );

  app.post(
    "/public/domains/:domain/signups",
    {
      schema: {
        operationId: "requestSignup",
        tags: ["public"],
        summary:
          "Ask for an account on a domain whose sign-ups wait for approval: 202 with a status token; nothing is made on the server until an admin approves. 403 registration_closed on other domains, registration_blocked from a blocked address",
        security: [],
        params: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }),
        body: Type.Composite([
          RegistrationBody,
          Type.Object({
            email: Type.Optional(
              Type.String({
                maxLength: 254,
                description: "Told of the decision by email, when the platform sends mail",
              }),
            ),
          }),
        ]),
        response: { 202: SignupRequested, ...problemResponses, 422: goneResponses[422], 429: goneResponses[429] },
      },
    },
    async (request, reply) => {
      const domain = request.params.domain.trim().toLowerCase();
      // The same limits as open registration: a sign-up costs the admins a decision.
      await hitLimit(opts.redis, `open-register:ip:${request.ip}`, opts.openPerIpPerHour, HOUR);
      await hitLimit(opts.redis, `open-register:domain:${domain}`, opts.openPerDomainPerHour, HOUR);
      return reply.status(202).send(await requestSignup(app.core, domain, request.body, request.ip));
    },
  );

  app.get(
    "/public/signups/:token",
    {
      schema: {
        operationId: "getSignupStatus",
        tags: ["public"],
        summary: "Where a sign-up stands, for the applicant holding its status token (404 for an unknown token)",
        security: [],
        params: Type.Object({ token: Token }),
        response: { 200: SignupStatusView, 404: problemResponses[404] },
      },
    },
    async (request) => getSignupStatus(app.core, request.params.token),
  );

  app.get(
    "/public/member-invites/:token",
    {
      schema: {
        operationId: "getPublicMemberInvite",
        tags: ["public"],
        summary: "What a co-admin invitation offers, whatever its status (404 for an unknown token)",
        security: [],
        params: Type.Object({ token: Token }),
        response: {
          200: Type.Object({
            tenantName: Type.String(),
            role: RoleSchema,
            status: InviteStatus,
            expiresAt: DateTime,
          }),
          404: problemResponses[404],
        },
      },
    },
    async (request) => getPublicMemberInvite(app.core, request.params.token),
  );

  app.get(
    "/public/domains/:domain/logo",
    {
      schema: {
        operationId: "getDomainLogo",
        tags: ["public"],
        summary: "The domain's logo, as its invite and registration pages show it",
        security: [],
        params: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }),
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Unsafe<Buffer>({ type: "string", format: "binary" }), 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      const logo = await publicLogo(app.core, request.params.domain);
      // The URL carries the picture's hash: a new logo gets a new URL, so this one can be cached for good.
      const immutable = request.query.v !== undefined && logo.sha256.startsWith(request.query.v);
      return reply
        .header("content-type", logo.contentType)
        .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=300")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'")
        .send(Buffer.from(logo.bytes));
    },
  );

  app.get(
    "/public/domains/:domain/provider-file",
    {
      schema: {
        operationId: "getProviderFile",
        tags: ["public"],
        summary:
          "The domain's XMPP Providers file (v2), served by the web app at https://DOMAIN/.well-known/xmpp-provider-v2.json",
        security: [],
        params: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }),
        response: { 200: ProviderFile, 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      const file = await providerFileFor(app.core, request.params.domain);
      // Read by apps and by providers.xmpp.net from any origin; it changes when the domain's settings do.
      return reply.header("access-control-allow-origin", "*").header("cache-control", "public, max-age=300").send(file);
    },
  );
};
