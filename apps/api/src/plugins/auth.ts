import { type Actor, AppError, actorFromApiToken, actorFromSession, type CoreContext } from "@xmpp-host/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export const SESSION_COOKIE = "xh_session";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    core: CoreContext;
  }
  interface FastifyContextConfig {
    /** The route checks its own credentials (e.g. /metrics with its token). */
    skipAuth?: boolean;
  }
}

/** Resolves the caller from a Bearer API token or the session cookie; routes call `actorOf` to require one. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.config?.skipAuth) return;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      request.actor = await actorFromApiToken(app.core, header.slice(7).trim());
      if (!request.actor) {
        throw new AppError("unauthorized", "the API token is invalid or revoked", { reason: "token_invalid" });
      }
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.actor = await actorFromSession(app.core, cookie);
  });
});

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthorized", "sign in or send an API token (Authorization: Bearer ...)");
  return request.actor;
}
