/**
 * Checks a domain's live DNS against the records it needs and says, per record, what was expected, what was found
 * and how to fix it, in words for people who have never edited DNS.
 */
import { promises as dns } from "node:dns";
import { AuthoritativeResolver } from "./authoritative.ts";
import { canonicalAddress, fqdn, normalizeName } from "./names.ts";
import { checkAddresses, checkAlias, checkCaa, checkSrv, checkTxt } from "./record-checks.ts";
import { type DnsTarget, type ExpectedRecord, expectedRecords, type RecordType } from "./records.ts";
import { Semaphore } from "./semaphore.ts";
import { formatCaa, formatSrv } from "./wire.ts";

export type RecordStatus = "ok" | "warning" | "error" | "unknown";

export interface RecordResult {
  id: string;
  name: string;
  type: RecordType;
  status: RecordStatus;
  /** Presentation format, as in ExpectedRecord.value. */
  expected: string[];
  found: string[];
  /** What to do, for a human; null when nothing needs doing (or nothing can be said, for "unknown"). */
  fix: string | null;
  /** The same advice as a code and its values, for clients that say it in other words or languages. */
  fixCode?: FixCode;
  fixParams?: FixParams;
  detail?: string;
  /**
   * Where the answers behind this result came from: "authoritative" only when every lookup it needed was answered by
   * the zones' own servers (authoritative mode), "resolver" when any came from the configured resolvers.
   */
  source?: AnswerSource;
  /** In authoritative mode, why the authoritative servers did not answer the lookups that went to the resolvers. */
  fallbackReason?: string;
}

export type AnswerSource = "authoritative" | "resolver";

export type FixCode =
  | "add"
  | "change_address"
  | "remove_extra_addresses"
  | "retarget_alias"
  | "replace_addresses_with_alias"
  | "remove_extra_srv"
  | "srv_not_offered"
  | "srv_change"
  | "remove_other_txt"
  | "wrong_verification_code"
  | "caa_critical"
  | "caa_disallowed";

/**
 * Values for a fix code: record names and values as they must be typed, `line` (the record in zone-file form),
 * `rel` (the name as providers' forms want it), and flags ("1") that add a sentence.
 */
export type FixParams = Record<string, string | number>;

export interface DomainDnsReport {
  domain: string;
  /** The worst record status: error > unknown > warning > ok. */
  status: RecordStatus;
  checkedAt: string;
  durationMs: number;
  records: RecordResult[];
}

export interface DnsCheckerOptions {
  /** "127.0.0.1:5353", "[::1]:53"; defaults to the system's resolvers. */
  servers?: string[];
  /** Per attempt, default 2000 ms. */
  timeoutMs?: number;
  /** Attempts per server, default 2. */
  tries?: number;
  /** Queries in flight at once across everything this checker does; default 32. */
  concurrency?: number;
  /**
   * Ask each name's authoritative servers directly (recursion not desired, so no cache in between), so that a record
   * just added shows at once; a lookup they cannot answer goes to the resolvers. The resolvers still find the zones'
   * name servers. Default false.
   */
  authoritative?: boolean;
  /** Port of the authoritative servers; default 53. Only tests change it. */
  authoritativePort?: number;
}

const SEVERITY: Record<RecordStatus, number> = { ok: 0, warning: 1, unknown: 2, error: 3 };

export function worstStatus(statuses: Iterable<RecordStatus>): RecordStatus {
  let worst: RecordStatus = "ok";
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

export type LookupResult =
  | { kind: "found"; values: string[] }
  /** NXDOMAIN (ENOTFOUND) or NODATA (ENODATA): the answer is authoritative, the record is not there. */
  | { kind: "missing"; code: "ENOTFOUND" | "ENODATA" }
  /** Timeout, SERVFAIL, refused...: we do not know. `message` says more, when there is more to say. */
  | { kind: "unknown"; code: string; message?: string };

/** Node hands TXT and CAA bytes over as Latin-1 strings; DNS text is UTF-8 in practice. */
function utf8(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("utf8");
}

/** Queries one RRset and returns its values in normalized presentation format. */
export async function queryRecords(resolver: dns.Resolver, name: string, type: RecordType): Promise<LookupResult> {
  try {
    let values: string[];
    switch (type) {
      case "A":
        values = (await resolver.resolve4(name)).map(canonicalAddress);
        break;
      case "AAAA":
        values = (await resolver.resolve6(name)).map(canonicalAddress);
        break;
      case "CNAME":
        values = (await resolver.resolveCname(name)).map(fqdn);
        break;
      case "SRV":
        values = (await resolver.resolveSrv(name)).map((s) =>
          formatSrv({ priority: s.priority, weight: s.weight, port: s.port, target: s.name }),
        );
        break;
      case "TXT":
        values = (await resolver.resolveTxt(name)).map((chunks) => utf8(chunks.join("")));
        break;
      case "CAA":
        values = (await resolver.resolveCaa(name)).map((c) => {
          const { critical, ...rest } = c as unknown as Record<string, string | number>;
          const [tag, value] = Object.entries(rest)[0] ?? ["", ""];
          return formatCaa({ flags: Number(critical), tag, value: utf8(String(value)) });
        });
        break;
    }
    return values.length ? { kind: "found", values } : { kind: "missing", code: "ENODATA" };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "EUNKNOWN";
    if (code === "ENOTFOUND" || code === "ENODATA") return { kind: "missing", code };
    return { kind: "unknown", code };
  }
}

/** Values of one RRset ([] if it does not exist); throws if the server cannot say. For tests and tools. */
export async function lookupRecordValues(resolver: dns.Resolver, name: string, type: RecordType): Promise<string[]> {
  const r = await queryRecords(resolver, name, type);
  if (r.kind === "unknown") throw new Error(`DNS lookup of ${name} ${type} failed: ${r.code}`);
  return r.kind === "found" ? r.values : [];
}

export type Query = (name: string, type: RecordType) => Promise<LookupResult>;

/** A lookup's result and who gave it. */
interface Answer {
  result: LookupResult;
  source: AnswerSource;
  fallbackReason?: string;
}

type Lookup = (name: string, type: RecordType) => Promise<Answer>;

/** The records of a check that share an owner name and type, evaluated together (their values are all allowed). */
export interface Group {
  name: string;
  type: RecordType;
  records: ExpectedRecord[];
}

export class DnsChecker {
  private readonly resolver: dns.Resolver;
  private readonly semaphore: Semaphore;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly tries: number;
  /** The authoritative servers' port in authoritative mode, else null. */
  private readonly authoritativePort: number | null;

  constructor(opts: DnsCheckerOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.tries = opts.tries ?? 2;
    this.resolver = new dns.Resolver({ timeout: this.timeoutMs, tries: this.tries });
    if (opts.servers?.length) this.resolver.setServers(opts.servers);
    this.concurrency = opts.concurrency ?? 32;
    this.semaphore = new Semaphore(this.concurrency);
    const port = opts.authoritativePort ?? 53;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RangeError(`invalid authoritativePort: ${opts.authoritativePort}`);
    }
    this.authoritativePort = opts.authoritative ? port : null;
  }

  /** Checks every record the target needs. Never rejects for DNS failures (they become "unknown" results). */
  async check(target: DnsTarget): Promise<DomainDnsReport> {
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    const records = expectedRecords(target);
    // Zone cuts and name server addresses are found anew for each check, like the answers.
    const authority =
      this.authoritativePort === null
        ? null
        : new AuthoritativeResolver({
            resolver: this.resolver,
            port: this.authoritativePort,
            timeoutMs: this.timeoutMs,
            tries: this.tries,
          });
    // One query per name and type per check, shared by the records that need it.
    const memo = new Map<string, Promise<Answer>>();
    const lookup: Lookup = (name, type) => {
      const key = `${type} ${normalizeName(name)}`;
      let p = memo.get(key);
      if (!p) {
        // One slot for the whole lookup, fallback included: its queries go one after the other.
        p = this.semaphore.run(() => this.lookup(authority, name, type));
        memo.set(key, p);
      }
      return p;
    };

    const groups = new Map<string, Group>();
    for (const r of records) {
      const key = `${r.type} ${r.name}`;
      const g = groups.get(key) ?? { name: r.name, type: r.type, records: [] };
      g.records.push(r);
      groups.set(key, g);
    }
    const results = (await Promise.all([...groups.values()].map((g) => this.checkSourced(g, target, lookup)))).flat();
    const byId = new Map(results.map((r) => [r.id, r]));
    const ordered = records.map((r) => byId.get(r.id) as RecordResult);
    return {
      domain: normalizeName(target.domain),
      status: worstStatus(ordered.map((r) => r.status)),
      checkedAt,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      records: ordered,
    };
  }

  /**
   * Checks many domains, yielding each report as soon as it is done (not in input order). The query limit of the
   * checker applies across all of them; at most `concurrency` domains are in progress at once. Rejects only for an
   * invalid target (expectedRecords throws), never for DNS failures.
   */
  async *checkMany(targets: Iterable<DnsTarget> | AsyncIterable<DnsTarget>): AsyncIterable<DomainDnsReport> {
    for await (const [, report] of this.indexed(targets)) yield report;
  }

  /** checkMany collected into an array, in input order. */
  async checkAll(targets: Iterable<DnsTarget> | AsyncIterable<DnsTarget>): Promise<DomainDnsReport[]> {
    const out: DomainDnsReport[] = [];
    for await (const [i, report] of this.indexed(targets)) out[i] = report;
    return out;
  }

  private async *indexed(
    targets: Iterable<DnsTarget> | AsyncIterable<DnsTarget>,
  ): AsyncGenerator<[number, DomainDnsReport]> {
    const iterator =
      Symbol.asyncIterator in targets
        ? (targets as AsyncIterable<DnsTarget>)[Symbol.asyncIterator]()
        : (targets as Iterable<DnsTarget>)[Symbol.iterator]();
    // Settled promises only, so that a second failure while the first is thrown is not an unhandled rejection.
    const inFlight = new Map<number, Promise<[number, DomainDnsReport | { error: unknown }]>>();
    let next = 0;
    let exhausted = false;
    const fill = async () => {
      while (!exhausted && inFlight.size < this.concurrency) {
        const item = await iterator.next();
        if (item.done) {
          exhausted = true;
          break;
        }
        const key = next++;
        inFlight.set(
          key,
          this.check(item.value).then(
            (report) => [key, report],
            (error: unknown) => [key, { error }],
          ),
        );
      }
    };
    await fill();
    while (inFlight.size > 0) {
      const [key, result] = await Promise.race(inFlight.values());
      inFlight.delete(key);
      if ("error" in result) throw result.error;
      yield [key, result];
      await fill();
    }
  }

  private async lookup(authority: AuthoritativeResolver | null, name: string, type: RecordType): Promise<Answer> {
    if (authority) {
      const direct = await authority.query(name, type);
      if (direct.kind !== "unknown") return { result: direct, source: "authoritative" };
      const result = await queryRecords(this.resolver, name, type);
      return { result, source: "resolver", fallbackReason: direct.message ?? direct.code };
    }
    return { result: await queryRecords(this.resolver, name, type), source: "resolver" };
  }

  /** Checks a group and marks its results with where the answers they rest on came from. */
  private async checkSourced(g: Group, target: DnsTarget, lookup: Lookup): Promise<RecordResult[]> {
    const answers: Answer[] = [];
    const query: Query = async (name, type) => {
      const answer = await lookup(name, type);
      answers.push(answer);
      return answer.result;
    };
    const results = await this.checkGroup(g, target, query);
    const fallbacks = answers.filter((a) => a.source === "resolver");
    const source: AnswerSource = this.authoritativePort === null || fallbacks.length ? "resolver" : "authoritative";
    const reasons = [...new Set(fallbacks.flatMap((a) => (a.fallbackReason ? [a.fallbackReason] : [])))];
    return results.map((r) => ({ ...r, source, ...(reasons.length ? { fallbackReason: reasons.join("; ") } : {}) }));
  }

  private checkGroup(g: Group, target: DnsTarget, query: Query): Promise<RecordResult[]> {
    const domain = normalizeName(target.domain);
    switch (g.type) {
      case "A":
      case "AAAA":
        return checkAddresses(g, domain, query);
      case "CNAME":
        return Promise.all(g.records.map((r) => checkAlias(r, target, query)));
      case "SRV":
        return Promise.all(g.records.map((r) => checkSrv(r, domain, query)));
      case "TXT":
        return Promise.all(g.records.map((r) => checkTxt(r, domain, query)));
      case "CAA":
        return checkCaa(g, domain, query);
    }
  }
}
