import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { decryptStream, deriveTenantKey, EncryptStream } from "@xmpp-host/backup";
import {
  AppError,
  exportFile,
  findDomainExport,
  IMPORT_DOCUMENT_MAX_BYTES,
  importStorageKey,
  isFinished,
  prepareDomainImport,
  requestDomainExport,
  startDomainImport,
  waitForOperation,
} from "@xmpp-host/core";
import type { Operation as OperationRow } from "@xmpp-host/db";
import type { FastifyReply } from "fastify";
import { actorOf } from "../../../plugins/auth.ts";
import { creations, Id, Operation } from "../../../schemas.ts";
import { operationView } from "../../../views.ts";

interface ExportOptions {
  maxWait: number;
  secretsKey: string;
  open(storageKey: string): Promise<Readable>;
  /** Stores an import's document (sealed), and removes it again when the import could not start. */
  put(storageKey: string, sealed: Buffer): Promise<void>;
  remove(storageKey: string): Promise<void>;
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

  // The document comes as the body itself (application/xml), up to the import's limit.
  app.addContentTypeParser(
    ["application/xml", "text/xml"],
    { parseAs: "buffer", bodyLimit: IMPORT_DOCUMENT_MAX_BYTES },
    (_request, body, done) => {
      try {
        done(null, new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body as Buffer));
      } catch {
        done(AppError.field("file", "is not UTF-8 text", "invalid_characters"), undefined);
      }
    },
  );

  app.post(
    "/instances/:instanceId/domains/import",
    {
      schema: {
        operationId: "importDomain",
        tags: ["domains"],
        summary:
          "Create a domain on this server from a XEP-0227 file (an export of this platform or another server's): its accounts keep their passwords, contacts, vCards and history",
        params: Type.Object({ instanceId: Id }),
        querystring: Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: 300 })) }),
        consumes: ["application/xml"],
        body: Type.String({ description: "The XEP-0227 document (urn:xmpp:pie:0), UTF-8." }),
        response: creations(
          Type.Object({ domain: Type.Object({ id: Id, name: Type.String() }), operation: Operation }),
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const prepared = await prepareDomainImport(app.core, actor, request.params.instanceId, request.body);
      // Sealed with the tenant's key before it is stored; the worker takes it from there.
      const storageKey = importStorageKey(prepared.tenantId);
      const sealed = await sealText(request.body, deriveTenantKey(opts.secretsKey, prepared.tenantId));
      await opts.put(storageKey, sealed);
      const started = await startDomainImport(app.core, actor, prepared.instance.id, {
        name: prepared.name,
        tenantId: prepared.tenantId,
        storageKey,
        users: prepared.users,
      }).catch(async (err: unknown) => {
        await opts.remove(storageKey);
        throw err;
      });
      return app.answer(reply, { operation: started.operation }, request.query.wait, {
        done: 201,
        body: () => ({ domain: { id: started.domain.id, name: started.domain.name } }),
      });
    },
  );
};

async function sealText(text: string, key: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sealing = new EncryptStream(key);
  sealing.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    sealing.on("end", resolve);
    sealing.on("error", reject);
  });
  sealing.end(Buffer.from(text, "utf8"));
  await done;
  return Buffer.concat(chunks);
}
