/**
 * A place where the platform can publish DNS records: used for ACME DNS-01 challenges and for the
 * records of domains under the platform's own base domain. Every implementation passes the same
 * contract suite.
 */
export type PublishableType = "A" | "AAAA" | "CNAME" | "SRV" | "TXT" | "CAA";

export interface DnsRecordInput {
  /** Fully qualified owner name without the trailing dot, e.g. _acme-challenge.family.example */
  name: string;
  type: PublishableType;
  /** Presentation format: "10 5 5222 xmpp.example." for SRV, the raw text for TXT (unquoted). */
  value: string;
  ttl?: number;
}

export interface DnsProvider {
  readonly kind: "rfc2136" | "cloudflare" | "platform";
  /** Whether this provider can publish records for `name` (it is inside a zone it controls). */
  handles(name: string): boolean;
  /** Adds the record; adding one that exists is not an error. */
  addRecord(record: DnsRecordInput): Promise<void>;
  /** Removes exactly that record (name, type and value); removing one that is absent is not an error. */
  removeRecord(record: DnsRecordInput): Promise<void>;
}

/** The provider could not be reached or answered with a server error: retry later. */
export class DnsProviderUnavailableError extends Error {
  override readonly name = "DnsProviderUnavailableError";
}

/** The provider refused the change (bad credentials, not authoritative, bad record). */
export class DnsProviderRefusedError extends Error {
  override readonly name = "DnsProviderRefusedError";
}
