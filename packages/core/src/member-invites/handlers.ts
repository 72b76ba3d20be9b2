import type { OperationHandlers } from "../operations/handler.ts";

export const memberInviteHandlers = {
  "member.invite": { run: (ctx, op) => ctx.services.emailMemberInvite(op.resourceId) },
} satisfies OperationHandlers<"member.invite">;
