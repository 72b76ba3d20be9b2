/**
 * Records for domains under the platform's own base domain (e.g. alice.chat.example): the platform publishes them
 * itself, through whatever provider is authoritative for the base zone.
 */
import { isStrictlyBelow, isValidName, normalizeName } from "./names.ts";
import { type DnsProvider, DnsProviderRefusedError, type DnsRecordInput } from "./provider.ts";
import type { ExpectedRecord } from "./records.ts";

export interface PlatformZoneOptions {
  /** e.g. "chat.example": tenant domains are its subdomains. */
  baseDomain: string;
  /** A provider that can publish into the base zone (RFC 2136, Cloudflare...). */
  delegate: DnsProvider;
}

export class PlatformZoneProvider implements DnsProvider {
  readonly kind = "platform" as const;
  readonly baseDomain: string;
  private readonly delegate: DnsProvider;

  constructor(opts: PlatformZoneOptions) {
    this.baseDomain = normalizeName(opts.baseDomain);
    if (!isValidName(this.baseDomain)) throw new RangeError(`invalid base domain: ${opts.baseDomain}`);
    this.delegate = opts.delegate;
  }

  /** Only names strictly below the base domain: the base domain's own records are not the tenants' to change. */
  handles(name: string): boolean {
    return isValidName(name) && isStrictlyBelow(name, this.baseDomain) && this.delegate.handles(name);
  }

  async addRecord(record: DnsRecordInput): Promise<void> {
    await this.delegate.addRecord(this.checked(record));
  }

  async removeRecord(record: DnsRecordInput): Promise<void> {
    await this.delegate.removeRecord(this.checked(record));
  }

  private checked(record: DnsRecordInput): DnsRecordInput {
    if (!this.handles(record.name)) {
      throw new DnsProviderRefusedError(`${record.name} is not a name under the platform domain ${this.baseDomain}`);
    }
    return { ...record, name: normalizeName(record.name) };
  }
}

function toInput(r: ExpectedRecord | DnsRecordInput, ttl: number | undefined): DnsRecordInput {
  const out: DnsRecordInput = { name: r.name, type: r.type, value: r.value };
  const t = "ttl" in r && r.ttl !== undefined ? r.ttl : ttl;
  if (t !== undefined) out.ttl = t;
  return out;
}

/**
 * Publishes a domain's records (e.g. expectedRecords(target)) one by one. Checks first that the provider handles
 * every name, so that a domain is not left half-published because one name was outside the zone.
 */
export async function publishDomainRecords(
  provider: DnsProvider,
  records: readonly (ExpectedRecord | DnsRecordInput)[],
  opts: { ttl?: number } = {},
): Promise<DnsRecordInput[]> {
  const inputs = records.map((r) => toInput(r, opts.ttl));
  const outside = inputs.filter((r) => !provider.handles(r.name));
  if (outside.length) {
    throw new DnsProviderRefusedError(
      `the ${provider.kind} provider cannot publish ${[...new Set(outside.map((r) => r.name))].join(", ")}`,
    );
  }
  for (const r of inputs) await provider.addRecord(r);
  return inputs;
}

/** Removes a domain's records; every removal is attempted, and the first failure is thrown afterwards. */
export async function unpublishDomainRecords(
  provider: DnsProvider,
  records: readonly (ExpectedRecord | DnsRecordInput)[],
): Promise<void> {
  let first: unknown;
  for (const r of records.map((x) => toInput(x, undefined))) {
    if (!provider.handles(r.name)) continue;
    try {
      await provider.removeRecord(r);
    } catch (err) {
      first ??= err;
    }
  }
  if (first) throw first;
}
