import { readFile } from "node:fs/promises";
import net from "node:net";

/** True if a TCP connection to host:port is accepted within `timeoutMs`. */
export function tcpReachable(host: string, port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export interface ProcessStats {
  /** The process exists and is not a zombie. */
  alive: boolean;
  /** /proc state letter: R, S, D, T (stopped), ... */
  state: string | null;
  rssBytes: number | null;
}

/** Reads /proc/PID/status (Linux): state and resident memory. */
export async function processStats(pid: number | null): Promise<ProcessStats> {
  if (pid === null || !Number.isInteger(pid) || pid <= 0) return { alive: false, state: null, rssBytes: null };
  const text = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  if (text === null) return { alive: false, state: null, rssBytes: null };
  const state = text.match(/^State:\s+(\S)/m)?.[1] ?? null;
  const rssKb = text.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1];
  return {
    alive: state !== null && state !== "Z" && state !== "X",
    state,
    rssBytes: rssKb === undefined ? null : Number(rssKb) * 1024,
  };
}
