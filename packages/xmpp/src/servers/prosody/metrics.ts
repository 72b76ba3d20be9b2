import http from "node:http";
import type { MetricsReading, ServerMetrics } from "../kind.ts";

/** One sample line of an OpenMetrics / Prometheus text exposition. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseValue(raw: string): number {
  if (raw === "+Inf") return Number.POSITIVE_INFINITY;
  if (raw === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(raw);
}

/** Parses the text format line by line; comments (# HELP, # TYPE, # UNIT, # EOF) and bad lines are skipped. */
export function parseOpenMetrics(text: string): MetricSample[] {
  const out: MetricSample[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const m = trimmed.match(LINE);
    if (!m?.[1] || m[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL)) {
      if (l[1]) labels[l[1]] = (l[2] ?? "").replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    }
    const value = parseValue(m[3]);
    if (!Number.isNaN(value)) out.push({ name: m[1], labels, value });
  }
  return out;
}

function sum(samples: MetricSample[], name: string): number {
  return samples.filter((s) => s.name === name).reduce((acc, s) => acc + s.value, 0);
}

/**
 * Picks the series Prosody 0.12.3 exposes: `prosody_mod_c2s__connections{host,type,ip_family}`,
 * `prosody_mod_muc__live_room{host}`, `prosody_mod_s2s__connections_inbound` and `..._outbound`.
 * A series that is absent (no such connection yet) counts as zero.
 */
export function summariseProsodyMetrics(samples: MetricSample[]): ServerMetrics {
  const c2sByHost: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== "prosody_mod_c2s__connections") continue;
    const host = s.labels.host ?? "";
    c2sByHost[host] = (c2sByHost[host] ?? 0) + s.value;
  }
  return {
    c2sConnections: Object.values(c2sByHost).reduce((a, b) => a + b, 0),
    c2sByHost,
    mucRooms: sum(samples, "prosody_mod_muc__live_room"),
    s2sConnections:
      sum(samples, "prosody_mod_s2s__connections_inbound") + sum(samples, "prosody_mod_s2s__connections_outbound"),
  };
}

/** GET http://host:port/metrics: proves the HTTP (upload) service answers and reads Prosody's counters. */
export function fetchProsodyMetrics(host: string, port: number, timeoutMs = 3000): Promise<MetricsReading> {
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
