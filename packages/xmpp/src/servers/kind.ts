/**
 * What is specific to one kind of XMPP server (Prosody, ejabberd), gathered in one place. Runtimes, backups and
 * health ask the kind; nothing else branches on the server's name.
 */
import type { XmppServerDriver } from "../driver.ts";
import type { InstanceSpec } from "./spec.ts";

export type ServerName = "prosody" | "ejabberd";
export const serverNames = ["prosody", "ejabberd"] as const satisfies readonly ServerName[];

/** Where a local instance keeps its files. All absolute; the kind names the files inside. */
export interface InstanceLayout {
  /** The instance's own folder. */
  dir: string;
  /** The server's stored data (Prosody's data_path, ejabberd's Mnesia spool). */
  data: string;
  /** `<host>.crt` and `<host>.key` for every host. */
  certs: string;
}

/** Fixed files of a local instance, inside its folder. */
export interface InstanceFiles {
  /** The main configuration file; its path also names the server's process in the process table. */
  config: string;
  pidfile: string;
  log: string;
}

export interface ConfigFile {
  path: string;
  content: string;
  mode: number;
}

/** A server started in the foreground as a local process. */
export interface LaunchPlan {
  command: string;
  args: string[];
  /** Added to the platform's environment. */
  env: Record<string, string>;
}

/** How the platform administers one server. */
export type AdminChannel =
  | { kind: "socket"; path: string }
  | {
      kind: "http";
      url: string;
      username: string;
      password: string /** Where the HTTP server listens, if not on TCP. */;
      socketPath?: string;
    };

/** Runs a command as the instance's own account, with its launch environment; resolves with its output. */
export type InstanceExec = (
  command: string,
  args: string[],
) => Promise<{ code: number | null; stdout: string; stderr: string }>;

/** A server's files and admin socket as a runtime reaches them from this process, when they live elsewhere. */
export interface InstanceAccess {
  /** Whether a file of the instance exists where the server sees it. */
  fileExists(file: string): Promise<boolean>;
  /** A socket in this process that reaches the server's admin socket. */
  adminSocket: string;
}

/** What a server kind can or cannot do; the API and the dashboard show the gaps for each instance. */
export interface ServerFeatures {
  /** Invite tokens kept by the server itself (XEP-0401), so a client can register in-band from an invite link. */
  inBandInvites: boolean;
  /** One domain's data can be backed up and restored alone, leaving its neighbours on the server untouched. */
  domainBackups: boolean;
  /** Hosts can be switched on and off live without changing the configuration (applyHosts with any subset). */
  liveHostSwitch: boolean;
  /** A domain can have an IRC gateway (irc.DOMAIN) joined as a component, added and removed live. */
  ircGateway: boolean;
  /**
   * A domain's data can be exported as XEP-0227, group chats included, and a domain created from such a file
   * (the driver's exportUsers and importUsers).
   */
  domainTransfer: boolean;
}

/** What the platform reads of a running server's activity, whatever its kind. */
export interface ServerMetrics {
  /** Established c2s connections (every resource counts), over all hosts. */
  c2sConnections: number;
  /** Established c2s connections per virtual host. */
  c2sByHost: Record<string, number>;
  /** Rooms loaded in memory, over all MUC services. */
  mucRooms: number;
  /** Established s2s connections, inbound plus outbound. */
  s2sConnections: number;
}

export interface MetricsReading {
  /** The server's HTTP service answered (any status). */
  reachable: boolean;
  metrics: ServerMetrics | null;
  error?: string;
}

/** Where a kind reads metrics from: the server's HTTP port, or its admin channel through the driver. */
export interface MetricsSource {
  host: string;
  httpPort: number;
  timeoutMs: number;
  driver: XmppServerDriver;
}

/** Where a backup copies a running server's data from. */
export interface SnapshotSource {
  /** The folder to copy (its files keep their paths relative to it in the backup). */
  dir: string;
  /** The server must be paused while the folder is copied (its files are live); false for a finished export. */
  pauseServer: boolean;
  /** Removes what preparing the copy left behind. */
  cleanup(): Promise<void>;
}

/** What an operator may add to a domain's virtual host (an "extra option"), and the values the server accepts. */
export type HostOptionRule =
  | { type: "number"; min: number; max: number }
  | { type: "boolean" }
  | { type: "string"; maxLength: number }
  | { type: "choice"; values: readonly (string | boolean)[] };

export interface ServerKind {
  readonly name: ServerName;
  /** The server's name as users see it. */
  readonly label: string;
  readonly features: ServerFeatures;
  /** Options an operator may add per domain, by name; anything else is refused before it reaches the server. */
  readonly hostOptions: Readonly<Record<string, HostOptionRule>>;
  /**
   * The system account its server must run as when the platform runs as root, where the server's own tools insist
   * on one (Debian's ejabberdctl runs only as `ejabberd`); otherwise the runtime's own choice.
   */
  readonly systemUser?: string;
  /**
   * It takes passwords with characters newer than Unicode 3.2 (emoji): SASLprep with unassigned code points allowed.
   * ejabberd's stringprep refuses them, at registration and at login alike.
   */
  readonly modernUnicodePasswords: boolean;
  /**
   * Its backup snapshot is its data folder as it is (copied while paused): a runtime that keeps the files out of
   * reach (in a pod) can still take it by copying the folder out. False where the snapshot is an export the server
   * writes through its admin channel (ejabberd).
   */
  readonly snapshotIsDataFolder: boolean;
  /** Its admin channel needs a password the platform generates per instance (spec.adminPassword), kept sealed. */
  readonly adminPassword: boolean;
  files(layout: InstanceLayout): InstanceFiles;
  /** The configuration, rendered from the spec; written in this order (included files before the main one). */
  renderConfig(spec: InstanceSpec, layout: InstanceLayout): ConfigFile[];
  /**
   * The platform's own files the server loads from outside its rendered configuration (Prosody's Lua modules),
   * relative to the kind's `platformFilesDir` option: a runtime whose servers cannot see this package ships them.
   */
  platformFiles(): { path: string; content: string }[];
  /** How to run it in the foreground as a local process. */
  launch(spec: InstanceSpec, layout: InstanceLayout): LaunchPlan;
  /** Files to remove before a start, left stale by a crash (pid file, admin socket). */
  staleFiles(layout: InstanceLayout): string[];
  adminChannel(spec: InstanceSpec, layout: InstanceLayout): AdminChannel;
  /**
   * Called while a started server comes up, after its client port accepts connections: true once its admin
   * channel answers. It may do one-time setup through `exec` (ejabberd registers its admin account).
   */
  ready(
    spec: InstanceSpec,
    layout: InstanceLayout,
    exec: InstanceExec,
    /** How to reach the server's files and admin socket when they are not on this machine (a container's). */
    access?: InstanceAccess,
  ): Promise<boolean>;
  createDriver(channel: AdminChannel, opts?: { timeoutMs?: number }): XmppServerDriver;
  /**
   * Makes the server's data ready to copy while it keeps serving: its live data folder (copied during a pause), or
   * an export the server writes itself. A backup restores by putting the copied files in an empty data folder and
   * starting the server.
   */
  prepareSnapshot(input: { spec: InstanceSpec; layout: InstanceLayout }): Promise<SnapshotSource>;
  /** Reads the server's activity counters, and whether its HTTP service answers. Never throws. */
  readMetrics(source: MetricsSource): Promise<MetricsReading>;
  /** Folders under `data` holding one host's data alone; empty where all hosts share one database. */
  hostDataDirs(host: string): string[];
}
