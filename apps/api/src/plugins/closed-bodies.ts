import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

type Schema = Record<string, unknown>;

/**
 * A copy of a body schema in which every object that lists its properties refuses any other: an unknown key is a
 * 400 naming it, rather than being stored nowhere while the caller believes it was applied (a misspelt `quota`
 * would otherwise be silently ignored). Objects meant to hold free keys say so with `patternProperties` or an
 * explicit `additionalProperties` and are left alone. Symbol keys (TypeBox's markers) are not needed for validation.
 */
export function closeObjects(schema: unknown, depth = 0): unknown {
  if (depth > 32 || schema === null || typeof schema !== "object") return schema;
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s, depth + 1));
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) out[key] = closeObjects(value, depth + 1);
  if (
    out.type === "object" &&
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out.patternProperties === undefined
  ) {
    out.additionalProperties = false;
  }
  return out;
}

/** Unknown body keys are refused on every route (see docs/api.md, "Unknown keys"). */
export const closedBodiesPlugin = fp(async (app: FastifyInstance) => {
  app.addHook("onRoute", (route) => {
    if (route.schema?.body) route.schema = { ...route.schema, body: closeObjects(route.schema.body) };
  });
});
