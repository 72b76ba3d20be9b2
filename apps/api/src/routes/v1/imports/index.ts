import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  AppError,
  getImport,
  IMPORT_LIMITS,
  type ImportReport as ImportReportData,
  startImport,
  takeImportDownload,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { Id, Nullable, Operation, problemResponses, replies } from "../../../schemas.ts";
import { operationView } from "../../../views.ts";

const Mode = Type.Union([Type.Literal("accounts"), Type.Literal("invites")]);

const ImportRow = Type.Object({
  line: Type.Integer({ description: "The line of the file the row starts on (the header is line 1)." }),
  username: Type.String(),
  outcome: Type.Union([
    Type.Literal("created"),
    Type.Literal("existing"),
    Type.Literal("invited"),
    Type.Literal("failed"),
  ]),
  jid: Type.Optional(Type.String()),
  inviteId: Type.Optional(Type.String()),
  emailed: Type.Optional(Type.Boolean()),
  code: Type.Optional(
    Type.String({
      description:
        "Why the row failed: malformed, invalid_username, reserved, invalid_display_name, invalid_email, duplicate, taken, quota_reached, address_full",
    }),
  ),
  message: Type.Optional(Type.String()),
});

const ImportReport = Type.Object({
  mode: Mode,
  domain: Type.String(),
  fileName: Nullable(Type.String()),
  counts: Type.Object({
    rows: Type.Integer(),
    created: Type.Integer(),
    existing: Type.Integer(),
    invited: Type.Integer(),
    emailed: Type.Integer(),
    failed: Type.Integer(),
  }),
  rows: Type.Array(ImportRow),
  download: Type.Boolean(),
});

const Import = Type.Object({
  id: Type.String({ description: "The import's operation id." }),
  domainId: Type.String(),
  operation: Operation,
  report: Nullable(ImportReport),
  downloadAvailable: Type.Boolean({
    description: "Whether the one-time download (passwords, or invite links) is still there to take.",
  }),
});

/** Decodes the uploaded file as UTF-8, refusing it (naming the field) when it is not. */
function decodeUtf8(body: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw AppError.field("file", "is not UTF-8 text", "invalid_characters");
  }
}

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The file comes as the body itself (text/csv): the JSON body limit would not hold a 1 MiB file once quoted.
  // Larger bodies than the file limit still reach core, which refuses them naming the field.
  app.addContentTypeParser(
    ["text/csv", "text/plain"],
    { parseAs: "buffer", bodyLimit: IMPORT_LIMITS.maxBytes * 2 },
    (_request, body, done) => {
      try {
        done(null, decodeUtf8(body as Buffer));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );

  app.post(
    "/domains/:domainId/imports",
    {
      schema: {
        operationId: "startImport",
        tags: ["imports"],
        summary:
          "Import members from a CSV file (header row: username, display name, email): accounts with generated passwords, or one invite link each",
        params: Type.Object({ domainId: Id }),
        querystring: Type.Object({
          mode: Mode,
          fileName: Type.Optional(Type.String({ maxLength: 255 })),
          wait: Type.Optional(Type.Integer({ minimum: 0, maximum: 300 })),
        }),
        consumes: ["text/csv"],
        body: Type.String({
          description: `The members file: CSV (RFC 4180), UTF-8, at most ${IMPORT_LIMITS.maxBytes} bytes and ${IMPORT_LIMITS.maxRows} rows.`,
        }),
        response: replies(Type.Object({ operation: Operation })),
      },
    },
    async (request, reply) => {
      const operation = await startImport(app.core, actorOf(request), request.params.domainId, {
        mode: request.query.mode,
        file: Buffer.from(request.body, "utf8"),
        fileName: request.query.fileName ?? null,
      });
      return app.answer(reply, { operation }, request.query.wait);
    },
  );

  app.get(
    "/imports/:importId",
    {
      schema: {
        operationId: "getImport",
        tags: ["imports"],
        summary: "An import: its operation (progress), its report once it ends, and whether its download is there",
        params: Type.Object({ importId: Id }),
        response: { 200: Import, ...problemResponses },
      },
    },
    async (request) => {
      const { operation, downloadAvailable } = await getImport(app.core, actorOf(request), request.params.importId);
      return {
        id: operation.id,
        domainId: operation.resourceId,
        operation: operationView(operation),
        report: operation.status === "succeeded" ? (operation.result as unknown as ImportReportData) : null,
        downloadAvailable,
      };
    },
  );

  app.post(
    "/imports/:importId/download",
    {
      schema: {
        operationId: "downloadImport",
        tags: ["imports"],
        summary:
          "The import's one-time download as CSV: the generated passwords (accounts) or the invite links; erased as it is given (a second call is 404)",
        params: Type.Object({ importId: Id }),
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await takeImportDownload(app.core, actorOf(request), request.params.importId);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "no-store")
        .send(csv);
    },
  );
};
