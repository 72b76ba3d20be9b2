import { type OperationHandlers, PermanentError } from "../operations/handler.ts";

export const dnsHandlers = {
  "dns.check": {
    run: async (ctx, op, progress) => {
      await progress(30, "querying the DNS");
      const result = await ctx.services.checkDomainDns(op.resourceId);
      if (!result) throw new PermanentError("the domain no longer exists");
      return result;
    },
  },
} satisfies OperationHandlers<"dns.check">;
