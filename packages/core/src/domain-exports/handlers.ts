import type { OperationHandlers } from "../operations/handler.ts";

/** Reading the server and sealing the file are the worker's; this says which to run. */
export const domainExportHandlers = {
  "domain.export": { run: (ctx, op, progress) => ctx.services.exportDomain(op.resourceId, op.id, progress) },
} satisfies OperationHandlers<"domain.export">;
