import { type OperationHandlers, PermanentError } from "../operations/handler.ts";

export const complianceHandlers = {
  "compliance.check": {
    run: async (ctx, op, progress) => {
      await progress(10, "testing the server as a chat app would");
      const result = await ctx.services.checkCompliance(op.resourceId, "manual");
      if (!result) throw new PermanentError("the domain no longer exists");
      return result;
    },
  },
} satisfies OperationHandlers<"compliance.check">;
