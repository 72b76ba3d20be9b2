/**
 * Where the platform may send outbound requests on a tenant's behalf (webhooks): only to public addresses,
 * unless the operator allows more (ALERT_WEBHOOK_ALLOW). Without this, a webhook URL is a way into the
 * platform's own network (cloud metadata, Redis, PostgreSQL, admin ports).
 *
 * Addresses are checked where they are used: when a channel is saved (its host resolved) and again when a
 * request connects (a `lookup` that resolves, checks every address and only then lets the socket connect),
 * so a DNS answer that changes in between (rebinding) cannot get around it.
 */
import type { LookupAddress, LookupOptions } from "node:dns";
import { promises as dns } from "node:dns";
import { isIP } from "node:net";

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
interface Ip {
  version: 4 | 6;
  value: bigint;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the system resolver by default; tests inject their own). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** A refused destination. The message names the host and address, for the operator's log. */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
  readonly code = "ERR_OUTBOUND_REFUSED";
}

function parseV4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    value = (value << 8n) | BigInt(p);
  }
  return value;
}

function parseV6(text: string): bigint | null {
  let s = text;
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const dotted = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = parseV4(dotted[2] as string);
    if (v4 === null) return null;
    s = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << 16n) | BigInt(`0x${g}`);
  }
  return value;
}

/** Parses an IP address (IPv6 in brackets or with a zone id too); null if it is not one. */
export function parseIp(text: string): Ip | null {
  let s = text.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  s = s.replace(/%.*$/, "");
  const kind = isIP(s);
  if (kind === 4) {
    const value = parseV4(s);
    return value === null ? null : { version: 4, value };
  }
  if (kind === 6) {
    const value = parseV6(s);
    return value === null ? null : { version: 6, value };
  }
  return null;
}

const V4_MASK = 0xffffffffn;

/** ::ffff:a.b.c.d is a.b.c.d on the wire (the kernel connects to the IPv4 address). */
function unmap(ip: Ip): Ip {
  return ip.version === 6 && ip.value >> 32n === 0xffffn ? { version: 4, value: ip.value & V4_MASK } : ip;
}

interface Range {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

function parseRange(text: string): Range | null {
  const [addr, bits, ...rest] = text.trim().split("/");
  if (rest.length || addr === undefined) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const width = ip.version === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? width : Number(bits);
  if (prefix > width) return null;
  // An IPv4-mapped range means the IPv4 one.
  if (ip.version === 6 && prefix >= 96 && ip.value >> 32n === 0xffffn) {
    return { version: 4, network: maskOf(ip.value & V4_MASK, 32, prefix - 96), prefix: prefix - 96 };
  }
  return { version: ip.version, network: maskOf(ip.value, width, prefix), prefix };
}

function maskOf(value: bigint, width: number, prefix: number): bigint {
  const host = BigInt(width - prefix);
  return (value >> host) << host;
}

function inRange(ip: Ip, r: Range): boolean {
  if (ip.version !== r.version) return false;
  return maskOf(ip.value, ip.version === 4 ? 32 : 128, r.prefix) === r.network;
}

function ranges(list: string[]): Range[] {
  return list.map((s) => {
    const r = parseRange(s);
    if (!r) throw new Error(`bad range ${s}`);
    return r;
  });
}

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const REFUSED_V4 = ranges([
  "0.0.0.0/8", // "this network", unspecified (http://0/ is 0.0.0.0, which Linux connects to 127.0.0.1)
  "10.0.0.0/8", // private
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link-local, cloud metadata
  "172.16.0.0/12", // private
  "192.0.0.0/24", // IETF protocol assignments
  "192.0.2.0/24", // documentation
  "192.88.99.0/24", // 6to4 relay anycast (deprecated)
  "192.168.0.0/16", // private
  "198.18.0.0/15", // benchmarking
  "198.51.100.0/24", // documentation
  "203.0.113.0/24", // documentation
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and 255.255.255.255 broadcast
]);

/** Inside global unicast 2000::/3, what is still not the public internet. */
const REFUSED_V6_GLOBAL = ranges([
  "2001:2::/48", // benchmarking
  "2001:10::/28", // ORCHID (deprecated)
  "2001:20::/28", // ORCHIDv2
  "2001:db8::/32", // documentation
  "3fff::/20", // documentation
]);

const NAT64 = parseRange("64:ff9b::/96") as Range;
const TEREDO = parseRange("2001::/32") as Range;
const SIX_TO_FOUR = parseRange("2002::/16") as Range;

function isPublicIp(raw: Ip): boolean {
  const ip = unmap(raw);
  if (ip.version === 4) return !REFUSED_V4.some((r) => inRange(ip, r));
  // Forms that carry an IPv4 address are as public as that address.
  if (inRange(ip, NAT64)) return isPublicIp({ version: 4, value: ip.value & V4_MASK });
  if (inRange(ip, SIX_TO_FOUR)) return isPublicIp({ version: 4, value: (ip.value >> 80n) & V4_MASK });
  if (inRange(ip, TEREDO)) {
    const server = (ip.value >> 64n) & V4_MASK;
    const client = ~ip.value & V4_MASK;
    return isPublicIp({ version: 4, value: server }) && isPublicIp({ version: 4, value: client });
  }
  // Everything outside global unicast is not public: ::, ::1, ::/96, fc00::/7, fe80::/10, fec0::/10, ff00::/8,
  // 100::/64, 64:ff9b:1::/48 ...
  if (ip.value >> 125n !== 1n) return false;
  return !REFUSED_V6_GLOBAL.some((r) => inRange(ip, r));
}

/** True when `address` is an IP address on the public internet. Anything that does not parse is not. */
export function isPublicAddress(address: string): boolean {
  const ip = parseIp(address);
  return ip !== null && isPublicIp(ip);
}

/** True when `entry` is an address or a CIDR range, as ALERT_WEBHOOK_ALLOW takes them. */
export function isAddressOrRange(entry: string): boolean {
  return parseRange(entry) !== null;
}

/** Which addresses outbound requests may reach: public ones, and the operator's allowed addresses and ranges. */
export class AddressPolicy {
  private readonly allowed: Range[];

  constructor(allow: readonly string[] = []) {
    this.allowed = allow.map((entry) => {
      const r = parseRange(entry);
      if (!r) throw new Error(`not an IP address or CIDR range: ${entry}`);
      return r;
    });
  }

  allows(address: string): boolean {
    const ip = parseIp(address);
    if (!ip) return false;
    if (isPublicIp(ip)) return true;
    const plain = unmap(ip);
    return this.allowed.some((r) => inRange(plain, r));
  }

  /** Throws OutboundRefusedError unless the address may be reached. */
  check(address: string, host?: string): void {
    if (!this.allows(address)) {
      const via = host && host !== address ? ` (${host})` : "";
      throw new OutboundRefusedError(`${address}${via} is not a public address`);
    }
  }
}

/** The host of a URL as connect() takes it: IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * Resolves the host of `url` and checks every address it has (a literal IP directly). Throws
 * OutboundRefusedError when one is refused or the host does not resolve (within `timeoutMs`). Returns the
 * addresses.
 */
export async function checkDestination(
  url: URL,
  policy: AddressPolicy,
  resolve: Resolve = systemResolve,
  timeoutMs = 5000,
): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const literal = isIP(host);
  if (literal) {
    policy.check(host);
    return [{ address: host, family: literal === 6 ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  let timer: NodeJS.Timeout | undefined;
  try {
    addresses = await Promise.race([
      resolve(host),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    throw new OutboundRefusedError(`${host} does not resolve: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
  if (addresses.length === 0) throw new OutboundRefusedError(`${host} does not resolve`);
  for (const a of addresses) policy.check(a.address, host);
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that resolves, refuses before connecting unless every address is
 * allowed, and hands the checked addresses to the socket. (Node calls no lookup for a literal IP host: check
 * those with `policy.check` first.)
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolve = systemResolve) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const checked = async () => {
      const all = await resolve(hostname);
      if (all.length === 0) throw new OutboundRefusedError(`${hostname} does not resolve`);
      for (const a of all) policy.check(a.address, hostname);
      const usable = wanted ? all.filter((a) => a.family === wanted) : all;
      if (usable.length === 0) throw new OutboundRefusedError(`${hostname} has no IPv${wanted} address`);
      return usable;
    };
    checked().then(
      (usable) => {
        const first = usable[0] as ResolvedAddress;
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), ""),
    );
  };
}
