import { AppError, type ErrorCode, type FieldCode } from "@xmpp-host/core";
import { Prisma } from "@xmpp-host/db";
import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  quota_exceeded: 403,
  unprocessable: 422,
  registration_closed: 403,
  registration_blocked: 403,
  invite_expired: 410,
  invite_used_up: 410,
  invite_revoked: 410,
  reset_link_used: 410,
  reset_link_expired: 410,
  reset_link_revoked: 410,
  rate_limited: 429,
  two_factor_required: 403,
  unavailable: 503,
  internal: 500,
};

/**
 * The code of an error that is not an AppError (Fastify's own, a plugin's, Node's parser), by its status: the same
 * small vocabulary whatever raised it, so that clients can word every refusal.
 */
export const statusCodes: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  409: "conflict",
  410: "gone",
  412: "precondition_failed",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
  431: "headers_too_large",
  500: "internal",
  503: "unavailable",
};

export function codeForStatus(status: number): string {
  return statusCodes[status] ?? (status < 500 ? "bad_request" : "internal");
}

/** The field codes schema validation adds to core's (codeOf below). */
export const schemaFieldCodes = [
  "required",
  "too_short",
  "too_long",
  "too_few",
  "too_many",
  "invalid_pattern",
  "invalid_format",
  "too_small",
  "too_large",
  "unknown_field",
  "wrong_type",
  "not_allowed",
  "invalid",
  "invalid_characters",
  "not_finite",
] as const;

const titles: Record<number, string> = {
  408: "Request timeout",
  413: "Payload too large",
  414: "URI too long",
  431: "Request header fields too large",
  400: "Invalid request",
  401: "Not signed in",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  412: "Precondition failed",
  410: "Gone",
  415: "Unsupported media type",
  422: "Unprocessable",
  429: "Too many requests",
  500: "Internal error",
  503: "Unavailable",
};

/** Turns Ajv's `/members/0` or `must have required property 'x'` into the field a client sent. */
function fieldOf(
  err: { instancePath?: string; params?: Record<string, unknown> },
  context: string | undefined,
): string {
  const path = (err.instancePath ?? "")
    .replace(/^\//, "")
    .replace(/\/(\d+)/g, "[$1]")
    .replace(/\//g, ".");
  const missing = typeof err.params?.missingProperty === "string" ? err.params.missingProperty : undefined;
  const extra = typeof err.params?.additionalProperty === "string" ? err.params.additionalProperty : undefined;
  const leaf = missing ?? extra;
  const field = [path, leaf].filter(Boolean).join(".");
  return field || context || "body";
}

type FieldProblem = {
  field: string;
  message: string;
  code: (typeof schemaFieldCodes)[number] | FieldCode;
  params?: Record<string, string | number>;
};

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : String(v));

/** Ajv's keyword and parameters as a field code and its values, the same vocabulary core uses. */
function codeOf(err: { keyword?: string; params?: Record<string, unknown> }): Pick<FieldProblem, "code" | "params"> {
  const p = err.params ?? {};
  switch (err.keyword) {
    case "required":
      return { code: "required" };
    case "minLength":
      return { code: "too_short", params: { min: Number(p.limit) } };
    case "maxLength":
      return { code: "too_long", params: { max: Number(p.limit) } };
    case "minItems":
      return { code: "too_few", params: { min: Number(p.limit) } };
    case "maxItems":
      return { code: "too_many", params: { max: Number(p.limit) } };
    case "pattern":
      return { code: "invalid_pattern", params: { pattern: String(p.pattern) } };
    case "format":
      return { code: "invalid_format", params: { format: String(p.format) } };
    case "minimum":
    case "exclusiveMinimum":
      return { code: "too_small", params: { min: Number(p.limit) } };
    case "maximum":
    case "exclusiveMaximum":
      return { code: "too_large", params: { max: Number(p.limit) } };
    case "additionalProperties":
      return { code: "unknown_field", params: { name: String(p.additionalProperty) } };
    case "type":
      return { code: "wrong_type", params: { type: list(p.type) } };
    case "enum":
      return { code: "not_allowed", params: { allowed: list(p.allowedValues) } };
    case "const":
      return { code: "not_allowed", params: { allowed: String(p.allowedValue) } };
    default:
      return { code: "invalid" };
  }
}

/** Prisma's codes for a database it cannot reach, lost, or got no connection to in time. */
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * A database that is down, restarting or out of connections: the request may succeed if retried shortly.
 * Prisma reports it by code for model queries, and by the driver adapter's cause for raw queries (P2010);
 * PostgreSQL's classes 08 (connection) and 57P (shutting down, starting up) are the same condition.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNREACHABLE_CODES.has(err.code)) return true;
    const cause = (err.meta?.driverAdapterError as { cause?: { kind?: string; originalCode?: string } } | undefined)
      ?.cause;
    if (cause?.kind && UNREACHABLE_KINDS.has(cause.kind)) return true;
    const sqlState = cause?.originalCode ?? "";
    return sqlState.startsWith("08") || sqlState.startsWith("57P");
  }
  // node-postgres' own words for a connection the server closed mid-query, passed through by the adapter.
  return err instanceof Error && /^Connection terminated/.test(err.message);
}

/** Every error leaves as application/problem+json (RFC 9457). */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let status: number;
    let detail: string;
    let code: string;
    let errors: FieldProblem[] | undefined;
    let why: { reason?: string; params?: Record<string, string | number> } = {};
    if (error instanceof AppError) {
      status = statusOf[error.code];
      detail = error.message;
      code = error.code;
      errors = error.fields.length ? error.fields : undefined;
      if (error.reason) why = { reason: error.reason, ...(error.params ? { params: error.params } : {}) };
      const retryAfter = (error as AppError & { retryAfter?: number }).retryAfter;
      if (typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
    } else if ((error as FastifyError).validation) {
      const e = error as FastifyError;
      status = 400;
      code = "validation_failed";
      errors = (e.validation ?? []).map((v) => ({
        field: fieldOf(v as never, e.validationContext),
        message: v.message ?? "is invalid",
        ...codeOf(v as never),
      }));
      detail = errors.map((f) => `${f.field}: ${f.message}`).join("; ");
    } else if (isDatabaseUnavailable(error)) {
      status = 503;
      code = "unavailable";
      detail = "the database is unavailable for a moment; try again shortly";
      reply.header("retry-after", "5");
      request.log.warn({ err: error }, "database unavailable");
    } else {
      const e = error as FastifyError;
      status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
      detail = status === 500 ? "something went wrong on our side; it has been logged" : e.message;
      code = codeForStatus(status);
      if (status >= 500) request.log.error({ err: error }, "request failed");
    }
    reply
      .status(status)
      .type("application/problem+json")
      .send({
        type: `about:blank`,
        title: titles[status] ?? "Error",
        status,
        detail,
        code,
        ...why,
        ...(errors ? { errors } : {}),
      });
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .type("application/problem+json")
      .send({
        type: "about:blank",
        title: "Not found",
        status: 404,
        detail: `no route for ${request.method} ${request.url.split("?")[0]}`,
        code: "not_found",
      });
  });
});

/** A problem document for errors raised before a route exists for the request (router and socket level). */
export function problemBody(status: number, detail: string, code: string): string {
  return JSON.stringify({ type: "about:blank", title: titles[status] ?? "Error", status, detail, code });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, malformed request line, a
 * request that arrives too slowly), answered as problem+json on the raw socket, as every other error.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: import("node:stream").Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, detail] =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "the request did not arrive in time"]
      : err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "the request's headers are too large"]
        : [400, "the request could not be read as HTTP"];
  const body = problemBody(status, detail, codeForStatus(status));
  const reason = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
