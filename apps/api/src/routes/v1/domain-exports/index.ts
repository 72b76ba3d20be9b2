import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { decryptStream, deriveTenantKey } from "@xmpp-host/backup";
import {
  AppError,
  exportFile,
  findDomainExport,
  isFinished,
  requestDomainExport,
  waitForOperation,
} from "@xmpp-host/core";
import type { Operation as OperationRow } from "@xmpp-host/db";
import type { FastifyReply } from "fastify";
import { actorOf } from "../../../plugins/auth.ts";
import { Id, Operation } from "../../../schemas.ts";
import { operationView } from "../../../views.ts";

interface ExportOptions {
  maxWait: number;
  secretsKey: string;
  open(storageKey: string): Promise<Readable>;
}

/**
 * All of a domain's data as one XEP-0227 file, for its owners: accounts with their credentials as stored (never a
 * password), contacts, vCards, PEP data, archives and offline messages. Asking for it is audited.
 */
export const domainExportRoutes: FastifyPluginAsyncTypebox<ExportOptions> = async (app, opts) => {
  const Params = Type.Object({ domainId: Id });
  const Pending = Type.Object({ operation: Operation });

  /** The file of a finished export; 202 with the operation while it runs; 503 naming why when it failed. */
  const send = async (reply: FastifyReply, domainId: string, tenantId: string, operation: OperationRow) => {
    if (!isFinished(operation)) {
      reply.header("location", `/api/v1/domains/${domainId}/exports/${operation.id}`);
      return reply.status(202).send({ operation: operationView(operation) });
    }
    const file = exportFile(operation);
    if (!file) {
      const why = (operation.error as { message?: string } | null)?.message ?? "it did not finish";
      throw new AppError("unavailable", `the export failed: ${why}`);
    }
    const plain = Readable.from(
      decryptStream(await opts.open(file.storageKey), deriveTenantKey(opts.secretsKey, tenantId)),
    );
    reply.header("content-disposition", `attachment; filename="${file.fileName}"`);
    return reply.type("application/xml; charset=utf-8").send(plain);
  };

  app.get(
    "/domains/:domainId/export",
    {
      schema: {
        operationId: "exportDomain",
        tags: ["domains"],
        summary:
          "All of the domain's data as one XEP-0227 file (owners only, audited): 200 with the file once written, 202 with the operation if it takes longer than `wait` (then fetch the Location)",
        params: Params,
        querystring: Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: 300, default: 60 })) }),
        produces: ["application/xml"],
        response: { 202: Pending },
      },
    },
    async (request, reply) => {
      const { domain, operation } = await requestDomainExport(app.core, actorOf(request), request.params.domainId);
      const waited = await waitForOperation(app.core, operation.id, Math.min(request.query.wait ?? 60, opts.maxWait));
      return send(reply, domain.id, domain.tenantId, waited);
    },
  );

  app.get(
    "/domains/:domainId/exports/:operationId",
    {
      schema: {
        operationId: "downloadDomainExport",
        tags: ["domains"],
        summary: "An export asked for earlier: the file once written, 202 while it is being written (owners only)",
        params: Type.Object({ domainId: Id, operationId: Id }),
        produces: ["application/xml"],
        response: { 202: Pending },
      },
    },
    async (request, reply) => {
      const found = await findDomainExport(
        app.core,
        actorOf(request),
        request.params.domainId,
        request.params.operationId,
      );
      return send(reply, found.domain.id, found.domain.tenantId, found.operation);
    },
  );
};
