import net from "node:net";
import { canonicalIPv6 } from "@xmpp-host/dns";

/** An address or network in one normal form: network address, masked, IPv6 compressed; a lone address is /32 or /128. */
export interface Cidr {
  family: 4 | 6;
  /** The network address (host bits cleared). */
  address: string;
  prefix: number;
  /** `address/prefix`. */
  text: string;
}

function v4ToBigInt(address: string): bigint {
  return address.split(".").reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function bigIntToV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 0xffn)).join(".");
}

function v6ToBigInt(address: string): bigint {
  let text = address;
  // An IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4?.[1]) {
    const n = v4ToBigInt(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** RFC 5952 text (lower case, no leading zeros, the longest zero run as `::`), by the DNS package's own rules. */
function bigIntToV6(n: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((n >> shift) & 0xffffn).toString(16));
  const text = canonicalIPv6(groups.join(":"));
  if (!text) throw new TypeError(`not an IPv6 address: ${groups.join(":")}`);
  return text;
}

function masked(value: bigint, bits: number, prefix: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (value >> hostBits) << hostBits;
}

/** The address or range in normal form, or null when it is neither (a prefix out of range, a name, junk). */
export function parseCidr(input: string): Cidr | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 64) return null;
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);
  const family = net.isIP(address);
  if (family !== 4 && family !== 6) return null;
  const bits = family === 4 ? 32 : 128;
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === null ? bits : Number(prefixText);
  if (prefix > bits) return null;
  const network =
    family === 4
      ? bigIntToV4(masked(v4ToBigInt(address), 32, prefix))
      : bigIntToV6(masked(v6ToBigInt(address), 128, prefix));
  return { family, address: network, prefix, text: `${network}/${prefix}` };
}

/** The client's address as ranges are matched against it: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is IPv4. */
export function clientAddress(ip: string): { address: string; family: 4 | 6 } | null {
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  const address = mapped?.[1] ?? ip;
  const family = net.isIP(address);
  return family === 4 || family === 6 ? { address, family } : null;
}

/** Whether `ip` lies in any of the ranges (normal-form CIDRs). */
export function inAnyRange(ip: string, ranges: readonly string[]): boolean {
  const client = clientAddress(ip);
  if (!client) return false;
  const list = new net.BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family === 4 ? "ipv4" : "ipv6");
  }
  return list.check(client.address, client.family === 4 ? "ipv4" : "ipv6");
}
