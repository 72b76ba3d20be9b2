import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  deleteAccount,
  loadAccount,
  resetPassword,
  restoreAccount,
  SUSPENSION_REASON_MAX,
  suspendAccount,
  withJid,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { operationRoute } from "../../../route-shapes.ts";
import { Account, Id, Operation, problemResponses, replies, WaitQuery } from "../../../schemas.ts";

const Params = Type.Object({ accountId: Id });

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/accounts/:accountId",
    {
      schema: {
        operationId: "getAccount",
        tags: ["accounts"],
        params: Params,
        response: { 200: Account, ...problemResponses },
      },
    },
    async (request) => {
      const account = await loadAccount(app.core, actorOf(request), request.params.accountId, "read");
      return withJid(account, account.domain.name);
    },
  );

  operationRoute(
    app,
    "DELETE",
    "/accounts/:accountId",
    {
      operationId: "deleteAccount",
      tags: ["accounts"],
      params: Params,
    },
    (actor, params) => deleteAccount(app.core, actor, params.accountId),
  );

  operationRoute(
    app,
    "POST",
    "/accounts/:accountId/suspend",
    {
      operationId: "suspendAccount",
      tags: ["accounts"],
      summary: "Suspend an account: it is signed out at once and cannot log in; its password and data are kept",
      params: Params,
      body: Type.Object(
        {
          reason: Type.Optional(
            Type.String({ maxLength: SUSPENSION_REASON_MAX, description: "Why, for the other admins" }),
          ),
        },
        { additionalProperties: false },
      ),
    },
    (actor, params, body) => suspendAccount(app.core, actor, params.accountId, { reason: body?.reason ?? null }),
  );

  operationRoute(
    app,
    "POST",
    "/accounts/:accountId/restore",
    {
      operationId: "restoreAccount",
      tags: ["accounts"],
      summary: "Lift an account's suspension: it logs in again with the password it had",
      params: Params,
    },
    (actor, params) => restoreAccount(app.core, actor, params.accountId),
  );

  const PasswordReply = Type.Object({ operation: Operation, password: Type.Optional(Type.String()) });
  app.post(
    "/accounts/:accountId/password",
    {
      schema: {
        operationId: "resetAccountPassword",
        tags: ["accounts"],
        summary: "Set a new password; without one, a generated password is returned once",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object({ password: Type.Optional(Type.String({ minLength: 8, maxLength: 1024 })) }),
        response: replies(PasswordReply),
      },
    },
    async (request, reply) => {
      const { operation, password } = await resetPassword(
        app.core,
        actorOf(request),
        request.params.accountId,
        request.body ?? {},
      );
      return app.answer(reply, { operation }, request.query.wait, { body: () => (password ? { password } : {}) });
    },
  );
};
