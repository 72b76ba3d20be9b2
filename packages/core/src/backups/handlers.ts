import type { OperationHandlers } from "../operations/handler.ts";

/** The work itself (snapshots, archives, stores) is the worker's; these say which to run. */
export const backupHandlers = {
  "backup.create": { run: (ctx, op, progress) => ctx.services.createBackup(op.resourceId, progress) },
  "backup.restore": {
    run: (ctx, op, progress) => ctx.services.restoreBackup(op.resourceId, op.input.backupId, progress),
  },
  "domain.restore": { run: (ctx, op, progress) => ctx.services.restoreDomainBackup(op.resourceId, op.input, progress) },
} satisfies OperationHandlers<"backup.create" | "backup.restore" | "domain.restore">;
