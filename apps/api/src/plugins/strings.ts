import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";

/**
 * Characters no text field of the API accepts: C0 controls other than tab, line feed and carriage return (NUL among
 * them, which PostgreSQL refuses), DEL, lone UTF-16 surrogates (which cannot be stored or encoded) and Unicode
 * non-characters. A request carrying one anywhere is refused here, naming the field, before any route, database or
 * server sees it.
 */
export function isCleanText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
    if ((c >= 0xfdd0 && c <= 0xfdef) || c === 0xfffe || c === 0xffff) return false;
    if (c >= 0xdc00 && c <= 0xdfff) return false; // a low surrogate with no high one before it
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = s.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false; // a high surrogate with no low one after it
      const codePoint = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      if ((codePoint & 0xfffe) === 0xfffe) return false; // U+1FFFE, U+1FFFF ... U+10FFFF
      i++;
    }
  }
  return true;
}

/** The first field (in the API's `errors[].field` notation) holding a string that is not clean text, if any. */
export function firstUncleanField(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isCleanText(value) ? null : path || "body";
  if (depth > 64 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUncleanField(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = path ? `${path}.${key}` : key;
    if (!isCleanText(key)) return field;
    const found = firstUncleanField(v, field, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The first number that is not finite (JSON's 1e309, or a query's "1e309" coerced), which no field accepts. */
export function firstNonFiniteField(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : path || "body";
  if (depth > 64 || value === null || typeof value !== "object") return null;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = firstNonFiniteField(v, field, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses control characters, lone surrogates and non-characters in path, query and body, naming the field. */
export const stringsPlugin = fp(async (app: FastifyInstance) => {
  const refuse = (reply: FastifyReply, field: string, message: string, code: string) =>
    reply
      .status(400)
      .type("application/problem+json")
      .send({
        type: "about:blank",
        title: "Invalid request",
        status: 400,
        detail: `${field}: ${message}`,
        code: "validation_failed",
        errors: [{ field, message, code }],
      });
  app.addHook("preValidation", async (request, reply) => {
    const field =
      firstUncleanField(request.params) ?? firstUncleanField(request.query) ?? firstUncleanField(request.body);
    if (field)
      return refuse(
        reply,
        field,
        "must not contain control characters, lone surrogates or non-characters",
        "invalid_characters",
      );
  });
  // After validation, which coerces "1e309" to Infinity and lets it through integer bounds.
  app.addHook("preHandler", async (request, reply) => {
    const field =
      firstNonFiniteField(request.params) ?? firstNonFiniteField(request.query) ?? firstNonFiniteField(request.body);
    if (field) return refuse(reply, field, "must be a finite number", "not_finite");
  });
});
