import { readFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { type ProsodyMetrics, parseOpenMetrics, summariseProsodyMetrics } from "./openmetrics.ts";

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

export interface HttpCheck {
  /** The HTTP service answered (any status). */
  reachable: boolean;
  /** Parsed /metrics, when it answered 200 with metrics. */
  metrics: ProsodyMetrics | null;
  error?: string;
}

/** GET http://host:port/metrics: proves the HTTP (upload) service answers and reads the server's counters. */
export function fetchServerMetrics(host: string, port: number, timeoutMs = 3000): Promise<HttpCheck> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: "/metrics", timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        resolve({
          reachable: true,
          metrics: res.statusCode === 200 ? summariseProsodyMetrics(parseOpenMetrics(body)) : null,
          ...(res.statusCode === 200 ? {} : { error: `/metrics answered ${res.statusCode}` }),
        });
      });
      res.on("error", (err) => resolve({ reachable: true, metrics: null, error: err.message }));
    });
    req.on("timeout", () => req.destroy(new Error(`no HTTP answer within ${timeoutMs} ms`)));
    req.on("error", (err) => resolve({ reachable: false, metrics: null, error: err.message }));
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
