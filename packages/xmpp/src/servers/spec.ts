import net from "node:net";
import { assertValidHostname } from "../names.ts";
import type { ServerName } from "./kind.ts";

/** What a runtime needs to know to run one managed instance. Rendered from the database. */
export interface InstanceDomainSpec {
  /** The virtual host, e.g. family.example. MUC is groups.<name>, upload is share.<name>. */
  name: string;
  registration: "closed" | "invite" | "open";
  /** Limits set by the platform for a domain on a shared server; absent on dedicated servers. */
  limits?: DomainLimits;
  /** The domain's IRC gateway, when enabled: the component irc.<name>, joined on the instance's component port. */
  ircGateway?: IrcGatewaySpec;
  /** What the domain's people chose (history, files, push, security...), within the platform's ceilings. */
  settings?: DomainServerSettings;
  /** Addresses and networks (normalised CIDRs) that may not register accounts in-band. */
  registrationBlocklist?: string[];
  /** In-band registrations allowed per client address in a period (loopback is never throttled). */
  registrationThrottle?: { max: number; periodSeconds: number };
}

/** A value an operator may add to a domain's virtual host as an extra option; checked by the platform first. */
export type ExtraOptionValue = string | number | boolean | string[];

/** A domain's settings in the server's terms: bytes, days, URIs. Absent settings keep the server's defaults. */
export interface DomainServerSettings {
  /** Message archives (personal and group chat): kept this many days, null for ever; off keeps none. */
  history: { enabled: boolean; retentionDays: number | null };
  /** Shared files (HTTP upload): off removes the upload service; limits per file and per person per day. */
  files: { enabled: boolean; maxFileBytes: number; dailyQuotaBytes: number; retentionDays: number | null };
  /** Whether push notifications may carry the sender and the message text (off: a bare "new message"). */
  push: { includeSender: boolean; includeBody: boolean };
  /** modern: TLS 1.3 only; intermediate: TLS 1.2 and later (Mozilla's profiles). */
  tlsProfile: "modern" | "intermediate";
  /** Sent to each account that registers; null sends nothing. */
  welcomeMessage: string | null;
  /** Contact addresses (XEP-0157) as URIs: mailto:, xmpp:, https:. */
  contacts: { abuse: string[]; support: string[]; admin: string[]; security: string[] };
  /** Options an operator added to the virtual host, already validated against what the server accepts. */
  extraOptions: Record<string, ExtraOptionValue>;
  /** Which other servers' domains may talk to this one (server-to-server); absent: everyone. */
  federation?: FederationSettings;
  /**
   * Invites each member may create in their chat app that let someone register, per rolling 7 days (admins are not
   * limited); absent or 0: members' invites only add them as a contact. Servers without such invites ignore it.
   */
  memberInvitesPerWeek?: number;
}

/** A domain's federation policy: open to all, a list of domains (and domains under listed suffixes), or none. */
export interface FederationSettings {
  policy: "open" | "allowlist" | "closed";
  /** With allowlist: the remote domains allowed (their group chats and other services included). */
  allowlist: string[];
  /** With allowlist: every domain under these names is allowed too (the platform's free addresses). */
  allowedSuffixes?: string[];
  /** Other domains accepted without a valid certificate: they authenticate by dialback only (a named risk). */
  insecurePartners?: string[];
}

/** How a server finds and trusts other servers (server-to-server). */
export interface FederationSpec {
  /** The platform's CA (PEM): servers trust certificates it issued, besides the system's CAs. */
  caPem: string;
  /** The DNS resolvers that find other servers (address or address@port); empty: the system's. */
  resolvers: string[];
  /** A zone under a special-use name (home.arpa, test) that the resolvers serve and that must resolve normally. */
  localZone?: string;
}

export interface IrcGatewaySpec {
  /** The component's password, shared with the gateway process. */
  secret: string;
  /** Distinct IRC networks the domain's people may be connected to at once. */
  maxServers: number;
  /** IRC connections at once (one per person and IRC network). */
  maxConnections: number;
  /** Let people reach IRC servers on loopback and private addresses: for tests only. */
  allowPrivateServers?: boolean;
}

/** The platform's TURN/STUN service, which every server announces to its users (XEP-0215). */
export interface CallsSpec {
  /** The name or address clients reach it at. */
  host: string;
  port: number;
  /** coturn's use-auth-secret key: servers derive time-limited credentials from it. */
  secret: string;
  /** How long the credentials a server hands out stay valid, in seconds. */
  ttlSeconds: number;
}

export interface DomainLimits {
  /** Accounts the domain may hold; in-band registration stops there. */
  maxAccounts: number;
  /** Bytes of uploaded files the domain may keep at once. */
  uploadQuotaBytes: number;
  /** Days that message archives (personal and group chat) are kept. */
  archiveDays: number;
}

export interface InstanceSpec {
  id: string;
  server: ServerName;
  /**
   * c2s (STARTTLS), s2s, http (uploads, metrics); directTls: c2s encrypted from the first byte (XEP-0368); https:
   * WebSocket, BOSH and host-meta (XEP-0156). The last two are absent on servers started before they existed.
   */
  ports: { c2s: number; s2s: number; http: number; directTls?: number; https?: number };
  /** The loopback port where gateways join as components; needed once a domain has one. */
  componentPort?: number;
  /** Calls: the TURN/STUN service announced to users; absent when the platform offers none. */
  calls?: CallsSpec;
  /** Server-to-server: the resolvers and CA the server uses to find and authenticate other servers. */
  federation?: FederationSpec;
  /** Address the instance listens on; 127.0.0.1 in development. */
  bindAddress: string;
  domains: InstanceDomainSpec[];
  /** Bare JIDs with server admin rights (XEP-0133). Empty for managed instances: the platform uses its admin channel. */
  admins?: string[];
  /**
   * The password of the platform's own admin account on servers administered over HTTP (ejabberd), generated per
   * instance and kept sealed by the platform. Never written into a configuration file.
   */
  adminPassword?: string;
}

const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function assertValidInstanceId(id: string): void {
  if (typeof id !== "string" || !INSTANCE_ID.test(id)) {
    throw new TypeError(`invalid instance id ${JSON.stringify(id)} (letters, digits, '-' and '_', max 64)`);
  }
}

/** The hosts one domain contributes: the virtual host, its MUC and its upload service. */
export function serviceHosts(domain: string): [string, string, string] {
  return [domain, `groups.${domain}`, `share.${domain}`];
}

/**
 * A server refuses to start without a virtual host, so an instance with no domain yet serves this
 * placeholder; it is deactivated as soon as the first domain is applied.
 */
export const PLACEHOLDER_HOST = "localhost";

/** The IRC gateway's address for a domain. */
export function ircGatewayHost(domain: string): string {
  return `irc.${domain}`;
}

/** Whether the domain offers shared files (its upload service, share.<name>). On unless its settings turn it off. */
export function offersFileSharing(d: InstanceDomainSpec): boolean {
  return d.settings?.files.enabled ?? true;
}

/**
 * The hosts a domain has on its server: its virtual host and group chats, its upload service unless shared files
 * are off, and its IRC gateway's component when enabled.
 */
export function domainSpecHosts(d: InstanceDomainSpec): string[] {
  const [host, groups, share] = serviceHosts(d.name);
  return [host, groups, ...(offersFileSharing(d) ? [share] : []), ...(d.ircGateway ? [ircGatewayHost(d.name)] : [])];
}

/** Every host (virtual hosts and components) the instance serves, in config order. */
export function instanceHosts(spec: InstanceSpec): string[] {
  return spec.domains.length === 0 ? [PLACEHOLDER_HOST] : spec.domains.flatMap(domainSpecHosts);
}

/** Checks what every server kind relies on: a safe id, an IP to bind, three distinct ports, valid domains. */
export function validateSpec(spec: InstanceSpec): void {
  assertValidInstanceId(spec.id);
  if (!net.isIP(spec.bindAddress)) throw new TypeError(`bindAddress must be an IP address: ${spec.bindAddress}`);
  const ports = [spec.ports.c2s, spec.ports.s2s, spec.ports.http];
  if (spec.componentPort !== undefined) ports.push(spec.componentPort);
  for (const p of ports) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new TypeError(`invalid port ${p}`);
  }
  if (new Set(ports).size !== ports.length) throw new TypeError("c2s, s2s, http and component ports must differ");
  if (spec.calls) {
    const c = spec.calls;
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(c.host)) throw new TypeError(`invalid calls host ${JSON.stringify(c.host)}`);
    if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) throw new TypeError(`invalid calls port ${c.port}`);
    if (!Number.isSafeInteger(c.ttlSeconds) || c.ttlSeconds < 60) throw new TypeError("calls ttlSeconds must be >= 60");
    if (c.secret.length < 16) throw new TypeError("calls secret is too short");
  }
  const names = new Set<string>();
  for (const d of spec.domains) {
    assertValidHostname(d.name);
    if (!["closed", "invite", "open"].includes(d.registration)) {
      throw new TypeError(`invalid registration policy ${JSON.stringify(d.registration)} for ${d.name}`);
    }
    if (d.limits) {
      for (const [k, v] of Object.entries(d.limits)) {
        if (!Number.isSafeInteger(v) || v < 1) throw new TypeError(`invalid limit ${k}=${v} for ${d.name}`);
      }
    }
    if (d.ircGateway) {
      if (spec.componentPort === undefined) throw new TypeError(`${d.name} has an IRC gateway but no component port`);
      if (d.ircGateway.secret.length < 16) throw new TypeError(`the IRC gateway secret of ${d.name} is too short`);
      for (const k of ["maxServers", "maxConnections"] as const) {
        const v = d.ircGateway[k];
        if (!Number.isSafeInteger(v) || v < 1) throw new TypeError(`invalid IRC gateway ${k}=${v} for ${d.name}`);
      }
    }
    if (d.settings) validateSettings(d.name, d.settings);
    for (const n of domainSpecHosts(d)) {
      if (names.has(n)) throw new TypeError(`host ${n} appears twice in the instance`);
      names.add(n);
    }
  }
}

const OPTION_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const CONTACT_URI = /^(mailto|xmpp|https?):[^\s]{1,500}$/;

function validateSettings(domain: string, s: DomainServerSettings): void {
  const days = (name: string, v: number | null) => {
    if (v !== null && (!Number.isSafeInteger(v) || v < 1)) throw new TypeError(`invalid ${name}=${v} for ${domain}`);
  };
  days("history retention", s.history.retentionDays);
  days("file retention", s.files.retentionDays);
  for (const k of ["maxFileBytes", "dailyQuotaBytes"] as const) {
    const v = s.files[k];
    if (!Number.isSafeInteger(v) || v < 1) throw new TypeError(`invalid ${k}=${v} for ${domain}`);
  }
  if (s.tlsProfile !== "modern" && s.tlsProfile !== "intermediate") {
    throw new TypeError(`invalid TLS profile ${JSON.stringify(s.tlsProfile)} for ${domain}`);
  }
  for (const uris of Object.values(s.contacts)) {
    for (const u of uris) if (!CONTACT_URI.test(u)) throw new TypeError(`invalid contact address ${JSON.stringify(u)}`);
  }
  for (const name of Object.keys(s.extraOptions)) {
    if (!OPTION_NAME.test(name)) throw new TypeError(`invalid option name ${JSON.stringify(name)} for ${domain}`);
  }
}
