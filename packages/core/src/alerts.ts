import { channelFor } from "@xmpp-host/alerts";
import type { Alert, AlertChannel } from "@xmpp-host/db";
import { authorize } from "./access.ts";
import { audit } from "./audit.ts";
import type { Actor, CoreContext } from "./context.ts";
import { AppError } from "./errors.ts";
import { paginate } from "./operations.ts";
import { randomToken } from "./secrets.ts";

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
    openedAt: a.openedAt,
    resolvedAt: a.resolvedAt,
  };
}

export function channelView(c: AlertChannel) {
  return { id: c.id, tenantId: c.tenantId, kind: c.kind, name: c.name, target: c.target, createdAt: c.createdAt };
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
export async function listAlertChannels(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string | null,
  page: { cursor?: string; limit: number },
) {
  if (tenantId === null) requireOperator(actor);
  await authorize(ctx, actor, tenantId, "read");
  const rows = await ctx.db.alertChannel.findMany({
    where: { tenantId },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  return { items: items.map(channelView), nextCursor };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function checkTarget(kind: string, target: string): string {
  const value = target.trim();
  if (kind === "email") {
    if (!EMAIL.test(value) || value.length > 254) throw AppError.field("target", "must be an email address");
    return value;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw AppError.field("target", "must be an http or https URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw AppError.field("target", "must be an http or https URL");
  }
  if (url.username || url.password) throw AppError.field("target", "must not carry credentials; the body is signed");
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
  await authorize(ctx, actor, tenantId, "write");
  const name = input.name.trim();
  if (!name) throw AppError.field("name", "is required");
  if (name.length > 100) throw AppError.field("name", "must be at most 100 characters");
  if (input.kind !== "email" && input.kind !== "webhook") throw AppError.field("kind", "must be email or webhook");
  const target = checkTarget(input.kind, input.target);
  const secret = input.kind === "webhook" ? randomToken("whsec_", 32) : null;
  const channel = await ctx.db.$transaction(async (tx) => {
    const channel = await tx.alertChannel.create({
      data: {
        tenantId,
        kind: input.kind,
        name,
        target,
        secretEncrypted: secret ? ctx.secrets.encrypt(secret) : null,
      },
    });
    await audit(tx, actor, {
      tenantId,
      action: "alert_channel.created",
      resourceType: "alert_channel",
      resourceId: channel.id,
      data: { kind: input.kind, name },
    });
    return channel;
  });
  return { channel: channelView(channel), secret };
}

async function loadChannel(ctx: CoreContext, actor: Actor, channelId: string, need: "read" | "write") {
  const channel = await ctx.db.alertChannel.findUnique({ where: { id: channelId } });
  if (!channel) throw AppError.notFound("alert channel");
  await authorize(ctx, actor, channel.tenantId, need).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw AppError.notFound("alert channel");
    throw err;
  });
  return channel;
}

export async function deleteAlertChannel(ctx: CoreContext, actor: Actor, channelId: string): Promise<void> {
  const channel = await loadChannel(ctx, actor, channelId, "write");
  await ctx.db.$transaction(async (tx) => {
    await tx.alertChannel.delete({ where: { id: channel.id } });
    await audit(tx, actor, {
      tenantId: channel.tenantId,
      action: "alert_channel.deleted",
      resourceType: "alert_channel",
      resourceId: channel.id,
    });
  });
}

/** Sends a test notification through the channel now, so its owner sees it works. */
export async function testAlertChannel(ctx: CoreContext, actor: Actor, channelId: string) {
  const channel = await loadChannel(ctx, actor, channelId, "write");
  const settings = ctx.settings.alerts ?? { emailFrom: "alerts@xmpp.localhost" };
  const secret = channel.secretEncrypted ? ctx.secrets.decrypt(channel.secretEncrypted) : null;
  const now = new Date().toISOString();
  const started = performance.now();
  try {
    await channelFor(channel, secret, settings).send({
      id: randomToken("test_", 12),
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
        openedAt: now,
        resolvedAt: null,
      },
    });
  } catch (err) {
    throw new AppError(
      "unavailable",
      `the test notification could not be delivered: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { delivered: true, durationMs: Math.round(performance.now() - started) };
}
