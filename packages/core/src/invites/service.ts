import { type Account, type Domain, type Invite, isUniqueViolation, type Operation, type Room } from "@xmpp-host/db";
import { serverKind } from "@xmpp-host/xmpp";
import { loadOwned } from "../access.ts";
import { checkAccountQuota } from "../accounts/service.ts";
import type { Actor, CoreContext } from "../context.ts";
import { publicBranding } from "../domain-settings/service.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { pageQuery, paginate, startOperation, target, waitForOperation } from "../operations/service.ts";
import { xmppPasswordRules } from "../passwords.ts";
import { checkNotBlocked } from "../registration/blocks.ts";
import { roomJid } from "../rooms/service.ts";
import { randomToken, sha256 } from "../secrets.ts";
import { checkSelfServicePassword, checkSelfServiceUsername } from "../validation.ts";

export type InviteStatus = "active" | "expired" | "used_up" | "revoked";
export const INVITE_STATUSES: readonly InviteStatus[] = ["active", "expired", "used_up", "revoked"];

export const INVITE_LIMITS = {
  maxUses: { min: 1, max: 100, default: 1 },
  expiresIn: { min: 300, max: 90 * 24 * 3600, default: 7 * 24 * 3600 },
} as const;

/** How long a registration request waits for the server before answering 202 instead of 201. */
export const REGISTRATION_WAIT_SECONDS = 20;

export function webPublicUrl(ctx: CoreContext): string {
  return (ctx.settings.webPublicUrl ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function inviteStatus(
  invite: Pick<Invite, "revokedAt" | "uses" | "maxUses" | "expiresAt">,
  now = new Date(),
): InviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.uses >= invite.maxUses) return "used_up";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** XEP-0401: a plain account invite, or a contact invite from `inviterJid` that also allows registration. */
export function inviteUri(domainName: string, token: string, inviterJid: string | null): string {
  return inviterJid
    ? `xmpp:${inviterJid}?roster;preauth=${token};ibr=y`
    : `xmpp:${domainName}?register;preauth=${token}`;
}

/** The error a registration through an invite that is no longer active gets (410). */
function goneError(status: InviteStatus): AppError {
  switch (status) {
    case "revoked":
      return new AppError("invite_revoked", "this invite was revoked");
    case "used_up":
      return new AppError("invite_used_up", "this invite has been used as many times as it allows");
    default:
      return new AppError("invite_expired", "this invite has expired");
  }
}

interface InviteParts {
  domain: Pick<Domain, "id" | "name">;
  rooms: Room[];
  inviter: Account | null;
  /** The domain's server keeps invite tokens itself, so a client can register in-band with the XEP-0401 URI. */
  inBand: boolean;
}

/** Whether the server of each domain takes invite tokens in-band (ejabberd 23.01 does not: the web page does it). */
async function inBandByDomain(ctx: CoreContext, domainIds: string[]): Promise<Map<string, boolean>> {
  const rows = domainIds.length
    ? await ctx.db.domain.findMany({
        where: { id: { in: [...new Set(domainIds)] } },
        select: { id: true, instance: { select: { server: true } } },
      })
    : [];
  return new Map(rows.map((d) => [d.id, serverKind(d.instance.server).features.inBandInvites]));
}

/** Rooms (in the invite's order, deleted ones left out) and the inviter of each invite, in two queries. */
async function partsOf(ctx: CoreContext, invites: Invite[]): Promise<Map<string, Omit<InviteParts, "domain">>> {
  const roomIds = [...new Set(invites.flatMap((i) => i.rooms))];
  const inviterIds = [...new Set(invites.flatMap((i) => (i.inviterAccountId ? [i.inviterAccountId] : [])))];
  const [rooms, inviters, inBand] = await Promise.all([
    roomIds.length ? ctx.db.room.findMany({ where: { id: { in: roomIds } } }) : Promise.resolve([]),
    inviterIds.length ? ctx.db.account.findMany({ where: { id: { in: inviterIds } } }) : Promise.resolve([]),
    inBandByDomain(
      ctx,
      invites.map((i) => i.domainId),
    ),
  ]);
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const accountById = new Map(inviters.map((a) => [a.id, a]));
  return new Map(
    invites.map((i) => [
      i.id,
      {
        rooms: i.rooms.flatMap((id) => {
          const room = roomById.get(id);
          return room && room.state !== "deleting" ? [room] : [];
        }),
        inviter: (i.inviterAccountId && accountById.get(i.inviterAccountId)) || null,
        inBand: inBand.get(i.domainId) ?? true,
      },
    ]),
  );
}

function inviterJid(parts: InviteParts): string | null {
  return parts.inviter ? `${parts.inviter.localpart}@${parts.domain.name}` : null;
}

/** The invite as admins see it, with its link and XEP-0401 URI (the token is decrypted for display). */
export function inviteView(ctx: CoreContext, invite: Invite, parts: InviteParts) {
  const token = ctx.secrets.decrypt(invite.tokenEncrypted);
  return {
    id: invite.id,
    domainId: invite.domainId,
    domain: parts.domain.name,
    token,
    url: `${webPublicUrl(ctx)}/join/${token}`,
    // Null where the server cannot take the token in-band: the web page is then the only way in.
    uri: parts.inBand ? inviteUri(parts.domain.name, token, inviterJid(parts)) : null,
    maxUses: invite.maxUses,
    uses: invite.uses,
    rooms: parts.rooms.map((r) => ({ id: r.id, name: r.name, title: r.title, jid: roomJid(r, parts.domain.name) })),
    inviter: inviterJid(parts),
    expiresAt: invite.expiresAt,
    revokedAt: invite.revokedAt,
    status: inviteStatus(invite),
    createdAt: invite.createdAt,
  };
}
export type InviteView = ReturnType<typeof inviteView>;

function checkRange(field: string, value: number, range: { min: number; max: number }): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw AppError.field(field, `must be a whole number from ${range.min} to ${range.max}`, "out_of_range", {
      min: range.min,
      max: range.max,
    });
  }
  return value;
}

export interface InviteInput {
  maxUses?: number;
  /** Seconds from now. */
  expiresIn?: number;
  /** Room ids on the invite's domain. */
  rooms?: string[];
  inviterAccountId?: string;
}

export async function createInvite(ctx: CoreContext, actor: Actor, domainId: string, input: InviteInput) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  if (domain.registration === "closed") {
    throw new AppError("conflict", "invites need the domain's registration policy to be invite or open", [
      { field: "registration", message: "is closed; set it to invite or open first", code: "registration_closed" },
    ]);
  }
  const maxUses = checkRange("maxUses", input.maxUses ?? INVITE_LIMITS.maxUses.default, INVITE_LIMITS.maxUses);
  const expiresIn = checkRange(
    "expiresIn",
    input.expiresIn ?? INVITE_LIMITS.expiresIn.default,
    INVITE_LIMITS.expiresIn,
  );
  const roomIds = [...new Set(input.rooms ?? [])];
  if (roomIds.length > 20) throw AppError.field("rooms", "at most 20 rooms", "too_many", { max: 20 });
  const rooms = roomIds.length
    ? await ctx.db.room.findMany({ where: { id: { in: roomIds }, domainId, state: { not: "deleting" } } })
    : [];
  roomIds.forEach((id, i) => {
    if (!rooms.some((r) => r.id === id))
      throw AppError.field(`rooms[${i}]`, "is not a room of this domain", "not_found");
  });
  let inviter: Account | null = null;
  if (input.inviterAccountId !== undefined) {
    inviter = await ctx.db.account.findFirst({
      where: { id: input.inviterAccountId, domainId, state: { not: "deleting" } },
    });
    if (!inviter) throw AppError.field("inviterAccountId", "is not an account of this domain", "not_found");
  }
  const token = randomToken("", 24);
  const { resource: invite, operation } = await startOperation(ctx, actor, {
    change: (tx) =>
      tx.invite.create({
        data: {
          tenantId: domain.tenantId,
          domainId,
          tokenHash: sha256(token),
          tokenEncrypted: ctx.secrets.encrypt(token),
          maxUses,
          rooms: roomIds,
          inviterAccountId: inviter?.id ?? null,
          expiresAt: new Date(Date.now() + expiresIn * 1000),
          createdById: actor.userId,
        },
      }),
    operation: (invite) => ({ type: "invite.create", ...target("invite", invite) }),
    audit: () => ({
      action: "invite.created",
      data: { domain: domain.name, maxUses, rooms: roomIds, inviterAccountId: inviter?.id ?? null },
    }),
  });
  const inBand = (await inBandByDomain(ctx, [domainId])).get(domainId) ?? true;
  return { invite: inviteView(ctx, invite, { domain, rooms, inviter, inBand }), operation };
}

export async function listInvites(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  page: { cursor?: string; limit: number; status?: InviteStatus },
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  const now = new Date();
  const usable = { uses: { lt: ctx.db.invite.fields.maxUses } };
  const byStatus = {
    active: { revokedAt: null, expiresAt: { gt: now }, ...usable },
    expired: { revokedAt: null, expiresAt: { lte: now }, ...usable },
    used_up: { revokedAt: null, uses: { gte: ctx.db.invite.fields.maxUses } },
    revoked: { revokedAt: { not: null } },
  } as const;
  const rows = await ctx.db.invite.findMany({
    where: { domainId, ...(page.status ? byStatus[page.status] : {}) },
    orderBy: { id: "desc" },
    ...pageQuery(page),
  });
  const { items, nextCursor } = paginate(rows, page.limit);
  const parts = await partsOf(ctx, items);
  return {
    items: items.map((i) => {
      const p = parts.get(i.id) ?? { rooms: [], inviter: null, inBand: true };
      return inviteView(ctx, i, { domain, ...p });
    }),
    nextCursor,
  };
}

export function loadInvite(ctx: CoreContext, actor: Actor, inviteId: string) {
  const found = ctx.db.invite.findUnique({ where: { id: inviteId }, include: { domain: true } });
  return loadOwned(ctx, actor, "invite", found, "write");
}

export async function getInvite(ctx: CoreContext, actor: Actor, inviteId: string) {
  const invite = await loadInvite(ctx, actor, inviteId);
  const parts = (await partsOf(ctx, [invite])).get(invite.id) ?? { rooms: [], inviter: null, inBand: true };
  return inviteView(ctx, invite, { domain: invite.domain, ...parts });
}

/** Revokes the invite (it stays listed, as revoked) and removes its token from the server. */
export async function revokeInvite(ctx: CoreContext, actor: Actor, inviteId: string) {
  const invite = await loadInvite(ctx, actor, inviteId);
  const { resource: updated, operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.invite.update({ where: { id: invite.id }, data: { revokedAt: invite.revokedAt ?? new Date() } }),
    operation: () => ({ type: "invite.revoke", ...target("invite", invite) }),
    audit: () => ({ action: "invite.revoked" }),
  });
  const parts = (await partsOf(ctx, [updated])).get(updated.id) ?? { rooms: [], inviter: null, inBand: true };
  return { invite: inviteView(ctx, updated, { domain: invite.domain, ...parts }), operation };
}

async function inviteByToken(ctx: CoreContext, token: string) {
  if (typeof token !== "string" || token.length < 16 || token.length > 128) throw AppError.notFound("invite");
  const invite = await ctx.db.invite.findUnique({
    where: { tokenHash: sha256(token) },
    include: {
      domain: { include: { tenant: { select: { name: true } }, instance: { select: { placement: true } } } },
    },
  });
  if (!invite) throw AppError.notFound("invite");
  return invite;
}

/** What the public landing page shows for a token, whatever the invite's status. */
export async function getPublicInvite(ctx: CoreContext, token: string) {
  const invite = await inviteByToken(ctx, token);
  const parts = (await partsOf(ctx, [invite])).get(invite.id) ?? { rooms: [], inviter: null, inBand: true };
  const full = { domain: invite.domain, ...parts };
  return {
    status: inviteStatus(invite),
    domain: invite.domain.name,
    tenantName: invite.domain.tenant.name,
    rooms: parts.rooms.map((r) => ({ name: r.name, title: r.title, jid: roomJid(r, invite.domain.name) })),
    inviter: inviterJid(full),
    expiresAt: invite.expiresAt,
    url: `${webPublicUrl(ctx)}/join/${token}`,
    uri: parts.inBand ? inviteUri(invite.domain.name, token, inviterJid(full)) : null,
    maxUses: invite.maxUses,
    uses: invite.uses,
    branding: await publicBranding(ctx, invite.domain),
  };
}

export interface Registration {
  jid: string;
  /** Bare JIDs of the rooms the account was made a member of. */
  rooms: string[];
  operationId: string;
  /** False when the server did not finish within the wait: the account is still being created. */
  finished: boolean;
}

/**
 * Creates the account row, counts the invite's use and records the operation in one transaction, then waits
 * for the worker. Anything refused here (taken name, used-up invite, quota) rolls the whole transaction back.
 */
async function register(
  ctx: CoreContext,
  domain: Domain,
  input: { username: string; password: string },
  invite: Invite | null,
  ip: string | undefined,
): Promise<Registration> {
  if (domain.state !== "active")
    throw new AppError("conflict", "the domain is not ready for registrations", { reason: "domain_not_ready" });
  await checkNotBlocked(ctx, domain.id, ip);
  const localpart = checkSelfServiceUsername(typeof input.username === "string" ? input.username : "");
  checkSelfServicePassword(
    typeof input.password === "string" ? input.password : "",
    localpart,
    domain.name,
    await xmppPasswordRules(ctx, domain.instanceId),
  );
  const jid = `${localpart}@${domain.name}`;
  const rooms = invite?.rooms.length
    ? await ctx.db.room.findMany({ where: { id: { in: invite.rooms }, domainId: domain.id, state: "active" } })
    : [];
  let operation: Operation;
  try {
    ({ operation } = await startOperation(ctx, null, {
      change: async (tx) => {
        await checkAccountQuota(ctx, tx, domain);
        if (invite) {
          // Counted in the transaction that creates the account: both commit, or neither does.
          const counted = await tx.$executeRaw`
            UPDATE "Invite" SET uses = uses + 1
             WHERE id = ${invite.id} AND "revokedAt" IS NULL AND "expiresAt" > now() AND uses < "maxUses"`;
          if (counted !== 1) {
            const now = await tx.invite.findUniqueOrThrow({ where: { id: invite.id } });
            throw goneError(inviteStatus(now));
          }
        }
        const account = await tx.account.create({
          data: { tenantId: domain.tenantId, domainId: domain.id, localpart },
        });
        if (rooms.length) {
          await tx.$executeRaw`
            UPDATE "Room" SET members = array_append(members, ${jid}), "updatedAt" = now()
             WHERE id = ANY(${rooms.map((r) => r.id)}) AND NOT (${jid} = ANY(members))`;
        }
        return account;
      },
      operation: (account) => ({
        type: "account.register",
        ...target("account", account),
        input: invite ? { inviteId: invite.id } : {},
        secret: input.password,
      }),
      audit: () => ({
        action: invite ? "account.registered_with_invite" : "account.registered",
        data: { jid, ...(invite ? { inviteId: invite.id } : {}) },
      }),
    }));
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(jid);
    throw err;
  }
  const done = await waitForOperation(ctx, operation.id, REGISTRATION_WAIT_SECONDS);
  if (done.status === "failed") {
    const error = (done.error ?? {}) as { kind?: string; message?: string };
    if (error.kind === "UsernameTakenError") throw takenError(jid);
    throw new AppError("unavailable", "the account could not be created on the server; try again later", {
      reason: "account_not_created",
    });
  }
  return {
    jid,
    rooms: rooms.map((r) => roomJid(r, domain.name)),
    operationId: operation.id,
    finished: done.status === "succeeded",
  };
}

function takenError(jid: string): AppError {
  return new AppError("conflict", `${jid} is already taken`, [
    { field: "username", message: "is already taken", code: "taken" },
  ]);
}

export async function registerWithInvite(
  ctx: CoreContext,
  token: string,
  input: { username: string; password: string },
  /** The client's address, refused when the domain blocks it. */
  ip?: string,
): Promise<Registration> {
  const invite = await inviteByToken(ctx, token);
  const status = inviteStatus(invite);
  if (status !== "active") throw goneError(status);
  return register(ctx, invite.domain, input, invite, ip);
}

export async function domainByName(ctx: CoreContext, name: string) {
  const domain = await ctx.db.domain.findUnique({
    where: { name: String(name).trim().toLowerCase() },
    include: { tenant: { select: { name: true } }, instance: { select: { placement: true } } },
  });
  if (!domain || domain.state === "deleting") throw AppError.notFound("domain");
  return domain;
}

/** What the public registration page needs to know about a domain. */
export async function getPublicDomain(ctx: CoreContext, name: string) {
  const domain = await domainByName(ctx, name);
  return {
    domain: domain.name,
    registration: domain.registration,
    tenantName: domain.tenant.name,
    branding: await publicBranding(ctx, domain),
  };
}

export async function registerOpen(
  ctx: CoreContext,
  domainName: string,
  input: { username: string; password: string },
  /** The client's address, refused when the domain blocks it. */
  ip?: string,
): Promise<Registration> {
  const domain = await domainByName(ctx, domainName);
  if (domain.registration !== "open") {
    throw new AppError("registration_closed", `${domain.name} does not allow self-service registration`);
  }
  return register(ctx, domain, input, null, ip);
}
