import { createHash } from "node:crypto";
import type { Domain, Instance, Prisma } from "@xmpp-host/db";
import { type DomainServerSettings, type ExtraOptionValue, type HostOptionRule, serverKind } from "@xmpp-host/xmpp";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { platformSettings } from "../dns/service.ts";
import { loadDomain, withServer } from "../domains/service.ts";
import { AppError, type FieldError } from "../errors.ts";
import { startOperation, target } from "../operations/service.ts";
import { type ProviderFileV2, providerFile } from "./provider-file.ts";
import {
  applyPatch,
  ceilingsFor,
  type DomainSettings,
  type DomainSettingsPlatform,
  defaultDomainSettingsPlatform,
  defaultProviderFacts,
  defaultSettings,
  effectiveSettings,
  fileRetentions,
  historyRetentions,
  type SettingCeilings,
  type SettingName,
  serverSettingNames,
  serverSettings,
} from "./settings.ts";

export function settingsPlatform(ctx: CoreContext): DomainSettingsPlatform {
  const p = ctx.settings.domainSettings ?? defaultDomainSettingsPlatform;
  // A shared server's history and files are kept no longer than its domains' archive limit.
  return ctx.settings.shared ? { ...p, sharedMaxDays: ctx.settings.shared.archiveDays } : p;
}

export interface SettingsView {
  settings: DomainSettings;
  defaults: DomainSettings;
  /** The settings that differ from their defaults because the domain chose them. */
  changed: SettingName[];
  ceilings: SettingCeilings;
}

export function settingsOf(
  ctx: CoreContext,
  domain: Pick<Domain, "settings"> & { instance: Pick<Instance, "placement"> },
): SettingsView {
  const platform = settingsPlatform(ctx);
  const ceilings = ceilingsFor(platform, domain.instance.placement);
  const defaults = defaultSettings(platform, ceilings);
  const { settings, changed } = effectiveSettings(domain.settings, defaults, ceilings);
  return { settings, defaults, changed, ceilings };
}

function extraOptionsOf(domain: Pick<Domain, "extraOptions">): Record<string, ExtraOptionValue> {
  const raw = domain.extraOptions;
  return raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, ExtraOptionValue>) : {};
}

/** What the worker renders into the domain's part of its server's configuration. */
export function domainServerSettings(
  ctx: CoreContext,
  domain: Pick<Domain, "settings" | "extraOptions"> & { instance: Pick<Instance, "placement"> },
): DomainServerSettings {
  return serverSettings(settingsOf(ctx, domain).settings, extraOptionsOf(domain), platformSettings(ctx).baseDomain);
}

export async function getDomainSettings(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  const logo = await ctx.db.domainLogo.findUnique({ where: { domainId }, select: { sha256: true } });
  return { domain, view: settingsOf(ctx, domain), logo, extraOptions: extraOptionsOf(domain) };
}

/** A change of settings: a value sets it, null resets it to its default. Applied live by the worker. */
export async function updateDomainSettings(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  patch: Record<string, unknown>,
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  const before = settingsOf(ctx, domain);
  const patched = applyPatch(domain.settings, patch, before.ceilings, domain.instance.server);
  // A value equal to its default is no choice: it follows the default from now on.
  const stored = Object.fromEntries(
    Object.entries(patched).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before.defaults[k as SettingName])),
  );
  const after = settingsOf(ctx, { ...domain, settings: stored as Prisma.JsonObject });
  const changed = (Object.keys(after.settings) as SettingName[]).filter(
    (k) => JSON.stringify(after.settings[k]) !== JSON.stringify(before.settings[k]),
  );
  const audit = () => ({
    action: "domain.settings_changed" as const,
    data: Object.fromEntries(changed.map((k) => [k, after.settings[k]])) as Prisma.InputJsonObject,
  });
  if (!changed.some((k) => serverSettingNames.has(k))) {
    // Nothing the server sees changed (branding, pages, or a reset to what applies anyway): no operation.
    if (JSON.stringify(stored) !== JSON.stringify(domain.settings)) {
      await auditedChange(
        ctx,
        actor,
        (tx) => tx.domain.update({ where: { id: domain.id }, data: { settings: stored as Prisma.InputJsonObject } }),
        () => ({ ...audit(), ...target("domain", domain) }),
      );
    }
    return { domain, view: after, operation: null };
  }
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) =>
      tx.domain.update({
        where: { id: domain.id },
        data: { settings: stored as Prisma.InputJsonObject },
        include: withServer,
      }),
    operation: () => ({ type: "domain.update", ...target("domain", domain), input: { settings: changed } }),
    audit,
  });
  return { domain, view: after, operation };
}

function checkOption(name: string, value: unknown, rule: HostOptionRule | undefined): FieldError | null {
  const field = `options/${name}`;
  const bad = (message: string) => ({ field, message, code: "invalid" as const });
  if (!rule) return { field, message: "is not an option this server takes per domain", code: "not_allowed" };
  switch (rule.type) {
    case "boolean":
      return typeof value === "boolean" ? null : bad("must be true or false");
    case "number":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) return bad("must be a whole number");
      return value < rule.min || value > rule.max
        ? {
            field,
            message: `must be between ${rule.min} and ${rule.max}`,
            code: "out_of_range",
            params: { min: rule.min, max: rule.max },
          }
        : null;
    case "string":
      if (typeof value !== "string" || value.length === 0) return bad("must be text");
      return value.length > rule.maxLength
        ? { field, message: "is too long", code: "too_long", params: { max: rule.maxLength } }
        : null;
    case "choice":
      return (rule.values as readonly unknown[]).includes(value)
        ? null
        : bad(`must be one of ${rule.values.map((v) => JSON.stringify(v)).join(", ")}`);
  }
}

/**
 * The expert escape hatch: options an operator adds to one domain's virtual host. Each is checked against what
 * the server kind takes (name and value) before anything is stored, so the server never sees a refused one. A
 * null value removes the option. Operators only; audited.
 */
export async function setExtraOptions(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  options: Record<string, unknown>,
) {
  if (!actor.isOperator || actor.token) {
    throw new AppError("forbidden", "only platform operators add server options", { reason: "operators_only" });
  }
  const domain = await ctx.db.domain.findUnique({ where: { id: domainId }, include: withServer });
  if (!domain) throw AppError.notFound("domain");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  const rules = serverKind(domain.instance.server).hostOptions;
  const next: Record<string, ExtraOptionValue> = { ...extraOptionsOf(domain) };
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (value === null) {
      delete next[name];
      continue;
    }
    const problem = checkOption(name, value, Object.hasOwn(rules, name) ? rules[name] : undefined);
    if (problem) errors.push(problem);
    else next[name] = value as ExtraOptionValue;
  }
  if (errors.length)
    throw new AppError("validation_failed", errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors);
  const { resource, operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.domain.update({ where: { id: domain.id }, data: { extraOptions: next }, include: withServer }),
    operation: () => ({ type: "domain.update", ...target("domain", domain), input: { settings: ["extraOptions"] } }),
    audit: () => ({ action: "domain.options_changed", data: { options: options as Prisma.InputJsonObject } }),
  });
  return { domain: resource, extraOptions: next, operation };
}

const LOGO_MAX_BYTES = 100 * 1024;
const LOGO_TYPES: { type: string; magic: (b: Buffer) => boolean }[] = [
  {
    type: "image/png",
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: "image/jpeg", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: "image/webp",
    magic: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
];

/**
 * A domain's logo: PNG, JPEG or WebP, told by its bytes, not by what the upload claims; at most 100 kB. SVG is
 * refused: it can carry scripts, and sanitising it safely is a project of its own.
 */
export async function setDomainLogo(ctx: CoreContext, actor: Actor, domainId: string, bytes: Buffer) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (bytes.length === 0) throw AppError.field("logo", "is empty", "required");
  if (bytes.length > LOGO_MAX_BYTES) {
    throw AppError.field("logo", `must be at most ${LOGO_MAX_BYTES / 1024} kB`, "too_large", {
      max: LOGO_MAX_BYTES,
    });
  }
  const kind = LOGO_TYPES.find((t) => t.magic(bytes));
  if (!kind) throw AppError.field("logo", "must be a PNG, JPEG or WebP picture", "not_allowed");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const data = { contentType: kind.type, bytes: new Uint8Array(bytes), sha256 };
  return auditedChange(
    ctx,
    actor,
    (tx) =>
      tx.domainLogo.upsert({
        where: { domainId: domain.id },
        create: { domainId: domain.id, ...data },
        update: data,
        select: { sha256: true, contentType: true },
      }),
    () => ({
      action: "domain.logo_changed",
      ...target("domain", domain),
      data: { contentType: kind.type, bytes: bytes.length },
    }),
  );
}

export async function deleteDomainLogo(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  await auditedChange(
    ctx,
    actor,
    (tx) => tx.domainLogo.deleteMany({ where: { domainId: domain.id } }),
    () => ({ action: "domain.logo_removed", ...target("domain", domain) }),
  );
}

/** Where the domain's logo is served (through the web app's /api proxy); the hash keeps caches honest. */
export function logoPath(domainName: string, sha256: string): string {
  return `/api/v1/public/domains/${domainName}/logo?v=${sha256.slice(0, 16)}`;
}

/** What the public pages of a domain (invite, registration) show of its branding. */
export async function publicBranding(
  ctx: CoreContext,
  domain: Pick<Domain, "id" | "name" | "settings"> & { instance: Pick<Instance, "placement"> },
) {
  const { settings } = settingsOf(ctx, domain);
  const logo = await ctx.db.domainLogo.findUnique({ where: { domainId: domain.id }, select: { sha256: true } });
  return {
    name: settings.brandName,
    accentColor: settings.brandColor,
    logoUrl: logo ? logoPath(domain.name, logo.sha256) : null,
  };
}

/** A domain's logo by the domain's name, for anyone: the pages that show it are public. */
export async function publicLogo(ctx: CoreContext, domainName: string) {
  const domain = await ctx.db.domain.findUnique({ where: { name: domainName.toLowerCase() }, select: { id: true } });
  if (!domain) throw AppError.notFound("logo");
  const logo = await ctx.db.domainLogo.findUnique({
    where: { domainId: domain.id },
    select: { contentType: true, bytes: true, sha256: true },
  });
  if (!logo) throw AppError.notFound("logo");
  return logo;
}

/** Running domains whose history is kept a limited time, with how many days, for the daily expiry. */
export async function domainsWithHistoryLimit(ctx: CoreContext) {
  const domains = await ctx.db.domain.findMany({
    where: { state: "active", instance: { status: "running" } },
    include: { instance: true },
    orderBy: { id: "asc" },
  });
  return domains.flatMap((domain) => {
    const { settings } = settingsOf(ctx, domain);
    const days = historyRetentions[settings.historyRetention];
    return settings.historyEnabled && days !== null ? [{ domain, days }] : [];
  });
}

/**
 * The XMPP Providers file of a domain (served at https://DOMAIN/.well-known/xmpp-provider-v2.json), from its
 * settings and the platform's facts. Public, like the domain's invite pages.
 */
export async function providerFileFor(ctx: CoreContext, domainName: string): Promise<ProviderFileV2> {
  const domain = await ctx.db.domain.findUnique({
    where: { name: String(domainName).toLowerCase() },
    include: { instance: { select: { placement: true, region: true } } },
  });
  if (!domain || domain.state === "deleting") throw AppError.notFound("domain");
  const platform = settingsPlatform(ctx);
  const facts = platform.provider ?? defaultProviderFacts;
  const { settings: s } = settingsOf(ctx, domain);
  const fileDays = fileRetentions[s.fileRetention];
  // What one person can keep: a day's quota for as many days as files are kept, and never more than a shared
  // server's domain may store in all. Kept for ever on a dedicated server: no limit.
  const domainQuota =
    ctx.settings.shared && domain.instance.placement === "shared"
      ? ctx.settings.shared.uploadQuotaMb * 1024 * 1024
      : null;
  const perPerson = fileDays === null ? null : s.fileQuotaPerDayBytes * fileDays;
  const total = perPerson === null ? domainQuota : domainQuota === null ? perPerson : Math.min(perPerson, domainQuota);
  const region = domain.instance.region ?? facts.region;
  const page = (url: string | null): Record<string, string> => (url ? { en: url } : {});
  return providerFile({
    website: page(s.websiteUrl),
    legalNotice: page(s.legalNoticeUrl),
    // No password reset page yet: members ask their admins.
    passwordReset: {},
    serverLocations: region ? [region] : [],
    since: domain.createdAt.toISOString().slice(0, 10),
    organization: facts.organization,
    busFactor: facts.busFactor,
    serverTesting: facts.serverTesting,
    freeOfCharge: facts.freeOfCharge,
    professionalHosting: facts.professionalHosting,
    maxFileBytes: s.filesEnabled ? s.fileMaxBytes : null,
    totalFileBytesPerPerson: total,
    fileRetentionDays: fileDays,
    historyRetentionDays: s.historyEnabled ? historyRetentions[s.historyRetention] : 0,
    alternativeJids: [],
  });
}
