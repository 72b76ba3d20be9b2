/**
 * What a family or community may choose about its chat, one flat setting per name: its values, its default, and
 * the platform's ceilings. Stored as the changed settings only (Domain.settings), so "reset to default" forgets a
 * name and a later change of the platform's default reaches every domain that never chose.
 */
import {
  type DomainServerSettings,
  type ExtraOptionValue,
  isValidHostname,
  type ServerName,
  serverKind,
} from "@xmpp-host/xmpp";
import { AppError, type FieldError } from "../errors.ts";
import type { ProviderOrganization } from "./provider-file.ts";

/** How long message history is kept. Month and year lengths are the server's days. */
export const historyRetentions = { forever: null, "1y": 365, "6m": 182, "1m": 30 } as const;
export type HistoryRetention = keyof typeof historyRetentions;
/** How long shared files are kept. */
export const fileRetentions = { forever: null, "1y": 365, "6m": 182, "1m": 30, "1w": 7 } as const;
export type FileRetention = keyof typeof fileRetentions;

export interface DomainSettings {
  historyEnabled: boolean;
  historyRetention: HistoryRetention;
  filesEnabled: boolean;
  fileMaxBytes: number;
  fileQuotaPerDayBytes: number;
  fileRetention: FileRetention;
  pushIncludeSender: boolean;
  pushIncludeBody: boolean;
  tlsProfile: "modern" | "intermediate";
  welcomeMessage: string | null;
  abuseAddresses: string[];
  supportAddresses: string[];
  brandName: string | null;
  brandColor: string | null;
  websiteUrl: string | null;
  legalNoticeUrl: string | null;
  /** Who the domain's people may talk to on other servers: everyone, only listed domains, or nobody. */
  federation: FederationPolicy;
  /** With `allowlist`: the other domains allowed. */
  federationAllowlist: string[];
  /** With `allowlist`: the platform's own free addresses (NAME.PLATFORM_BASE_DOMAIN) are allowed too. */
  federationPlatformDomains: boolean;
  /**
   * Other domains accepted without a valid certificate (a partner on a self-signed one). They prove who they are by
   * dialback only, which anyone able to tamper with DNS between the servers can fake.
   */
  federationInsecurePartners: string[];
  /**
   * Invites each member may create from their chat app (XEP-0401 ad-hoc command) that let someone register, per
   * rolling 7 days; 0: members' invites only add them as a contact. Admins of the domain are not limited.
   */
  memberInvitesPerWeek: number;
}
export const federationPolicies = ["open", "allowlist", "closed"] as const;
export type FederationPolicy = (typeof federationPolicies)[number];
/** How many other domains an allowlist may name. */
export const MAX_FEDERATION_ALLOWLIST = 100;
/** How many partners a domain may accept without a valid certificate. */
export const MAX_INSECURE_PARTNERS = 20;
/** The most invites a member may create per week: enough for a family, too few for a spammer's batch. */
export const MAX_MEMBER_INVITES_PER_WEEK = 50;
export type SettingName = keyof DomainSettings;
export const settingNames = [
  "historyEnabled",
  "historyRetention",
  "filesEnabled",
  "fileMaxBytes",
  "fileQuotaPerDayBytes",
  "fileRetention",
  "pushIncludeSender",
  "pushIncludeBody",
  "tlsProfile",
  "welcomeMessage",
  "abuseAddresses",
  "supportAddresses",
  "brandName",
  "brandColor",
  "websiteUrl",
  "legalNoticeUrl",
  "federation",
  "federationAllowlist",
  "federationPlatformDomains",
  "federationInsecurePartners",
  "memberInvitesPerWeek",
] as const satisfies readonly SettingName[];

/** The settings a server is configured with; the others (branding, pages) only reach the platform's own pages. */
export const serverSettingNames: ReadonlySet<SettingName> = new Set<SettingName>([
  "historyEnabled",
  "historyRetention",
  "filesEnabled",
  "fileMaxBytes",
  "fileQuotaPerDayBytes",
  "fileRetention",
  "pushIncludeSender",
  "pushIncludeBody",
  "tlsProfile",
  "welcomeMessage",
  "abuseAddresses",
  "supportAddresses",
  "federation",
  "federationAllowlist",
  "federationPlatformDomains",
  "federationInsecurePartners",
  "memberInvitesPerWeek",
]);

/** What the operator decides for every domain: ceilings and the defaults that come from the platform. */
export interface DomainSettingsPlatform {
  /** The largest file anyone may share, on any server. */
  maxFileMb: number;
  /** On shared servers: the largest file, and how long history and files may be kept (days). */
  sharedMaxFileMb: number;
  sharedMaxDays: number;
  abuseAddress?: string | undefined;
  supportAddress?: string | undefined;
  websiteUrl?: string | undefined;
  legalNoticeUrl?: string | undefined;
  /** What every domain's provider file says of whoever runs the platform. */
  provider?: ProviderFacts;
}

/** Facts about the operator for the XMPP Providers file (providers.xmpp.net), from the platform's settings. */
export interface ProviderFacts {
  organization: ProviderOrganization;
  /** -1 when not stated. */
  busFactor: number;
  freeOfCharge: boolean;
  professionalHosting: boolean;
  serverTesting: boolean;
  /** Where servers run when an operator has not said so per server (ISO 3166-1 alpha-2). */
  region?: string | undefined;
}

export const defaultProviderFacts: ProviderFacts = {
  organization: "",
  busFactor: -1,
  freeOfCharge: false,
  professionalHosting: true,
  serverTesting: false,
};

export function domainSettingsFromEnv(env: {
  UPLOAD_MAX_FILE_MB: number;
  SHARED_DOMAIN_MAX_FILE_MB: number;
  SHARED_DOMAIN_ARCHIVE_DAYS: number;
  CONTACT_ABUSE_ADDRESS?: string | undefined;
  CONTACT_SUPPORT_ADDRESS?: string | undefined;
  PROVIDER_WEBSITE_URL?: string | undefined;
  PROVIDER_LEGAL_NOTICE_URL?: string | undefined;
  PROVIDER_ORGANIZATION: ProviderOrganization;
  PROVIDER_BUS_FACTOR: number;
  PROVIDER_FREE_OF_CHARGE: boolean;
  PROVIDER_PROFESSIONAL_HOSTING: boolean;
  PROVIDER_SERVER_TESTING: boolean;
  SERVER_REGION?: string | undefined;
}): DomainSettingsPlatform {
  return {
    maxFileMb: env.UPLOAD_MAX_FILE_MB,
    sharedMaxFileMb: env.SHARED_DOMAIN_MAX_FILE_MB,
    sharedMaxDays: env.SHARED_DOMAIN_ARCHIVE_DAYS,
    abuseAddress: env.CONTACT_ABUSE_ADDRESS,
    supportAddress: env.CONTACT_SUPPORT_ADDRESS,
    websiteUrl: env.PROVIDER_WEBSITE_URL,
    legalNoticeUrl: env.PROVIDER_LEGAL_NOTICE_URL,
    provider: {
      organization: env.PROVIDER_ORGANIZATION,
      busFactor: env.PROVIDER_BUS_FACTOR,
      freeOfCharge: env.PROVIDER_FREE_OF_CHARGE,
      professionalHosting: env.PROVIDER_PROFESSIONAL_HOSTING,
      serverTesting: env.PROVIDER_SERVER_TESTING,
      region: env.SERVER_REGION,
    },
  };
}

export const defaultDomainSettingsPlatform: DomainSettingsPlatform = {
  maxFileMb: 512,
  sharedMaxFileMb: 100,
  sharedMaxDays: 30,
};

const MB = 1024 * 1024;

/** The limits that apply to one domain, from its server's placement. */
export interface SettingCeilings {
  fileMaxBytes: number;
  /** Days history and files may be kept at most; null when "forever" is allowed. */
  maxDays: number | null;
}

export function ceilingsFor(platform: DomainSettingsPlatform, placement: "dedicated" | "shared"): SettingCeilings {
  const maxFile = Math.min(platform.maxFileMb, placement === "shared" ? platform.sharedMaxFileMb : Infinity);
  return { fileMaxBytes: maxFile * MB, maxDays: placement === "shared" ? platform.sharedMaxDays : null };
}

/** The longest choice within `maxDays`, for defaults: a shared server's domain keeps a month, not a year. */
function longestWithin<K extends string>(choices: Record<K, number | null>, maxDays: number | null, wanted: K): K {
  const days = choices[wanted];
  if (maxDays === null || (days !== null && days <= maxDays)) return wanted;
  const fitting = (Object.keys(choices) as K[]).filter((k) => {
    const d = choices[k];
    return d !== null && d <= maxDays;
  });
  fitting.sort((a, b) => (choices[b] ?? 0) - (choices[a] ?? 0));
  return fitting[0] ?? wanted;
}

export function defaultSettings(platform: DomainSettingsPlatform, ceilings: SettingCeilings): DomainSettings {
  const fileMaxBytes = Math.min(100 * MB, ceilings.fileMaxBytes);
  return {
    historyEnabled: true,
    historyRetention: longestWithin(historyRetentions, ceilings.maxDays, "1y"),
    filesEnabled: true,
    fileMaxBytes,
    fileQuotaPerDayBytes: fileMaxBytes * 10,
    fileRetention: longestWithin(fileRetentions, ceilings.maxDays, "1m"),
    pushIncludeSender: false,
    pushIncludeBody: false,
    tlsProfile: "intermediate",
    welcomeMessage: null,
    abuseAddresses: platform.abuseAddress ? [platform.abuseAddress] : [],
    supportAddresses: platform.supportAddress ? [platform.supportAddress] : [],
    brandName: null,
    brandColor: null,
    websiteUrl: platform.websiteUrl ?? null,
    legalNoticeUrl: platform.legalNoticeUrl ?? null,
    federation: "open",
    federationAllowlist: [],
    federationPlatformDomains: true,
    federationInsecurePartners: [],
    memberInvitesPerWeek: 0,
  };
}

const CONTACT = /^(mailto:[^\s@]{1,64}@[^\s@]{1,253}|xmpp:[^\s]{3,300}|https:\/\/[^\s]{1,300})$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const CONTROL = /[\p{Cc}\p{Cs}]/u;

type Check = (value: unknown, ceilings: SettingCeilings, field: string) => FieldError | null;

const err = (field: string, message: string, code: FieldError["code"], params?: FieldError["params"]) =>
  ({ field, message, code, ...(params ? { params } : {}) }) satisfies FieldError;

const bool: Check = (v, _c, f) => (typeof v === "boolean" ? null : err(f, "must be true or false", "invalid"));

function oneOf<K extends string>(choices: Record<K, number | null>, maxDays: (c: SettingCeilings) => number | null) {
  return ((v, c, f) => {
    if (typeof v !== "string" || !Object.hasOwn(choices, v)) {
      return err(f, `must be one of ${Object.keys(choices).join(", ")}`, "invalid");
    }
    const max = maxDays(c);
    const days = choices[v as K];
    if (max !== null && (days === null || days > max)) {
      return err(f, `this server keeps things ${max} days at most`, "out_of_range", { max });
    }
    return null;
  }) satisfies Check;
}

function bytes(min: number, max: (c: SettingCeilings) => number): Check {
  return (v, c, f) => {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return err(f, "must be a whole number of bytes", "invalid");
    const hi = max(c);
    if (v < min || v > hi) return err(f, `must be between ${min} and ${hi} bytes`, "out_of_range", { min, max: hi });
    return null;
  };
}

function text(maxLength: number, nullable: boolean, pattern?: RegExp): Check {
  return (v, _c, f) => {
    if (v === null && nullable) return null;
    if (typeof v !== "string") return err(f, "must be text", "invalid");
    if (v.trim() === "") return err(f, "must not be empty", "required");
    if (v.length > maxLength) return err(f, `must be at most ${maxLength} characters`, "too_long", { max: maxLength });
    // Control characters other than line breaks and tabs cannot reach a server or a page intact.
    if (CONTROL.test(v.replace(/[\n\t]/g, ""))) return err(f, "has control characters", "invalid_characters");
    if (pattern && !pattern.test(v)) return err(f, "is not in the expected form", "invalid");
    return null;
  };
}

function url(v: unknown, _c: SettingCeilings, f: string): FieldError | null {
  if (v === null) return null;
  if (typeof v !== "string" || v.length > 500 || !URL.canParse(v) || new URL(v).protocol !== "https:") {
    return err(f, "must be an https:// address", "invalid_url");
  }
  return null;
}

function contacts(v: unknown, _c: SettingCeilings, f: string): FieldError | null {
  if (!Array.isArray(v)) return err(f, "must be a list of addresses", "invalid");
  if (v.length > 5) return err(f, "at most 5 addresses", "too_many", { max: 5 });
  for (const [i, a] of v.entries()) {
    if (typeof a !== "string" || !CONTACT.test(a)) {
      return err(`${f}/${i}`, "must be a mailto:, xmpp: or https:// address", "invalid_url");
    }
  }
  return null;
}

function domainList(v: unknown, _c: SettingCeilings, f: string, max = MAX_FEDERATION_ALLOWLIST): FieldError | null {
  if (!Array.isArray(v)) return err(f, "must be a list of domain names", "invalid");
  if (v.length > max) return err(f, `at most ${max} domains`, "too_many", { max });
  for (const [i, d] of v.entries()) {
    if (typeof d !== "string" || d !== d.toLowerCase() || !isValidHostname(d) || !d.includes(".")) {
      return err(`${f}/${i}`, "must be a domain name in lower case, such as example.org", "invalid_domain");
    }
  }
  if (new Set(v).size !== v.length) return err(f, "names a domain twice", "invalid");
  return null;
}

function count(min: number, max: number): Check {
  return (v, _c, f) => {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return err(f, "must be a whole number", "invalid");
    if (v < min || v > max) return err(f, `must be from ${min} to ${max}`, "out_of_range", { min, max });
    return null;
  };
}

const MAX_QUOTA = 100 * 1024 * MB;

const checks: Record<SettingName, Check> = {
  historyEnabled: bool,
  historyRetention: oneOf(historyRetentions, (c) => c.maxDays),
  filesEnabled: bool,
  fileMaxBytes: bytes(1024, (c) => c.fileMaxBytes),
  fileQuotaPerDayBytes: bytes(1024, () => MAX_QUOTA),
  fileRetention: oneOf(fileRetentions, (c) => c.maxDays),
  pushIncludeSender: bool,
  pushIncludeBody: bool,
  tlsProfile: (v, _c, f) =>
    v === "modern" || v === "intermediate" ? null : err(f, "must be modern or intermediate", "invalid"),
  welcomeMessage: text(1000, true),
  abuseAddresses: contacts,
  supportAddresses: contacts,
  brandName: text(60, true),
  brandColor: (v, c, f) => (v === null ? null : text(7, false, COLOR)(v, c, f)),
  websiteUrl: url,
  legalNoticeUrl: url,
  federation: (v, _c, f) =>
    typeof v === "string" && (federationPolicies as readonly string[]).includes(v)
      ? null
      : err(f, `must be one of ${federationPolicies.join(", ")}`, "invalid"),
  federationAllowlist: domainList,
  federationPlatformDomains: bool,
  federationInsecurePartners: (v, c, f) => domainList(v, c, f, MAX_INSECURE_PARTNERS),
  memberInvitesPerWeek: count(0, MAX_MEMBER_INVITES_PER_WEEK),
};

/** The stored changes, completed with defaults. A stored value the ceilings no longer allow gives way to the default. */
export function effectiveSettings(
  stored: unknown,
  defaults: DomainSettings,
  ceilings: SettingCeilings,
): { settings: DomainSettings; changed: SettingName[] } {
  const settings = { ...defaults };
  const changed: SettingName[] = [];
  const raw = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  for (const name of settingNames) {
    if (!Object.hasOwn(raw, name)) continue;
    if (checks[name](raw[name], ceilings, name) !== null) continue;
    (settings as Record<SettingName, unknown>)[name] = raw[name];
    changed.push(name);
  }
  return { settings, changed };
}

/**
 * Checks a change (JSON merge patch: a value sets, null resets to default, except where null is itself a value: a
 * welcome message, a brand name... are reset by null too, which is their default). Returns the new stored object.
 */
export function applyPatch(
  stored: unknown,
  patch: Record<string, unknown>,
  ceilings: SettingCeilings,
  server: ServerName,
): Record<string, unknown> {
  const errors: FieldError[] = [];
  const next: Record<string, unknown> =
    stored && typeof stored === "object" && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>) } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (!(settingNames as readonly string[]).includes(name)) {
      errors.push(err(name, "is not a setting", "not_allowed"));
      continue;
    }
    const setting = name as SettingName;
    if (value === null) {
      delete next[setting];
      continue;
    }
    const problem = checks[setting](value, ceilings, setting);
    if (problem) {
      errors.push(problem);
      continue;
    }
    if (setting === "tlsProfile" && value === "modern" && server !== "prosody") {
      errors.push(err(setting, "this server software sets TLS for the whole server, not per domain", "not_offered"));
      continue;
    }
    if (setting === "memberInvitesPerWeek" && value !== 0 && !serverKind(server).features.inBandInvites) {
      // ejabberd 23.01 has no invites in chat apps at all: nothing there could create or count them.
      errors.push(err(setting, "this server software has no invites in chat apps", "not_offered"));
      continue;
    }
    // Colours are kept in one spelling, so that #0B6E4F and #0b6e4f are the same choice.
    next[setting] = setting === "brandColor" && typeof value === "string" ? value.toLowerCase() : value;
  }
  if (errors.length)
    throw new AppError("validation_failed", errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors);
  return next;
}

/** The settings in the server's terms. */
export function serverSettings(
  s: DomainSettings,
  extraOptions: Record<string, ExtraOptionValue>,
  platformBaseDomain?: string,
): DomainServerSettings {
  return {
    history: { enabled: s.historyEnabled, retentionDays: historyRetentions[s.historyRetention] },
    files: {
      enabled: s.filesEnabled,
      maxFileBytes: s.fileMaxBytes,
      dailyQuotaBytes: s.fileQuotaPerDayBytes,
      retentionDays: fileRetentions[s.fileRetention],
    },
    push: { includeSender: s.pushIncludeSender, includeBody: s.pushIncludeBody },
    tlsProfile: s.tlsProfile,
    welcomeMessage: s.welcomeMessage,
    contacts: { abuse: s.abuseAddresses, support: s.supportAddresses, admin: [], security: [] },
    extraOptions,
    federation: {
      policy: s.federation,
      allowlist: s.federationAllowlist,
      ...(s.federationPlatformDomains && platformBaseDomain ? { allowedSuffixes: [platformBaseDomain] } : {}),
      insecurePartners: s.federationInsecurePartners,
    },
    memberInvitesPerWeek: s.memberInvitesPerWeek,
  };
}
