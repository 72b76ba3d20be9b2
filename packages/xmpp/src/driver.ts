/**
 * The contract every managed XMPP server implementation fulfils (Prosody, ejabberd).
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

/**
 * An invite in the server's own invite store (XEP-0401 tokens for in-band registration). `inviter` set makes it
 * a contact invite of that account (`xmpp:inviter?roster;preauth=...;ibr=y`), otherwise an account invite.
 */
export interface ServerInvite {
  token: string;
  /** The bare domain (account invite) or the inviter's bare JID (contact invite). */
  jid: string;
  inviter: boolean;
  uri: string;
  createdAt: Date;
  expiresAt: Date;
  /** Single-use invites are removed by the server on use; reusable ones only by us. */
  reusable: boolean;
  /** Extra data kept with the invite (rooms, limits), free-form. */
  data?: Record<string, string | number | boolean | string[]>;
}

/** An account to create in bulk. */
export interface NewAccount {
  jid: string;
  password: string;
  displayName?: string | null;
}

/** A room's standing affiliations (XEP-0045): who owns, runs, belongs to, and is banned from it. */
export type RoomAffiliation = "owner" | "admin" | "member" | "outcast" | "none";
/** A present occupant's role in the room. */
export type RoomRole = "moderator" | "participant" | "visitor";

export interface RoomOccupant {
  /** The occupant's nickname (the resource of its occupant JID). */
  nick: string;
  /** The account's bare JID, null where the server does not say. */
  jid: string | null;
  role: RoomRole | "none";
  affiliation: RoomAffiliation;
}

/** Bare JIDs by affiliation, each list sorted. */
export type RoomAffiliations = Record<Exclude<RoomAffiliation, "none">, string[]>;

export interface Bookmark {
  /** Bare room JID. */
  jid: string;
  name: string;
}

/** What an export of a host's users as XEP-0227 holds. */
export interface PieExport {
  users: number;
  /** Roster items, over all users. */
  contacts: number;
  archived: number;
  offline: number;
  pepNodes: number;
  /** Group chats (under the MUC service's own host element), and the messages of their history. */
  rooms: number;
  roomMessages: number;
  bytes: number;
}

export interface PieImport {
  users: number;
  archived: number;
  offline: number;
  /** PEP nodes with items (avatars, nickname, XEP-0402 bookmarks), over all users. */
  pepNodes: number;
  rooms: number;
  roomMessages: number;
}

export interface XmppServerDriver {
  readonly server: "prosody" | "ejabberd";
  ping(): Promise<void>;
  serverInfo(): Promise<ServerInfo>;
  /** Re-read the configuration and make the active hosts equal `hosts` (activate new, deactivate gone). */
  applyHosts(hosts: string[]): Promise<{ activated: string[]; deactivated: string[] }>;
  /** Reload TLS certificates and other reloadable config without a restart. */
  reload(): Promise<void>;
  /**
   * Makes these active hosts serve their certificate files anew (after a renewal), touching no other host; on a
   * shared server this spares the hundreds of neighbours the whole-server reload. Returns the hosts reloaded
   * (active ones only).
   */
  reloadCertificates(hosts: string[]): Promise<string[]>;

  /** Creates the account, or sets its password when it already exists. */
  createAccount(jid: string, password: string): Promise<"created" | "existed">;
  /**
   * createAccount for many accounts at once (a bulk import): as few round trips as the server allows. Returns each
   * account's outcome by bare JID; a display name, where given, becomes the account's vCard nickname and full name.
   */
  createAccounts(accounts: NewAccount[]): Promise<Record<string, "created" | "existed">>;
  deleteAccount(jid: string): Promise<"deleted" | "absent">;
  setPassword(jid: string, password: string): Promise<void>;
  accountExists(jid: string): Promise<boolean>;
  /** Localparts of every account on the host. */
  listAccounts(host: string): Promise<string[]>;
  /**
   * Suspends the account: it can no longer log in, and every live session of it is closed now. Its password and data
   * stay as they are. Returns how many sessions were closed (0 on a repeat).
   */
  suspendAccount(jid: string): Promise<number>;
  /** Lifts a suspension: the account logs in again with its password. "active" when it was not suspended. */
  restoreAccount(jid: string): Promise<"restored" | "active">;
  /** Localparts of the host's suspended accounts. */
  suspendedAccounts(host: string): Promise<string[]>;
  /**
   * Writes the host's users as one XEP-0227 document (credentials as stored, contacts, vCard, private data, PEP,
   * archive, offline messages), and its group chats (configuration, affiliations, subject, history), to `fileName` (`.xh-export-ID.xml`) in the server's data folder. Only where the
   * server can (Prosody, through its own XEP-0227 writer).
   */
  exportUsers?(host: string, fileName: string): Promise<PieExport>;
  /**
   * The reverse of exportUsers: the users of the XEP-0227 document `fileName` (`.xh-import-ID.xml`, in the data
   * folder) become accounts of `host`, with their credentials as written, contacts, vCard, private data, PEP, archive
   * and offline messages, and its group chats become rooms of the host's MUC service. Refused, changing nothing, when
   * the document is for another domain or names an account or a group chat that exists.
   */
  importUsers?(host: string, fileName: string): Promise<PieImport>;
  /**
   * Refuses (paused) or accepts again every login of the host, closing its sessions when pausing (clients reconnect
   * by themselves); in memory only. The freeze of a move whose data goes through a XEP-0227 file. Returns how many
   * sessions were closed.
   */
  pauseLogins?(host: string, paused: boolean): Promise<number>;
  /**
   * Deletes the host's accounts and group chats with all their data without telling their contacts or occupants:
   * the domain moved to another server. Only where a domain's data is not in folders of its own (ejabberd).
   */
  forgetDomainData?(host: string): Promise<{ users: number; rooms: number }>;

  /** Creates the room or updates its configuration when it exists. */
  createRoom(jid: string, config: RoomConfig): Promise<"created" | "existed">;
  configureRoom(jid: string, config: Partial<RoomConfig>): Promise<void>;
  /** Makes `members` exactly the set of bare JIDs with affiliation member (owners and admins untouched). */
  setRoomMembers(jid: string, members: string[]): Promise<void>;
  getRoom(jid: string): Promise<RoomInfo | null>;
  destroyRoom(jid: string): Promise<"destroyed" | "absent">;
  listRooms(mucHost: string): Promise<RoomInfo[]>;

  /**
   * Creates an account that must not exist yet. "existed" when it exists with this very password (a retry),
   * "taken" when it exists with another one (somebody else's: nothing is changed).
   */
  registerAccount(jid: string, password: string): Promise<"created" | "existed" | "taken">;
  /** Gives `member` the member affiliation in the room unless it already has member, admin or owner. */
  addRoomMember(room: string, member: string): Promise<"added" | "existed">;
  /** Adds XEP-0402 bookmarks (autojoin) to the account's PEP; existing bookmarks are kept. Returns how many were added. */
  addBookmarks(jid: string, rooms: Bookmark[]): Promise<number>;
  getBookmarks(jid: string): Promise<(Bookmark & { autojoin: string })[]>;
  /** Makes two accounts of the same host mutual contacts (subscription both). */
  addMutualContacts(a: string, b: string): Promise<"added" | "existed">;
  /** The account's roster: contact bare JID -> subscription. */
  roster(jid: string): Promise<Record<string, string>>;

  /** Stores (or replaces) an invite in the server's invite store on `host`. */
  putInvite(host: string, invite: ServerInvite): Promise<void>;
  getInvite(host: string, token: string): Promise<{ token: string; type: string; jid: string; uri: string } | null>;
  deleteInvite(host: string, token: string): Promise<"deleted" | "absent">;
  /** Usernames registered in-band through each of the given invites (by the invite's `data.xh_invite` id). */
  inviteRegistrations(host: string, inviteIds: string[]): Promise<Record<string, string[]>>;

  onlineSessions(host?: string): Promise<OnlineSession[]>;

  /**
   * Room moderation, live. A room that does not exist is a DriverCommandError. Occupants are named by nickname,
   * accounts by bare JID. Absent where the server kind cannot do it (the platform then says so).
   */
  roomOccupants?(room: string): Promise<RoomOccupant[]>;
  roomAffiliations?(room: string): Promise<RoomAffiliations>;
  /** Removes the occupant now (status 307); it may join again. "absent" when nobody has that nickname. */
  kickOccupant?(room: string, nick: string, reason?: string): Promise<"kicked" | "absent">;
  /** "absent" when nobody has that nickname. */
  setOccupantRole?(
    room: string,
    nick: string,
    role: RoomRole,
    reason?: string,
  ): Promise<"set" | "unchanged" | "absent">;
  /**
   * Sets the account's affiliation ("outcast" bans: its occupants leave with status 301). With `onlyIf`, changes
   * nothing unless the current affiliation is that one. Answers the affiliation before the call.
   */
  setRoomAffiliation?(
    room: string,
    jid: string,
    affiliation: RoomAffiliation,
    opts?: { reason?: string; onlyIf?: RoomAffiliation },
  ): Promise<{ previous: RoomAffiliation; changed: boolean }>;
  /** Sets the subject every occupant sees (and each new one on joining); "" clears it. */
  setRoomSubject?(room: string, subject: string): Promise<void>;
  /**
   * The subject occupants see now ("" when there is none). Optional on its own, outside the moderation methods
   * above: a kind that moderates without it shows no subject.
   */
  roomSubject?(room: string): Promise<string>;
  /**
   * Deletes message history older than `days` days: every account's archive on `host` and every room's on
   * `mucHost`. The server's own daily expiry only reaches what it archived itself; this reaches everything.
   * Returns how many messages went, or null where the server deletes in the background without telling.
   */
  expireHistory(host: string, mucHost: string, days: number): Promise<number | null>;
  /**
   * What each domain's federation policy refused, and the other domains its server-to-server links reached, since
   * the last call: the server hands each count over once, and the platform adds them up. Absent where the server
   * kind keeps no such record.
   */
  federationActivity?(hosts: string[]): Promise<Record<string, FederationActivity>>;
  close(): Promise<void>;
}

/** One domain's federation since the last report: Unix times in seconds. */
export interface FederationActivity {
  seen: { domain: string; last: number }[];
  refused: { domain: string; direction: "incoming" | "outgoing"; count: number; last: number }[];
}

/** Thrown when the server cannot be reached; callers retry these. */
export class DriverUnavailableError extends Error {
  override readonly name = "DriverUnavailableError";
}

/** Thrown when the server refused the request; retrying will not help. */
export class DriverCommandError extends Error {
  override readonly name: string = "DriverCommandError";
}

/** Thrown when this kind of server cannot do what was asked at all (see ServerFeatures); retrying will not help. */
export class DriverUnsupportedError extends DriverCommandError {
  override readonly name: string = "DriverUnsupportedError";
  constructor(
    /** The missing feature, as named in ServerFeatures. */
    readonly feature: string,
    message: string,
  ) {
    super(message);
  }
}
