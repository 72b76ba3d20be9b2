import { isUniqueViolation, type SignupRequest } from "@xmpp-host/db";
import { openAlert, resolveAlert } from "../alerts/service.ts";
import type { Actor, CoreContext } from "../context.ts";
import { startOperation, target } from "../operations/service.ts";

/** Emails the applicant the decision, when they left an address (the worker sends it if SMTP is configured). */
export async function tellApplicant(ctx: CoreContext, actor: Actor, signup: SignupRequest): Promise<void> {
  if (!signup.email) return;
  await startOperation(ctx, actor, {
    change: async () => signup,
    operation: () => ({ type: "signup.notify", ...target("signup", signup) }),
  });
}

/**
 * Admins hear about sign-ups through their alert channels: one alert per domain, open while sign-ups wait for a
 * decision and resolved when none is left, so a burst of sign-ups sends one notification, not one each.
 */
export async function signupsChanged(ctx: CoreContext, domainId: string): Promise<void> {
  const domain = await ctx.db.domain.findUnique({
    where: { id: domainId },
    select: { id: true, name: true, tenantId: true, instanceId: true },
  });
  if (!domain) return;
  const waiting = await ctx.db.signupRequest.count({ where: { domainId, status: "pending" } });
  const openKey = `signups_waiting:${domain.id}`;
  const open = await ctx.db.alert.findUnique({ where: { openKey } });
  const now = new Date();
  let ids: string[] = [];
  if (waiting > 0 && !open) {
    try {
      ({ ids } = await openAlert(
        ctx,
        {
          rule: "signups_waiting",
          code: "signups_waiting",
          subjectType: "domain",
          subjectId: domain.id,
          subjectName: domain.name,
          tenantId: domain.tenantId,
          instanceId: domain.instanceId,
          severity: "warning",
          firing: true,
          message: `People are waiting for their sign-up on ${domain.name} to be approved`,
          params: {},
        },
        openKey,
        now,
      ));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // opened meanwhile by another sign-up
    }
  } else if (waiting === 0 && open) {
    ids = (await resolveAlert(ctx, open, now)) ?? [];
  }
  // Left pending when the queue is unreachable: the worker's sweep sends them later.
  if (ids.length) await ctx.alertNotifications?.enqueue(ids).catch(() => undefined);
}
