import {
  type Bookmark,
  DriverCommandError,
  DriverUnsupportedError,
  type FederationActivity,
  type NewAccount,
  type OnlineSession,
  type PieExport,
  type PieImport,
  type RoomAffiliation,
  type RoomAffiliations,
  type RoomConfig,
  type RoomInfo,
  type RoomOccupant,
  type RoomRole,
  type ServerInfo,
  type ServerInvite,
  type XmppServerDriver,
} from "../../driver.ts";
import { assertValidHostname, splitBareJid } from "../../names.ts";
import type { ServerMetrics } from "../kind.ts";
import { PLACEHOLDER_HOST } from "../spec.ts";
import { ADMIN_JID } from "./config.ts";
import { EjabberdApiClient, EjabberdApiError } from "./http-api.ts";

export interface EjabberdDriverOptions {
  /** mod_http_api's base URL, e.g. http://localhost/api on its Unix socket, or http://127.0.0.1:5280/api */
  url: string;
  /** The Unix socket the API listens on. */
  socketPath?: string;
  /** The platform's admin account (a bare JID) and its password. */
  username: string;
  password: string;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
}

/** Invalid input is refused before reaching the server, as a DriverCommandError: retrying cannot help. */
function check<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new DriverCommandError((err as Error).message);
  }
}

const hostname = (host: string) => check(() => assertValidHostname(host));

/** An account's bare JID: never the platform's admin account, which this driver itself runs as. */
function account(jid: string): { user: string; host: string } {
  const { local, domain } = check(() => splitBareJid(jid));
  if (`${local}@${domain}` === ADMIN_JID) throw new DriverCommandError(`${jid} is the platform's admin account`);
  return { user: local, host: domain };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function password(pw: string): void {
  if (typeof pw !== "string" || pw.length === 0) throw new DriverCommandError("password must be a non-empty string");
  if (LONE_SURROGATE.test(pw)) throw new DriverCommandError("password is not valid Unicode");
}

const ROLES: readonly string[] = ["moderator", "participant", "visitor"];
const AFFILIATIONS: readonly string[] = ["owner", "admin", "member", "outcast", "none"];

/** Text sent as it is (a reason, a subject): JSON cannot carry a lone surrogate. */
function unicode(value: string, what: string): string {
  if (typeof value !== "string") throw new DriverCommandError(`${what} must be a string`);
  if (LONE_SURROGATE.test(value)) throw new DriverCommandError(`${what} is not valid Unicode`);
  return value;
}

/** An occupant's nickname, within the limits Prosody's driver sets. */
function nickname(nick: string): string {
  if (typeof nick !== "string" || nick.length === 0 || nick.length > 1023) {
    throw new DriverCommandError("invalid nickname");
  }
  return unicode(nick, "nickname");
}

const MUC_PREFIX = "groups.";
/** Calls in flight in createAccounts. */
const BULK_IN_FLIGHT = 8;

/** A room's address: its name and its MUC service, which is groups.<domain> for every domain. */
function roomAddress(jid: string): { name: string; service: string; host: string } {
  const { local, domain } = check(() => splitBareJid(jid));
  return { name: local, ...mucService(domain) };
}

function mucService(service: string): { service: string; host: string } {
  hostname(service);
  // ejabberd would create a room on any host it serves (even a virtual host), so the service is checked here.
  if (!service.startsWith(MUC_PREFIX) || service.length === MUC_PREFIX.length) {
    throw new DriverCommandError(`${service} is not a group chat service (groups.<domain>)`);
  }
  return { service, host: service.slice(MUC_PREFIX.length) };
}

const bool = (v: boolean) => (v ? "true" : "false");

function roomOptions(config: Partial<RoomConfig>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (config.title !== undefined) out.push({ name: "title", value: String(config.title) });
  if (config.membersOnly !== undefined) out.push({ name: "members_only", value: bool(Boolean(config.membersOnly)) });
  if (config.persistent !== undefined) out.push({ name: "persistent", value: bool(Boolean(config.persistent)) });
  if (config.public !== undefined) out.push({ name: "public", value: bool(Boolean(config.public)) });
  return out;
}

/** mod_domain_transfer's answer. */
interface TransferCounts {
  users: number;
  contacts: number;
  archived: number;
  offline: number;
  pep_nodes: number;
  rooms: number;
  room_messages: number;
  bytes: number;
}

type ImportCounts = Omit<TransferCounts, "contacts" | "bytes">;

/** Escapes text and single-quoted attribute values in XML. */
function xmlEscape(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/'/g, "&apos;")
    .replace(/"/g, "&quot;");
}

function xmlUnescape(s: string): string {
  return s.replace(/&(amp|lt|gt|apos|quot|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "apos") return "'";
    if (e === "quot") return '"';
    const code = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** The attributes of every `<conference .../>` (or `<conference ...>`) in a bookmarks storage element. */
function conferences(xml: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const tag of xml.matchAll(/<conference\b([^>]*?)\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (tag[1] ?? "").matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:'([^']*)'|"([^"]*)")/g)) {
      if (a[1]) attrs[a[1]] = xmlUnescape(a[2] ?? a[3] ?? "");
    }
    out.push(attrs);
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

interface Affiliation {
  username: string;
  domain: string;
  affiliation: string;
}

const affiliationJid = (a: Affiliation) => (a.username ? `${a.username}@${a.domain}` : a.domain);

/** XmppServerDriver for ejabberd 23.01 over mod_http_api, as the platform's admin account. */
export class EjabberdDriver implements XmppServerDriver {
  readonly server = "ejabberd" as const;
  private readonly api: EjabberdApiClient;

  constructor(opts: EjabberdDriverOptions) {
    this.api = new EjabberdApiClient({
      url: opts.url,
      ...(opts.socketPath ? { socketPath: opts.socketPath } : {}),
      username: opts.username,
      password: opts.password,
      timeoutMs: opts.timeoutMs ?? 15_000,
    });
  }

  private call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.api.call<T>(command, args);
  }

  /** Commands answering a result code: 0 is success; anything else is refused. */
  private async ok(command: string, args: Record<string, unknown>): Promise<void> {
    const r = await this.call<unknown>(command, args);
    if (r !== 0) throw new DriverCommandError(`ejabberd ${command}: failed (${JSON.stringify(r)})`);
  }

  async ping(): Promise<void> {
    const status = await this.call<string>("status");
    if (typeof status !== "string" || !/is running/.test(status)) {
      throw new DriverCommandError(`ejabberd status: unexpected answer ${JSON.stringify(status)}`);
    }
  }

  async serverInfo(): Promise<ServerInfo> {
    const [status, uptime, hosts] = await Promise.all([
      this.call<string>("status"),
      this.call<{ stat: number }>("stats", { name: "uptimeseconds" }),
      this.served(),
    ]);
    const version = /ejabberd (\d+\.\d+(?:\.\d+)?)/.exec(String(status))?.[1] ?? "";
    return { software: "ejabberd", version, uptimeSeconds: Number(uptime.stat), hosts: [...hosts].sort() };
  }

  /** Whether ejabberd routes `host` right now (a virtual host, or a service such as MUC or upload). */
  private async routed(host: string): Promise<boolean> {
    try {
      // Resolves the service's route before listing rooms; an unknown route fails inside ejabberd.
      await this.call("muc_online_rooms", { service: host });
      return true;
    } catch (err) {
      if (err instanceof EjabberdApiError && err.status === 500) return false;
      throw err;
    }
  }

  /**
   * What is served: each virtual host with the MUC and upload services found routed. The admin's placeholder host
   * counts only while it is the only one, as in instanceHosts.
   */
  private async served(): Promise<Set<string>> {
    const vhosts = (await this.call<string[]>("registered_vhosts")).filter((h) => h !== PLACEHOLDER_HOST);
    const out = new Set<string>(vhosts.length === 0 ? [PLACEHOLDER_HOST] : vhosts);
    const services = vhosts.flatMap((h) => [`groups.${h}`, `share.${h}`]);
    const found = await mapLimit(services, 8, (s) => this.routed(s));
    services.forEach((s, i) => {
      if (found[i]) out.add(s);
    });
    return out;
  }

  /**
   * ejabberd's hosts come from its configuration: this reloads it, then checks that what is served is exactly
   * `hosts` (the placeholder host aside). A host cannot be switched off without a configuration change.
   */
  async applyHosts(hosts: string[]): Promise<{ activated: string[]; deactivated: string[] }> {
    for (const h of hosts) hostname(h);
    const wanted = new Set(hosts.filter((h) => h !== PLACEHOLDER_HOST));
    const before = await this.served();
    await this.reload();
    const after = await this.served();
    const missing = [...wanted].filter((h) => !after.has(h));
    if (missing.length > 0) {
      throw new DriverCommandError(`ejabberd does not serve ${missing.join(", ")}: not in its configuration`);
    }
    const extra = [...after].filter((h) => h !== PLACEHOLDER_HOST && !wanted.has(h));
    if (extra.length > 0) {
      throw new DriverCommandError(
        `ejabberd cannot switch off ${extra.join(", ")} live: remove it from the configuration, then apply`,
      );
    }
    return {
      activated: [...after].filter((h) => !before.has(h)).sort(),
      deactivated: [...before].filter((h) => !after.has(h)).sort(),
    };
  }

  /** Reloads the configuration (certificates included). A configuration ejabberd refuses leaves the old one. */
  async reload(): Promise<void> {
    await this.ok("reload_config", {});
  }

  /** ejabberd re-reads certificates only with the whole configuration. */
  async reloadCertificates(hosts: string[]): Promise<string[]> {
    for (const h of hosts) hostname(h);
    await this.reload();
    const served = await this.served();
    return [...new Set(hosts)].filter((h) => served.has(h));
  }

  async createAccount(jid: string, pw: string): Promise<"created" | "existed"> {
    const { user, host } = account(jid);
    password(pw);
    if (await this.register(user, host, pw)) return "created";
    // Same password: nothing to change (changing it would not keep sessions any better).
    if (await this.passwordMatches(user, host, pw)) return "existed";
    await this.setPassword(jid, pw);
    return "existed";
  }

  /** mod_http_api has no bulk command: one call per account, BULK_IN_FLIGHT at a time on kept-alive connections. */
  async createAccounts(accounts: NewAccount[]): Promise<Record<string, "created" | "existed">> {
    for (const a of accounts) {
      account(a.jid);
      password(a.password);
    }
    const outcomes = await mapLimit(accounts, BULK_IN_FLIGHT, async (a) => {
      const outcome = await this.createAccount(a.jid, a.password);
      if (a.displayName && outcome === "created") {
        const { user, host } = account(a.jid);
        for (const name of ["FN", "NICKNAME"]) await this.ok("set_vcard", { user, host, name, content: a.displayName });
      }
      return [a.jid, outcome] as const;
    });
    return Object.fromEntries(outcomes);
  }

  /** True when registered, false when the account exists. */
  private async register(user: string, host: string, pw: string): Promise<boolean> {
    try {
      await this.call("register", { user, host, password: pw });
      return true;
    } catch (err) {
      if (err instanceof EjabberdApiError && err.status === 409) return false;
      throw err;
    }
  }

  private async passwordMatches(user: string, host: string, pw: string): Promise<boolean> {
    return (await this.call<number>("check_password", { user, host, password: pw })) === 0;
  }

  async deleteAccount(jid: string): Promise<"deleted" | "absent"> {
    if (!(await this.accountExists(jid))) return "absent";
    const { user, host } = account(jid);
    // unregister answers success even for unknown accounts: the check before and after tells.
    await this.call("unregister", { user, host });
    if (await this.accountExists(jid)) throw new DriverCommandError(`ejabberd unregister: ${jid} still exists`);
    return "deleted";
  }

  async setPassword(jid: string, pw: string): Promise<void> {
    const { user, host } = account(jid);
    password(pw);
    await this.ok("change_password", { user, host, newpass: pw });
  }

  async accountExists(jid: string): Promise<boolean> {
    const { user, host } = account(jid);
    return (await this.call<number>("check_account", { user, host })) === 0;
  }

  private async requireAccount(jid: string): Promise<{ user: string; host: string }> {
    const a = account(jid);
    if (!(await this.accountExists(jid))) throw new DriverCommandError(`no such account: ${jid}`);
    return a;
  }

  async listAccounts(host: string): Promise<string[]> {
    hostname(host);
    if (host === PLACEHOLDER_HOST) throw new DriverCommandError(`${PLACEHOLDER_HOST} is the admin host`);
    return await this.call<string[]>("registered_users", { host });
  }

  // Suspension is the platform's mod_account_suspension (its own commands); see that module.
  async suspendAccount(jid: string): Promise<number> {
    const { user, host } = await this.requireAccount(jid);
    // Integer results come named: {"closed": N}.
    return (await this.call<{ closed: number }>("suspend_account", { user, host })).closed;
  }

  async restoreAccount(jid: string): Promise<"restored" | "active"> {
    const { user, host } = account(jid);
    const r = await this.call<{ outcome: "restored" | "active" }>("restore_account", { user, host });
    return r.outcome;
  }

  // Exports and imports: the platform's mod_domain_transfer, which runs ejabberd's own XEP-0227 reader and writer
  // for the accounts and adds archives and group chats in the shape the Prosody driver uses; see that module.
  async exportUsers(host: string, fileName: string): Promise<PieExport> {
    hostname(host);
    if (!/^\.xh-export-[A-Za-z0-9-]+\.xml$/.test(fileName)) throw new TypeError(`bad export file name ${fileName}`);
    const r = await this.call<TransferCounts>("export_domain_pie", { host, file: fileName });
    return {
      users: r.users,
      contacts: r.contacts,
      archived: r.archived,
      offline: r.offline,
      pepNodes: r.pep_nodes,
      rooms: r.rooms,
      roomMessages: r.room_messages,
      bytes: r.bytes,
    };
  }

  async pauseLogins(host: string, paused: boolean): Promise<number> {
    hostname(host);
    return (await this.call<{ closed: number }>("pause_logins", { host, paused: String(paused) })).closed;
  }

  async forgetDomainData(host: string): Promise<{ users: number; rooms: number }> {
    hostname(host);
    return await this.call<{ users: number; rooms: number }>("forget_domain_data", { host });
  }

  async importUsers(host: string, fileName: string): Promise<PieImport> {
    hostname(host);
    if (!/^\.xh-import-[A-Za-z0-9-]+\.xml$/.test(fileName)) throw new TypeError(`bad import file name ${fileName}`);
    const r = await this.call<ImportCounts>("import_domain_pie", { host, file: fileName });
    return {
      users: r.users,
      archived: r.archived,
      offline: r.offline,
      pepNodes: r.pep_nodes,
      rooms: r.rooms,
      roomMessages: r.room_messages,
    };
  }

  async suspendedAccounts(host: string): Promise<string[]> {
    hostname(host);
    return await this.call<string[]>("suspended_accounts", { host });
  }

  private async options(name: string, service: string): Promise<Record<string, string> | null> {
    let r: Record<string, string> | unknown[] = {};
    for (let attempt = 1; ; attempt++) {
      try {
        r = await this.call<Record<string, string> | unknown[]>("get_room_options", { name, service });
        break;
      } catch (err) {
        // A room being destroyed is still listed while its process stops: asking it then crashes the command.
        if (!(err instanceof EjabberdApiError && err.status === 500) || attempt === 5) throw err;
        await sleep(20 * attempt);
      }
    }
    // An unknown room answers an empty object.
    if (Array.isArray(r) || Object.keys(r).length === 0) return null;
    return r;
  }

  private async affiliations(name: string, service: string): Promise<Affiliation[]> {
    return await this.call<Affiliation[]>("get_room_affiliations", { name, service });
  }

  async createRoom(jid: string, config: RoomConfig): Promise<"created" | "existed"> {
    const { name, service, host } = roomAddress(jid);
    if (await this.options(name, service)) {
      await this.configureRoom(jid, config);
      return "existed";
    }
    try {
      await this.ok("create_room_with_opts", { name, service, host, options: roomOptions(config) });
    } catch (err) {
      // Created by a concurrent call meanwhile.
      if (!(err instanceof EjabberdApiError && /already exists/i.test(err.reason))) throw err;
      await this.configureRoom(jid, config);
      return "existed";
    }
    return "created";
  }

  async configureRoom(jid: string, config: Partial<RoomConfig>): Promise<void> {
    const { name, service } = roomAddress(jid);
    if (!(await this.options(name, service))) throw new DriverCommandError(`no such room: ${jid}`);
    for (const o of roomOptions(config)) {
      await this.ok("change_room_option", { name, service, option: o.name, value: o.value });
    }
  }

  /**
   * Through the platform's mod_room_moderation rather than set_room_affiliation: 23.01 would keep the role it
   * remembers for the account, and let a removed member back into a members-only room with it.
   */
  private async setAffiliation(name: string, service: string, jid: string, affiliation: string): Promise<void> {
    await this.call("change_room_affiliation", { name, service, jid, affiliation, reason: "", only_if: "" });
  }

  async setRoomMembers(jid: string, members: string[]): Promise<void> {
    const { name, service } = roomAddress(jid);
    for (const m of members) check(() => splitBareJid(m));
    const wanted = new Set(members);
    if (!(await this.options(name, service))) throw new DriverCommandError(`no such room: ${jid}`);
    const current = await this.affiliations(name, service);
    const has = new Map(current.map((a) => [affiliationJid(a), a.affiliation]));
    for (const a of current) {
      const who = affiliationJid(a);
      if (a.affiliation === "member" && !wanted.has(who)) await this.setAffiliation(name, service, who, "none");
    }
    for (const m of wanted) {
      // Owners and admins keep their affiliation.
      if (!has.has(m) || has.get(m) === "none" || has.get(m) === "outcast") {
        await this.setAffiliation(name, service, m, "member");
      }
    }
  }

  async getRoom(jid: string): Promise<RoomInfo | null> {
    const { name, service } = roomAddress(jid);
    const opts = await this.options(name, service);
    if (!opts) return null;
    const affs = await this.affiliations(name, service);
    return {
      jid,
      title: opts.title ?? "",
      membersOnly: opts.members_only === "true",
      persistent: opts.persistent === "true",
      public: opts.public === "true",
      members: affs
        .filter((a) => a.affiliation === "member")
        .map(affiliationJid)
        .sort(),
    };
  }

  async destroyRoom(jid: string): Promise<"destroyed" | "absent"> {
    const { name, service } = roomAddress(jid);
    if (!(await this.options(name, service))) return "absent";
    await this.ok("destroy_room", { name, service });
    // The room stops after the answer: wait until it is gone, so that a create right after starts afresh.
    for (let i = 0; i < 50 && (await this.options(name, service)); i++) await sleep(20);
    return "destroyed";
  }

  async listRooms(mucHost: string): Promise<RoomInfo[]> {
    const { service } = mucService(mucHost);
    const jids = await this.call<string[]>("muc_online_rooms", { service });
    const rooms = await mapLimit(jids, 8, (j) => this.getRoom(j));
    return rooms.filter((r): r is RoomInfo => r !== null);
  }

  async registerAccount(jid: string, pw: string): Promise<"created" | "existed" | "taken"> {
    const { user, host } = account(jid);
    password(pw);
    if (await this.register(user, host, pw)) return "created";
    return (await this.passwordMatches(user, host, pw)) ? "existed" : "taken";
  }

  async addRoomMember(room: string, member: string): Promise<"added" | "existed"> {
    const { name, service } = roomAddress(room);
    check(() => splitBareJid(member));
    if (!(await this.options(name, service))) throw new DriverCommandError(`no such room: ${room}`);
    const current = (await this.affiliations(name, service)).find((a) => affiliationJid(a) === member);
    if (current && ["member", "admin", "owner"].includes(current.affiliation)) return "existed";
    await this.setAffiliation(name, service, member, "member");
    return "added";
  }

  /**
   * Publishes each new room as a XEP-0402 item in the account's PEP (a stanza sent on the account's behalf), and
   * keeps the same list in its private XML storage (XEP-0048), which is what getBookmarks reads: ejabberd 23.01
   * has no command that reads PEP items back.
   */
  async addBookmarks(jid: string, rooms: Bookmark[]): Promise<number> {
    const { user, host } = await this.requireAccount(jid);
    for (const r of rooms) check(() => splitBareJid(r.jid));
    const stored = await this.storedBookmarks(user, host);
    const known = new Set(stored.map((b) => b.jid));
    const fresh: Bookmark[] = [];
    for (const r of rooms) {
      if (known.has(r.jid)) continue;
      known.add(r.jid);
      fresh.push({ jid: r.jid, name: String(r.name) });
    }
    if (fresh.length === 0) return 0;
    for (const r of fresh) {
      const iq =
        `<iq type='set' id='xh-bookmark'><pubsub xmlns='http://jabber.org/protocol/pubsub'>` +
        `<publish node='urn:xmpp:bookmarks:1'><item id='${xmlEscape(r.jid)}'>` +
        `<conference xmlns='urn:xmpp:bookmarks:1' name='${xmlEscape(r.name)}' autojoin='true'/>` +
        `</item></publish></pubsub></iq>`;
      await this.ok("send_stanza", { from: `${user}@${host}`, to: `${user}@${host}`, stanza: iq });
    }
    const all = [...stored, ...fresh.map((r) => ({ ...r, autojoin: "true" }))];
    const storage =
      `<storage xmlns='storage:bookmarks'>` +
      all
        .map((b) => `<conference jid='${xmlEscape(b.jid)}' name='${xmlEscape(b.name)}' autojoin='${b.autojoin}'/>`)
        .join("") +
      `</storage>`;
    await this.ok("private_set", { user, host, element: storage });
    return fresh.length;
  }

  private async storedBookmarks(user: string, host: string): Promise<(Bookmark & { autojoin: string })[]> {
    const r = await this.call<{ res?: string } | string>("private_get", {
      user,
      host,
      element: "storage",
      ns: "storage:bookmarks",
    });
    const xml = typeof r === "string" ? r : (r.res ?? "");
    return conferences(xml)
      .filter((c) => c.jid)
      .map((c) => ({
        jid: c.jid ?? "",
        name: c.name ?? "",
        autojoin: c.autojoin === "true" || c.autojoin === "1" ? "true" : "false",
      }));
  }

  async getBookmarks(jid: string): Promise<(Bookmark & { autojoin: string })[]> {
    const { user, host } = await this.requireAccount(jid);
    return await this.storedBookmarks(user, host);
  }

  async addMutualContacts(a: string, b: string): Promise<"added" | "existed"> {
    const x = await this.requireAccount(a);
    const y = await this.requireAccount(b);
    if (a === b) throw new DriverCommandError("an account cannot be its own contact");
    const [ra, rb] = await Promise.all([this.roster(a), this.roster(b)]);
    if (ra[b] === "both" && rb[a] === "both") return "existed";
    const item = (from: { user: string; host: string }, to: { user: string; host: string }) =>
      this.ok("add_rosteritem", {
        localuser: from.user,
        localhost: from.host,
        user: to.user,
        host: to.host,
        nick: "",
        group: "",
        subs: "both",
      });
    await item(x, y);
    await item(y, x);
    return "added";
  }

  async roster(jid: string): Promise<Record<string, string>> {
    const { user, host } = await this.requireAccount(jid);
    const items = await this.call<{ jid: string; subscription: string }[]>("get_roster", { user, host });
    return Object.fromEntries(items.map((i) => [i.jid, i.subscription]));
  }

  // Moderation: the platform's mod_room_moderation (its own commands, acting as the room itself) where 23.01's
  // mod_muc_admin has nothing, or nothing with the same outcome; see that module.
  async roomOccupants(room: string): Promise<RoomOccupant[]> {
    const { name, service } = roomAddress(room);
    return await this.call<RoomOccupant[]>("room_occupants", { name, service });
  }

  async roomAffiliations(room: string): Promise<RoomAffiliations> {
    const { name, service } = roomAddress(room);
    const out: RoomAffiliations = { owner: [], admin: [], member: [], outcast: [] };
    // An unknown room is refused by get_room_affiliations itself.
    for (const a of await this.affiliations(name, service)) {
      if (a.affiliation in out) out[a.affiliation as keyof RoomAffiliations].push(affiliationJid(a));
    }
    for (const list of Object.values(out)) list.sort();
    return out;
  }

  async kickOccupant(room: string, nick: string, reason?: string): Promise<"kicked" | "absent"> {
    const { name, service } = roomAddress(room);
    const args = { name, service, nick: nickname(nick), reason: unicode(reason ?? "", "reason") };
    return (await this.call<{ outcome: "kicked" | "absent" }>("kick_occupant", args)).outcome;
  }

  async setOccupantRole(
    room: string,
    nick: string,
    role: RoomRole,
    reason?: string,
  ): Promise<"set" | "unchanged" | "absent"> {
    const { name, service } = roomAddress(room);
    if (!ROLES.includes(role)) throw new DriverCommandError(`invalid role ${role}`);
    const args = { name, service, nick: nickname(nick), role, reason: unicode(reason ?? "", "reason") };
    return (await this.call<{ outcome: "set" | "unchanged" | "absent" }>("set_occupant_role", args)).outcome;
  }

  async setRoomAffiliation(
    room: string,
    jid: string,
    affiliation: RoomAffiliation,
    opts: { reason?: string; onlyIf?: RoomAffiliation } = {},
  ): Promise<{ previous: RoomAffiliation; changed: boolean }> {
    const { name, service } = roomAddress(room);
    check(() => splitBareJid(jid));
    for (const a of [affiliation, opts.onlyIf ?? "none"]) {
      if (!AFFILIATIONS.includes(a)) throw new DriverCommandError(`invalid affiliation ${a}`);
    }
    const r = await this.call<{ previous: RoomAffiliation; changed: "true" | "false" }>("change_room_affiliation", {
      name,
      service,
      jid,
      affiliation,
      reason: unicode(opts.reason ?? "", "reason"),
      // Empty: whatever the affiliation is now.
      only_if: opts.onlyIf ?? "",
    });
    return { previous: r.previous, changed: r.changed === "true" };
  }

  async setRoomSubject(room: string, subject: string): Promise<void> {
    const { name, service } = roomAddress(room);
    await this.ok("set_room_subject", { name, service, subject: unicode(subject, "subject") });
  }

  async roomSubject(room: string): Promise<string> {
    const { name, service } = roomAddress(room);
    return (await this.call<{ subject: string }>("get_room_subject", { name, service })).subject;
  }

  private unsupported(): never {
    throw new DriverUnsupportedError("inBandInvites", "ejabberd 23.01 keeps no invite tokens (XEP-0401)");
  }

  async putInvite(host: string, _invite: ServerInvite): Promise<void> {
    hostname(host);
    this.unsupported();
  }

  async getInvite(
    host: string,
    _token: string,
  ): Promise<{ token: string; type: string; jid: string; uri: string } | null> {
    hostname(host);
    this.unsupported();
  }

  async deleteInvite(host: string, _token: string): Promise<"deleted" | "absent"> {
    hostname(host);
    this.unsupported();
  }

  /** Nobody registers in-band through an invite on ejabberd: every invite has an empty list. */
  async inviteRegistrations(host: string, inviteIds: string[]): Promise<Record<string, string[]>> {
    hostname(host);
    return Object.fromEntries(inviteIds.map((id) => [id, [] as string[]]));
  }

  async expireHistory(host: string, mucHost: string, days: number): Promise<number | null> {
    hostname(host);
    hostname(mucHost);
    if (!Number.isSafeInteger(days) || days < 1) throw new TypeError(`invalid number of days ${days}`);
    // One host's personal and group chat archives, deleted in batches in the background by ejabberd itself.
    await this.call("delete_old_mam_messages_batch", { host, type: "all", days, batch_size: 1000, rate: 10_000 });
    return null;
  }

  async onlineSessions(host?: string): Promise<OnlineSession[]> {
    if (host !== undefined) hostname(host);
    const sessions = await this.call<{ jid: string; connection: string }[]>("connected_users_info");
    return sessions
      .filter((s) => host === undefined || s.jid.split("/")[0]?.endsWith(`@${host}`))
      .map((s) => ({ jid: s.jid, secure: /tls/.test(s.connection) }));
  }

  /**
   * The platform's mod_federation_policy counts refusals and the other domains seen, per domain; each count is
   * handed over once. Its report is JSON in a string (the API's result types have no maps).
   */
  async federationActivity(hosts: string[]): Promise<Record<string, FederationActivity>> {
    for (const h of hosts) hostname(h);
    // Results come named: {"report": "…"}.
    const raw = await this.call<{ report: string }>("federation_report", { hosts });
    const report = JSON.parse(raw.report) as Record<string, Partial<FederationActivity> | undefined>;
    const out: Record<string, FederationActivity> = {};
    for (const h of hosts) out[h] = { seen: report[h]?.seen ?? [], refused: report[h]?.refused ?? [] };
    return out;
  }

  /** Activity counters for the health checks. */
  async metrics(): Promise<ServerMetrics> {
    const [sessions, rooms, incoming, outgoing] = await Promise.all([
      this.call<{ jid: string }[]>("connected_users_info"),
      this.call<string[]>("muc_online_rooms", { service: "global" }),
      // Integer results come named: {"s2s_incoming": N}.
      this.call<{ s2s_incoming: number }>("incoming_s2s_number"),
      this.call<{ s2s_outgoing: number }>("outgoing_s2s_number"),
    ]);
    const c2sByHost: Record<string, number> = {};
    for (const s of sessions) {
      const host = s.jid.split("/")[0]?.split("@")[1] ?? "";
      c2sByHost[host] = (c2sByHost[host] ?? 0) + 1;
    }
    return {
      c2sConnections: sessions.length,
      c2sByHost,
      mucRooms: rooms.length,
      s2sConnections: Number(incoming.s2s_incoming) + Number(outgoing.s2s_outgoing),
    };
  }

  /** Drops the open HTTP connections; the next command opens a new one. */
  disconnect(): void {
    this.api.disconnect();
  }

  async close(): Promise<void> {
    await this.api.close();
  }
}
