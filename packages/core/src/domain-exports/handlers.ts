import type { OperationHandlers } from "../operations/handler.ts";

/** Reading the server and sealing the file are the worker's; this says which to run. */
export const domainExportHandlers = {
  "domain.export": { run: (ctx, op, progress) => ctx.services.exportDomain(op.resourceId, op.id, progress) },
  "domain.import": {
    run: (ctx, op, progress) => ctx.services.importDomain(op.resourceId, op.id, op.input, progress),
  },
} satisfies OperationHandlers<"domain.export" | "domain.import">;
