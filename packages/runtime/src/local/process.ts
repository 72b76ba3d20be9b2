import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";

/** True if `pid` exists and is not a zombie (a zombie has exited; it only waits to be reaped). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) S ..."; comm may contain spaces and parentheses, so split at the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** The argv of a running process, or null if it is gone or unreadable. */
export function processArgs(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (raw === "") return null; // kernel threads and zombies
    return raw.replace(/\0$/, "").split("\0");
  } catch {
    return null;
  }
}

/** PIDs of live processes whose argv contains `arg` as one whole argument. */
export function findProcessesWithArg(arg: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const name of entries) {
    if (!/^[0-9]+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const args = processArgs(pid);
    if (args?.includes(arg) && isProcessAlive(pid)) found.push(pid);
  }
  return found;
}

/** Whether something accepts TCP connections on host:port right now. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Whether we could bind host:port (nobody listens there). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The address to connect to for a service bound to `bind` (wildcards mean loopback). */
export function connectAddress(bind: string): string {
  if (bind === "0.0.0.0") return "127.0.0.1";
  if (bind === "::") return "::1";
  return bind;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
