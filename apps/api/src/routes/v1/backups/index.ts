import type { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  backupView,
  findBackup,
  listBackups,
  listDomainBackups,
  loadBackup,
  requestBackup,
  requestDomainBackup,
  requestRestore,
} from "@xmpp-host/core";
import type { Backup as BackupRow, Operation as OperationRow } from "@xmpp-host/db";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute, operationRoute } from "../../../route-shapes.ts";
import { creations, DateTime, Id, Nullable, Operation, WaitQuery } from "../../../schemas.ts";

const NullableDate = Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" });
const Backup = Type.Object({
  id: Type.String(),
  instanceId: Nullable(Type.String({ description: "null for a domain on a shared server" })),
  domainId: Nullable(Type.String({ description: "set for a backup of one domain (its data only)" })),
  status: Type.String({ description: "queued | running | succeeded | failed" }),
  verification: Type.String({
    description: "pending | verified | failed: restored into a throwaway instance and checked",
  }),
  verificationError: Nullable(Type.String()),
  trigger: Type.String(),
  store: Type.String(),
  sizeBytes: Nullable(Type.Integer()),
  sha256: Nullable(Type.String()),
  durationMs: Nullable(Type.Integer()),
  pausedMs: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: NullableDate,
});

export interface BackupDownloads {
  open(storageKey: string): Promise<Readable>;
}

export const backupRoutes: FastifyPluginAsyncTypebox<{
  store: string;
  downloads: BackupDownloads;
}> = async (app, opts) => {
  listRoute(
    app,
    "/instances/:instanceId/backups",
    {
      operationId: "listBackups",
      tags: ["backups"],
      params: Type.Object({ instanceId: Id }),
      item: Backup,
    },
    (actor, params, query) => listBackups(app.core, actor, params.instanceId, query),
  );

  const Created = Type.Object({ backup: Backup, operation: Operation });
  /** A started backup's answer: 202 while it runs, 201 once `?wait` saw it end, with the backup as it is then. */
  const replyWithBackup = (
    started: { backup: BackupRow; operation: OperationRow },
    wait: number | undefined,
    reply: { status(code: number): { send(body: unknown): unknown } },
  ) =>
    app.answer(reply, { operation: started.operation, resource: started.backup }, wait, {
      done: 201,
      reload: () => findBackup(app.core, started.backup.id),
      body: (latest) => ({ backup: backupView(latest) }),
    });
  app.post(
    "/instances/:instanceId/backups",
    {
      schema: {
        operationId: "createBackup",
        tags: ["backups"],
        summary: "Back up the instance now",
        params: Type.Object({ instanceId: Id }),
        querystring: WaitQuery,
        response: creations(Created),
      },
    },
    async (request, reply) => {
      const started = await requestBackup(app.core, actorOf(request), request.params.instanceId, opts.store);
      return replyWithBackup(started, request.query.wait, reply);
    },
  );

  listRoute(
    app,
    "/domains/:domainId/backups",
    {
      operationId: "listDomainBackups",
      tags: ["backups"],
      summary: "Backups of this domain alone (domains on shared servers are backed up daily on their own)",
      params: Type.Object({ domainId: Id }),
      item: Backup,
    },
    (actor, params, query) => listDomainBackups(app.core, actor, params.domainId, query),
  );

  app.post(
    "/domains/:domainId/backups",
    {
      schema: {
        operationId: "createDomainBackup",
        tags: ["backups"],
        summary: "Back up this domain's data alone now (an export: download it, or restore it onto another server)",
        params: Type.Object({ domainId: Id }),
        querystring: WaitQuery,
        response: creations(Created),
      },
    },
    async (request, reply) => {
      const started = await requestDomainBackup(app.core, actorOf(request), request.params.domainId, opts.store);
      return replyWithBackup(started, request.query.wait, reply);
    },
  );

  operationRoute(
    app,
    "POST",
    "/backups/:backupId/restore",
    {
      operationId: "restoreBackup",
      tags: ["backups"],
      summary:
        "Restore into the same instance (a rollback) or another instance of the tenant (a move); a domain's backup rolls back or moves that domain alone",
      params: Type.Object({ backupId: Id }),
      body: Type.Object({ targetInstanceId: Type.Optional(Id) }, { additionalProperties: false }),
    },
    (actor, params, body) => requestRestore(app.core, actor, params.backupId, body ?? {}),
  );

  app.get(
    "/backups/:backupId/download",
    {
      schema: {
        operationId: "downloadBackup",
        tags: ["backups"],
        summary: "The encrypted archive (tenant owners only)",
        params: Type.Object({ backupId: Id }),
        produces: ["application/octet-stream"],
      },
    },
    async (request, reply) => {
      const backup = await loadBackup(app.core, actorOf(request), request.params.backupId, "own");
      if (backup.status !== "succeeded" || !backup.storageKey) {
        return reply
          .status(409)
          .type("application/problem+json")
          .send({
            type: "about:blank",
            title: "Conflict",
            status: 409,
            detail: `this backup is ${backup.status}`,
            code: "conflict",
            reason: "backup_not_ready",
          });
      }
      reply.header("content-disposition", `attachment; filename="backup-${backup.id}.xhb"`);
      return reply.type("application/octet-stream").send(await opts.downloads.open(backup.storageKey));
    },
  );
};
