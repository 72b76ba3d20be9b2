/**
 * The contract every managed XMPP server implementation fulfils (Prosody now, ejabberd later).
 * Every mutating call is idempotent: calling it twice leaves the same state and does not throw.
 */
export interface RoomConfig {
  title: string;
  membersOnly: boolean;
  persistent: boolean;
  /** Listed in the service's room directory (disco#items). */
  public: boolean;
}

export interface RoomInfo extends RoomConfig {
  /** Bare room JID, e.g. family@groups.family.example */
  jid: string;
  /** Bare JIDs with affiliation `member`. */
  members: string[];
}

export interface OnlineSession {
  /** Full JID, user@host/resource */
  jid: string;
  secure: boolean;
}

export interface ServerInfo {
  software: string;
  version: string;
  uptimeSeconds: number;
  /** Hosts (virtual hosts and components) active right now. */
  hosts: string[];
}

export interface XmppServerDriver {
  readonly server: "prosody" | "ejabberd";
  ping(): Promise<void>;
  serverInfo(): Promise<ServerInfo>;
  /** Re-read the configuration and make the active hosts equal `hosts` (activate new, deactivate gone). */
  applyHosts(hosts: string[]): Promise<{ activated: string[]; deactivated: string[] }>;
  /** Reload TLS certificates and other reloadable config without a restart. */
  reload(): Promise<void>;

  /** Creates the account, or sets its password when it already exists. */
  createAccount(jid: string, password: string): Promise<"created" | "existed">;
  deleteAccount(jid: string): Promise<"deleted" | "absent">;
  setPassword(jid: string, password: string): Promise<void>;
  accountExists(jid: string): Promise<boolean>;
  /** Localparts of every account on the host. */
  listAccounts(host: string): Promise<string[]>;

  /** Creates the room or updates its configuration when it exists. */
  createRoom(jid: string, config: RoomConfig): Promise<"created" | "existed">;
  configureRoom(jid: string, config: Partial<RoomConfig>): Promise<void>;
  /** Makes `members` exactly the set of bare JIDs with affiliation member (owners and admins untouched). */
  setRoomMembers(jid: string, members: string[]): Promise<void>;
  getRoom(jid: string): Promise<RoomInfo | null>;
  destroyRoom(jid: string): Promise<"destroyed" | "absent">;
  listRooms(mucHost: string): Promise<RoomInfo[]>;

  onlineSessions(host?: string): Promise<OnlineSession[]>;
  close(): Promise<void>;
}

/** Thrown when the server cannot be reached; callers retry these. */
export class DriverUnavailableError extends Error {
  override readonly name = "DriverUnavailableError";
}

/** Thrown when the server refused the request; retrying will not help. */
export class DriverCommandError extends Error {
  override readonly name = "DriverCommandError";
}
