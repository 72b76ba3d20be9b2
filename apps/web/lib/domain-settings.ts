import type { operations } from "./api/generated/schema";

/** What the API answers about a domain's settings. */
export type SettingsReply = operations["getDomainSettings"]["responses"][200]["content"]["application/json"];
export type Settings = SettingsReply["settings"];
export type SettingName = keyof Settings;
/** A change: a value sets a setting, null puts it back to its default. */
export type SettingsPatch = operations["updateDomainSettings"]["requestBody"]["content"]["application/json"];

export type HistoryRetention = Settings["historyRetention"];
export type FileRetention = Settings["fileRetention"];

/** Days each retention means, as the API counts them (null: for ever). */
const historyDays: Record<HistoryRetention, number | null> = { forever: null, "1y": 365, "6m": 182, "1m": 30 };
const fileDays: Record<FileRetention, number | null> = { forever: null, "1y": 365, "6m": 182, "1m": 30, "1w": 7 };

function within<K extends string>(days: Record<K, number | null>, maxDays: number | null, current: K): K[] {
  return (Object.keys(days) as K[]).filter((k) => {
    const d = days[k];
    // The current value stays offered, so that the form always shows what is set.
    return k === current || maxDays === null || (d !== null && d <= maxDays);
  });
}

/** The history retentions a domain may choose: a shared server's ceiling leaves the longer ones out. */
export function historyChoices(maxDays: number | null, current: HistoryRetention): HistoryRetention[] {
  return within(historyDays, maxDays, current);
}

export function fileChoices(maxDays: number | null, current: FileRetention): FileRetention[] {
  return within(fileDays, maxDays, current);
}

export const MB = 1024 * 1024;

/** A size in bytes as the MB a field shows: whole when it is, else to two decimals. */
export function toMb(bytes: number): string {
  return String(Math.round((bytes / MB) * 100) / 100);
}

/**
 * Contact addresses as a field shows them, one per line: an email address without its mailto:, which people do not
 * write; chat addresses keep their xmpp:, since they look like email addresses.
 */
export function contactsText(addresses: string[]): string {
  return addresses.map((a) => (a.startsWith("mailto:") ? a.slice("mailto:".length) : a)).join("\n");
}

/** The field's lines as the API's addresses: a bare name@host is an email address. Anything else goes as typed. */
export function contactsOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (/^[^\s:/@]+@[^\s:/@]+$/.test(line) ? `mailto:${line}` : line));
}

/** What the API answers about a domain's federation: its policy, the other domains seen, its server's last check. */
export type FederationReply = operations["getDomainFederation"]["responses"][200]["content"]["application/json"];

/** Who a domain's people may talk to on other servers, as its three settings say it. */
export type Reach = Pick<Settings, "federation" | "federationAllowlist" | "federationPlatformDomains">;

/** How many domains an allowlist may name (the API refuses more). */
export const MAX_ALLOWLIST = 100;

/** How many invites a person may make per week from a chat app, at most (the API refuses more). */
export const MAX_MEMBER_INVITES = 50;

/**
 * A domain typed into the allowlist, as the API takes it: trimmed, in lower case, without a final dot. People often
 * know an address rather than its domain: a chat address (anna@example.org, xmpp:anna@example.org/phone) gives its
 * domain. Null for what plainly is no domain name (no dot, spaces); the API checks the rest and names the entry.
 */
export function allowlistEntry(text: string): string | null {
  let name = text.trim().toLowerCase();
  if (name.startsWith("xmpp:")) name = name.slice("xmpp:".length);
  name = name.slice(name.lastIndexOf("@") + 1);
  const slash = name.indexOf("/");
  if (slash >= 0) name = name.slice(0, slash);
  name = name.replace(/\.$/, "");
  return /^[^\s@/:.]+(\.[^\s@/:.]+)+$/.test(name) ? name : null;
}

/**
 * Whether going from `before` to `after` cuts people off from anyone they could reach before: closing, an allowlist
 * where everyone was allowed, a domain taken off the list, or the platform's free addresses no longer allowed.
 */
export function cutsOff(before: Reach, after: Reach): boolean {
  if (after.federation === "open" || before.federation === "closed") return false;
  if (after.federation === "closed" || before.federation === "open") return true;
  return (
    before.federationAllowlist.some((d) => !after.federationAllowlist.includes(d)) ||
    (before.federationPlatformDomains && !after.federationPlatformDomains)
  );
}
