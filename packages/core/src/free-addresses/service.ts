/**
 * Free addresses: NAME.PLATFORM_BASE_DOMAIN, with DNS published by the platform, placed on a pool of shared
 * servers that tenants never see.
 */

import { type Instance, isUniqueViolation, type RegistrationPolicy, type Tx } from "@xmpp-host/db";
import { serverKind } from "@xmpp-host/xmpp";
import { authorize } from "../access.ts";
import type { Actor, CoreContext, SharedHostingSettings } from "../context.ts";
import { platformSettings } from "../dns/service.ts";
import { withServer } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { adminSecretFor } from "../instances/service.ts";
import { dispatch, recordStart, target } from "../operations/service.ts";
import { randomToken } from "../secrets.ts";

export const defaultSharedSettings: SharedHostingSettings = {
  serverKind: "prosody",
  maxDomainsPerInstance: 250,
  maxAccounts: 50,
  uploadQuotaMb: 1024,
  archiveDays: 30,
};

export function sharedSettingsFromEnv(env: {
  SHARED_SERVER_KIND: "prosody" | "ejabberd";
  SHARED_INSTANCE_MAX_DOMAINS: number;
  SHARED_DOMAIN_MAX_ACCOUNTS: number;
  SHARED_DOMAIN_UPLOAD_QUOTA_MB: number;
  SHARED_DOMAIN_ARCHIVE_DAYS: number;
}): SharedHostingSettings {
  return {
    serverKind: env.SHARED_SERVER_KIND,
    maxDomainsPerInstance: env.SHARED_INSTANCE_MAX_DOMAINS,
    maxAccounts: env.SHARED_DOMAIN_MAX_ACCOUNTS,
    uploadQuotaMb: env.SHARED_DOMAIN_UPLOAD_QUOTA_MB,
    archiveDays: env.SHARED_DOMAIN_ARCHIVE_DAYS,
  };
}

export function sharedSettings(ctx: CoreContext): SharedHostingSettings {
  return ctx.settings.shared ?? defaultSharedSettings;
}

/**
 * Names nobody gets as a free address: service and infrastructure names that would mislead (www, mail, xmpp,
 * admin...), names of the platform's own hosts, and names the DNS reserves.
 */
export const RESERVED_ADDRESS_NAMES: ReadonlySet<string> = new Set([
  "www",
  "mail",
  "email",
  "smtp",
  "imap",
  "pop",
  "pop3",
  "mx",
  "ftp",
  "sftp",
  "ssh",
  "vpn",
  "ns",
  "ns1",
  "ns2",
  "ns3",
  "ns4",
  "dns",
  "api",
  "app",
  "apps",
  "web",
  "admin",
  "administrator",
  "root",
  "sysadmin",
  "operator",
  "operators",
  "staff",
  "team",
  "official",
  "support",
  "help",
  "abuse",
  "postmaster",
  "hostmaster",
  "webmaster",
  "security",
  "info",
  "noc",
  "status",
  "xmpp",
  "jabber",
  "chat",
  "groups",
  "group",
  "share",
  "upload",
  "uploads",
  "conference",
  "muc",
  "proxy",
  "pubsub",
  "turn",
  "stun",
  "irc",
  "push",
  "docs",
  "blog",
  "dashboard",
  "console",
  "login",
  "logout",
  "signin",
  "signup",
  "register",
  "account",
  "accounts",
  "billing",
  "static",
  "assets",
  "cdn",
  "media",
  "files",
  "autoconfig",
  "autodiscover",
  "localhost",
  "test",
  "example",
  "invalid",
  "local",
  "platform",
  "system",
  "probe",
  "server",
  "servers",
  "node",
  "shared",
  "default",
  "demo",
  "wpad",
  "isatap",
]);

/**
 * Words refused as a free address or as any hyphen-separated part of one (English and French). Whole words only,
 * so that ordinary names that merely contain these letters are not refused.
 */
const OFFENSIVE_WORDS: ReadonlySet<string> = new Set([
  "fuck",
  "fucker",
  "fucking",
  "shit",
  "cunt",
  "nigger",
  "nigga",
  "faggot",
  "fag",
  "whore",
  "slut",
  "bitch",
  "rape",
  "rapist",
  "nazi",
  "nazis",
  "hitler",
  "porn",
  "porno",
  "xxx",
  "dick",
  "cock",
  "pussy",
  "asshole",
  "bastard",
  "wank",
  "merde",
  "putain",
  "pute",
  "salope",
  "connard",
  "connasse",
  "encule",
  "enculer",
  "nique",
  "niquer",
  "batard",
  "bougnoule",
  "negre",
  "pd",
  "tapette",
  "chatte",
  "bite",
  "couille",
  "couilles",
]);

const ADDRESS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type AddressRefusal = "invalid" | "reserved" | "offensive" | "taken" | "unavailable";

export interface AddressCheck {
  name: string;
  /** The full address, NAME.BASE, once the name is a valid label. */
  address: string | null;
  available: boolean;
  reason: AddressRefusal | null;
  message: string | null;
}

/** The base domain free addresses live under, or a refusal naming `name` when the platform offers none. */
function baseDomainOf(ctx: CoreContext): string {
  const base = platformSettings(ctx).baseDomain?.toLowerCase();
  if (!base) {
    throw new AppError("precondition_failed", "this platform offers no free addresses", [
      {
        field: "name",
        message: "free addresses are not offered here; add a domain of your own instead",
        code: "not_offered",
      },
    ]);
  }
  return base;
}

/** Checks a name without touching the database; returns the refusal or the full address. */
function judgeName(raw: string, base: string, platformHost: string): AddressCheck {
  const name = raw.trim().toLowerCase();
  const refuse = (reason: AddressRefusal, message: string): AddressCheck => ({
    name,
    address: ADDRESS_LABEL.test(name) ? `${name}.${base}` : null,
    available: false,
    reason,
    message,
  });
  if (name.length < 2) return refuse("invalid", "must be at least 2 characters");
  if (name.length > 63) return refuse("invalid", "must be at most 63 characters");
  if (!ADDRESS_LABEL.test(name)) {
    return refuse("invalid", "may use only letters a-z, digits and inner hyphens (no dots or spaces)");
  }
  if (name.startsWith("xn--") || name.slice(2, 4) === "--") {
    return refuse("invalid", "must not start with two characters followed by two hyphens");
  }
  const ownHost = platformHost.toLowerCase().endsWith(`.${base}`)
    ? platformHost
        .toLowerCase()
        .slice(0, -(base.length + 1))
        .split(".")
        .pop()
    : undefined;
  if (RESERVED_ADDRESS_NAMES.has(name) || name === ownHost || name.startsWith("xh-") || name.startsWith("_")) {
    return refuse("reserved", "is reserved by the platform");
  }
  if (OFFENSIVE_WORDS.has(name) || name.split("-").some((part) => OFFENSIVE_WORDS.has(part))) {
    return refuse("offensive", "is not allowed");
  }
  return { name, address: `${name}.${base}`, available: true, reason: null, message: null };
}

/** Whether NAME.BASE can be had: valid, not reserved, not offensive, not taken. For the form's live check. */
export async function checkFreeAddress(ctx: CoreContext, rawName: string): Promise<AddressCheck> {
  const base = baseDomainOf(ctx);
  const judged = judgeName(rawName, base, platformSettings(ctx).host);
  if (!judged.available || !judged.address) return judged;
  const taken = await ctx.db.domain.findUnique({ where: { name: judged.address }, select: { id: true } });
  if (taken) return { ...judged, available: false, reason: "taken", message: "is already taken" };
  return judged;
}

const PLACEMENT_LOCK = 0x78685f706f6f6cn; // "xh_pool": one placement at a time, across API processes

/** Domains on the instance that count against its capacity (every row, deleting ones until they are gone). */
async function sharedPoolLoad(tx: Tx): Promise<{ id: string; domains: number; capacity: number | null }[]> {
  return tx.$queryRaw<{ id: string; domains: number; capacity: number | null }[]>`
    SELECT i.id, count(d.id)::int AS domains, i."maxDomains" AS capacity
    FROM "Instance" i LEFT JOIN "Domain" d ON d."instanceId" = i.id
    WHERE i.placement = 'shared' AND i.status IN ('provisioning', 'running') AND i."desiredState" = 'running'
    GROUP BY i.id, i."createdAt"
    ORDER BY count(d.id) ASC, i."createdAt" ASC`;
}

/** Records a new shared server and the operation that starts it (inside the caller's transaction). */
async function recordSharedInstance(ctx: CoreContext, tx: Tx, actor: Actor | null) {
  const count = await tx.instance.count({ where: { placement: "shared" } });
  const server = sharedSettings(ctx).serverKind;
  const instance = await tx.instance.create({
    data: {
      tenantId: null,
      name: `shared-${count + 1}`,
      server,
      runtime: ctx.settings.runtime ?? "local",
      placement: "shared",
      maxDomains: sharedSettings(ctx).maxDomainsPerInstance,
      // Where each domain is backed up on its own (daily), a whole-server copy stays an operator's manual act;
      // a server that keeps every domain in one database is backed up whole, daily.
      backupIntervalHours: serverKind(server).features.domainBackups ? 0 : 24,
      ...adminSecretFor(ctx, server),
    },
  });
  const operation = await recordStart(
    ctx,
    tx,
    actor,
    { type: "instance.create", ...target("instance", instance) },
    {
      action: "instance.created",
      data: { name: instance.name, placement: "shared" },
    },
  );
  return { instance, operation };
}

/**
 * The shared server the next domain goes on: the least loaded one with room, or a new one when the pool is full
 * (or empty). Serialised by an advisory lock, so concurrent requests never overfill a server or open two.
 */
async function placeOnSharedPool(ctx: CoreContext, tx: Tx, actor: Actor | null) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PLACEMENT_LOCK})`;
  const fallback = sharedSettings(ctx).maxDomainsPerInstance;
  const withRoom = (await sharedPoolLoad(tx)).find((i) => i.domains < (i.capacity ?? fallback));
  if (withRoom) return { instanceId: withRoom.id, opened: null };
  const opened = await recordSharedInstance(ctx, tx, actor);
  return { instanceId: opened.instance.id, opened };
}

/** Opens a shared server for the pool (npm run up's first one, or an operator's ahead of demand). */
export async function openSharedInstance(ctx: CoreContext, actor: Actor | null) {
  if (actor && !actor.isOperator)
    throw new AppError("forbidden", "only operators open shared servers", { reason: "operators_only" });
  const { instance, operation } = await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PLACEMENT_LOCK})`;
    return recordSharedInstance(ctx, tx, actor);
  });
  await dispatch(ctx, operation);
  return { instance, operation };
}

/**
 * Refuses a new domain once the tenant has its quota of domains. Locks the tenant's row first, so that
 * concurrent requests are counted one after the other.
 */
export async function checkDomainQuota(tx: Tx, tenantId: string): Promise<void> {
  const [tenant] = await tx.$queryRaw<{ quota: number }[]>`
    SELECT "domainQuota" AS quota FROM "Tenant" WHERE id = ${tenantId} FOR UPDATE`;
  if (!tenant) throw AppError.notFound("tenant");
  const used = await tx.domain.count({ where: { tenantId } });
  if (used >= tenant.quota) {
    throw new AppError("quota_exceeded", `the organisation already has its ${tenant.quota} domains`, [
      {
        field: "name",
        message: `the organisation's quota of ${tenant.quota} domains is reached`,
        code: "quota_reached",
        params: { quota: tenant.quota },
      },
    ]);
  }
}

/** A free address for the tenant: NAME.BASE on the shared pool, published and verified by the platform. */
export async function createFreeAddress(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  input: { name: string; registration?: RegistrationPolicy },
) {
  await authorize(ctx, actor, tenantId, "write");
  const base = baseDomainOf(ctx);
  const judged = judgeName(input.name, base, platformSettings(ctx).host);
  if (!judged.available || !judged.address) {
    const message = judged.message ?? "is not available";
    const code = judged.reason ?? "invalid";
    if (judged.reason === "invalid") throw AppError.field("name", message, code);
    throw AppError.unprocessable("name", message, code);
  }
  const name = judged.address;
  try {
    const { domain, operation, opened } = await ctx.db.$transaction(
      async (tx) => {
        await checkDomainQuota(tx, tenantId);
        const taken = await tx.domain.findUnique({ where: { name }, select: { id: true } });
        if (taken) throw takenError(name);
        const placed = await placeOnSharedPool(ctx, tx, actor);
        const domain = await tx.domain.create({
          data: {
            name,
            tenantId,
            instanceId: placed.instanceId,
            registration: input.registration ?? "invite",
            verificationToken: randomToken("xh-verify-", 16),
            // Under the platform's own zone: nobody else can hold it, so there is nothing to prove.
            verified: true,
            verifiedAt: new Date(),
          },
          include: withServer,
        });
        const operation = await recordStart(
          ctx,
          tx,
          actor,
          { type: "domain.create", ...target("domain", domain) },
          {
            action: "domain.created",
            data: { name, freeAddress: true },
          },
        );
        return { domain, operation, opened: placed.opened };
      },
      { timeout: 15_000 },
    );
    // The new server first, so that it is starting while the domain's job waits for it.
    if (opened) await dispatch(ctx, opened.operation);
    await dispatch(ctx, operation);
    return { domain, operation, placement: "shared" as const };
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(name);
    throw err;
  }
}

function takenError(name: string): AppError {
  return new AppError("conflict", `${name} is already taken`, [
    { field: "name", message: "is already taken", code: "taken" },
  ]);
}

/** Per-domain limits that apply to a domain on this instance (shared servers only). */
export function domainLimitsFor(ctx: CoreContext, instance: Pick<Instance, "placement">) {
  if (instance.placement !== "shared") return null;
  const s = sharedSettings(ctx);
  return { maxAccounts: s.maxAccounts, uploadQuotaMb: s.uploadQuotaMb, archiveDays: s.archiveDays };
}
