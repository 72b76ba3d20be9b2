import { chown, mkdir, open, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { LocalSidecars } from "@xmpp-host/runtime";

/** One domain's IRC gateway: biboumi joined to the domain's XMPP server as the component `hostname`. */
export interface IrcGatewaySpec {
  /** The domain's id; names the gateway's folder. [A-Za-z0-9_-]{1,64}. */
  id: string;
  /** The component's address, irc.DOMAIN. */
  hostname: string;
  /** The component secret the XMPP server expects from it. */
  secret: string;
  /** Where the XMPP server accepts components: loopback, since biboumi never encrypts that link. */
  xmppServerIp: string;
  componentPort: number;
  /**
   * Where its SQLite database lives; default its own folder. The platform keeps it with the domain's data on the
   * server, so that the domain's backups, restores and deletion take it too.
   */
  databaseFile?: string;
}

export interface IrcGatewayStatus {
  running: boolean;
  pid: number | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export const CONFIG_FILE = "biboumi.cfg";
export const LOG_FILE = "biboumi.log";
/** Its standard output and error: what it prints before its log file is open, and crashes. */
export const OUTPUT_FILE = "biboumi.out";
export const DATABASE_FILE = "biboumi.sqlite";
/** Debian's CA bundle, for TLS to IRC servers. */
export const CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

/**
 * What biboumi writes at level info once the XMPP server accepted its handshake ("connected to XMPP server" comes
 * before it, at TCP level, and also when the secret is refused).
 */
export const READY_LINE = "Authenticated with the XMPP server";

export function assertValidGatewayId(id: string): void {
  if (!ID.test(id)) throw new TypeError(`invalid gateway id ${JSON.stringify(id)}`);
}

export function validateGatewaySpec(spec: IrcGatewaySpec): void {
  assertValidGatewayId(spec.id);
  if (!HOSTNAME.test(spec.hostname)) throw new TypeError(`invalid gateway hostname ${JSON.stringify(spec.hostname)}`);
  // One key=value per line: a line break would smuggle in options.
  if (spec.secret === "" || /\p{Cc}/u.test(spec.secret)) throw new TypeError("invalid gateway secret");
  if (!net.isIP(spec.xmppServerIp)) throw new TypeError(`invalid XMPP server address ${spec.xmppServerIp}`);
  const p = spec.componentPort;
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new TypeError(`invalid component port ${p}`);
  // One key=value per line: the path may hold no line break.
  if (spec.databaseFile !== undefined && (!path.isAbsolute(spec.databaseFile) || /[\n\r]/.test(spec.databaseFile)))
    throw new TypeError(`invalid gateway database file ${spec.databaseFile}`);
}

/** biboumi's configuration (option=value lines, no spaces around `=`) for a gateway living in `dir`. */
export function renderBiboumiConfig(spec: IrcGatewaySpec, dir: string): string {
  validateGatewaySpec(spec);
  if (!path.isAbsolute(dir) || /\p{Cc}/u.test(dir)) throw new TypeError(`invalid gateway folder ${dir}`);
  const options: [string, string | number | boolean][] = [
    ["hostname", spec.hostname],
    ["password", spec.secret],
    ["xmpp_server_ip", spec.xmppServerIp],
    ["port", spec.componentPort],
    ["db_name", spec.databaseFile ?? path.join(dir, DATABASE_FILE)],
    ["log_file", path.join(dir, LOG_FILE)],
    // Info: the ready check reads its handshake line; debug would log every message people send.
    ["log_level", 1],
    // Where it looks for policy.txt (TLS to IRC servers); the default is the config file's folder anyway.
    ["policy_directory", dir],
    ["ca_file", CA_FILE],
    // Otherwise it listens on port 113, which it cannot bind unprivileged, and many gateways would share.
    ["identd_port", 0],
    ["realname_customization", true],
    ["realname_from_jid", false],
    ["persistent_by_default", false],
  ];
  return `${options.map(([k, v]) => `${k}=${v}`).join("\n")}\n`;
}

/**
 * Botan's TLS policy for every IRC server, as Debian ships in /etc/biboumi/policy.txt: without it, certificates
 * that carry no revocation information (most) are refused.
 */
export const BIBOUMI_POLICY = "require_cert_revocation_info = false\nuse_ecc_point_compression = true\n";

/** Runs each domain's IRC gateway as a local biboumi process, in `<dataRoot>/gateways/<id>/`. */
export class LocalIrcGateways {
  readonly dataRoot: string;
  private readonly sidecars: LocalSidecars;
  private readonly startTimeoutMs: number;

  constructor(opts: { dataRoot: string; runAs?: string; startTimeoutMs?: number }) {
    if (!opts.dataRoot) throw new TypeError("LocalIrcGateways: dataRoot is required");
    this.dataRoot = path.resolve(opts.dataRoot);
    this.sidecars = new LocalSidecars(opts.runAs ? { runAs: opts.runAs } : {});
    this.startTimeoutMs = opts.startTimeoutMs ?? 10_000;
  }

  dir(id: string): string {
    assertValidGatewayId(id);
    return path.join(this.dataRoot, "gateways", id);
  }

  configFile(id: string): string {
    return path.join(this.dir(id), CONFIG_FILE);
  }

  logFile(id: string): string {
    return path.join(this.dir(id), LOG_FILE);
  }

  /**
   * Makes the gateway run with this spec: adopts a running one with the same files, restarts one whose files changed.
   * A new process counts as started only once the XMPP server accepted it; if the server refuses the secret or nothing
   * listens, biboumi exits and this throws with the end of its log.
   */
  async ensureRunning(spec: IrcGatewaySpec): Promise<{ pid: number; started: boolean }> {
    validateGatewaySpec(spec);
    const dir = this.dir(spec.id);
    if (spec.databaseFile) await this.ownedDir(path.dirname(spec.databaseFile));
    const log = path.join(dir, LOG_FILE);
    const output = path.join(dir, OUTPUT_FILE);
    // The log is appended to across runs: only what comes after this point is the new process's.
    const [logFrom, outputFrom] = await Promise.all([sizeOf(log), sizeOf(output)]);
    try {
      return await this.sidecars.ensure({
        dir,
        files: [
          { name: CONFIG_FILE, content: renderBiboumiConfig(spec, dir), mode: 0o600 },
          { name: "policy.txt", content: BIBOUMI_POLICY, mode: 0o640 },
        ],
        configFile: path.join(dir, CONFIG_FILE),
        command: "biboumi",
        args: [path.join(dir, CONFIG_FILE)],
        log: output,
        ready: async () => (await readFrom(log, logFrom)).includes(READY_LINE),
        startTimeoutMs: this.startTimeoutMs,
      });
    } catch (err) {
      const tail = lastLines(`${await readFrom(output, outputFrom)}${await readFrom(log, logFrom)}`, 8);
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`IRC gateway ${spec.hostname}: ${message}${tail ? `; its log ends:\n${tail}` : ""}`, {
        cause: err,
      });
    }
  }

  status(id: string): IrcGatewayStatus {
    return this.sidecars.status(this.configFile(id));
  }

  /** Stops it; biboumi says goodbye to IRC servers first (at most 2 s). Its folder stays. */
  async stop(id: string): Promise<void> {
    await this.sidecars.stop(this.configFile(id));
  }

  /** Stops it and deletes its folder, database included. */
  async remove(id: string): Promise<void> {
    await this.sidecars.remove({ dir: this.dir(id), configFile: this.configFile(id) });
  }

  /**
   * Creates the folder before LocalSidecars does, so that folders above it can be made searchable: as root, biboumi
   * runs as another account, which must reach its folder (search bit only, never read).
   */
  /** A folder of the gateway's own (its database's, beside the server's data). */
  private async ownedDir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o750 });
    const owner = this.sidecars.owner;
    if (owner) await chown(dir, owner.uid, owner.gid);
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** What a file holds from byte `offset` on ("" if it is missing); a file cut shorter since is read whole. */
async function readFrom(file: string, offset: number): Promise<string> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, "r");
  } catch {
    return "";
  }
  try {
    const { size } = await fh.stat();
    const from = size < offset ? 0 : offset;
    const buf = Buffer.alloc(size - from);
    await fh.read(buf, 0, buf.length, from);
    return buf.toString("utf8");
  } finally {
    await fh.close();
  }
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}
