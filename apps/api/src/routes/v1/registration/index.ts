import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  approveSignup,
  createRegistrationBlock,
  deleteRegistrationBlock,
  listRegistrationBlocks,
  listSignups,
  REGISTRATION_BLOCK_LIMITS,
  rejectSignup,
  SIGNUP_LIMITS,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute, operationRoute } from "../../../route-shapes.ts";
import {
  creations,
  DateTime,
  Id,
  Nullable,
  Operation,
  PageQuery,
  problemResponses,
  replies,
  WaitQuery,
} from "../../../schemas.ts";

export const SignupStatus = Type.Union([Type.Literal("pending"), Type.Literal("approved"), Type.Literal("rejected")]);

const NullableDate = Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" });

export const Signup = Type.Object({
  id: Type.String(),
  domainId: Type.String(),
  jid: Type.String(),
  localpart: Type.String(),
  email: Nullable(Type.String()),
  status: SignupStatus,
  ip: Nullable(Type.String({ description: "The address the sign-up came from" })),
  reason: Nullable(Type.String({ description: "Why it was rejected, when the admin said" })),
  accountId: Nullable(Type.String()),
  decidedAt: NullableDate,
  createdAt: DateTime,
});

const RegistrationBlock = Type.Object({
  id: Type.String(),
  domainId: Type.String(),
  cidr: Type.String({ description: "Normalised: 203.0.113.7/32, 198.51.100.0/24, 2001:db8::/32" }),
  note: Type.String(),
  createdAt: DateTime,
});

const SignupReply = Type.Object({ signup: Signup, operation: Operation });
const BlockReply = Type.Object({ block: RegistrationBlock, operation: Operation });

/** Sign-ups waiting for approval and addresses blocked from registering, per domain (owners and admins). */
export const registrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  listRoute(
    app,
    "/domains/:domainId/signups",
    {
      operationId: "listSignups",
      tags: ["registration"],
      summary: "Sign-ups of an approval domain, oldest first (pending unless ?status says otherwise)",
      params: Type.Object({ domainId: Id }),
      querystring: Type.Composite([PageQuery, Type.Object({ status: Type.Optional(SignupStatus) })]),
      item: Signup,
    },
    (actor, params, query) => listSignups(app.core, actor, params.domainId, query),
  );

  app.post(
    "/signups/:signupId/approve",
    {
      schema: {
        operationId: "approveSignup",
        tags: ["registration"],
        summary:
          "Approve a pending sign-up: its account is made on the server with the password the applicant chose (409 once decided)",
        params: Type.Object({ signupId: Id }),
        querystring: WaitQuery,
        response: replies(SignupReply),
      },
    },
    async (request, reply) => {
      const { signup, operation } = await approveSignup(app.core, actorOf(request), request.params.signupId);
      return app.answer(reply, { operation }, request.query.wait, { body: () => ({ signup }) });
    },
  );

  app.post(
    "/signups/:signupId/reject",
    {
      schema: {
        operationId: "rejectSignup",
        tags: ["registration"],
        summary: "Reject a pending sign-up: nothing is made on the server, its password is erased (409 once decided)",
        params: Type.Object({ signupId: Id }),
        body: Type.Optional(
          Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: SIGNUP_LIMITS.reason })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Signup, ...problemResponses },
      },
    },
    async (request) => rejectSignup(app.core, actorOf(request), request.params.signupId, request.body ?? {}),
  );

  listRoute(
    app,
    "/domains/:domainId/registration-blocks",
    {
      operationId: "listRegistrationBlocks",
      tags: ["registration"],
      summary: "Addresses and networks that may not register accounts on the domain",
      params: Type.Object({ domainId: Id }),
      item: RegistrationBlock,
    },
    (actor, params, query) => listRegistrationBlocks(app.core, actor, params.domainId, query),
  );

  app.post(
    "/domains/:domainId/registration-blocks",
    {
      schema: {
        operationId: "createRegistrationBlock",
        tags: ["registration"],
        summary:
          "Block an address or network (CIDR) from registering, through the platform and in-band on the server; a lone address becomes /32 or /128",
        params: Type.Object({ domainId: Id }),
        querystring: WaitQuery,
        body: Type.Object(
          {
            cidr: Type.String({
              minLength: 1,
              maxLength: 64,
              description: "198.51.100.7, 198.51.100.0/24, 2001:db8::/32",
            }),
            note: Type.Optional(Type.String({ maxLength: REGISTRATION_BLOCK_LIMITS.note })),
          },
          { additionalProperties: false },
        ),
        response: creations(BlockReply),
      },
    },
    async (request, reply) => {
      const { block, operation } = await createRegistrationBlock(
        app.core,
        actorOf(request),
        request.params.domainId,
        request.body,
      );
      return app.answer(reply, { operation }, request.query.wait, { done: 201, body: () => ({ block }) });
    },
  );

  operationRoute(
    app,
    "DELETE",
    "/registration-blocks/:blockId",
    {
      operationId: "deleteRegistrationBlock",
      tags: ["registration"],
      summary: "Lift a block: the address may register again",
      params: Type.Object({ blockId: Id }),
    },
    (actor, params) => deleteRegistrationBlock(app.core, actor, params.blockId),
  );
};
