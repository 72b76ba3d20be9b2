import { isIPv4, isIPv6 } from "node:net";

/** Lower case, no trailing dot: the form every comparison in this package uses. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\.+$/, "").toLowerCase();
}

/** The fully qualified form with its trailing dot, as zone files and fix texts show it. */
export function fqdn(name: string): string {
  return `${normalizeName(name)}.`;
}

/** Whether `name` is `zone` itself or a name below it (on a label boundary). */
export function isWithin(name: string, zone: string): boolean {
  const n = normalizeName(name);
  const z = normalizeName(zone);
  return n === z || n.endsWith(`.${z}`);
}

/** Whether `name` is strictly below `zone`. */
export function isStrictlyBelow(name: string, zone: string): boolean {
  const n = normalizeName(name);
  return n !== normalizeName(zone) && isWithin(n, zone);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A host or owner name that DNS can carry: labels of letters, digits, hyphens and (for SRV/TXT owners) underscores. */
export function isValidName(name: string): boolean {
  const n = normalizeName(name);
  if (n.length === 0 || n.length > 253) return false;
  return n.split(".").every((label) => LABEL.test(label));
}

/** RFC 5952 text form of an IPv6 address (lower case, longest zero run as "::"). Returns null if invalid. */
export function canonicalIPv6(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** The eight 16-bit groups of an IPv6 address, or null if it is not one. */
export function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups: rewrite it in hex.
  const lastColon = text.lastIndexOf(":");
  const v4 = text.slice(lastColon + 1);
  if (isIPv4(v4)) {
    const b = v4.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const h = parse(head);
  const r = rest === undefined ? [] : parse(rest);
  const fill = 8 - h.length - r.length;
  if (rest === undefined ? fill !== 0 : fill < 0) return null;
  return [...h, ...new Array<number>(rest === undefined ? 0 : fill).fill(0), ...r];
}

/** Canonical form of an address of either family (for comparisons); other strings are returned trimmed. */
export function canonicalAddress(address: string): string {
  const a = address.trim();
  if (isIPv4(a)) return a;
  return canonicalIPv6(a) ?? a.toLowerCase();
}
