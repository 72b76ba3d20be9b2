import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
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
import { fileURLToPath } from "node:url";
import { assertValidHostname, luaString } from "@xmpp-host/xmpp";
import type { InstanceRuntime, InstanceSpec, RuntimeStatus } from "../runtime.ts";
import {
  canConnect,
  connectAddress,
  findProcessesWithArg,
  isPortFree,
  isProcessAlive,
  processArgs,
  sleep,
} from "./process.ts";
import {
  assertValidInstanceId,
  type InstancePaths,
  MAX_UNIX_SOCKET_PATH,
  prosodyStoreName,
  renderHostsConfig,
  renderMainConfig,
  validateSpec,
} from "./prosody-config.ts";

const JEMALLOC_PATHS = [
  "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
  "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
  "/usr/lib/libjemalloc.so.2",
];

const SHARED_MODULE_CODE = fileURLToPath(new URL("./shared-module-code.lua", import.meta.url));

export interface LocalRuntimeOptions {
  /** Instances live under `<dataRoot>/instances/<id>/`. */
  dataRoot: string;
  /** Default /usr/bin/prosody. */
  prosodyBinary?: string;
  /** Start Prosody so that its hosts share their modules' compiled code (default true); see shared-module-code.lua. */
  shareModuleCode?: boolean;
  /**
   * A malloc to preload into Prosody; default jemalloc when installed (Debian's libjemalloc2), null for the C
   * library's. With hundreds of hosts the server's heap is large and churns: jemalloc keeps about 6% less of it
   * resident (bench:density).
   */
  allocator?: string | null;
  /**
   * The unprivileged account servers run as when this process runs as root (default: the `prosody` system user
   * that Debian's package creates). A server must never run as root: a flaw in it would own the machine. When not
   * root, servers run as this process's own user and this is ignored.
   */
  runAs?: string;
  /** How long start() waits for the c2s port and admin socket. Default 10 s. */
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
 * Writes `content` to `file` through a temporary file and a rename, so readers (Prosody reloading)
 * never see half a file. Returns false, without writing, when the content is already there.
 */
async function writeFileAtomic(
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

/** Sends a signal, ignoring a process that is already gone. */
function signal(pid: number, sig: NodeJS.Signals): void {
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

/** Runs Prosody instances as plain local processes that outlive the Node process that started them. */
export class LocalRuntime implements InstanceRuntime {
  readonly kind = "local" as const;
  readonly dataRoot: string;
  private readonly prosodyBinary: string;
  private readonly shareModuleCode: boolean;
  private readonly allocator: string | null;
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  /** Who owns the instances' files and runs their servers; null when this process is not root. */
  readonly owner: ServiceAccount | null;
  private readonly runAsName: string;
  /** start/stop/destroy of one instance run one at a time (within this process). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(opts: LocalRuntimeOptions) {
    if (!opts.dataRoot) throw new TypeError("LocalRuntime: dataRoot is required");
    this.dataRoot = path.resolve(opts.dataRoot);
    this.prosodyBinary = opts.prosodyBinary ?? "/usr/bin/prosody";
    this.shareModuleCode = opts.shareModuleCode ?? true;
    this.allocator =
      opts.allocator === undefined ? (JEMALLOC_PATHS.find((f) => existsSync(f)) ?? null) : opts.allocator;
    this.startTimeoutMs = opts.startTimeoutMs ?? 10_000;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
    this.runAsName = opts.runAs ?? "prosody";
    this.owner = process.getuid?.() === 0 ? lookupAccount(this.runAsName) : null;
  }

  /** Refuses to go on as root without an account to run servers as. */
  private requireOwner(): void {
    if (process.getuid?.() === 0 && !this.owner) {
      throw new Error(
        `refusing to run a server as root: no system user "${this.runAsName}" (install Prosody's package, which creates it, or set INSTANCE_USER)`,
      );
    }
  }

  /** Creates a directory the server owns. */
  private async ownedDir(dir: string, mode: number): Promise<void> {
    await mkdir(dir, { recursive: true, mode });
    if (this.owner) await chown(dir, this.owner.uid, this.owner.gid);
  }

  /**
   * Gives the instance's files to the server's account (after the platform wrote into them as root, e.g. a
   * restore), and lets that account reach its directory: directories above it get the search bit for others
   * (never the read bit) where they lack it.
   */
  async handOver(instanceId: string): Promise<void> {
    this.requireOwner();
    if (!this.owner) return;
    const { dir } = this.paths(instanceId);
    await chownTree(dir, this.owner);
    for (let up = path.dirname(dir); ; up = path.dirname(up)) {
      const info = await stat(up);
      if ((info.mode & 0o001) === 0) await chmod(up, (info.mode & 0o7777) | 0o001);
      if (up === path.dirname(up)) break;
    }
  }

  paths(instanceId: string): InstancePaths {
    assertValidInstanceId(instanceId);
    const dir = path.join(this.dataRoot, "instances", instanceId);
    return {
      dir,
      config: path.join(dir, "prosody.cfg.lua"),
      hostsConfig: path.join(dir, "hosts.cfg.lua"),
      data: path.join(dir, "data"),
      certs: path.join(dir, "certs"),
      pidfile: path.join(dir, "prosody.pid"),
      log: path.join(dir, "prosody.log"),
      adminSocket: path.join(dir, "admin.sock"),
    };
  }

  adminSocketPath(instanceId: string): string {
    return this.paths(instanceId).adminSocket;
  }

  async writeConfig(spec: InstanceSpec): Promise<boolean> {
    validateSpec(spec);
    const p = this.paths(spec.id);
    if (Buffer.byteLength(p.adminSocket) > MAX_UNIX_SOCKET_PATH) {
      throw new Error(`admin socket path is too long for a Unix socket (${p.adminSocket}); use a shorter dataRoot`);
    }
    this.requireOwner();
    await this.ownedDir(p.dir, 0o750);
    await this.ownedDir(p.data, 0o750);
    await this.ownedDir(p.certs, 0o700);
    // Hosts first: the main file Includes it, and a reload may read them at any moment.
    const hostsChanged = await writeFileAtomic(p.hostsConfig, renderHostsConfig(spec), 0o640, this.owner);
    const mainChanged = await writeFileAtomic(p.config, renderMainConfig(spec, p), 0o640, this.owner);
    return hostsChanged || mainChanged;
  }

  async writeCertificate(instanceId: string, host: string, certPem: string, keyPem: string): Promise<boolean> {
    assertValidHostname(host);
    if (!certPem.includes("-----BEGIN CERTIFICATE-----")) throw new TypeError("certPem is not a PEM certificate");
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem)) throw new TypeError("keyPem is not a PEM private key");
    const p = this.paths(instanceId);
    this.requireOwner();
    await this.ownedDir(p.dir, 0o750);
    await this.ownedDir(p.certs, 0o700);
    // Key first: a reload in between then pairs the old cert with the new key at worst for one rename.
    const keyChanged = await writeFileAtomic(path.join(p.certs, `${host}.key`), keyPem, 0o600, this.owner);
    const certChanged = await writeFileAtomic(path.join(p.certs, `${host}.crt`), certPem, 0o644, this.owner);
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
      await rm(this.paths(instanceId).dir, { recursive: true, force: true });
    });
  }

  /**
   * How Prosody is started: through its Lua interpreter with shared-module-code.lua loaded first, so that every
   * host shares the compiled code of its modules (a shared server holds hundreds of hosts); or, when the
   * interpreter cannot be told from the binary's first line, the binary itself.
   */
  private launchCommand(config: string): { command: string; args: string[] } {
    const plain = { command: this.prosodyBinary, args: ["--config", config, "-F"] };
    if (!this.shareModuleCode) return plain;
    let firstLine = "";
    try {
      firstLine = readFileSync(this.prosodyBinary, "utf8").split("\n", 1)[0] ?? "";
    } catch {
      return plain;
    }
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
    const interpreter = m?.[1]?.endsWith("/env") ? m[2] : m?.[1];
    if (!interpreter || !/lua/.test(interpreter)) return plain;
    return {
      command: interpreter,
      args: ["-e", `dofile(${luaString(SHARED_MODULE_CODE)})`, this.prosodyBinary, "--config", config, "-F"],
    };
  }

  async removeHostData(instanceId: string, hosts: string[]): Promise<void> {
    const p = this.paths(instanceId);
    for (const host of hosts) {
      assertValidHostname(host);
      await rm(path.join(p.data, prosodyStoreName(host)), { recursive: true, force: true });
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

  private async locked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const settled = run.catch(() => {});
    this.locks.set(id, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    }
  }

  /**
   * The PID of this instance's server: the pidfile when it names a live process started with our
   * config file, else a /proc scan (covers the moment before Prosody writes its pidfile, or a lost pidfile).
   */
  private async findPid(instanceId: string): Promise<number | null> {
    const p = this.paths(instanceId);
    const pid = Number.parseInt(await readFile(p.pidfile, "utf8").catch(() => ""), 10);
    if (isProcessAlive(pid) && processArgs(pid)?.includes(p.config)) return pid;
    return findProcessesWithArg(p.config)[0] ?? null;
  }

  private async doStart(spec: InstanceSpec): Promise<RuntimeStatus> {
    await this.writeConfig(spec);
    const p = this.paths(spec.id);

    const running = await this.findPid(spec.id);
    if (running !== null) {
      await this.waitReady(spec, p, running, () => null);
      return { running: true, pid: running };
    }

    // Prosody keeps running when it cannot bind a port, and we would then talk to whoever holds it.
    for (const [name, port] of Object.entries(spec.ports)) {
      if (!(await isPortFree(spec.bindAddress, port))) {
        throw new Error(`cannot start instance ${spec.id}: ${name} port ${spec.bindAddress}:${port} is in use`);
      }
    }
    await removeIfExists(p.pidfile);
    await removeIfExists(p.adminSocket);

    const logFd = openSync(p.log, "a", 0o640);
    try {
      await this.handOver(spec.id);
    } catch (err) {
      closeSync(logFd);
      throw err;
    }
    let exit: string | null = null;
    let child: ReturnType<typeof spawn>;
    try {
      // -F: foreground (the `daemonize` config option is deprecated in 0.12 and logs a warning).
      // detached + own stdio: the server survives this process and never writes into a closed pipe.
      const { command, args } = this.launchCommand(p.config);
      child = spawn(command, args, {
        cwd: p.dir,
        env: this.allocator ? { ...process.env, LD_PRELOAD: this.allocator } : process.env,
        detached: true,
        stdio: ["ignore", logFd, logFd],
        ...(this.owner ? { uid: this.owner.uid, gid: this.owner.gid } : {}),
      });
    } finally {
      closeSync(logFd);
    }
    child.once("error", (err) => {
      exit = `could not run ${this.prosodyBinary}: ${err.message}`;
    });
    child.once("exit", (code, signal) => {
      exit = `prosody exited (${signal ?? `code ${code}`})`;
    });
    child.unref();
    const pid = child.pid ?? null;

    try {
      await this.waitReady(spec, p, pid, () => exit);
    } catch (err) {
      if (pid !== null) signal(pid, "SIGKILL");
      const tail = await this.logTail(spec.id, 2000);
      throw new Error(`cannot start instance ${spec.id}: ${(err as Error).message}\n--- log tail ---\n${tail}`);
    }
    return { running: true, pid };
  }

  /**
   * Polls until the c2s port accepts TCP, the admin socket exists and the pidfile names the process
   * (bounded by startTimeoutMs). Prosody loads its global modules in no fixed order, so any of the
   * three can come last.
   */
  private async waitReady(
    spec: InstanceSpec,
    p: InstancePaths,
    pid: number | null,
    exited: () => string | null,
  ): Promise<void> {
    // A server activates its hosts one after another before it is ready: about 0.25 s each for a shared server's
    // hundreds of hosts on a small machine.
    const limitMs = this.startTimeoutMs + spec.domains.length * 750;
    const deadline = Date.now() + limitMs;
    const host = connectAddress(spec.bindAddress);
    for (;;) {
      const gone = exited();
      if (gone) throw new Error(gone);
      if (pid !== null && !isProcessAlive(pid)) throw new Error("prosody exited");
      const pidfileOk = pid === null || Number.parseInt(await readFile(p.pidfile, "utf8").catch(() => ""), 10) === pid;
      if (pidfileOk && existsSync(p.adminSocket) && (await canConnect(host, spec.ports.c2s, 250))) return;
      if (Date.now() > deadline) throw new Error(`not ready after ${limitMs} ms`);
      await sleep(POLL_MS);
    }
  }

  private async doStop(instanceId: string): Promise<void> {
    const p = this.paths(instanceId);
    const pid = await this.findPid(instanceId);
    if (pid !== null) {
      signal(pid, "SIGTERM");
      if (!(await this.waitExit(pid, this.stopTimeoutMs))) {
        signal(pid, "SIGKILL");
        if (!(await this.waitExit(pid, 5_000))) throw new Error(`instance ${instanceId}: PID ${pid} survived SIGKILL`);
      }
    }
    // Prosody removes both on a clean shutdown; after SIGKILL they are stale.
    await removeIfExists(p.pidfile);
    await removeIfExists(p.adminSocket);
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
