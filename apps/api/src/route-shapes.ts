import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Static, TObject, TSchema } from "@sinclair/typebox";
import type { Actor } from "@xmpp-host/core";
import type { Operation } from "@xmpp-host/db";
import type { FastifyInstance } from "fastify";
import { actorOf } from "./plugins/auth.ts";
import { OperationOnly, PageQuery, page, problemResponses, replies, WaitQuery } from "./schemas.ts";

type App = Parameters<FastifyPluginAsyncTypebox>[0];

interface ListSpec<P extends TObject, I extends TSchema, Q extends TSchema> {
  operationId: string;
  tags: string[];
  summary?: string;
  /** The path's parameters (the owner's id); none for lists of the caller's own. */
  params?: P;
  /** One row of the list. */
  item: I;
  /** `?cursor=&limit=` by default; a list with filters gives its own. */
  querystring?: Q;
}

/** A paged list route: GET `url`, `?cursor=&limit=`, answering `{ items, nextCursor }` from what `list` reads in core. */
export function listRoute<P extends TObject, I extends TSchema, Q extends TSchema = typeof PageQuery>(
  app: App,
  url: string,
  spec: ListSpec<P, I, Q>,
  list: (actor: Actor, params: Static<P>, query: Static<Q>) => Promise<Static<ReturnType<typeof page<I>>>>,
): void {
  const { item, querystring, ...schema } = spec;
  // The answer is typed by `list`'s signature above; the plain instance spares the type checker a deep inference.
  (app as unknown as FastifyInstance).get(
    url,
    {
      schema: { ...schema, querystring: querystring ?? PageQuery, response: { 200: page(item), ...problemResponses } },
    },
    (request) => list(actorOf(request), request.params as Static<P>, request.query as Static<Q>),
  );
}

interface OperationSpec<P extends TObject, B extends TSchema, Q extends TSchema> {
  operationId: string;
  tags: string[];
  summary?: string;
  params: P;
  body?: B;
  /** `?wait=` by default; a route with more options gives its own, with `wait` among them. */
  querystring?: Q;
}

/**
 * A route that only starts an operation (a deletion, a check, an action) and answers `{ operation }`: 202, or its
 * outcome after `?wait`.
 */
export function operationRoute<P extends TObject, B extends TSchema, Q extends TSchema = typeof WaitQuery>(
  app: App,
  method: "POST" | "DELETE",
  url: string,
  spec: OperationSpec<P, B, Q>,
  start: (actor: Actor, params: Static<P>, body: Static<B> | undefined, query: Static<Q>) => Promise<Operation>,
): void {
  const { querystring, ...schema } = spec;
  (app as unknown as FastifyInstance).route({
    method,
    url,
    schema: { ...schema, querystring: querystring ?? WaitQuery, response: replies(OperationOnly) },
    handler: async (request, reply) => {
      const query = request.query as Static<Q> & { wait?: number };
      const operation = await start(actorOf(request), request.params as Static<P>, request.body as Static<B>, query);
      return app.answer(reply, { operation }, query.wait);
    },
  });
}
