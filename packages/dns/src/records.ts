/**
 * The DNS records a tenant domain needs, as data (for the diagnosis page and the checker) and as a zone-file snippet.
 */
import { isIPv4 } from "node:net";
import { canonicalIPv6, fqdn, isValidName, isWithin, normalizeName } from "./names.ts";
import type { PublishableType } from "./provider.ts";
import { formatCaa, parseCaa, parseSrv, quoteTxt } from "./wire.ts";

export type RecordType = PublishableType;

export interface DnsTarget {
  /** The tenant's domain, e.g. family.example. */
  domain: string;
  /** The platform host name clients connect to, e.g. xmpp1.chat.example. */
  serverHost: string;
  /** Addresses of the platform's web/XMPP front for this domain; the domain's A/AAAA records must carry them. */
  ipv4?: string[];
  ipv6?: string[];
  /**
   * Service hosts (groups., share.) as a CNAME to serverHost instead of A/AAAA records. Defaults to true: an alias
   * keeps working when the platform's addresses change.
   */
  useCname?: boolean;
  /** The server's ports; null until it first starts, and its service (SRV) records are expected from then on. */
  c2sPort: number | null;
  /** XEP-0368 direct TLS port for clients; adds a _xmpps-client SRV record when set. */
  c2sDirectTlsPort?: number;
  s2sPort: number | null;
  /** XEP-0368 direct TLS port for servers; adds a _xmpps-server SRV record when set. */
  s2sDirectTlsPort?: number;
  /** Proves the admin controls the domain. */
  verificationToken: string;
  /**
   * Whether the ownership TXT record is expected; default true. Domains under the platform's own zone have nothing
   * to prove: the platform holds the zone.
   */
  ownershipRecord?: boolean;
  /** The domain has an IRC gateway (irc.DOMAIN): its alias and its server-to-server record are expected too. */
  ircGateway?: boolean;
  /** e.g. ["letsencrypt.org"]: when set, CAA records (if the domain has any) must allow these issuers. */
  caaIssuers?: string[];
}

export interface ExpectedRecord {
  /** Stable key: "a", "aaaa", "srv-client", "srvs-client", "srv-server", "srvs-server", "groups", "srv-groups-server", "share", "irc", "srv-irc-server", "txt-verify", "caa"; a second value of the same kind gets "-2", and so on. */
  id: string;
  /** Owner name, without trailing dot. */
  name: string;
  type: RecordType;
  /** Presentation format ("0 5 5222 xmpp1.chat.example." for SRV); TXT is the raw text, unquoted. */
  value: string;
  /** Missing required records are errors; missing optional ones are warnings (CAA: absent means allowed). */
  required: boolean;
  /** One human sentence: what the record is for. */
  purpose: string;
}

/** Owner label of the ownership proof: under the domain so only its admin can create it. */
export const VERIFICATION_LABEL = "_xmpp-host-verify";
export const VERIFICATION_PREFIX = "xmpp-host-verification=";
/** SRV priority and weight we suggest; clients only care about target and port when there is one record. */
export const SRV_PRIORITY = 0;
export const SRV_WEIGHT = 5;
export const DEFAULT_TTL = 3600;

export function verificationRecordName(domain: string): string {
  return `${VERIFICATION_LABEL}.${normalizeName(domain)}`;
}

export function verificationValue(token: string): string {
  return `${VERIFICATION_PREFIX}${token}`;
}

function port(n: number | undefined, what: string): number {
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 65535) throw new RangeError(`invalid ${what}: ${n}`);
  return n;
}

function validateTarget(t: DnsTarget): void {
  if (!isValidName(t.domain) || !normalizeName(t.domain).includes(".")) {
    throw new RangeError(`invalid domain: ${t.domain}`);
  }
  if (!isValidName(t.serverHost)) throw new RangeError(`invalid serverHost: ${t.serverHost}`);
  for (const a of t.ipv4 ?? []) if (!isIPv4(a)) throw new RangeError(`invalid IPv4 address: ${a}`);
  for (const a of t.ipv6 ?? []) if (!canonicalIPv6(a)) throw new RangeError(`invalid IPv6 address: ${a}`);
  if (!/^[A-Za-z0-9._~+/=-]{8,200}$/.test(t.verificationToken)) {
    throw new RangeError("verificationToken must be 8-200 URL-safe characters");
  }
  for (const issuer of t.caaIssuers ?? []) {
    if (!isValidName(issuer)) throw new RangeError(`invalid CAA issuer: ${issuer}`);
  }
}

/** Ids for several values of one kind: "a", "a-2", "a-3". */
function numbered(id: string, i: number): string {
  return i === 0 ? id : `${id}-${i + 1}`;
}

/**
 * Every record the domain needs, in the order an admin should read them. A/AAAA records are only listed for the
 * addresses given; with neither ipv4 nor ipv6 the domain itself gets no address record (the SRV records suffice
 * for XMPP) and service hosts always use a CNAME.
 */
export function expectedRecords(target: DnsTarget): ExpectedRecord[] {
  validateTarget(target);
  const d = normalizeName(target.domain);
  const host = fqdn(target.serverHost);
  const ipv4 = target.ipv4 ?? [];
  const ipv6 = (target.ipv6 ?? []).map((a) => canonicalIPv6(a) as string);
  const hasAddresses = ipv4.length + ipv6.length > 0;
  const useCname = target.useCname ?? true;
  const out: ExpectedRecord[] = [];
  const srv = (p: number) => `${SRV_PRIORITY} ${SRV_WEIGHT} ${p} ${host}`;

  // A CNAME at a zone apex is invalid (it would hide the SOA/NS/MX records), so the domain itself gets A/AAAA.
  const addressRecords = (idPrefix: string, name: string, use: string) => {
    ipv4.forEach((ip, i) => {
      out.push({
        id: numbered(`${idPrefix}a`, i),
        name,
        type: "A",
        value: ip,
        required: true,
        purpose: `Points ${name} at the platform (${ip}) ${use}.`,
      });
    });
    ipv6.forEach((ip, i) => {
      out.push({
        id: numbered(`${idPrefix}aaaa`, i),
        name,
        type: "AAAA",
        value: ip,
        // Without it only IPv6-only networks are affected; a wrong one is still an error (see the checker).
        required: false,
        purpose: `Points ${name} at the platform over IPv6 (${ip}) ${use}, also from IPv6-only networks.`,
      });
    });
  };

  addressRecords("", d, "for the web client, invitations and apps that skip service records");

  if (target.c2sPort !== null) {
    out.push({
      id: "srv-client",
      name: `_xmpp-client._tcp.${d}`,
      type: "SRV",
      value: srv(port(target.c2sPort, "c2sPort")),
      required: true,
      purpose: `Tells chat apps which server and port handle the accounts of ${d}.`,
    });
  }
  if (target.c2sDirectTlsPort !== undefined) {
    out.push({
      id: "srvs-client",
      name: `_xmpps-client._tcp.${d}`,
      type: "SRV",
      value: srv(port(target.c2sDirectTlsPort, "c2sDirectTlsPort")),
      required: false,
      purpose: `Lets chat apps connect with encryption from the first byte (XEP-0368), which gets through strict firewalls.`,
    });
  }
  const s2sPort = target.s2sPort === null ? null : port(target.s2sPort, "s2sPort");
  if (s2sPort !== null) {
    out.push({
      id: "srv-server",
      name: `_xmpp-server._tcp.${d}`,
      type: "SRV",
      value: srv(s2sPort),
      required: true,
      purpose: `Tells other chat servers where to deliver messages for people at ${d}.`,
    });
  }
  if (target.s2sDirectTlsPort !== undefined) {
    out.push({
      id: "srvs-server",
      name: `_xmpps-server._tcp.${d}`,
      type: "SRV",
      value: srv(port(target.s2sDirectTlsPort, "s2sDirectTlsPort")),
      required: false,
      purpose: `Lets other chat servers connect to ${d} with encryption from the first byte (XEP-0368).`,
    });
  }

  const serviceHost = (label: string, what: string) => {
    const name = `${label}.${d}`;
    if (useCname || !hasAddresses) {
      out.push({
        id: label,
        name,
        type: "CNAME",
        value: host,
        required: true,
        purpose: `Makes ${name} (${what}) an alias of the platform's server, so its certificate can be issued and it follows the platform if its address changes.`,
      });
    } else {
      addressRecords(`${label}-`, name, `so that ${what} get a certificate and can be reached`);
    }
  };
  /** Where other servers deliver to a service host that people talk to from elsewhere (rooms, the IRC gateway). */
  const serverRecord = (label: string, what: string) => {
    if (s2sPort === null) return;
    out.push({
      id: `srv-${label}-server`,
      name: `_xmpp-server._tcp.${label}.${d}`,
      type: "SRV",
      value: srv(s2sPort),
      required: true,
      purpose: `Tells other chat servers where to deliver messages for ${what} at ${label}.${d}.`,
    });
  };
  serviceHost("groups", "the group chats");
  serverRecord("groups", "the group chats");
  serviceHost("share", "the files shared in chats");
  if (target.ircGateway) {
    serviceHost("irc", "the IRC gateway");
    serverRecord("irc", "the IRC gateway");
  }

  if (target.ownershipRecord ?? true) {
    out.push({
      id: "txt-verify",
      name: verificationRecordName(d),
      type: "TXT",
      value: verificationValue(target.verificationToken),
      required: true,
      purpose: `Proves that you control ${d}, so that nobody else can add it to the platform.`,
    });
  }

  (target.caaIssuers ?? []).forEach((issuer, i) => {
    const ca = normalizeName(issuer);
    out.push({
      id: numbered("caa", i),
      name: d,
      type: "CAA",
      value: formatCaa({ flags: 0, tag: "issue", value: ca }),
      required: false,
      purpose: `Allows ${ca} to issue the certificates for ${d}; only needed if your domain restricts certificate authorities (CAA records).`,
    });
  });
  return out;
}

/** The value as a zone file writes it (TXT quoted and split into 255-byte strings). */
export function presentationValue(record: Pick<ExpectedRecord, "type" | "value">): string {
  return record.type === "TXT" ? quoteTxt(record.value) : record.value;
}

/** One zone-file line: `_xmpp-client._tcp.family.example. 3600 IN SRV 0 5 5222 xmpp1.chat.example.` */
export function recordLine(record: Pick<ExpectedRecord, "name" | "type" | "value">, ttl = DEFAULT_TTL): string {
  return `${fqdn(record.name)} ${ttl} IN ${record.type} ${presentationValue(record)}`;
}

/** A BIND zone-file snippet with every record and a comment saying what each is for. */
export function zoneSnippet(records: readonly ExpectedRecord[], opts: { ttl?: number } = {}): string {
  const ttl = opts.ttl ?? DEFAULT_TTL;
  const lines = ["; DNS records for your chat domain. Add every line marked (required) at your DNS provider."];
  for (const r of records) {
    lines.push("", `; ${r.purpose} (${r.required ? "required" : "recommended"})`, recordLine(r, ttl));
  }
  return `${lines.join("\n")}\n`;
}

/** The name as most DNS providers' forms want it: relative to the domain, "@" for the domain itself. */
export function relativeName(name: string, domain: string): string {
  const n = normalizeName(name);
  const d = normalizeName(domain);
  if (n === d) return "@";
  return isWithin(n, d) ? n.slice(0, -(d.length + 1)) : fqdn(n);
}

/** The record in words, for people who have never seen a DNS record of this type. */
export function describeRecord(record: Pick<ExpectedRecord, "name" | "type" | "value">): string {
  const name = normalizeName(record.name);
  switch (record.type) {
    case "A":
      return `an address record (type A) named ${name} with the value ${record.value}`;
    case "AAAA":
      return `an IPv6 address record (type AAAA) named ${name} with the value ${record.value}`;
    case "CNAME":
      return `an alias record (type CNAME) named ${name} pointing to ${normalizeName(record.value)}`;
    case "SRV": {
      const s = parseSrv(record.value);
      return `a service record (type SRV) named ${name} with priority ${s.priority}, weight ${s.weight}, port ${s.port} and target ${s.target}`;
    }
    case "TXT":
      return `a text record (type TXT) named ${name} with the value ${record.value}`;
    case "CAA": {
      const c = parseCaa(record.value);
      return `a certificate authority record (type CAA) named ${name} with flags ${c.flags}, tag ${c.tag} and value ${c.value}`;
    }
  }
}

/** How to type the name into a provider's form. */
export function nameHint(record: Pick<ExpectedRecord, "name" | "type">, domain: string): string {
  const rel = relativeName(record.name, domain);
  if (rel === "@")
    return `Most DNS providers want "@" (or an empty field) as the name for ${normalizeName(domain)} itself.`;
  const srv = record.type === "SRV" ? /^(_[^.]+)\.(_[^.]+)(?:\.(.+))?$/.exec(rel) : null;
  if (srv) {
    return (
      `Most DNS providers want only "${rel}" as the name; some ask instead for the service "${srv[1]}"` +
      (srv[3] ? `, the protocol "${srv[2]}" and the name "${srv[3]}".` : ` and the protocol "${srv[2]}".`)
    );
  }
  return `Most DNS providers want only "${rel}" as the name.`;
}
