import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Static, TObject, TSchema } from "@sinclair/typebox";
import type { Actor } from "@xmpp-host/core";
import type { FastifyInstance } from "fastify";
import { actorOf } from "./plugins/auth.ts";
import { PageQuery, page, problemResponses } from "./schemas.ts";

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
