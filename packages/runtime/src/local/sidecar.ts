import { spawn } from "node:child_process";
import { closeSync, openSync, readdirSync } from "node:fs";
import { chown, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { letOthersReach, lookupAccount, type ServiceAccount, signal, writeFileAtomic } from "./local-runtime.ts";
import { findProcessesWithArg, isProcessAlive, processArgs, sleep } from "./process.ts";

/**
 * A helper process the platform runs beside the chat servers (the TURN server, a domain's IRC gateway): its own
 * folder, configuration files written atomically, started detached so that it outlives the worker, found again by
 * its configuration file's path on its command line.
 */
export interface SidecarPlan {
  /** Its folder, created if missing (0750, owned by the account it runs as). */
  dir: string;
  /** Files written into `dir` before it starts; a change to any of them restarts it. */
  files: { name: string; content: string; mode?: number }[];
  /** The file named on its command line that identifies the process (one of `files`). */
  configFile: string;
  command: string;
  args: string[];
  /** Where its standard output and error go. */
  log: string;
  /** True once it serves (a port answers, it logged in). Polled until `startTimeoutMs`. */
  ready(pid: number): Promise<boolean>;
  startTimeoutMs?: number;
}

export interface SidecarStatus {
  running: boolean;
  pid: number | null;
}

const POLL_MS = 25;

export class LocalSidecars {
  /** Who sidecars run as when this process is root (never root themselves); null otherwise. */
  readonly owner: ServiceAccount | null;

  constructor(opts: { runAs?: string } = {}) {
    const name = opts.runAs ?? "prosody";
    this.owner = process.getuid?.() === 0 ? lookupAccount(name) : null;
    if (process.getuid?.() === 0 && !this.owner) throw new Error(`no system account ${name} to run helpers as`);
  }

  /** The last PID found per configuration file: checked first, so that supervision does not scan /proc each time. */
  private readonly known = new Map<string, number>();

  status(configFile: string): SidecarStatus {
    const cached = this.known.get(configFile);
    if (cached !== undefined && isProcessAlive(cached) && processArgs(cached)?.includes(configFile)) {
      return { running: true, pid: cached };
    }
    const pid = findProcessesWithArg(configFile)[0] ?? null;
    if (pid === null) this.known.delete(configFile);
    else this.known.set(configFile, pid);
    return { running: pid !== null, pid };
  }

  /**
   * Makes it run with these files: adopts a running process whose files are unchanged, restarts one whose files
   * changed, starts one that is not running. `started` says whether a new process was started.
   */
  async ensure(plan: SidecarPlan): Promise<{ pid: number; started: boolean }> {
    await mkdir(plan.dir, { recursive: true, mode: 0o750 });
    if (this.owner) {
      await chown(plan.dir, this.owner.uid, this.owner.gid);
      await letOthersReach(plan.dir);
    }
    let changed = false;
    for (const f of plan.files) {
      const file = path.join(plan.dir, f.name);
      changed = (await writeFileAtomic(file, f.content, f.mode ?? 0o600, this.owner)) || changed;
    }
    const running = this.status(plan.configFile).pid;
    if (running !== null && !changed) return { pid: running, started: false };
    if (running !== null) await this.stopPid(running);
    return { pid: await this.start(plan), started: true };
  }

  async stop(configFile: string, timeoutMs = 10_000): Promise<void> {
    for (const pid of findProcessesWithArg(configFile)) await this.stopPid(pid, timeoutMs);
  }

  /** Stops it and removes its folder. */
  async remove(plan: Pick<SidecarPlan, "dir" | "configFile">): Promise<void> {
    await this.stop(plan.configFile);
    await rm(plan.dir, { recursive: true, force: true });
  }

  private async start(plan: SidecarPlan): Promise<number> {
    const logFd = openSync(plan.log, "a", 0o640);
    let exit: string | null = null;
    let child: ReturnType<typeof spawn>;
    try {
      if (this.owner) await chown(plan.log, this.owner.uid, this.owner.gid);
      // detached + own stdio: it survives the worker and never writes into a closed pipe.
      child = spawn(plan.command, plan.args, {
        cwd: plan.dir,
        // Nothing of the worker's environment (database URLs, the secrets key): only what a program needs to run.
        env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C.UTF-8" },
        detached: true,
        stdio: ["ignore", logFd, logFd],
        ...(this.owner ? { uid: this.owner.uid, gid: this.owner.gid } : {}),
      });
    } finally {
      closeSync(logFd);
    }
    child.once("error", (err) => {
      exit = `could not run ${plan.command}: ${err.message}`;
    });
    child.once("exit", (code, sig) => {
      exit = `${path.basename(plan.command)} exited (${sig ?? `code ${code}`})`;
    });
    child.unref();
    const limitMs = plan.startTimeoutMs ?? 10_000;
    const deadline = Date.now() + limitMs;
    for (;;) {
      if (exit) break;
      const pid = this.status(plan.configFile).pid;
      if (pid !== null && (await plan.ready(pid))) return pid;
      if (Date.now() > deadline) {
        exit = `not ready after ${limitMs} ms`;
        break;
      }
      await sleep(POLL_MS);
    }
    if (child.pid !== undefined) signal(child.pid, "SIGKILL");
    throw new Error(`cannot start ${path.basename(plan.command)}: ${exit}`);
  }

  private async stopPid(pid: number, timeoutMs = 10_000): Promise<void> {
    signal(pid, "SIGTERM");
    const deadline = Date.now() + timeoutMs;
    while (isProcessAlive(pid)) {
      if (Date.now() > deadline) {
        signal(pid, "SIGKILL");
        break;
      }
      await sleep(POLL_MS);
    }
    const killedAt = Date.now();
    while (isProcessAlive(pid)) {
      if (Date.now() - killedAt > 5_000) throw new Error(`PID ${pid} survived SIGKILL`);
      await sleep(POLL_MS);
    }
  }
}

/** Stops every helper process whose command line names a file under `root` (a test's data root). */
export async function stopSidecarsUnder(root: string): Promise<void> {
  const prefix = `${path.resolve(root)}/`;
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(name) || Number(name) === process.pid) continue;
    const args = processArgs(Number(name));
    // Servers are the runtime's to stop; helpers are found by their configuration file.
    if (args?.some((a) => a.startsWith(prefix) && /\.(conf|cfg)$/.test(a) && !a.includes("/instances/")))
      pids.push(Number(name));
  }
  for (const pid of pids) signal(pid, "SIGTERM");
  const deadline = Date.now() + 5_000;
  while (pids.some(isProcessAlive) && Date.now() < deadline) await sleep(POLL_MS);
  for (const pid of pids.filter(isProcessAlive)) signal(pid, "SIGKILL");
}
