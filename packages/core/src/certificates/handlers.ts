import type { OperationHandlers } from "../operations/handler.ts";

export const certificateHandlers = {
  "certificate.issue": {
    run: (ctx, op, progress) => ctx.services.issueCertificate(op.resourceId, op.input.source, progress),
  },
} satisfies OperationHandlers<"certificate.issue">;
