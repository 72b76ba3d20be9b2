import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import {
  chmod,
  chown,
  lchown,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
} from "node:fs/promises";
import path from "node:path";
import {
  type AdminChannel,
  assertValidHostname,
  assertValidInstanceId,
  type InstanceExec,
  type InstanceFiles,
  type InstanceLayout,
  type InstanceSpec,
  type ServerKind,
  type ServerKindOptions,
  type ServerName,
  serverKinds,
  serverNames,
  validateSpec,
} from "@xmpp-host/xmpp";
import { KeyedLock } from "../keyed-lock.ts";
import type { InstanceRuntime, RuntimeStatus } from "../runtime.ts";
import {
  canConnect,
  connectAddress,
  findProcessesWithArg,
  isPortFree,
  isProcessAlive,
  processArgs,
  sleep,
} from "./process.ts";
export interface LocalRuntimeOptions {
  /** Instances live under `<dataRoot>/instances/<id>/`. */
  dataRoot: string;
  /** Options of each server kind (binaries, allocator); the defaults are what Debian's packages install. */
  servers?: ServerKindOptions;
  /**
   * The unprivileged account servers run as when this process runs as root (default: the `prosody` system user
   * that Debian's package creates). A server must never run as root: a flaw in it would own the machine. When not
   * root, servers run as this process's own user and this is ignored.
   */
  runAs?: string;
  /** How long start() waits for the c2s port and admin channel. Default 10 s. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 10 s. */
  stopTimeoutMs?: number;
}

const POLL_MS = 25;

/** A system account that managed servers run as. */
export interface ServiceAccount {
  name: string;
  uid: number;
  gid: number;
}

/** The account named `name` from /etc/passwd, or null. */
export function lookupAccount(name: string): ServiceAccount | null {
  let passwd = "";
  try {
    passwd = readFileSync("/etc/passwd", "utf8");
  } catch {
    return null;
  }
  for (const line of passwd.split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

/** Gives a whole tree to `owner` (symbolic links themselves, never what they point to). */
async function chownTree(root: string, owner: ServiceAccount): Promise<void> {
  const info = await lstat(root).catch(() => null);
  if (!info) return;
  if (info.uid !== owner.uid || info.gid !== owner.gid) await lchown(root, owner.uid, owner.gid);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(root)) await chownTree(path.join(root, entry), owner);
}

/**
 * Writes `content` to `file` through a temporary file and a rename, so readers (a server reloading)
 * never see half a file. Returns false, without writing, when the content is already there.
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  mode: number,
  owner: ServiceAccount | null,
): Promise<boolean> {
  let existing: string | null = null;
  try {
    existing = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (existing === content) {
    const info = await stat(file);
    if ((info.mode & 0o777) !== mode) await chmod(file, mode);
    if (owner && (info.uid !== owner.uid || info.gid !== owner.gid)) await chown(file, owner.uid, owner.gid);
    return false;
  }
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fh = await open(tmp, "wx", mode);
  try {
    await fh.writeFile(content, "utf8");
    await fh.chmod(mode); // the umask may have stripped bits from the mode given to open()
    if (owner) await fh.chown(owner.uid, owner.gid);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  } finally {
    await fh.close().catch(() => {});
  }
  await rename(tmp, file);
  return true;
}

/** Lets another account reach `dir`: directories above it get the search bit for others (never read) if they lack it. */
export async function letOthersReach(dir: string): Promise<void> {
  for (let up = path.dirname(dir); ; up = path.dirname(up)) {
    const info = await stat(up);
    if ((info.mode & 0o001) === 0) await chmod(up, (info.mode & 0o7777) | 0o001);
    if (up === path.dirname(up)) break;
  }
}

/** Sends a signal, ignoring a process that is already gone. */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

async function removeIfExists(file: string): Promise<void> {
  await unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "ENOENT") throw err;
  });
}

/** The file that records which server kind an instance runs, so a restarted platform finds and stops it. */
const KIND_FILE = "server";

/** Runs managed servers (any kind) as plain local processes that outlive the Node process that started them. */
export class LocalRuntime implements InstanceRuntime {
  readonly kind = "local" as const;
  readonly dataRoot: string;
  readonly servers: { [N in ServerName]: ServerKind };
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  /** Who owns Prosody instances' files and runs their servers; null when this process is not root. */
  readonly owner: ServiceAccount | null;
  private readonly runAsName: string;
  /** The account of each kind that names its own (ejabberd); looked up once. */
  private readonly kindOwners = new Map<string, ServiceAccount | null>();
  /** Each instance's recorded kind, once read or written. */
  private readonly kinds = new Map<string, ServerKind>();
  /** start/stop/destroy of one instance run one at a time (within this process). */
  private readonly lock = new KeyedLock();

  constructor(opts: LocalRuntimeOptions) {
    if (!opts.dataRoot) throw new TypeError("LocalRuntime: dataRoot is required");
    this.dataRoot = path.resolve(opts.dataRoot);
    this.servers = serverKinds(opts.servers);
    this.startTimeoutMs = opts.startTimeoutMs ?? 10_000;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
    this.runAsName = opts.runAs ?? "prosody";
    this.owner = process.getuid?.() === 0 ? lookupAccount(this.runAsName) : null;
  }

  /**
   * The account that owns an instance's files and runs its server (null when this process is not root): the kind's
   * own where its tools insist on one (Debian's ejabberdctl runs only as `ejabberd`), else `runAs`. Refuses to go on
   * as root without one.
   */
  private ownerFor(server: ServerKind): ServiceAccount | null {
    if (process.getuid?.() !== 0) return null;
    const name = server.systemUser ?? this.runAsName;
    let owner = name === this.runAsName ? this.owner : this.kindOwners.get(name);
    if (owner === undefined) {
      owner = lookupAccount(name);
      this.kindOwners.set(name, owner);
    }
    if (!owner) {
      throw new Error(
        `refusing to run a server as root: no system user "${name}" (install the ${server.label} package, which creates it${server.systemUser ? "" : ", or set INSTANCE_USER"})`,
      );
    }
    return owner;
  }

  /** Creates a directory the server owns. */
  private async ownedDir(dir: string, mode: number, owner: ServiceAccount | null): Promise<void> {
    await mkdir(dir, { recursive: true, mode });
    if (owner) await chown(dir, owner.uid, owner.gid);
  }

  /**
   * Gives the instance's files to the server's account (after the platform wrote into them as root, e.g. a
   * restore), and lets that account reach its directory: directories above it get the search bit for others
   * (never the read bit) where they lack it.
   */
  async handOver(instanceId: string): Promise<void> {
    const owner = this.ownerFor(this.serverOf(instanceId));
    if (!owner) return;
    const { dir } = this.layout(instanceId);
    await chownTree(dir, owner);
    await letOthersReach(dir);
  }

  /** The instance's folders, the same for every server kind. */
  layout(instanceId: string): InstanceLayout {
    assertValidInstanceId(instanceId);
    const dir = path.join(this.dataRoot, "instances", instanceId);
    return { dir, data: path.join(dir, "data"), certs: path.join(dir, "certs") };
  }

  /**
   * The kind an instance was configured as (instances from before server kinds are Prosody). Read once per instance:
   * status checks and start-up polls ask for it often, and it changes only through writeConfig.
   */
  serverOf(instanceId: string): ServerKind {
    const known = this.kinds.get(instanceId);
    if (known) return known;
    let recorded: string;
    try {
      recorded = readFileSync(path.join(this.layout(instanceId).dir, KIND_FILE), "utf8").trim();
    } catch {
      return this.servers.prosody;
    }
    const name = serverNames.find((n) => n === recorded);
    if (!name) throw new Error(`instance ${instanceId} records an unknown server kind ${JSON.stringify(recorded)}`);
    this.kinds.set(instanceId, this.servers[name]);
    return this.servers[name];
  }

  /** The folders and the fixed files (configuration, pid file, log) of an instance, for its recorded kind. */
  paths(instanceId: string): InstanceLayout & InstanceFiles {
    const layout = this.layout(instanceId);
    return { ...layout, ...this.serverOf(instanceId).files(layout) };
  }

  address(instance: { id: string; host: string }): string {
    return connectAddress(instance.host);
  }

  certificateFile(instanceId: string, host: string): string {
    assertValidHostname(host);
    return path.join(this.layout(instanceId).certs, `${host}.crt`);
  }

  adminChannel(spec: InstanceSpec): AdminChannel {
    return this.servers[spec.server].adminChannel(spec, this.layout(spec.id));
  }

  async writeConfig(spec: InstanceSpec): Promise<boolean> {
    validateSpec(spec);
    const server = this.servers[spec.server];
    if (!server) throw new TypeError(`unknown server kind ${JSON.stringify(spec.server)}`);
    const layout = this.layout(spec.id);
    const files = server.renderConfig(spec, layout);
    const owner = this.ownerFor(server);
    await this.ownedDir(layout.dir, 0o750, owner);
    await this.ownedDir(layout.data, 0o750, owner);
    await this.ownedDir(layout.certs, 0o700, owner);
    await writeFileAtomic(path.join(layout.dir, KIND_FILE), `${spec.server}\n`, 0o640, owner);
    this.kinds.set(spec.id, server);
    let changed = false;
    for (const f of files) {
      await this.ownedDir(path.dirname(f.path), 0o750, owner);
      if (await writeFileAtomic(f.path, f.content, f.mode, owner)) changed = true;
    }
    return changed;
  }

  async writeCertificate(instanceId: string, host: string, certPem: string, keyPem: string): Promise<boolean> {
    assertValidHostname(host);
    if (!certPem.includes("-----BEGIN CERTIFICATE-----")) throw new TypeError("certPem is not a PEM certificate");
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem)) throw new TypeError("keyPem is not a PEM private key");
    const p = this.layout(instanceId);
    const owner = this.ownerFor(this.serverOf(instanceId));
    await this.ownedDir(p.dir, 0o750, owner);
    await this.ownedDir(p.certs, 0o700, owner);
    // Key first: a reload in between then pairs the old cert with the new key at worst for one rename.
    const keyChanged = await writeFileAtomic(path.join(p.certs, `${host}.key`), keyPem, 0o600, owner);
    const certChanged = await writeFileAtomic(path.join(p.certs, `${host}.crt`), certPem, 0o644, owner);
    return keyChanged || certChanged;
  }

  start(spec: InstanceSpec): Promise<RuntimeStatus> {
    return this.locked(spec.id, () => this.doStart(spec));
  }

  stop(instanceId: string): Promise<void> {
    return this.locked(instanceId, () => this.doStop(instanceId));
  }

  destroy(instanceId: string): Promise<void> {
    return this.locked(instanceId, async () => {
      await this.doStop(instanceId);
      await rm(this.layout(instanceId).dir, { recursive: true, force: true });
      this.kinds.delete(instanceId);
    });
  }

  async removeHostData(instanceId: string, hosts: string[]): Promise<void> {
    const p = this.layout(instanceId);
    const server = this.serverOf(instanceId);
    for (const host of hosts) {
      assertValidHostname(host);
      for (const dir of server.hostDataDirs(host)) await rm(path.join(p.data, dir), { recursive: true, force: true });
      for (const ext of [".crt", ".key"]) await rm(path.join(p.certs, `${host}${ext}`), { force: true });
    }
  }

  async status(instanceId: string): Promise<RuntimeStatus> {
    const pid = await this.findPid(instanceId);
    return { running: pid !== null, pid };
  }

  /** The last `bytes` of the instance's log, for error messages and diagnostics. */
  async logTail(instanceId: string, bytes = 4000): Promise<string> {
    try {
      const text = await readFile(this.paths(instanceId).log, "utf8");
      return text.slice(-bytes);
    } catch {
      return "";
    }
  }

  private locked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.lock.run(id, fn);
  }

  /**
   * The PID of this instance's server: the pidfile when it names a live process started with our config file,
   * else a /proc scan (covers the moment before the server writes its pidfile, or a lost pidfile).
   */
  private async findPid(instanceId: string): Promise<number | null> {
    const p = this.paths(instanceId);
    const pid = Number.parseInt(await readFile(p.pidfile, "utf8").catch(() => ""), 10);
    if (isProcessAlive(pid) && processArgs(pid)?.includes(p.config)) return pid;
    return findProcessesWithArg(p.config)[0] ?? null;
  }

  /** Runs a command as the instance's account with its server's launch environment (a kind's setup step). */
  private execAs(spec: InstanceSpec): InstanceExec {
    const layout = this.layout(spec.id);
    const plan = this.servers[spec.server].launch(spec, layout);
    const owner = this.ownerFor(this.servers[spec.server]);
    return (command, args) =>
      new Promise((resolve) => {
        execFile(
          command,
          args,
          {
            cwd: layout.dir,
            env: { ...process.env, ...plan.env },
            timeout: 30_000,
            ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
          },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
          },
        );
      });
  }

  private async doStart(spec: InstanceSpec): Promise<RuntimeStatus> {
    await this.writeConfig(spec);
    const server = this.servers[spec.server];
    const layout = this.layout(spec.id);
    const files = server.files(layout);

    const running = await this.findPid(spec.id);
    if (running !== null) {
      await this.waitReady(spec, running, () => null);
      return { running: true, pid: running };
    }

    // A server may keep running when it cannot bind a port, and we would then talk to whoever holds it.
    for (const [name, port] of Object.entries(spec.ports)) {
      if (!(await isPortFree(spec.bindAddress, port))) {
        throw new Error(`cannot start instance ${spec.id}: ${name} port ${spec.bindAddress}:${port} is in use`);
      }
    }
    for (const file of server.staleFiles(layout)) await removeIfExists(file);

    const logFd = openSync(files.log, "a", 0o640);
    try {
      await this.handOver(spec.id);
    } catch (err) {
      closeSync(logFd);
      throw err;
    }
    let exit: string | null = null;
    let child: ReturnType<typeof spawn>;
    const plan = server.launch(spec, layout);
    const owner = this.ownerFor(server);
    try {
      // detached + own stdio: the server survives this process and never writes into a closed pipe.
      child = spawn(plan.command, plan.args, {
        cwd: layout.dir,
        env: { ...process.env, ...plan.env },
        detached: true,
        stdio: ["ignore", logFd, logFd],
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      });
    } finally {
      closeSync(logFd);
    }
    child.once("error", (err) => {
      exit = `could not run ${plan.command}: ${err.message}`;
    });
    child.once("exit", (code, signal) => {
      exit = `${server.name} exited (${signal ?? `code ${code}`})`;
    });
    child.unref();

    try {
      // The process we spawned may be a wrapper (ejabberdctl) whose server writes its own PID to the pidfile.
      const pid = await this.waitReady(spec, null, () => exit);
      return { running: true, pid };
    } catch (err) {
      if (child.pid !== undefined) signal(child.pid, "SIGKILL");
      const started = await this.findPid(spec.id);
      if (started !== null) signal(started, "SIGKILL");
      const tail = await this.logTail(spec.id, 2000);
      throw new Error(`cannot start instance ${spec.id}: ${(err as Error).message}\n--- log tail ---\n${tail}`);
    }
  }

  /**
   * Polls until the server's process is found, its client port accepts TCP and its kind says the admin channel
   * answers (bounded by startTimeoutMs). Returns the server's PID.
   */
  private async waitReady(spec: InstanceSpec, known: number | null, exited: () => string | null): Promise<number> {
    const server = this.servers[spec.server];
    const layout = this.layout(spec.id);
    const exec = this.execAs(spec);
    // A server activates its hosts one after another before it is ready: about 0.25 s each for a shared server's
    // hundreds of hosts on a small machine.
    const limitMs = this.startTimeoutMs + spec.domains.length * 750;
    const deadline = Date.now() + limitMs;
    const host = connectAddress(spec.bindAddress);
    let pid = known;
    for (;;) {
      const gone = exited();
      if (gone) throw new Error(gone);
      if (pid !== null && !isProcessAlive(pid)) throw new Error(`${server.name} exited`);
      pid ??= await this.pidFromFile(spec.id);
      if (pid !== null && (await canConnect(host, spec.ports.c2s, 250)) && (await server.ready(spec, layout, exec)))
        return pid;
      if (Date.now() > deadline) throw new Error(`not ready after ${limitMs} ms`);
      await sleep(POLL_MS);
    }
  }

  /** The PID in the pidfile when that process runs this instance's configuration. */
  private async pidFromFile(instanceId: string): Promise<number | null> {
    const p = this.paths(instanceId);
    const pid = Number.parseInt(await readFile(p.pidfile, "utf8").catch(() => ""), 10);
    return isProcessAlive(pid) && processArgs(pid)?.includes(p.config) ? pid : null;
  }

  private async doStop(instanceId: string): Promise<void> {
    const pid = await this.findPid(instanceId);
    if (pid !== null) {
      signal(pid, "SIGTERM");
      if (!(await this.waitExit(pid, this.stopTimeoutMs))) {
        signal(pid, "SIGKILL");
        if (!(await this.waitExit(pid, 5_000))) throw new Error(`instance ${instanceId}: PID ${pid} survived SIGKILL`);
      }
    }
    // A clean shutdown removes them; after SIGKILL they are stale.
    const layout = this.layout(instanceId);
    for (const file of this.serverOf(instanceId).staleFiles(layout)) await removeIfExists(file);
  }

  private async waitExit(pid: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (isProcessAlive(pid)) {
      if (Date.now() > deadline) return false;
      await sleep(POLL_MS);
    }
    return true;
  }
}
