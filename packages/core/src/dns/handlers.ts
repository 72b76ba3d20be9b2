import { type OperationHandlers, PermanentError } from "../operations/handler.ts";

export const dnsHandlers = {
  "dns.check": {
    run: async (ctx, op, progress) => {
      await progress(30, "querying the DNS");
      const result = await ctx.services.checkDomainDns(op.resourceId);
      if (!result) throw new PermanentError("the domain no longer exists");
      // Someone is fixing records right now: what still fails is checked again every few seconds for a while.
      const watching = await ctx.services.watchDomainDns(op.resourceId, result.status);
      return { ...result, watching };
    },
  },
} satisfies OperationHandlers<"dns.check">;
