import {
  type Bookmark,
  DriverCommandError,
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
import { type LuaValue, luaString, luaValue } from "../../lua.ts";
import { assertValidHostname, splitBareJid } from "../../names.ts";
import { AdminSocketClient, type ShellReply } from "./admin-socket.ts";
import { SHELL_LIB } from "./shell-lib.ts";

export interface ProsodyDriverOptions {
  /** Path of the instance's `admin_socket`. */
  socketPath: string;
  /** Per-command timeout (time the server spends on one command), and connect timeout. Default 15 s. */
  timeoutMs?: number;
}

const RESULT_PREFIX = "Result: ";
/** Accounts per admin-shell command in createAccounts. */
const BULK_CHUNK = 50;
const ERROR_PREFIX = "Error: ";

/** Invalid input is refused before reaching the server, as a DriverCommandError: retrying cannot help. */
function check(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    throw new DriverCommandError((err as Error).message);
  }
}

const bareJid = (jid: string) => check(() => splitBareJid(jid));
const hostname = (host: string) => check(() => assertValidHostname(host));
const password = (pw: string) =>
  check(() => {
    if (typeof pw !== "string" || pw.length === 0) throw new TypeError("password must be a non-empty string");
    luaString(pw); // rejects lone surrogates
  });

const ROLES: readonly string[] = ["moderator", "participant", "visitor"];
const AFFILIATIONS: readonly string[] = ["owner", "admin", "member", "outcast", "none"];
const nickname = (nick: string) =>
  check(() => {
    if (typeof nick !== "string" || nick.length === 0 || nick.length > 1023) throw new TypeError("invalid nickname");
    luaString(nick);
  });

function roomConfigTable(config: Partial<RoomConfig>): LuaValue {
  const out: Record<string, LuaValue> = {};
  if (config.title !== undefined) out.title = String(config.title);
  if (config.membersOnly !== undefined) out.membersOnly = Boolean(config.membersOnly);
  if (config.persistent !== undefined) out.persistent = Boolean(config.persistent);
  if (config.public !== undefined) out.public = Boolean(config.public);
  return out;
}

/** XmppServerDriver for Prosody 0.12 over its admin socket. One connection per driver, reused. */
export class ProsodyDriver implements XmppServerDriver {
  readonly server = "prosody" as const;
  private readonly client: AdminSocketClient;

  constructor(opts: ProsodyDriverOptions) {
    if (!opts.socketPath) throw new TypeError("ProsodyDriver: socketPath is required");
    this.client = new AdminSocketClient({
      socketPath: opts.socketPath,
      timeoutMs: opts.timeoutMs ?? 15_000,
      initLines: [SHELL_LIB],
    });
  }

  /** Calls one of the helpers installed by SHELL_LIB and returns its decoded JSON result. */
  private async call<T>(name: string, ...args: LuaValue[]): Promise<T> {
    const line = `>__xh.call(${[luaString(name), ...args.map(luaValue)].join(", ")})`;
    const reply = await this.client.exec(line);
    return this.decode<T>(reply, name);
  }

  private decode<T>(reply: ShellReply, name: string): T {
    if (!reply.ok) {
      const msg = reply.result.startsWith(ERROR_PREFIX) ? reply.result.slice(ERROR_PREFIX.length) : reply.result;
      throw new DriverCommandError(`prosody ${name}: ${msg}`);
    }
    if (!reply.result.startsWith(RESULT_PREFIX)) {
      throw new DriverCommandError(`prosody ${name}: unexpected shell answer ${JSON.stringify(reply.result)}`);
    }
    const body = reply.result.slice(RESULT_PREFIX.length);
    let parsed: { r?: T };
    try {
      parsed = JSON.parse(body) as { r?: T };
    } catch {
      throw new DriverCommandError(`prosody ${name}: answer is not JSON: ${JSON.stringify(body.slice(0, 200))}`);
    }
    return parsed.r as T;
  }

  async ping(): Promise<void> {
    const r = await this.call<string>("ping");
    if (r !== "pong") throw new DriverCommandError(`prosody ping: unexpected answer ${JSON.stringify(r)}`);
  }

  async serverInfo(): Promise<ServerInfo> {
    const r = await this.call<{ software: string; version: string; uptime: number; hosts: string[] }>("server_info");
    return { software: r.software, version: r.version, uptimeSeconds: r.uptime, hosts: r.hosts };
  }

  async applyHosts(hosts: string[]): Promise<{ activated: string[]; deactivated: string[] }> {
    for (const h of hosts) hostname(h);
    // Hosts whose settings were taken in place (modules reloaded, sessions kept) are neither.
    const r = await this.call<{ activated: string[]; deactivated: string[] }>("apply_hosts", [...new Set(hosts)]);
    return { activated: r.activated, deactivated: r.deactivated };
  }

  async reload(): Promise<void> {
    await this.call("reload");
  }

  async reloadCertificates(hosts: string[]): Promise<string[]> {
    for (const h of hosts) hostname(h);
    return await this.call("reload_certificates", [...new Set(hosts)]);
  }

  async createAccount(jid: string, pw: string): Promise<"created" | "existed"> {
    bareJid(jid);
    password(pw);
    return await this.call("create_account", jid, pw);
  }

  async createAccounts(accounts: NewAccount[]): Promise<Record<string, "created" | "existed">> {
    for (const a of accounts) {
      bareJid(a.jid);
      password(a.password);
    }
    // Prosody hashes each password in its one thread: a command of BULK_CHUNK accounts keeps each pause short,
    // and the commands go out together (pipelined on the one admin connection).
    const chunks: NewAccount[][] = [];
    for (let i = 0; i < accounts.length; i += BULK_CHUNK) chunks.push(accounts.slice(i, i + BULK_CHUNK));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.call<Record<string, "created" | "existed"> | unknown[]>(
          "create_accounts",
          chunk.map((a) => ({ jid: a.jid, password: a.password, name: a.displayName ?? "" })),
        ),
      ),
    );
    // An empty Lua table comes back as [].
    return Object.assign({}, ...answers.map((r) => (Array.isArray(r) ? {} : r)));
  }

  async deleteAccount(jid: string): Promise<"deleted" | "absent"> {
    bareJid(jid);
    return await this.call("delete_account", jid);
  }

  async setPassword(jid: string, pw: string): Promise<void> {
    bareJid(jid);
    password(pw);
    await this.call("set_password", jid, pw);
  }

  async accountExists(jid: string): Promise<boolean> {
    bareJid(jid);
    return await this.call("account_exists", jid);
  }

  async listAccounts(host: string): Promise<string[]> {
    hostname(host);
    return await this.call("list_accounts", host);
  }

  async suspendAccount(jid: string): Promise<number> {
    bareJid(jid);
    return await this.call("suspend_account", jid);
  }

  async restoreAccount(jid: string): Promise<"restored" | "active"> {
    bareJid(jid);
    return await this.call("restore_account", jid);
  }

  async exportUsers(host: string, fileName: string): Promise<PieExport> {
    hostname(host);
    if (!/^\.xh-export-[A-Za-z0-9-]+\.xml$/.test(fileName)) throw new TypeError(`bad export file name ${fileName}`);
    return await this.call<PieExport>("export_pie", host, fileName);
  }

  async importUsers(host: string, fileName: string): Promise<PieImport> {
    hostname(host);
    if (!/^\.xh-import-[A-Za-z0-9-]+\.xml$/.test(fileName)) throw new TypeError(`bad import file name ${fileName}`);
    return await this.call("import_pie", host, fileName);
  }

  async pauseLogins(host: string, paused: boolean): Promise<number> {
    hostname(host);
    return await this.call<number>("pause_logins", host, paused);
  }

  async suspendedAccounts(host: string): Promise<string[]> {
    hostname(host);
    const r = await this.call<string[] | Record<string, never>>("suspended_accounts", host);
    return Array.isArray(r) ? r : [];
  }

  async expireHistory(host: string, mucHost: string, days: number): Promise<number> {
    hostname(host);
    hostname(mucHost);
    if (!Number.isSafeInteger(days) || days < 1) throw new TypeError(`invalid number of days ${days}`);
    return await this.call("expire_history", host, mucHost, days * 86_400);
  }

  async federationActivity(hosts: string[]): Promise<Record<string, FederationActivity>> {
    for (const h of hosts) hostname(h);
    const raw = await this.call<Record<string, FederationActivity>>("federation_report", hosts);
    const out: Record<string, FederationActivity> = {};
    for (const h of hosts) {
      const r = raw?.[h];
      // An empty Lua table comes back as {} rather than [].
      out[h] = { seen: Array.isArray(r?.seen) ? r.seen : [], refused: Array.isArray(r?.refused) ? r.refused : [] };
    }
    return out;
  }

  async createRoom(jid: string, config: RoomConfig): Promise<"created" | "existed"> {
    bareJid(jid);
    return await this.call("create_room", jid, roomConfigTable(config));
  }

  async configureRoom(jid: string, config: Partial<RoomConfig>): Promise<void> {
    bareJid(jid);
    await this.call("configure_room", jid, roomConfigTable(config));
  }

  async setRoomMembers(jid: string, members: string[]): Promise<void> {
    bareJid(jid);
    for (const m of members) bareJid(m);
    await this.call("set_room_members", jid, members);
  }

  async getRoom(jid: string): Promise<RoomInfo | null> {
    bareJid(jid);
    return (await this.call<RoomInfo | undefined>("get_room", jid)) ?? null;
  }

  async destroyRoom(jid: string): Promise<"destroyed" | "absent"> {
    bareJid(jid);
    return await this.call("destroy_room", jid);
  }

  async listRooms(mucHost: string): Promise<RoomInfo[]> {
    hostname(mucHost);
    return await this.call("list_rooms", mucHost);
  }

  async registerAccount(jid: string, pw: string): Promise<"created" | "existed" | "taken"> {
    bareJid(jid);
    password(pw);
    return await this.call("register_account", jid, pw);
  }

  async addRoomMember(room: string, member: string): Promise<"added" | "existed"> {
    bareJid(room);
    bareJid(member);
    return await this.call("add_room_member", room, member);
  }

  async addBookmarks(jid: string, rooms: Bookmark[]): Promise<number> {
    bareJid(jid);
    for (const r of rooms) bareJid(r.jid);
    return await this.call(
      "add_bookmarks",
      jid,
      rooms.map((r) => ({ jid: r.jid, name: String(r.name) })),
    );
  }

  async getBookmarks(jid: string): Promise<(Bookmark & { autojoin: string })[]> {
    bareJid(jid);
    const r = await this.call<(Bookmark & { autojoin: string })[] | Record<string, never>>("get_bookmarks", jid);
    return Array.isArray(r) ? r : [];
  }

  async addMutualContacts(a: string, b: string): Promise<"added" | "existed"> {
    bareJid(a);
    bareJid(b);
    return await this.call("add_mutual_contacts", a, b);
  }

  async roster(jid: string): Promise<Record<string, string>> {
    bareJid(jid);
    const r = await this.call<Record<string, string> | unknown[]>("roster", jid);
    return Array.isArray(r) ? {} : r;
  }

  async putInvite(host: string, invite: ServerInvite): Promise<void> {
    hostname(host);
    check(() => {
      if (!/^[A-Za-z0-9_-]{16,128}$/.test(invite.token)) throw new TypeError("invalid invite token");
    });
    if (invite.inviter) bareJid(invite.jid);
    else hostname(invite.jid);
    const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
    await this.call("put_invite", host, {
      type: invite.inviter ? "roster" : "register",
      jid: invite.jid,
      token: invite.token,
      uri: invite.uri,
      created_at: seconds(invite.createdAt),
      expires: seconds(invite.expiresAt),
      reusable: invite.reusable,
      data: invite.data ?? {},
    });
  }

  async getInvite(
    host: string,
    token: string,
  ): Promise<{ token: string; type: string; jid: string; uri: string } | null> {
    hostname(host);
    return (
      (await this.call<{ token: string; type: string; jid: string; uri: string } | undefined>(
        "get_invite",
        host,
        token,
      )) ?? null
    );
  }

  async deleteInvite(host: string, token: string): Promise<"deleted" | "absent"> {
    hostname(host);
    return await this.call("delete_invite", host, token);
  }

  async inviteRegistrations(host: string, inviteIds: string[]): Promise<Record<string, string[]>> {
    hostname(host);
    if (inviteIds.length === 0) return {};
    const r = await this.call<Record<string, string[] | Record<string, never>> | unknown[]>(
      "invite_registrations",
      host,
      inviteIds,
    );
    const out: Record<string, string[]> = {};
    if (Array.isArray(r)) return Object.fromEntries(inviteIds.map((id) => [id, []]));
    for (const id of inviteIds) {
      const list = r[id];
      out[id] = Array.isArray(list) ? list : [];
    }
    return out;
  }

  async roomOccupants(room: string): Promise<RoomOccupant[]> {
    bareJid(room);
    const r = await this.call<(Omit<RoomOccupant, "jid"> & { jid?: string })[] | Record<string, never>>(
      "room_occupants",
      room,
    );
    return (Array.isArray(r) ? r : []).map((o) => ({ ...o, jid: o.jid ?? null }));
  }

  async roomAffiliations(room: string): Promise<RoomAffiliations> {
    bareJid(room);
    const r = await this.call<Partial<Record<keyof RoomAffiliations, string[] | Record<string, never>>>>(
      "room_affiliations",
      room,
    );
    const list = (x: unknown) => (Array.isArray(x) ? (x as string[]) : []);
    return { owner: list(r.owner), admin: list(r.admin), member: list(r.member), outcast: list(r.outcast) };
  }

  async kickOccupant(room: string, nick: string, reason?: string): Promise<"kicked" | "absent"> {
    bareJid(room);
    nickname(nick);
    return await this.call("kick_occupant", room, nick, reason ?? null);
  }

  async setOccupantRole(
    room: string,
    nick: string,
    role: RoomRole,
    reason?: string,
  ): Promise<"set" | "unchanged" | "absent"> {
    bareJid(room);
    nickname(nick);
    check(() => {
      if (!ROLES.includes(role)) throw new TypeError(`invalid role ${role}`);
    });
    return await this.call("set_occupant_role", room, nick, role, reason ?? null);
  }

  async setRoomAffiliation(
    room: string,
    jid: string,
    affiliation: RoomAffiliation,
    opts: { reason?: string; onlyIf?: RoomAffiliation } = {},
  ): Promise<{ previous: RoomAffiliation; changed: boolean }> {
    bareJid(room);
    bareJid(jid);
    check(() => {
      for (const a of [affiliation, opts.onlyIf ?? "none"])
        if (!AFFILIATIONS.includes(a)) throw new TypeError(`invalid affiliation ${a}`);
    });
    return await this.call("set_room_affiliation", room, jid, affiliation, opts.reason ?? null, opts.onlyIf ?? null);
  }

  async setRoomSubject(room: string, subject: string): Promise<void> {
    bareJid(room);
    check(() => luaString(subject));
    await this.call("set_room_subject", room, subject);
  }

  async roomSubject(room: string): Promise<string> {
    bareJid(room);
    return (await this.call<string | null>("room_subject", room)) ?? "";
  }

  async onlineSessions(host?: string): Promise<OnlineSession[]> {
    if (host !== undefined) hostname(host);
    return await this.call("sessions", host ?? null);
  }

  /** Drops the admin connection; the next command reconnects (for tests and after config surgery). */
  disconnect(): void {
    this.client.disconnect();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
