/**
 * Name checks done before anything reaches the server. Prosody's `host:activate` accepts any string,
 * and names end up in config files and paths, so we only accept canonical (lower-case, ASCII/punycode) DNS names.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidHostname(host: string): boolean {
  if (typeof host !== "string" || host.length === 0 || host.length > 253) return false;
  const labels = host.split(".");
  if (!labels.every((l) => LABEL.test(l))) return false;
  // An all-numeric last label would make IPv4 literals pass; XMPP domains here are always DNS names.
  return !/^[0-9]+$/.test(labels[labels.length - 1] ?? "");
}

export function assertValidHostname(host: string): void {
  if (!isValidHostname(host)) throw new TypeError(`invalid host name: ${JSON.stringify(host)}`);
}

/** Splits a bare JID `local@domain`; the localpart is only checked loosely here, the server preps it. */
export function splitBareJid(jid: string): { local: string; domain: string } {
  if (typeof jid !== "string") throw new TypeError("JID must be a string");
  const at = jid.lastIndexOf("@");
  if (at <= 0 || jid.includes("/")) throw new TypeError(`not a bare JID: ${JSON.stringify(jid)}`);
  const local = jid.slice(0, at);
  const domain = jid.slice(at + 1);
  if (local.length > 1023 || local.includes("@")) throw new TypeError(`invalid localpart in ${JSON.stringify(jid)}`);
  assertValidHostname(domain);
  return { local, domain };
}

/**
 * Usernames nobody can register for themselves, on the web or in-band: role addresses (RFC 2142), names that
 * look like the operator's, and names of the platform's own machinery. Admins can still create such accounts
 * on purpose through the accounts API. Prosody is given the same list (see the driver's registration hook).
 */
export const RESERVED_USERNAMES: readonly string[] = [
  "abuse",
  "admin",
  "administrator",
  "help",
  "hostmaster",
  "info",
  "mailer-daemon",
  "no-reply",
  "noc",
  "noreply",
  "operator",
  "postmaster",
  "probe",
  "root",
  "security",
  "staff",
  "support",
  "sysadmin",
  "system",
  "webmaster",
  "www",
  "xmpp",
];

/** Prefixes that are reserved too, followed by `.`, `_` or `-` (admin-team, root.backup, ...). */
export const RESERVED_PREFIXES: readonly string[] = ["admin", "root", "postmaster", "probe"];

export function isReservedUsername(localpart: string): boolean {
  const name = localpart.toLowerCase();
  return (
    RESERVED_USERNAMES.includes(name) ||
    RESERVED_PREFIXES.some((p) => /^[._-]/.test(name.slice(p.length)) && name.startsWith(p))
  );
}
