import { type ChannelSettings, checkWebhookTarget, OutboundRefusedError } from "@xmpp-host/alerts";
import type { Alert, AlertChannel, Prisma, Role, Tx } from "@xmpp-host/db";
import type { AlertCondition } from "@xmpp-host/health";
import { authorize, loadOwned } from "../access.ts";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import type { Reason } from "../health/service.ts";
import { type Page, pageOf, paginate, target as target_ } from "../operations/service.ts";
import { randomToken } from "../secrets.ts";

/** The values of an alert's code, as the worker stored them: strings, numbers, and reasons for instance_down. */
export type AlertParams = Record<string, string | number | Reason[]>;

function alertParams(json: Prisma.JsonValue): AlertParams {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as unknown as AlertParams) : {};
}

export function alertView(a: Alert) {
  return {
    id: a.id,
    tenantId: a.tenantId,
    rule: a.rule,
    severity: a.severity,
    status: a.status,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    subjectName: a.subjectName,
    instanceId: a.instanceId,
    message: a.message,
    code: a.code,
    params: alertParams(a.params),
    openedAt: a.openedAt,
    resolvedAt: a.resolvedAt,
  };
}

/**
 * A channel as the API shows it. Viewers see its target masked: a webhook URL often carries a secret in its
 * path, and an address book is nobody's business but the admins'.
 */
export function channelView(c: AlertChannel, role: Role) {
  const target = role === "viewer" ? maskTarget(c.kind, c.target) : c.target;
  return { id: c.id, tenantId: c.tenantId, kind: c.kind, name: c.name, target, createdAt: c.createdAt };
}

/** `https://hooks.example.com/…` for a webhook, `o…@family.example` for an email address. */
export function maskTarget(kind: string, target: string): string {
  if (kind === "email") {
    const at = target.lastIndexOf("@");
    return at > 0 ? `${target.slice(0, 1)}…${target.slice(at)}` : "…";
  }
  try {
    const url = new URL(target);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return "…";
  }
}

/** The alert settings of the context, with what the webhook guard takes (ALERT_WEBHOOK_ALLOW, a resolver). */
function alertSettings(ctx: CoreContext): ChannelSettings {
  return (ctx.settings.alerts as ChannelSettings | undefined) ?? { emailFrom: "alerts@xmpp.localhost" };
}

function requireOperator(actor: Actor): void {
  if (!actor.isOperator || actor.token) throw AppError.notFound("resource");
}

async function pageOfAlerts(
  ctx: CoreContext,
  where: { tenantId?: string },
  q: { status?: "open" | "resolved"; cursor?: string; limit: number },
) {
  const rows = await ctx.db.alert.findMany({
    where: { ...where, ...(q.status ? { status: q.status } : {}) },
    orderBy: { id: "desc" },
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const { items, nextCursor } = paginate(rows, q.limit);
  return { items: items.map(alertView), nextCursor };
}

/** The alert history of a tenant, newest first. */
export async function listAlerts(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  q: { status?: "open" | "resolved"; cursor?: string; limit: number },
) {
  await authorize(ctx, actor, tenantId, "read");
  return pageOfAlerts(ctx, { tenantId }, q);
}

/** Operators: every alert of the fleet, of every tenant and of shared instances. */
export async function listFleetAlerts(
  ctx: CoreContext,
  actor: Actor,
  q: { status?: "open" | "resolved"; cursor?: string; limit: number },
) {
  requireOperator(actor);
  return pageOfAlerts(ctx, {}, q);
}

/** A tenant's channels, or the operators' (tenantId null). */
export async function listAlertChannels(ctx: CoreContext, actor: Actor, tenantId: string | null, page: Page) {
  if (tenantId === null) requireOperator(actor);
  const role = await authorize(ctx, actor, tenantId, "read");
  return pageOf(
    page,
    (q) => ctx.db.alertChannel.findMany({ where: { tenantId }, orderBy: { id: "asc" }, ...q }),
    (c) => channelView(c, role),
  );
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const NOT_PUBLIC =
  "must be a URL whose host resolves to public addresses only (not loopback, private or reserved ones)";

async function checkTarget(ctx: CoreContext, kind: string, target: string): Promise<string> {
  const value = target.trim();
  if (kind === "email") {
    if (!EMAIL.test(value) || value.length > 254)
      throw AppError.field("target", "must be an email address", "invalid_email");
    return value;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw AppError.field("target", "must be an http or https URL", "invalid_url");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw AppError.field("target", "must be an http or https URL", "invalid_url");
  }
  if (url.username || url.password)
    throw AppError.field("target", "must not carry credentials; the body is signed", "has_credentials");
  // Sending checks again against the address it connects to; this tells the admin now. The same answer for a
  // private address and a name that does not resolve, so that saving a channel does not probe internal DNS.
  await checkWebhookTarget(url, alertSettings(ctx)).catch((err: unknown) => {
    if (err instanceof OutboundRefusedError) throw AppError.field("target", NOT_PUBLIC, "not_public");
    throw err;
  });
  return url.toString();
}

/** Adds a channel. A webhook gets a signing secret, returned here once and stored sealed. */
export async function createAlertChannel(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string | null,
  input: { kind: "email" | "webhook"; name: string; target: string },
) {
  if (tenantId === null) requireOperator(actor);
  const role = await authorize(ctx, actor, tenantId, "write");
  const name = input.name.trim();
  if (!name) throw AppError.field("name", "is required", "required");
  if (name.length > 100) throw AppError.field("name", "must be at most 100 characters", "too_long", { max: 100 });
  if (input.kind !== "email" && input.kind !== "webhook")
    throw AppError.field("kind", "must be email or webhook", "not_allowed", { allowed: "email, webhook" });
  const target = await checkTarget(ctx, input.kind, input.target);
  const secret = input.kind === "webhook" ? randomToken("whsec_", 32) : null;
  const channel = await auditedChange(
    ctx,
    actor,
    (tx) =>
      tx.alertChannel.create({
        data: {
          tenantId,
          kind: input.kind,
          name,
          target,
          secretEncrypted: secret ? ctx.secrets.encrypt(secret) : null,
        },
      }),
    (channel) => ({
      action: "alert_channel.created",
      ...target_("alert_channel", channel),
      data: { kind: input.kind, name },
    }),
  );
  return { channel: channelView(channel, role), secret };
}

function loadChannel(ctx: CoreContext, actor: Actor, channelId: string, need: "read" | "write") {
  return loadOwned(ctx, actor, "alert channel", ctx.db.alertChannel.findUnique({ where: { id: channelId } }), need);
}

export async function deleteAlertChannel(ctx: CoreContext, actor: Actor, channelId: string): Promise<void> {
  const channel = await loadChannel(ctx, actor, channelId, "write");
  await auditedChange(
    ctx,
    actor,
    (tx) => tx.alertChannel.delete({ where: { id: channel.id } }),
    (deleted) => ({ action: "alert_channel.deleted", ...target_("alert_channel", deleted) }),
  );
}

export const TEST_NOT_DELIVERED = "the channel did not accept the test notification";

/**
 * Has the worker send a test notification through the channel, so its owner sees it works, and waits up to
 * `waitSeconds` for the outcome: null when there is none yet (the notification still goes out).
 * A failure says "not delivered" only: the reason (a refused address, a status) would tell the caller about
 * hosts and ports it cannot otherwise see, so it goes to the worker's log.
 */
export async function testAlertChannel(ctx: CoreContext, actor: Actor, channelId: string, waitSeconds = 0) {
  const channel = await loadChannel(ctx, actor, channelId, "write");
  const notDelivered = () => new AppError("unavailable", TEST_NOT_DELIVERED, { reason: "test_not_delivered" });
  const tests = ctx.alertTests;
  if (!tests) throw notDelivered();
  const testId = randomToken("test_", 12);
  try {
    await tests.enqueue(testId, channel.id);
  } catch (err) {
    const failed = notDelivered();
    failed.cause = err;
    throw failed;
  }
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const outcome = await tests.outcome(testId);
    if (outcome && !outcome.delivered) throw notDelivered();
    if (outcome) return outcome;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    if (ctx.events) await ctx.events.waitFor(testId, Math.min(1000, left));
    else await new Promise((r) => setTimeout(r, Math.min(100, left)));
  }
}

// What the worker reads and writes as it opens, resolves and sends alerts.

/** An alert condition as the worker applies it: with the tenant its subject belongs to and the instance. */
export type ScopedAlertCondition = AlertCondition & { tenantId: string | null; instanceId: string };

/** The open alerts about an instance. */
export function openAlertsOfInstance(ctx: Pick<CoreContext, "db">, instanceId: string): Promise<Alert[]> {
  return ctx.db.alert.findMany({ where: { instanceId, status: "open" } });
}

/** The open alerts with these keys (rule:subject). */
export function openAlertsByKey(ctx: Pick<CoreContext, "db">, openKeys: string[]): Promise<Alert[]> {
  return ctx.db.alert.findMany({ where: { openKey: { in: openKeys } } });
}

/**
 * Who hears about an alert: the channels of the subject's tenant, and every operator channel (operators
 * watch the whole fleet). A resolution goes to the channels that were told about the opening.
 */
async function recordNotifications(tx: Tx, alert: Alert, kind: "opened" | "resolved"): Promise<string[]> {
  const channelIds =
    kind === "opened"
      ? (
          await tx.alertChannel.findMany({
            where: { OR: [{ tenantId: null }, ...(alert.tenantId ? [{ tenantId: alert.tenantId }] : [])] },
            select: { id: true },
          })
        ).map((c) => c.id)
      : (
          await tx.alertNotification.findMany({
            where: { alertId: alert.id, kind: "opened" },
            select: { channelId: true },
          })
        ).map((n) => n.channelId);
  const ids: string[] = [];
  for (const channelId of channelIds) {
    const n = await tx.alertNotification.upsert({
      where: { alertId_kind_channelId: { alertId: alert.id, kind, channelId } },
      create: { alertId: alert.id, kind, channelId },
      update: {},
    });
    ids.push(n.id);
  }
  return ids;
}

/**
 * Opens an alert and its notifications in one transaction. A second opening of the same key fails on the
 * unique openKey (the caller tells it apart with isUniqueViolation).
 */
export function openAlert(
  ctx: Pick<CoreContext, "db">,
  c: ScopedAlertCondition,
  openKey: string,
  now: Date,
): Promise<{ alert: Alert; ids: string[] }> {
  return ctx.db.$transaction(async (tx) => {
    const alert = await tx.alert.create({
      data: {
        tenantId: c.tenantId,
        rule: c.rule,
        subjectType: c.subjectType,
        subjectId: c.subjectId,
        subjectName: c.subjectName,
        instanceId: c.instanceId,
        severity: c.severity,
        message: c.message,
        code: c.code,
        params: c.params as unknown as Prisma.InputJsonValue,
        openKey,
        openedAt: now,
      },
    });
    return { alert, ids: await recordNotifications(tx, alert, "opened") };
  });
}

/**
 * Resolves an open alert, claimed by a conditional update so that it is resolved (and notified) once.
 * Returns the notifications to send, or null when another probe resolved it meanwhile.
 */
export function resolveAlert(ctx: Pick<CoreContext, "db">, alert: Alert, now: Date): Promise<string[] | null> {
  return ctx.db.$transaction(async (tx) => {
    const claimed = await tx.alert.updateMany({
      where: { id: alert.id, status: "open" },
      data: { status: "resolved", openKey: null, resolvedAt: now },
    });
    if (claimed.count !== 1) return null;
    return recordNotifications(tx, { ...alert, status: "resolved", resolvedAt: now }, "resolved");
  });
}

/** A notification with its alert and channel, to be sent. */
export function notificationToDeliver(ctx: Pick<CoreContext, "db">, notificationId: string) {
  return ctx.db.alertNotification.findUnique({
    where: { id: notificationId },
    include: { alert: true, channel: true },
  });
}

/** Counts a delivery attempt before it is made. */
export async function recordDeliveryAttempt(ctx: Pick<CoreContext, "db">, notificationId: string): Promise<void> {
  await ctx.db.alertNotification.update({ where: { id: notificationId }, data: { attempts: { increment: 1 } } });
}

/** Keeps why a delivery failed; after the last attempt the notification is failed for good. */
export async function recordDeliveryFailure(
  ctx: Pick<CoreContext, "db">,
  notificationId: string,
  message: string,
  finalAttempt: boolean,
): Promise<void> {
  await ctx.db.alertNotification.update({
    where: { id: notificationId },
    data: { lastError: message.slice(0, 500), ...(finalAttempt ? { status: "failed" } : {}) },
  });
}

export async function recordDeliverySent(ctx: Pick<CoreContext, "db">, notificationId: string): Promise<void> {
  await ctx.db.alertNotification.update({
    where: { id: notificationId },
    data: { status: "sent", sentAt: new Date(), lastError: null },
  });
}

/** An alert channel by id, whoever owns it: the worker sends tests that the API already authorised. */
export function alertChannelById(ctx: Pick<CoreContext, "db">, channelId: string): Promise<AlertChannel | null> {
  return ctx.db.alertChannel.findUnique({ where: { id: channelId } });
}

/** Notifications still pending after `olderThanMs` (a crash between commit and enqueue), up to 1000. */
export function pendingNotifications(ctx: Pick<CoreContext, "db">, olderThanMs: number): Promise<{ id: string }[]> {
  return ctx.db.alertNotification.findMany({
    where: { status: "pending", createdAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    take: 1000,
  });
}
