/**
 * Publishes records through Cloudflare's v4 API (https://developers.cloudflare.com/api/resources/dns/):
 * `GET /zones?name=`, `GET /zones/:id/dns_records?type=&name=`, `POST /zones/:id/dns_records`,
 * `DELETE /zones/:id/dns_records/:rid`, authenticated with an API token (`Authorization: Bearer`).
 */
import { canonicalAddress, fqdn, isValidName, isWithin, normalizeName } from "./names.ts";
import {
  type DnsProvider,
  DnsProviderRefusedError,
  DnsProviderUnavailableError,
  type DnsRecordInput,
  type PublishableType,
} from "./provider.ts";
import {
  encodeRdata,
  formatCaa,
  formatSrv,
  normalizeRecordValue,
  parseCaa,
  parseSrv,
  quoteTxt,
  unquoteTxt,
} from "./wire.ts";

export interface CloudflareOptions {
  /** An API token with Zone:DNS:Edit (and Zone:Read to look zones up by name). */
  apiToken: string;
  /** The zone to publish into; without it the zone is looked up by name for each record. */
  zoneId?: string;
  /** The zone's name, so that handles() can answer without an API call. */
  zoneName?: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface CfMessage {
  code: number;
  message: string;
}

interface CfEnvelope<T> {
  success: boolean;
  errors?: CfMessage[];
  messages?: CfMessage[];
  result: T;
  result_info?: { page: number; per_page: number; total_pages?: number; count?: number; total_count?: number };
}

export interface CloudflareDnsRecord {
  id: string;
  type: string;
  name: string;
  content?: string;
  priority?: number;
  ttl?: number;
  data?: Record<string, unknown>;
}

/** "Record already exists" / "An identical record already exists": a repeated add. */
const ALREADY_EXISTS = new Set([81057, 81058]);

export class CloudflareProvider implements DnsProvider {
  readonly kind = "cloudflare" as const;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  /** Known zones: name -> id. */
  private readonly zones = new Map<string, string>();
  private zonesLoaded = false;

  constructor(private readonly opts: CloudflareOptions) {
    this.baseUrl = (opts.baseUrl ?? "https://api.cloudflare.com/client/v4").replace(/\/+$/, "");
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    if (opts.zoneName && opts.zoneId) this.zones.set(normalizeName(opts.zoneName), opts.zoneId);
  }

  /**
   * Whether the name lies in a zone this provider publishes to: the configured zoneName, or the zones found by
   * loadZones(). Before either is known it cannot tell synchronously and says yes for any valid name; addRecord then
   * looks the zone up by name and refuses (DnsProviderRefusedError) if the token sees none.
   */
  handles(name: string): boolean {
    if (!isValidName(name)) return false;
    if (this.opts.zoneName) return isWithin(name, this.opts.zoneName);
    if (!this.zonesLoaded) return true;
    return [...this.zones.keys()].some((z) => isWithin(name, z));
  }

  /** Fetches the zones the token can see (or the configured zone) so that handles() knows them. */
  async loadZones(): Promise<string[]> {
    if (this.opts.zoneId) {
      const zone = await this.request<{ id: string; name: string }>("GET", `/zones/${enc(this.opts.zoneId)}`);
      this.zones.set(normalizeName(zone.result.name), zone.result.id);
    } else {
      for (let page = 1; ; page++) {
        const res = await this.request<{ id: string; name: string }[]>("GET", `/zones?per_page=50&page=${page}`);
        for (const z of res.result) this.zones.set(normalizeName(z.name), z.id);
        if (page >= (res.result_info?.total_pages ?? 1)) break;
      }
    }
    this.zonesLoaded = true;
    return [...this.zones.keys()];
  }

  async addRecord(record: DnsRecordInput): Promise<void> {
    const zoneId = await this.zoneFor(record.name);
    const want = this.normalized(record);
    const existing = await this.list(zoneId, record.type, record.name);
    if (existing.some((r) => recordValue(r, record.type) === want)) return;
    const res = await this.send("POST", `/zones/${enc(zoneId)}/dns_records`, createBody(record));
    if (res.ok) return;
    if (res.body?.errors?.some((e) => ALREADY_EXISTS.has(e.code))) return;
    throw this.failure("POST", res.status, res.body);
  }

  async removeRecord(record: DnsRecordInput): Promise<void> {
    const zoneId = await this.zoneFor(record.name);
    const want = this.normalized(record);
    const existing = await this.list(zoneId, record.type, record.name);
    for (const r of existing.filter((x) => recordValue(x, record.type) === want)) {
      const res = await this.send("DELETE", `/zones/${enc(zoneId)}/dns_records/${enc(r.id)}`);
      // Gone already (a concurrent removal) is what we wanted.
      if (!res.ok && res.status !== 404) throw this.failure("DELETE", res.status, res.body);
    }
  }

  private normalized(record: DnsRecordInput): string {
    if (!isValidName(record.name)) throw new DnsProviderRefusedError(`invalid record name: ${record.name}`);
    try {
      encodeRdata(record.type, record.value); // the same validation as on the wire
      return normalizeRecordValue(record.type, record.value);
    } catch (err) {
      throw new DnsProviderRefusedError(`invalid ${record.type} record for ${record.name}: ${(err as Error).message}`);
    }
  }

  private async list(zoneId: string, type: PublishableType, name: string): Promise<CloudflareDnsRecord[]> {
    const out: CloudflareDnsRecord[] = [];
    for (let page = 1; ; page++) {
      const q = new URLSearchParams({ type, name: normalizeName(name), per_page: "100", page: String(page) });
      const res = await this.request<CloudflareDnsRecord[]>("GET", `/zones/${enc(zoneId)}/dns_records?${q}`);
      out.push(...res.result);
      if (page >= (res.result_info?.total_pages ?? 1)) break;
    }
    return out;
  }

  /** The zone id for a record name: the configured one, a known zone, or the longest zone found by name. */
  private async zoneFor(name: string): Promise<string> {
    const n = normalizeName(name);
    if (this.opts.zoneName && !isWithin(n, this.opts.zoneName)) {
      throw new DnsProviderRefusedError(`${n} is not inside the zone ${this.opts.zoneName}`);
    }
    if (this.opts.zoneId) return this.opts.zoneId;
    const known = [...this.zones.entries()].filter(([z]) => isWithin(n, z)).sort((a, b) => b[0].length - a[0].length);
    if (known[0]) return known[0][1];
    const labels = n.split(".");
    for (let i = 0; i < labels.length - 1; i++) {
      const candidate = labels.slice(i).join(".");
      const res = await this.request<{ id: string; name: string }[]>(
        "GET",
        `/zones?${new URLSearchParams({ name: candidate })}`,
      );
      const zone = res.result.find((z) => normalizeName(z.name) === candidate);
      if (zone) {
        this.zones.set(candidate, zone.id);
        return zone.id;
      }
    }
    throw new DnsProviderRefusedError(`no Cloudflare zone visible to this token contains ${n}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<CfEnvelope<T>> {
    const res = await this.send<T>(method, path, body);
    if (!res.ok || !res.body) throw this.failure(method, res.status, res.body);
    return res.body;
  }

  private async send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ ok: boolean; status: number; body: CfEnvelope<T> | null }> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.opts.apiToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new DnsProviderUnavailableError(`Cloudflare API ${method} ${redact(path)}: ${(err as Error).message}`);
    }
    let parsed: CfEnvelope<T> | null = null;
    try {
      parsed = (await response.json()) as CfEnvelope<T>;
    } catch {
      parsed = null;
    }
    return { ok: response.ok && parsed?.success === true, status: response.status, body: parsed };
  }

  private failure(method: string, status: number, body: CfEnvelope<unknown> | null): Error {
    const why = body?.errors?.map((e) => `${e.code}: ${e.message}`).join("; ") || `HTTP ${status}`;
    const message = `Cloudflare API ${method} failed: ${why}`;
    // Rate limits and server trouble pass; bad tokens, permissions and invalid records do not.
    if (status === 429 || status >= 500 || body === null) return new DnsProviderUnavailableError(message);
    return new DnsProviderRefusedError(message);
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

function redact(path: string): string {
  return path.split("?")[0] as string;
}

/** The body of POST /zones/:id/dns_records for a record. */
export function createBody(record: DnsRecordInput): Record<string, unknown> {
  const base = {
    type: record.type,
    name: normalizeName(record.name),
    // 1 = "automatic"; Cloudflare refuses TTLs below 60 on most plans.
    ttl: record.ttl === undefined ? 1 : Math.max(60, record.ttl),
  };
  switch (record.type) {
    case "A":
    case "AAAA":
    case "CNAME":
      // Never proxied: Cloudflare's proxy only carries HTTP(S), and XMPP clients must reach the server itself.
      return {
        ...base,
        content: record.type === "CNAME" ? normalizeName(record.value) : canonicalAddress(record.value),
        proxied: false,
      };
    case "TXT":
      return { ...base, content: quoteTxt(record.value) };
    case "SRV": {
      const s = parseSrv(record.value);
      return { ...base, data: { priority: s.priority, weight: s.weight, port: s.port, target: s.target } };
    }
    case "CAA": {
      const c = parseCaa(record.value);
      return { ...base, data: { flags: c.flags, tag: c.tag, value: c.value } };
    }
  }
}

/** A listed record's value in the same normalized form as normalizeRecordValue, or null if unreadable. */
export function recordValue(r: CloudflareDnsRecord, type: PublishableType): string | null {
  try {
    const d = r.data ?? {};
    switch (type) {
      case "A":
      case "AAAA":
        return canonicalAddress(r.content ?? "");
      case "CNAME":
        return fqdn(r.content ?? "");
      case "TXT":
        return unquoteTxt(r.content ?? "");
      case "SRV": {
        if (r.data) {
          return formatSrv({
            priority: Number(d.priority ?? r.priority ?? 0),
            weight: Number(d.weight),
            port: Number(d.port),
            target: normalizeName(String(d.target ?? "")),
          });
        }
        // content is "weight port target", the priority is a separate field.
        return formatSrv(parseSrv(`${r.priority ?? 0} ${r.content ?? ""}`));
      }
      case "CAA":
        if (r.data) return formatCaa({ flags: Number(d.flags), tag: String(d.tag), value: String(d.value) });
        return formatCaa(parseCaa(r.content ?? ""));
    }
  } catch {
    return null;
  }
}
