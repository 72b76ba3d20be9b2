/**
 * Lookups sent straight to a zone's authoritative servers, recursion not desired, so that no cache sits in between:
 * a record added a moment ago shows at once, where a resolver may keep serving "does not exist" for as long as the
 * zone's negative TTL. The configured resolvers are still used to find the zone's name servers and their addresses.
 */
import { randomInt } from "node:crypto";
import type { promises as dns } from "node:dns";
import type { LookupResult } from "./checker.ts";
import { canonicalAddress, isWithin, normalizeName } from "./names.ts";
import type { RecordType } from "./records.ts";
import { DnsExchangeError, endpointText, exchange } from "./transport.ts";
import {
  CLASS,
  DnsWireError,
  decodeRdata,
  encodeMessage,
  OPCODE,
  type ParsedMessage,
  parseMessage,
  RCODE_NAMES,
  TYPE,
  type WireRecord,
} from "./wire.ts";

export interface AuthoritativeOptions {
  /** The configured resolvers: they find the zone cuts and the addresses of the name servers. */
  resolver: dns.Resolver;
  /** Port of every authoritative server; default 53. */
  port?: number;
  /** Per UDP attempt, default 2000 ms. */
  timeoutMs?: number;
  /** UDP attempts per server address, default 2. */
  tries?: number;
}

interface Zone {
  name: string;
  /** Name server host names, in the order the resolver gave them. */
  hosts: string[];
}

/** A lookup the authoritative servers could not answer: the caller may ask elsewhere. Bugs are not wrapped. */
class LookupFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** More aliases than any sane zone has: a loop, most likely. */
const MAX_ALIAS_HOPS = 8;
/** EDNS payload size that avoids IP fragmentation (DNS flag day 2020); larger answers come back truncated. */
const EDNS_UDP_SIZE = 1232;
const EDNS: WireRecord = { name: "", type: TYPE.OPT, class: EDNS_UDP_SIZE, ttl: 0, rdata: Buffer.alloc(0) };

const RCODE_CODES: Record<number, string> = { 1: "EFORMERR", 2: "ESERVFAIL", 4: "ENOTIMP", 5: "EREFUSED" };

function parentOf(name: string): string {
  const dot = name.indexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
}

/** The code of a Node resolver error; anything else is not a DNS failure and is thrown again. */
function resolverCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string") throw err;
  return code;
}

function isMissing(code: string): boolean {
  return code === "ENODATA" || code === "ENOTFOUND";
}

/**
 * Asks the authoritative servers of each name's zone. Meant for one check: it remembers the zone cuts and name server
 * addresses it finds (never answers), so the next check sees a changed delegation.
 */
export class AuthoritativeResolver {
  private readonly resolver: dns.Resolver;
  private readonly port: number;
  private readonly timeoutMs: number;
  private readonly tries: number;
  private readonly zones = new Map<string, Promise<Zone | null>>();
  private readonly addresses = new Map<string, Promise<string[]>>();

  constructor(opts: AuthoritativeOptions) {
    const port = opts.port ?? 53;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`invalid port: ${opts.port}`);
    this.resolver = opts.resolver;
    this.port = port;
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.tries = Math.max(1, opts.tries ?? 2);
  }

  /**
   * One RRset, following aliases (CNAME) like a resolver does: for any type but CNAME the values are those at the end
   * of the chain. Never rejects for DNS failures: when no authoritative server gives an answer (no name servers found,
   * timeouts, REFUSED, SERVFAIL, not authoritative), the result is "unknown" with the reason in `message`.
   */
  async query(name: string, type: RecordType): Promise<LookupResult> {
    try {
      return await this.resolve(normalizeName(name), type, 0);
    } catch (err) {
      if (err instanceof LookupFailure) return { kind: "unknown", code: err.code, message: err.message };
      if (err instanceof DnsWireError) return { kind: "unknown", code: "EBADRESP", message: err.message };
      throw err;
    }
  }

  private async resolve(name: string, type: RecordType, hops: number): Promise<LookupResult> {
    if (hops > MAX_ALIAS_HOPS) throw new LookupFailure("ELOOP", `more than ${MAX_ALIAS_HOPS} aliases lead to ${name}`);
    const zone = await this.zoneOf(name);
    if (!zone) throw new LookupFailure("ENONS", `no name servers found for ${name}`);
    const { msg, raw } = await this.ask(zone, name, type);
    const qtype = TYPE[type];
    // Only records inside the zone are the server's to give (a resolver's bailiwick rule).
    const answers = msg.answers.filter((r) => r.class === CLASS.IN && isWithin(r.name, zone.name));
    let current = name;
    for (let i = 0; i <= MAX_ALIAS_HOPS; i++) {
      const here = answers.filter((r) => normalizeName(r.name) === current);
      const direct = here.filter((r) => r.type === qtype);
      if (direct.length) return { kind: "found", values: direct.map((r) => decodeRdata(type, raw, r)) };
      const alias = qtype === TYPE.CNAME ? undefined : here.find((r) => r.type === TYPE.CNAME);
      if (!alias) break;
      current = normalizeName(decodeRdata("CNAME", raw, alias));
      // The target lives in another zone: its own servers must answer for it.
      if (!isWithin(current, zone.name)) return this.resolve(current, type, hops + 1);
    }
    if (current === name) return { kind: "missing", code: msg.rcode === 3 ? "ENOTFOUND" : "ENODATA" };
    // NXDOMAIN after an alias is about its target (RFC 6604).
    if (msg.rcode === 3) return { kind: "missing", code: "ENOTFOUND" };
    // An alias inside the zone whose target's records the server left out: ask for the target itself.
    return this.resolve(current, type, hops + 1);
  }

  /** The closest enclosing zone: the first name, walking up from `name`, that has NS records. */
  private zoneOf(name: string): Promise<Zone | null> {
    let zone = this.zones.get(name);
    if (!zone) {
      zone = this.findZone(name);
      this.zones.set(name, zone);
    }
    return zone;
  }

  private async findZone(name: string): Promise<Zone | null> {
    // The root's servers are not asked: they would only refer us to a top-level domain's.
    if (name === "") return null;
    let hosts: string[] = [];
    try {
      hosts = await this.resolver.resolveNs(name);
    } catch (err) {
      const code = resolverCode(err);
      if (!isMissing(code)) throw new LookupFailure(code, `cannot find the name servers of ${name}: ${code}`);
    }
    if (hosts.length) return { name, hosts: hosts.map(normalizeName) };
    return this.zoneOf(parentOf(name));
  }

  /** Addresses of a name server, IPv4 and IPv6 apart so that IPv6 is only looked up when IPv4 fails. */
  private addressesOf(host: string, family: 4 | 6): Promise<string[]> {
    const key = `${family} ${host}`;
    let list = this.addresses.get(key);
    if (!list) {
      list = (family === 4 ? this.resolver.resolve4(host) : this.resolver.resolve6(host)).then(
        (found) => found.map(canonicalAddress),
        (err: unknown) => {
          const code = resolverCode(err);
          if (isMissing(code)) return [];
          throw new LookupFailure(code, `cannot find the address of the name server ${host}: ${code}`);
        },
      );
      this.addresses.set(key, list);
    }
    return list;
  }

  /** Tries each name server address in turn until one gives an authoritative answer. */
  private async ask(zone: Zone, name: string, type: RecordType): Promise<{ msg: ParsedMessage; raw: Buffer }> {
    const failures: string[] = [];
    let code = "ENONS";
    const note = (err: unknown) => {
      if (!(err instanceof LookupFailure)) throw err;
      failures.push(err.message);
      code = err.code;
    };
    for (const host of zone.hosts) {
      for (const family of [4, 6] as const) {
        let addresses: string[];
        try {
          addresses = await this.addressesOf(host, family);
        } catch (err) {
          note(err);
          continue;
        }
        for (const address of addresses) {
          try {
            return await this.askServer(address, name, type);
          } catch (err) {
            note(err);
          }
        }
      }
    }
    throw new LookupFailure(
      code,
      `no authoritative answer for ${name} ${type} from the name servers of ${zone.name} (${zone.hosts.join(", ")}): ` +
        (failures.length ? failures.join("; ") : "they have no address"),
    );
  }

  private async askServer(
    address: string,
    name: string,
    type: RecordType,
  ): Promise<{ msg: ParsedMessage; raw: Buffer }> {
    const server = { address, port: this.port };
    const where = endpointText(server);
    const id = randomInt(0x10000);
    const question = { name, type: TYPE[type], class: CLASS.IN };
    // rd: false: an authoritative server answers from its zone, never from a cache.
    const request = encodeMessage({ id, rd: false, questions: [question], additionals: [EDNS] });
    let raw: Buffer;
    try {
      raw = await exchange(server, request, id, { timeoutMs: this.timeoutMs, tries: this.tries });
    } catch (err) {
      if (err instanceof DnsExchangeError) throw new LookupFailure(err.code, err.message);
      throw err;
    }
    let msg: ParsedMessage;
    try {
      msg = parseMessage(raw);
    } catch (err) {
      if (err instanceof DnsWireError)
        throw new LookupFailure("EBADRESP", `malformed answer from ${where}: ${err.message}`);
      throw err;
    }
    const q = msg.questions[0];
    if (
      !msg.qr ||
      msg.opcode !== OPCODE.QUERY ||
      msg.questions.length !== 1 ||
      !q ||
      normalizeName(q.name) !== name ||
      q.type !== question.type ||
      q.class !== question.class
    ) {
      throw new LookupFailure("EBADRESP", `${where} answered another question than ${name} ${type}`);
    }
    if (msg.rcode !== 0 && msg.rcode !== 3) {
      const rcode = RCODE_NAMES[msg.rcode] ?? `rcode ${msg.rcode}`;
      throw new LookupFailure(RCODE_CODES[msg.rcode] ?? "EBADRESP", `${where} answered ${rcode} for ${name} ${type}`);
    }
    // A referral or a lame server: without the AA bit the answer may come from elsewhere, or say nothing.
    if (!msg.aa) throw new LookupFailure("ENOTAUTH", `${where} is not authoritative for ${name}`);
    return { msg, raw };
  }
}
