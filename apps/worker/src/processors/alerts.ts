import { type AlertNotificationPayload, type ChannelSettings, channelFor } from "@xmpp-host/alerts";
import {
  alertChannelById,
  notificationToDeliver,
  openAlert,
  openAlertsByKey,
  pendingNotifications,
  recordDeliveryAttempt,
  recordDeliveryFailure,
  recordDeliverySent,
  resolveAlert,
  type ScopedAlertCondition,
} from "@xmpp-host/core";
import { type Alert, isUniqueViolation } from "@xmpp-host/db";
import { recordAlertTest } from "@xmpp-host/queue";
import type { WorkerContext } from "../context.ts";

/** A condition with the tenant its subject belongs to and the instance it concerns. */
export type ScopedCondition = ScopedAlertCondition;

/** The context's alert settings (from the environment): SMTP, and the webhook guard's allow list. */
export function channelSettings(ctx: WorkerContext): ChannelSettings {
  return (
    (ctx.core.settings.alerts as ChannelSettings | undefined) ?? {
      smtpUrl: ctx.env.SMTP_URL,
      emailFrom: ctx.env.ALERT_EMAIL_FROM,
      allowUnauthorizedSmtpTls: !ctx.env.SMTP_TLS_VERIFY,
      webhookAllow: ctx.env.ALERT_WEBHOOK_ALLOW,
    }
  );
}

export async function enqueueNotifications(ctx: WorkerContext, ids: string[]): Promise<void> {
  for (const notificationId of ids) {
    await ctx.queues.enqueue("alert.notify", { notificationId }, { jobId: `notify-${notificationId}` });
  }
}

/**
 * Opens an alert for every firing condition that has none open, and resolves open alerts whose
 * condition cleared. One open alert per (rule, subject) is enforced by the unique openKey, so two
 * probes racing open it once; a resolution is claimed by a conditional update, so it is sent once.
 */
export async function applyAlertConditions(
  ctx: WorkerContext,
  conditions: ScopedCondition[],
  now = new Date(),
): Promise<{ opened: string[]; resolved: string[] }> {
  const opened: string[] = [];
  const resolved: string[] = [];
  const keys = conditions.filter((c) => c.firing !== null).map((c) => `${c.rule}:${c.subjectId}`);
  const open = new Map((await openAlertsByKey(ctx.core, keys)).map((a) => [a.openKey as string, a]));
  for (const c of conditions) {
    if (c.firing === null) continue;
    const openKey = `${c.rule}:${c.subjectId}`;
    const existing = open.get(openKey);
    if (c.firing && !existing) {
      try {
        const { alert, ids } = await openAlert(ctx.core, c, openKey, now);
        opened.push(alert.id);
        await enqueueNotifications(ctx, ids);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // opened meanwhile by another probe
      }
    } else if (!c.firing && existing) {
      const ids = await resolveAlert(ctx.core, existing, now); // null: resolved meanwhile by another probe
      if (ids) {
        resolved.push(existing.id);
        await enqueueNotifications(ctx, ids);
      }
    }
  }
  return { opened, resolved };
}

export function payloadOf(
  n: { id: string; kind: string },
  a: Pick<
    Alert,
    | "id"
    | "rule"
    | "severity"
    | "subjectType"
    | "subjectId"
    | "subjectName"
    | "tenantId"
    | "message"
    | "openedAt"
    | "resolvedAt"
  >,
): AlertNotificationPayload {
  return {
    id: n.id,
    event: n.kind === "resolved" ? "resolved" : n.kind === "opened" ? "opened" : "test",
    alert: {
      id: a.id,
      rule: a.rule,
      severity: a.severity,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      subjectName: a.subjectName,
      tenantId: a.tenantId,
      message: a.message,
      openedAt: a.openedAt.toISOString(),
      resolvedAt: a.resolvedAt ? a.resolvedAt.toISOString() : null,
    },
  };
}

/**
 * Sends one notification. A notification already marked sent is never sent again; a failure is
 * recorded and thrown, so the queue retries it with backoff.
 */
export async function deliverNotification(ctx: WorkerContext, notificationId: string, finalAttempt: boolean) {
  const n = await notificationToDeliver(ctx.core, notificationId);
  if (!n) return { skipped: "gone" };
  if (n.status === "sent") return { skipped: "already sent" };
  await recordDeliveryAttempt(ctx.core, n.id);
  try {
    const secret = n.channel.secretEncrypted ? ctx.secrets.decrypt(n.channel.secretEncrypted) : null;
    await channelFor(n.channel, secret, channelSettings(ctx)).send(payloadOf(n, n.alert));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordDeliveryFailure(ctx.core, n.id, message, finalAttempt);
    throw err;
  }
  await recordDeliverySent(ctx.core, n.id);
  return { sent: n.channel.kind };
}

/**
 * Sends a test notification an admin asked for, once, and records whether it went out for the waiting request.
 * Why it did not goes to this log only.
 */
export async function sendTestNotification(ctx: WorkerContext, testId: string, channelId: string) {
  const started = performance.now();
  let delivered = false;
  const channel = await alertChannelById(ctx.core, channelId);
  if (channel) {
    try {
      const secret = channel.secretEncrypted ? ctx.secrets.decrypt(channel.secretEncrypted) : null;
      await channelFor(channel, secret, channelSettings(ctx)).send({
        id: testId,
        event: "test",
        alert: {
          id: "test",
          rule: "test",
          severity: "info",
          subjectType: "alert_channel",
          subjectId: channel.id,
          subjectName: channel.name,
          tenantId: channel.tenantId,
          message: `Test notification for the channel "${channel.name}"`,
          openedAt: new Date().toISOString(),
          resolvedAt: null,
        },
      });
      delivered = true;
    } catch (err) {
      ctx.log.warn({ channelId, err }, "test notification not delivered");
    }
  }
  const outcome = { delivered, durationMs: Math.round(performance.now() - started) };
  await recordAlertTest(ctx.queues.connection, testId, outcome);
  return outcome;
}

/** Notifications left pending (a crash between commit and enqueue) are queued again. */
export async function requeuePendingNotifications(ctx: WorkerContext, olderThanMs = 30_000): Promise<number> {
  const pending = await pendingNotifications(ctx.core, olderThanMs);
  let requeued = 0;
  for (const p of pending) {
    const job = await ctx.queues.queues.alerts.getJob(`notify-${p.id}`);
    const state = job ? await job.getState() : "missing";
    if (state === "missing" || state === "unknown" || state === "completed" || state === "failed") {
      if (job) await job.remove().catch(() => undefined);
      await enqueueNotifications(ctx, [p.id]);
      requeued++;
    }
  }
  return requeued;
}
