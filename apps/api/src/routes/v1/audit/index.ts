import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type Static, Type } from "@sinclair/typebox";
import {
  AUDIT_ACTIONS,
  AUDIT_CSV_COLUMNS,
  AUDIT_EXPORT_LIMIT,
  type AuditEventView,
  type AuditExport,
  type AuditFilter,
  type AuditScope,
  auditCsvRow,
  csvLine,
  exportAuditEvents,
  listAuditEvents,
} from "@xmpp-host/core";
import type { FastifyReply } from "fastify";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Id, Nullable, PageQuery, page, problemResponses } from "../../../schemas.ts";

/** Every action name the log records; an enum, so that the dashboard's type check asks for words for each. */
const AuditAction = Type.Unsafe<string>({ type: "string", enum: [...AUDIT_ACTIONS] });

const AuditEvent = Type.Object({
  id: Type.String(),
  tenantId: Nullable(Type.String()),
  createdAt: DateTime,
  action: Type.String({
    description: "One of listAuditActions' names; an entry recorded before a name was retired keeps its old one",
  }),
  actor: Type.Object({
    type: Type.Union([Type.Literal("user"), Type.Literal("token"), Type.Literal("platform")], {
      description: "user: in the dashboard; token: with an API token (userId is its creator); platform: no one",
    }),
    userId: Nullable(Type.String()),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    tokenId: Nullable(Type.String()),
    tokenName: Nullable(Type.String({ description: "Null once the token is revoked" })),
  }),
  resource: Type.Object({
    type: Type.String(),
    id: Type.String(),
    name: Nullable(
      Type.String({ description: "What it is called now, or what the entry says it was called; null if neither" }),
    ),
  }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: "What the action recorded (never a secret)" }),
});

const AuditFilters = Type.Object({
  actorUserId: Type.Optional(Id),
  actorTokenId: Type.Optional(Id),
  action: Type.Optional(
    Type.String({
      maxLength: 100,
      pattern: "^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*\\.?$",
      description: "An action (account.created), or a prefix ending with a dot (account.)",
    }),
  ),
  resourceType: Type.Optional(Type.String({ maxLength: 40, pattern: "^[a-z][a-z0-9_]*$" })),
  resourceId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: "date-time", description: "From this moment on (inclusive)" })),
  to: Type.Optional(Type.String({ format: "date-time", description: "Before this moment (exclusive)" })),
});
type AuditFilters = Static<typeof AuditFilters>;

const ListQuery = Type.Composite([PageQuery, AuditFilters]);
const ExportQuery = Type.Composite([
  AuditFilters,
  Type.Object({ format: Type.Union([Type.Literal("csv"), Type.Literal("json")], { default: "csv" }) }),
]);

const exportResponses = {
  200: {
    description: `The filtered log, newest first: at most ${AUDIT_EXPORT_LIMIT} rows (X-Audit-Export-Truncated: true when the filter matched more), streamed as a download`,
    content: {
      "text/csv": { schema: Type.String({ description: `A header row, then: ${AUDIT_CSV_COLUMNS.join(", ")}` }) },
      "application/json": {
        schema: Type.Object({
          exportedAt: DateTime,
          limit: Type.Integer(),
          rows: Type.Integer(),
          truncated: Type.Boolean(),
          items: Type.Array(AuditEvent),
        }),
      },
    },
  },
  ...problemResponses,
};

function filterOf(query: AuditFilters): AuditFilter {
  return {
    actorUserId: query.actorUserId,
    actorTokenId: query.actorTokenId,
    action: query.action,
    resourceType: query.resourceType,
    resourceId: query.resourceId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

/** The export as text, piece by piece: CSV lines, or one JSON document written as its rows arrive. */
async function* exportText(format: "csv" | "json", result: AuditExport, exportedAt: Date): AsyncGenerator<string> {
  if (format === "csv") {
    yield csvLine(AUDIT_CSV_COLUMNS);
    for await (const batch of result.batches) yield batch.map((e) => csvLine(auditCsvRow(e))).join("");
    return;
  }
  const head = { exportedAt, limit: AUDIT_EXPORT_LIMIT, rows: result.rows, truncated: result.truncated };
  yield `${JSON.stringify(head).slice(0, -1)},"items":[`;
  let first = true;
  for await (const batch of result.batches) {
    const text = batch.map((e: AuditEventView) => JSON.stringify(e)).join(",");
    if (!text) continue;
    yield first ? text : `,${text}`;
    first = false;
  }
  yield "]}\n";
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sendExport = async (
    reply: FastifyReply,
    scope: AuditScope,
    query: Static<typeof ExportQuery>,
    actor: ReturnType<typeof actorOf>,
  ) => {
    const exportedAt = new Date();
    const result = await exportAuditEvents(app.core, actor, scope, filterOf(query), query.format);
    const stamp = exportedAt.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    const name = `audit-${"platform" in scope ? "platform" : scope.tenantId}-${stamp}.${query.format}`;
    return reply
      .header("content-disposition", `attachment; filename="${name}"`)
      .header("x-audit-export-rows", String(result.rows))
      .header("x-audit-export-truncated", String(result.truncated))
      .type(query.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
      .send(Readable.from(exportText(query.format, result, exportedAt)));
  };

  app.get(
    "/audit-actions",
    {
      schema: {
        operationId: "listAuditActions",
        tags: ["audit"],
        summary: "Every action name the audit log records, grouped by the resource before the dot",
        response: { 200: Type.Object({ items: Type.Array(AuditAction) }), ...problemResponses },
      },
    },
    async () => ({ items: [...AUDIT_ACTIONS] }),
  );

  app.get(
    "/tenants/:tenantId/audit-events",
    {
      schema: {
        operationId: "listAuditEvents",
        tags: ["audit"],
        summary: "The tenant's audit log, newest first, filtered (owners and admins)",
        params: Type.Object({ tenantId: Id }),
        querystring: ListQuery,
        response: { 200: page(AuditEvent), ...problemResponses },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      return listAuditEvents(app.core, actorOf(request), { tenantId: request.params.tenantId }, filterOf(filters), {
        limit,
        ...(cursor ? { cursor } : {}),
      });
    },
  );

  app.get(
    "/tenants/:tenantId/audit-events/export",
    {
      schema: {
        operationId: "exportAuditEvents",
        tags: ["audit"],
        summary: `The tenant's filtered audit log as a CSV or JSON download (at most ${AUDIT_EXPORT_LIMIT} rows); the export is itself audited`,
        params: Type.Object({ tenantId: Id }),
        querystring: ExportQuery,
        response: exportResponses,
      },
    },
    async (request, reply) => sendExport(reply, { tenantId: request.params.tenantId }, request.query, actorOf(request)),
  );

  app.get(
    "/audit-events",
    {
      schema: {
        operationId: "listPlatformAuditEvents",
        tags: ["audit"],
        summary: "The platform's own audit log (entries of no tenant: operators' work), newest first (operators)",
        querystring: ListQuery,
        response: { 200: page(AuditEvent), ...problemResponses },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      return listAuditEvents(app.core, actorOf(request), { platform: true }, filterOf(filters), {
        limit,
        ...(cursor ? { cursor } : {}),
      });
    },
  );

  app.get(
    "/audit-events/export",
    {
      schema: {
        operationId: "exportPlatformAuditEvents",
        tags: ["audit"],
        summary: `The platform's filtered audit log as a CSV or JSON download (at most ${AUDIT_EXPORT_LIMIT} rows; operators)`,
        querystring: ExportQuery,
        response: exportResponses,
      },
    },
    async (request, reply) => sendExport(reply, { platform: true }, request.query, actorOf(request)),
  );
};
