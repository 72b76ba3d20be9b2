import type { OperationHandlers } from "../operations/handler.ts";

/** The copy, the freeze and the switch are the worker's; this says which to run. */
export const domainMoveHandlers = {
  "domain.move": { run: (ctx, op, progress) => ctx.services.moveDomain(op.resourceId, op.id, op.input, progress) },
} satisfies OperationHandlers<"domain.move">;
