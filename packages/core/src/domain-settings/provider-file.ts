/**
 * The XMPP Providers "provider file", version 2, served at https://DOMAIN/.well-known/xmpp-provider-v2.json: the
 * properties of a provider that clients and providers.xmpp.net cannot learn over XMPP. Field list and special values
 * as published by the project's generator (https://providers.xmpp.net/provider-file-generator/) and its FAQ
 * (https://providers.xmpp.net/faq/#provider-file).
 *
 * Every property is always present: the official generator writes all of them, and an unknown value has its own
 * spelling (-1 bus factor, "" organisation, {} or [] for empty lists) rather than a missing key.
 */

export const providerOrganizations = [
  "company",
  "commercial person",
  "private person",
  "governmental",
  "non-governmental",
] as const;
/** The kind of organisation running the service; "" when not stated. */
export type ProviderOrganization = (typeof providerOrganizations)[number] | "";

export interface ProviderFileV2 {
  /** Provider website per language: ISO 639-1 code -> https URL. */
  website: Record<string, string>;
  /** Other domains the provider offers for registration besides this one. */
  alternativeJids: string[];
  /** Team members the service could not survive losing; -1 when not stated. */
  busFactor: number;
  organization: ProviderOrganization;
  /** Password reset page per language. */
  passwordReset: Record<string, string>;
  /** Whether others may test the server (certificate checks, uptime monitoring). */
  serverTesting: boolean;
  /** Storage for all of one person's shared files, in MB (10^6 bytes); 0 = no limit, -1 = less than 1 MB. */
  maximumHttpFileUploadTotalSize: number;
  /** Days each shared file is kept; 0 = no limit, -1 = less than a day. */
  maximumHttpFileUploadStorageTime: number;
  /** Days each message is kept in the archive (XEP-0313); 0 = no limit, -1 = less than a day. */
  maximumMessageArchiveManagementStorageTime: number;
  professionalHosting: boolean;
  freeOfCharge: boolean;
  /** Legal notice page per language. */
  legalNotice: Record<string, string>;
  /** ISO 3166-1 alpha-2 codes, lower case, of the server and backup locations. */
  serverLocations: string[];
  /** YYYY-MM-DD the service started; "" when not stated. */
  since: string;
}

export interface ProviderFileInput {
  /** ISO 639-1 language code -> https URL, e.g. { en: "https://example.org/" }; empty object when none. */
  website: Record<string, string>;
  legalNotice: Record<string, string>;
  passwordReset: Record<string, string>;
  /** ISO 3166-1 alpha-2 country codes, e.g. ["fr"] (lower-cased here). */
  serverLocations: string[];
  /** The date the service began, YYYY-MM-DD; "" when unknown. */
  since: string;
  organization: ProviderOrganization;
  /** A whole number from 1, or -1 when unknown (the spec's value for n/a). */
  busFactor: number;
  /** Whether others may run tests against the server; a v2 property with no default, so the caller decides. */
  serverTesting: boolean;
  freeOfCharge: boolean;
  professionalHosting: boolean;
  /**
   * Per-file upload limit in bytes; null when uploads are off. v2 has no field for it (clients read it from the
   * server's XEP-0363 disco answer), so here it only says whether uploads exist at all.
   */
  maxFileBytes: number | null;
  /** Total upload storage per person in bytes; null when unlimited. */
  totalFileBytesPerPerson: number | null;
  /** Days uploaded files are kept; null = forever. */
  fileRetentionDays: number | null;
  /** Days message archives are kept; null = forever; 0 when history is off. */
  historyRetentionDays: number | null;
  /** Alternative domains, usually []. */
  alternativeJids: string[];
}

/** The spec counts decimal megabytes ("104,857,600 bytes = 100 MiB ≈ 104 MB"). */
const MB = 1_000_000;
const NO_LIMIT = 0;
const LESS_THAN_ONE = -1;

const LANGUAGE = /^[a-z]{2}$/;
const COUNTRY = /^[a-z]{2}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function fail(field: string, message: string): never {
  throw new RangeError(`provider file: ${field} ${message}`);
}

function wholeNonNegative(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) fail(field, `must be a whole number from 0, not ${value}`);
}

/**
 * Bytes to the spec's MB. Rounded down so the file never promises more than the server keeps; anything under one
 * MB, nothing included, is -1 ("less than 1 MB"), because 0 would read as "no limit".
 */
function megabytes(field: string, bytes: number | null): number {
  if (bytes === null) return NO_LIMIT;
  wholeNonNegative(field, bytes);
  const mb = Math.floor(bytes / MB);
  return mb < 1 ? LESS_THAN_ONE : mb;
}

/** Days, where null (forever) is the spec's 0 and "not kept at all" is -1 ("less than a day"), never 0. */
function days(field: string, value: number | null): number {
  if (value === null) return NO_LIMIT;
  wholeNonNegative(field, value);
  return value < 1 ? LESS_THAN_ONE : value;
}

function pages(field: string, input: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, url] of Object.entries(input)) {
    const language = key.toLowerCase();
    if (!LANGUAGE.test(language)) fail(field, `has "${key}", which is not a two-letter ISO 639-1 language code`);
    if (!url.startsWith("https://") || !URL.canParse(url)) fail(field, `has "${url}", not an https:// URL`);
    if (Object.hasOwn(out, language)) fail(field, `names the language "${language}" twice`);
    out[language] = url;
  }
  return out;
}

function domainName(field: string, input: string): string {
  const name = input.toLowerCase().replace(/\.$/, "");
  const labels = name.split(".");
  if (name.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    fail(field, `has "${input}", which is not a domain name`);
  }
  return name;
}

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The provider file for one domain. Throws RangeError on values v2 cannot express (a non-https page, a malformed
 * code or date, a negative size), which settings should have refused on their way in.
 */
export function providerFile(input: ProviderFileInput): ProviderFileV2 {
  const busFactor = input.busFactor;
  if (!Number.isSafeInteger(busFactor) || (busFactor !== -1 && busFactor < 1)) {
    fail("busFactor", `must be a whole number from 1, or -1 when unknown, not ${busFactor}`);
  }
  if (input.organization !== "" && !providerOrganizations.includes(input.organization)) {
    fail("organization", `must be one of ${providerOrganizations.join(", ")} or ""`);
  }
  if (input.since !== "" && !validDate(input.since)) fail("since", `must be a date YYYY-MM-DD, not "${input.since}"`);
  const serverLocations = [...new Set(input.serverLocations.map((c) => c.toLowerCase()))];
  for (const code of serverLocations) {
    if (!COUNTRY.test(code)) fail("serverLocations", `has "${code}", not a two-letter ISO 3166-1 country code`);
  }
  const alternativeJids = [...new Set(input.alternativeJids.map((j) => domainName("alternativeJids", j)))];

  if (input.maxFileBytes !== null) wholeNonNegative("maxFileBytes", input.maxFileBytes);
  // With uploads off nothing is stored, which v2 can only say as "less than 1 MB, less than a day"; its 0 would
  // claim unlimited storage. Clients learn that uploads are off from the server itself (no XEP-0363 service).
  const uploadsOff = input.maxFileBytes === null || input.maxFileBytes === 0;

  return {
    website: pages("website", input.website),
    alternativeJids,
    busFactor,
    organization: input.organization,
    passwordReset: pages("passwordReset", input.passwordReset),
    serverTesting: input.serverTesting,
    maximumHttpFileUploadTotalSize: uploadsOff
      ? LESS_THAN_ONE
      : megabytes("totalFileBytesPerPerson", input.totalFileBytesPerPerson),
    maximumHttpFileUploadStorageTime: uploadsOff ? LESS_THAN_ONE : days("fileRetentionDays", input.fileRetentionDays),
    maximumMessageArchiveManagementStorageTime: days("historyRetentionDays", input.historyRetentionDays),
    professionalHosting: input.professionalHosting,
    freeOfCharge: input.freeOfCharge,
    legalNotice: pages("legalNotice", input.legalNotice),
    serverLocations,
    since: input.since,
  };
}
