import type { AuditEvent, Prisma } from "@xmpp-host/db";
import { authorize } from "../access.ts";
import { audit } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { type Page, paginate } from "../operations/service.ts";
import { roomJid } from "../rooms/service.ts";

/**
 * Whose log: one tenant's, or the platform's own (entries of no tenant: operators' work, the shared servers). A
 * tenant's log is read by its owners and admins (viewers help run the chat but do not oversee the people who run
 * it: the log names who did what, and holds others' personal data such as invitees' addresses), and by operators
 * for support; the platform's by operators only.
 */
export type AuditScope = { tenantId: string } | { platform: true };

/** Which entries: each filter narrows the list; none gives the whole log. */
export interface AuditFilter {
  /** The person: every entry of theirs, made in the dashboard or with one of their API tokens. */
  actorUserId?: string | undefined;
  /** One API token's entries. */
  actorTokenId?: string | undefined;
  /** An exact action (`account.created`), or a prefix ending with a dot (`account.`). */
  action?: string | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  /** From this moment on (inclusive). */
  from?: Date | undefined;
  /** Before this moment (exclusive). */
  to?: Date | undefined;
}

/** Who did it: a person (in the dashboard), one of their API tokens, or the platform itself. */
export interface AuditActorView {
  type: "user" | "token" | "platform";
  userId: string | null;
  name: string | null;
  email: string | null;
  tokenId: string | null;
  /** Null once the token is revoked (revoked tokens are deleted). */
  tokenName: string | null;
}

/** One entry as the API shows it: enough to word it in any language. */
export interface AuditEventView {
  id: string;
  tenantId: string | null;
  createdAt: Date;
  action: string;
  actor: AuditActorView;
  /** `name` is what the resource is called now, or what the entry says it was called; null when neither says. */
  resource: { type: string; id: string; name: string | null };
  data: Record<string, unknown>;
}

/** The most rows one export gives: the newest of the filtered set. More is a narrower time range away. */
export const AUDIT_EXPORT_LIMIT = 50_000;
const EXPORT_BATCH = 1_000;

/** The keys no entry should carry; hidden in what leaves the API all the same, should one ever be recorded. */
const SECRET_KEY = /(password|secret|token|hash|recovery_?codes?|totp)$/i;

/** Refuses what the caller may not read; see AuditScope. */
async function authorizeLog(ctx: CoreContext, actor: Actor, scope: AuditScope): Promise<void> {
  if ("platform" in scope) {
    if (!actor.isOperator || actor.token) {
      throw new AppError("forbidden", "only platform operators read the platform's log", { reason: "operators_only" });
    }
    return;
  }
  const role = await authorize(ctx, actor, scope.tenantId, "read");
  if (role === "viewer" && !(actor.isOperator && !actor.token)) {
    throw new AppError("forbidden", "the audit log is for the tenant's owners and admins", { reason: "needs_admin" });
  }
}

function whereOf(scope: AuditScope, filter: AuditFilter): Prisma.AuditEventWhereInput {
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw AppError.field("to", "must be later than from", "out_of_range");
  }
  const action = filter.action;
  return {
    tenantId: "platform" in scope ? null : scope.tenantId,
    ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
    ...(filter.actorTokenId ? { actorTokenId: filter.actorTokenId } : {}),
    ...(action ? { action: action.endsWith(".") ? { startsWith: action } : action } : {}),
    ...(filter.resourceType ? { resourceType: filter.resourceType } : {}),
    ...(filter.resourceId ? { resourceId: filter.resourceId } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

/** Newest first; the id breaks ties between entries of the same millisecond. */
const newestFirst: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/** The entries after `after` in newestFirst order (keyset paging: stable while new entries arrive). */
function after(row: { createdAt: Date; id: string }): Prisma.AuditEventWhereInput {
  return {
    OR: [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lt: row.id } }],
  };
}

/** The entry a cursor names, which must belong to the same log. */
async function cursorRow(ctx: CoreContext, scope: AuditScope, cursor: string) {
  const row = await ctx.db.auditEvent.findUnique({
    where: { id: cursor },
    select: { id: true, createdAt: true, tenantId: true },
  });
  const tenantId = "platform" in scope ? null : scope.tenantId;
  if (!row || row.tenantId !== tenantId) throw AppError.field("cursor", "is not an entry of this log", "invalid");
  return row;
}

/** One page of a log, newest first, filtered. */
export async function listAuditEvents(
  ctx: CoreContext,
  actor: Actor,
  scope: AuditScope,
  filter: AuditFilter,
  page: Page,
): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  await authorizeLog(ctx, actor, scope);
  const where = whereOf(scope, filter);
  const from = page.cursor ? await cursorRow(ctx, scope, page.cursor) : null;
  const rows = await ctx.db.auditEvent.findMany({
    where: from ? { AND: [where, after(from)] } : where,
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  return { items: await auditViews(ctx, items), nextCursor };
}

/** What an export gives: how many rows, whether the filter matched more, and the rows in batches, newest first. */
export interface AuditExport {
  rows: number;
  truncated: boolean;
  batches: AsyncIterable<AuditEventView[]>;
}

/**
 * The filtered log for download, at most AUDIT_EXPORT_LIMIT rows, read in batches as they are sent. The export is
 * itself an entry of the log (`audit.exported`), written before the first row is read.
 */
export async function exportAuditEvents(
  ctx: CoreContext,
  actor: Actor,
  scope: AuditScope,
  filter: AuditFilter,
  format: "csv" | "json",
): Promise<AuditExport> {
  await authorizeLog(ctx, actor, scope);
  const where = whereOf(scope, filter);
  const matching = await ctx.db.auditEvent.count({ where });
  const rows = Math.min(matching, AUDIT_EXPORT_LIMIT);
  const tenantId = "platform" in scope ? null : scope.tenantId;
  // Written first, so that it is the newest entry and not part of what it exports.
  const startedAt = new Date();
  await audit(ctx.db, actor, {
    tenantId,
    action: "audit.exported",
    resourceType: tenantId ? "tenant" : "platform",
    resourceId: tenantId ?? "platform",
    data: { format, rows, truncated: matching > rows, filters: filtersOf(filter) },
  });
  async function* batches(): AsyncGenerator<AuditEventView[]> {
    let last: { createdAt: Date; id: string } | null = null;
    let left = rows;
    const bounded: Prisma.AuditEventWhereInput = { AND: [where, { createdAt: { lt: startedAt } }] };
    while (left > 0) {
      const batch: AuditEvent[] = await ctx.db.auditEvent.findMany({
        where: last ? { AND: [bounded, after(last)] } : bounded,
        orderBy: newestFirst,
        take: Math.min(EXPORT_BATCH, left),
      });
      if (batch.length === 0) return;
      left -= batch.length;
      last = batch[batch.length - 1] ?? null;
      yield await auditViews(ctx, batch);
    }
  }
  return { rows, truncated: matching > rows, batches: batches() };
}

/** The filters as recorded in the export's own entry (dates as ISO strings). */
function filtersOf(filter: AuditFilter): Prisma.InputJsonObject {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (typeof value === "string" && value) out[key] = value;
  }
  return out;
}

/** The entry's data with any secret-looking key hidden (defence in depth: audit data never holds secrets). */
export function safeAuditData(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== "object" || Array.isArray(data)) return {};
  const hide = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(hide);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[hidden]" : hide(v)]));
    }
    return value;
  };
  return hide(data) as Record<string, unknown>;
}

/** The words an entry's data gives its resource when the resource is gone. */
function nameInData(data: Record<string, unknown>): string | null {
  for (const key of ["jid", "name", "email", "address", "cidr", "to", "domain"]) {
    const value = data[key];
    if (typeof value === "string" && value) return value;
  }
  return null;
}

function idsOf(rows: AuditEvent[], type: string): string[] {
  return [...new Set(rows.filter((r) => r.resourceType === type).map((r) => r.resourceId))];
}

/** What each resource of these entries is called now, by `type:id`. */
async function resourceNames(ctx: CoreContext, rows: AuditEvent[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const put = (type: string, list: { id: string; name: string | null }[]) => {
    for (const r of list) if (r.name) names.set(`${type}:${r.id}`, r.name);
  };
  const ids = (type: string) => ({ where: { id: { in: idsOf(rows, type) } } });
  const [accounts, rooms, domains, instances, tokens, memberInvites, channels, tenants, invites] = await Promise.all([
    ctx.db.account.findMany({
      ...ids("account"),
      select: { id: true, localpart: true, domain: { select: { name: true } } },
    }),
    ctx.db.room.findMany({
      ...ids("room"),
      select: { id: true, name: true, title: true, domain: { select: { name: true } } },
    }),
    ctx.db.domain.findMany({ ...ids("domain"), select: { id: true, name: true } }),
    ctx.db.instance.findMany({ ...ids("instance"), select: { id: true, name: true } }),
    ctx.db.apiToken.findMany({ ...ids("api_token"), select: { id: true, name: true } }),
    ctx.db.memberInvite.findMany({ ...ids("member_invite"), select: { id: true, email: true } }),
    ctx.db.alertChannel.findMany({ ...ids("alert_channel"), select: { id: true, name: true } }),
    ctx.db.tenant.findMany({ ...ids("tenant"), select: { id: true, name: true } }),
    ctx.db.invite.findMany({ ...ids("invite"), select: { id: true, domain: { select: { name: true } } } }),
  ]);
  put(
    "account",
    accounts.map((a) => ({ id: a.id, name: `${a.localpart}@${a.domain.name}` })),
  );
  put(
    "room",
    rooms.map((r) => ({ id: r.id, name: r.title || roomJid(r, r.domain.name) })),
  );
  put("domain", domains);
  put("instance", instances);
  put("api_token", tokens);
  put(
    "member_invite",
    memberInvites.map((i) => ({ id: i.id, name: i.email })),
  );
  put("alert_channel", channels);
  put("tenant", tenants);
  put(
    "invite",
    invites.map((i) => ({ id: i.id, name: i.domain.name })),
  );
  return names;
}

/** The entries with their actors' and resources' names, read in a few queries for the whole batch. */
async function auditViews(ctx: CoreContext, rows: AuditEvent[]): Promise<AuditEventView[]> {
  const userIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const tokenIds = [...new Set(rows.flatMap((r) => (r.actorTokenId ? [r.actorTokenId] : [])))];
  const [users, tokens, names] = await Promise.all([
    ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    ctx.db.apiToken.findMany({ where: { id: { in: tokenIds } }, select: { id: true, name: true } }),
    resourceNames(ctx, rows),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const tokenById = new Map(tokens.map((t) => [t.id, t]));
  return rows.map((row) => {
    const user = row.actorUserId ? userById.get(row.actorUserId) : undefined;
    const data = safeAuditData(row.data);
    return {
      id: row.id,
      tenantId: row.tenantId,
      createdAt: row.createdAt,
      action: row.action,
      actor: {
        type: row.actorTokenId ? "token" : row.actorUserId ? "user" : "platform",
        userId: row.actorUserId,
        name: user?.name ?? null,
        email: user?.email ?? null,
        tokenId: row.actorTokenId,
        tokenName: row.actorTokenId ? (tokenById.get(row.actorTokenId)?.name ?? null) : null,
      },
      resource: {
        type: row.resourceType,
        id: row.resourceId,
        name: names.get(`${row.resourceType}:${row.resourceId}`) ?? nameInData(data),
      },
      data,
    };
  });
}

/** One row of a CSV export, the columns in CSV_COLUMNS' order. */
export const AUDIT_CSV_COLUMNS = [
  "id",
  "createdAt",
  "action",
  "actorType",
  "actorUserId",
  "actorName",
  "actorEmail",
  "actorTokenId",
  "actorTokenName",
  "resourceType",
  "resourceId",
  "resourceName",
  "data",
] as const;

export function auditCsvRow(e: AuditEventView): (string | null)[] {
  return [
    e.id,
    e.createdAt.toISOString(),
    e.action,
    e.actor.type,
    e.actor.userId,
    e.actor.name,
    e.actor.email,
    e.actor.tokenId,
    e.actor.tokenName,
    e.resource.type,
    e.resource.id,
    e.resource.name,
    JSON.stringify(e.data),
  ];
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A cell a spreadsheet would take
 * for a formula (=, +, -, @, or a tab or carriage return first) starts with an apostrophe instead.
 */
export function csvCell(value: string | null): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
