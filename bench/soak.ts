// npm run bench:soak — one managed Prosody server under a steady load: SOAK_CONNECTIONS XMPP sessions (default
// 1,000: SOAK_LOGIN_ACCOUNTS accounts x N resources, real STARTTLS + SCRAM logins, opened 50 at a time) held open
// while SOAK_ACCOUNTS accounts (default 500) are provisioned through the API and the worker probes the server every
// 5 s, then held for SOAK_HOLD_SECONDS more. Reports failed operations, disconnects, probe verdicts, the server's
// RSS and CPU (from /proc), and the API's p50/p99 latency for provisioning and for two read routes, each against
// the same figures on the idle platform at the start of the run (and, to show drift, again at its end, with the
// sessions closed). Capped at SOAK_MAX_SECONDS of wall-clock time.
// Uses the test database and Redis database SOAK_REDIS_DB (default 6), both reset; figures also go to
// test-artifacts/bench-soak.json.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@xmpp-host/config";
import { portsOf } from "@xmpp-host/core";
import { createDriver } from "@xmpp-host/xmpp";
import { startBench } from "./harness.ts";
import type { FromClients, OpenCommand, ToClients } from "./soak-clients.ts";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONNECTIONS = num("SOAK_CONNECTIONS", 1000);
const ACCOUNTS = num("SOAK_ACCOUNTS", 500);
const LOGIN_ACCOUNTS = Math.min(num("SOAK_LOGIN_ACCOUNTS", 50), CONNECTIONS);
// The idle baseline provisions at least this many accounts (the login accounts among them).
const BASELINE_ACCOUNTS = Math.max(LOGIN_ACCOUNTS, num("SOAK_BASELINE_ACCOUNTS", 100));
const IN_FLIGHT = num("SOAK_IN_FLIGHT", 8);
const WARMUP_ACCOUNTS = 2 * IN_FLIGHT;
const OPEN_BATCH = num("SOAK_OPEN_BATCH", 50);
const OPEN_PAUSE_MS = num("SOAK_OPEN_PAUSE_MS", 500);
const HOLD_SECONDS = num("SOAK_HOLD_SECONDS", 60);
const MAX_SECONDS = num("SOAK_MAX_SECONDS", 360);
const PROBE_INTERVAL_MS = num("SOAK_PROBE_INTERVAL_MS", 5000);
const SAMPLE_MS = 1000;
const READ_MS = 500;
const HEALTH_POLL_MS = 5000;
const IDLE_MIN_MS = 4 * PROBE_INTERVAL_MS;
const DOMAIN = "soak.example";
const PASSWORD = "meadow-trickle-77";

const runStarted = performance.now();
const settings = {
  INSTANCE_PORT_RANGE_START: "47000",
  INSTANCE_PORT_RANGE_END: "47099",
  WORKER_CONCURRENCY: String(IN_FLIGHT * 2),
  HEALTH_PROBE_INTERVAL_MS: String(PROBE_INTERVAL_MS),
  // Nothing else scheduled should run during the few minutes of the soak.
  BACKUP_VERIFY: "false",
  SYNC_INTERVAL_MS: "3600000",
  AUTH_RATE_LIMIT_PER_MINUTE: "1000",
};

type Phase = "setup" | "idle" | "ramp" | "provision" | "hold" | "check" | "after" | "done";
const SOAK_PHASES: Phase[] = ["ramp", "provision", "hold"];
let phase: Phase = "setup";
const phaseStarted = new Map<Phase, number>();
const phaseEnded = new Map<Phase, number>();
function enter(p: Phase) {
  phaseEnded.set(phase, performance.now());
  phase = p;
  phaseStarted.set(p, performance.now());
}

// The wall-clock cap: every phase races it; loops also watch `stopped`.
class TimeCapHit extends Error {}
let stopped = false;
let capHitIn: Phase | null = null;
const cap = new Promise<never>((_, reject) => {
  setTimeout(
    () => {
      capHitIn = phase;
      stopped = true;
      reject(new TimeCapHit(`the ${MAX_SECONDS} s time cap was hit during the ${phase} phase`));
    },
    MAX_SECONDS * 1000 - (performance.now() - runStarted),
  ).unref();
});
cap.catch(() => undefined);
const capped = <T>(p: Promise<T>) => Promise.race([p, cap]);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.max(0, Math.ceil(q * s.length) - 1)] ?? Number.NaN) : Number.NaN;
};
const p50 = (xs: number[]) => quantile(xs, 0.5);
const p99 = (xs: number[]) => quantile(xs, 0.99);

// The worker runs in its own process, as in production.
const bench = await startBench({ name: "soak", redisDb: num("SOAK_REDIS_DB", 6), env: settings });
const { address, core, runtime, worker } = bench;
let clients: ChildProcess | null = null;

interface Timed {
  ms: number;
  ok: boolean;
  phase: Phase;
  status: number;
  json: Record<string, any>;
}

async function http(method: string, url: string, body?: unknown, token?: string): Promise<Timed> {
  const at = phase;
  const t0 = performance.now();
  try {
    const { status, json } = await bench.request(method, url, body, { token });
    return { ms: performance.now() - t0, ok: status < 400, phase: at, status, json };
  } catch (err) {
    return { ms: performance.now() - t0, ok: false, phase: at, status: 0, json: { error: String(err) } };
  }
}

const must = bench.must;

// Samplers: Prosody's process, the read routes, the health verdict.
interface ProcSample {
  t: number;
  phase: Phase;
  pid: number;
  rssBytes: number;
  cpuTicks: number;
  fds: number;
}
const procSamples: ProcSample[] = [];
const reads: Timed[] = [];
const healthReads: (Timed & { health: string; reasons: string[] })[] = [];
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

function readProc(pid: number): Omit<ProcSample, "t" | "phase"> | null {
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime: fields 14 and 15 of stat, 12th and 13th after the state.
    const cpuTicks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    return { pid, rssBytes: Number(rss ?? 0) * 1024, cpuTicks, fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return null;
  }
}

function prosodyPid(instanceId: string): number {
  return Number(readFileSync(runtime.paths(instanceId).pidfile, "utf8").trim());
}

function startSamplers(instanceId: string, token: string) {
  let running = true;
  const loops = [
    (async () => {
      while (running) {
        const s = readProc(prosodyPid(instanceId));
        if (s) procSamples.push({ t: performance.now(), phase, ...s });
        await sleep(SAMPLE_MS);
      }
    })(),
    (async () => {
      while (running) {
        reads.push(await http("GET", `/api/v1/instances/${instanceId}`, undefined, token));
        await sleep(READ_MS);
      }
    })(),
    (async () => {
      while (running) {
        const r = await http("GET", `/api/v1/instances/${instanceId}/health?range=1h`, undefined, token);
        const reasons = ((r.json.reasons ?? []) as { code: string }[]).map((x) => x.code);
        healthReads.push({ ...r, health: r.ok ? String(r.json.status) : `http ${r.status}`, reasons });
        await sleep(HEALTH_POLL_MS);
      }
    })(),
  ];
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

// Provisioning through the API, IN_FLIGHT at a time.
const provisioned: Timed[] = [];
const provisionErrors: string[] = [];
async function provision(domainId: string, token: string, prefix: string, count: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, count) }, async () => {
      while (next < count && !stopped) {
        const i = next++;
        const r = await http(
          "POST",
          `/api/v1/domains/${domainId}/accounts?wait=60`,
          { localpart: `${prefix}${i}`, password: PASSWORD },
          token,
        );
        if (stopped) return;
        const op = r.json.operation as { status?: string; error?: unknown } | undefined;
        r.ok = r.ok && op?.status === "succeeded";
        provisioned.push(r);
        if (!r.ok && provisionErrors.length < 5)
          provisionErrors.push(
            `${prefix}${i}: ${r.status} ${String(r.json.detail ?? JSON.stringify(op?.error ?? r.json)).slice(0, 200)}`,
          );
      }
    }),
  );
}

// The client sessions' process.
const disconnects: { phase: Phase; reason: string }[] = [];
let clientsExited: string | null = null;
const clientWaiters = new Map<string, (m: FromClients) => void>();
function startClients() {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "bench/soak-clients.ts")], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.on("message", (m: FromClients) => {
    if (m.type === "disconnect") disconnects.push({ phase, reason: m.reason });
    else if (m.type === "progress" && process.stdout.isTTY)
      process.stdout.write(`\r  sessions open: ${m.open}, failed: ${m.failed}   `);
    clientWaiters.get(m.type)?.(m);
  });
  child.on("exit", (code, sig) => {
    clientsExited = `the client process exited (${sig ?? code})`;
    for (const w of clientWaiters.values()) w({ type: "closed" });
  });
  return child;
}
function ask<T extends FromClients["type"]>(cmd: ToClients, reply: T): Promise<Extract<FromClients, { type: T }>> {
  return new Promise((resolve, reject) => {
    clientWaiters.set(reply, (m) => {
      clientWaiters.delete(reply);
      if (m.type === reply) resolve(m as Extract<FromClients, { type: T }>);
      else reject(new Error(clientsExited ?? "the client process went away"));
    });
    clients?.send(cmd);
  });
}

let instanceId = "";
let opened: Extract<FromClients, { type: "opened" }> | null = null;
let checked: Extract<FromClients, { type: "checked" }> | null = null;
let clientsClosed = false;
let failure: string | null = null;
let stopSamplers: (() => Promise<void>) | null = null;
let accountsOnServer: number | null = null;
let prosodyFileLimit: number | null = null;
let domainId = "";
let token = "";

try {
  await capped(
    (async () => {
      const tenant = await bench.tenant("Soak", { accountQuota: 100_000 });
      token = tenant.token;
      const inst = await must("POST", `/api/v1/tenants/${tenant.id}/instances?wait=60`, { name: "soak" }, token);
      instanceId = inst.instance.id as string;
      const dom = await must("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, { name: DOMAIN }, token);
      domainId = dom.domain.id as string;

      // The baseline starts on a settled server: the first probe after the domain was applied says healthy.
      for (let i = 0; ; i++) {
        const h = await http("GET", `/api/v1/instances/${instanceId}/health?range=1h`, undefined, token);
        if (h.json.status === "healthy") break;
        if (i * 500 > 6 * PROBE_INTERVAL_MS)
          throw new Error(`the server is not healthy: ${JSON.stringify(h.json.reasons)}`);
        await sleep(500);
      }

      // Prosody inherits its open-file limit from the worker (Node raises its soft limit to the hard one).
      const limit = /Max open files\s+(\d+|unlimited)/.exec(
        readFileSync(`/proc/${prosodyPid(instanceId)}/limits`, "utf8"),
      )?.[1];
      prosodyFileLimit = limit === "unlimited" ? Number.POSITIVE_INFINITY : Number(limit);
      if (prosodyFileLimit < CONNECTIONS + 200)
        throw new Error(
          `Prosody may open only ${prosodyFileLimit} files, too few for ${CONNECTIONS} sessions; raise the hard limit (ulimit -Hn) for this shell`,
        );
    })(),
  );

  // Warm-up, not measured: the first requests pay for connection pools, JIT and Prosody's first writes.
  await capped(provision(domainId, token, "warm", WARMUP_ACCOUNTS));
  provisioned.length = 0;
  // The idle baseline: the platform with no sessions held, same provisioning concurrency and read polling.
  console.log(`idle baseline: ${BASELINE_ACCOUNTS} accounts through the API, ${IN_FLIGHT} in flight ...`);
  enter("idle");
  stopSamplers = startSamplers(instanceId, token);
  await capped(Promise.all([provision(domainId, token, "base", BASELINE_ACCOUNTS), sleep(IDLE_MIN_MS)]));
  const caPem = await fetch(`${address}/api/v1/ca.pem`).then((r) => r.text());

  enter("ramp");
  const perAccount = Math.ceil(CONNECTIONS / LOGIN_ACCOUNTS);
  console.log(
    `opening ${CONNECTIONS} sessions (${LOGIN_ACCOUNTS} accounts x ${perAccount} resources, ${OPEN_BATCH} at a time) ...`,
  );
  clients = startClients();
  const instRow = await core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  const open: OpenCommand = {
    type: "open",
    host: "127.0.0.1",
    port: portsOf(instRow).c2sPort,
    domain: DOMAIN,
    ca: caPem,
    accounts: Array.from({ length: LOGIN_ACCOUNTS }, (_, i) => ({ username: `base${i}`, password: PASSWORD })),
    connections: CONNECTIONS,
    batch: OPEN_BATCH,
    pauseMs: OPEN_PAUSE_MS,
    keepaliveMs: 60_000,
  };
  opened = await capped(ask(open, "opened"));
  if (process.stdout.isTTY) process.stdout.write("\n");
  console.log(`  ${opened.open} sessions open, ${opened.failed} failed`);
  if (opened.failed > 0) console.log(`  failed logins, first ones: ${opened.errors.join("; ")}`);

  enter("provision");
  console.log(`provisioning ${ACCOUNTS} accounts through the API with the sessions held ...`);
  await capped(provision(domainId, token, "soak", ACCOUNTS));

  enter("hold");
  console.log(`holding for ${HOLD_SECONDS} s ...`);
  await capped(sleep(HOLD_SECONDS * 1000));

  enter("check");
  checked = await capped(ask({ type: "check", timeoutMs: 15_000 }, "checked"));
  await capped(ask({ type: "close" }, "closed"));
  clientsClosed = true;

  // The idle baseline again, with the sessions gone: how far the platform drifted during the run.
  enter("after");
  console.log(`idle again: ${BASELINE_ACCOUNTS} accounts through the API ...`);
  await capped(Promise.all([provision(domainId, token, "post", BASELINE_ACCOUNTS), sleep(IDLE_MIN_MS)]));
  const driver = createDriver("prosody", {
    kind: "socket",
    path: path.join(runtime.layout(instanceId).dir, "admin.sock"),
  });
  try {
    const list = await capped(driver.listAccounts(DOMAIN));
    accountsOnServer = list.filter((a) => /^(warm|base|soak|post)\d+(@|$)/.test(a)).length;
  } finally {
    await driver.close();
  }
} catch (err) {
  failure = err instanceof Error ? err.message : String(err);
  if (!(err instanceof TimeCapHit)) console.error(err);
}
enter("done");
await stopSamplers?.();

// Figures.
const provOps = await core.db.operation.groupBy({
  by: ["status"],
  where: { type: { contains: "account" } },
  _count: true,
});
const failedOpsInDb = await core.db.operation.count({ where: { status: "failed" } });
const unfinishedOps = await core.db.operation.count({ where: { status: { in: ["queued", "running"] } } });
const window = (p: Phase[]) => ({
  from: Math.min(...p.map((x) => phaseStarted.get(x) ?? Number.POSITIVE_INFINITY)),
  to: Math.max(...p.map((x) => phaseEnded.get(x) ?? 0)),
});
const soakWindow = window(SOAK_PHASES);
const toDate = (t: number) => new Date(performance.timeOrigin + t);
async function probeVerdicts(p: Phase[]) {
  const w = window(p);
  if (!instanceId || !Number.isFinite(w.from) || w.to <= w.from) return { counts: {}, reasons: [], maxSessions: null };
  const rows = await core.db.healthSample.findMany({
    where: { instanceId, at: { gte: toDate(w.from), lte: toDate(w.to) } },
    select: { status: true, reasons: true, onlineUsers: true },
  });
  const counts: Record<string, number> = {};
  const reasons = new Set<string>();
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    for (const x of (r.reasons ?? []) as { code?: string }[]) if (x.code) reasons.add(x.code);
  }
  const sessions = rows.map((r) => r.onlineUsers).filter((n): n is number => n !== null);
  return { counts, reasons: [...reasons], maxSessions: sessions.length ? Math.max(...sessions) : null };
}
const probesIdle = await probeVerdicts(["idle"]);
const probesSoak = await probeVerdicts(SOAK_PHASES);
const probesAfter = await probeVerdicts(["after"]);
const healthPolls = (p: Phase[]) => {
  const counts: Record<string, number> = {};
  for (const h of healthReads.filter((x) => p.includes(x.phase))) {
    const key = h.health === "healthy" ? h.health : `${h.health} (${h.reasons.join(" ") || "no reason"})`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

function procFigures(p: Phase[]) {
  const s = procSamples.filter((x) => p.includes(x.phase));
  const first = s[0];
  const last = s.at(-1);
  if (!first || !last) return null;
  let cpuTicks = 0;
  let peakPct = 0;
  let prev = first;
  for (const x of s.slice(1)) {
    // A new pid is a restarted server: its ticks start again from zero.
    const d = x.pid === prev.pid ? x.cpuTicks - prev.cpuTicks : x.cpuTicks;
    cpuTicks += d;
    peakPct = Math.max(peakPct, ((d / CLK_TCK) * 100_000) / (x.t - prev.t));
    prev = x;
  }
  const seconds = (last.t - first.t) / 1000;
  const rss = s.map((x) => x.rssBytes);
  return {
    seconds,
    samples: s.length,
    rssMiB: { min: Math.min(...rss) / 2 ** 20, median: p50(rss) / 2 ** 20, max: Math.max(...rss) / 2 ** 20 },
    cpuSeconds: cpuTicks / CLK_TCK,
    cpuPctAvg: seconds > 0 ? (cpuTicks / CLK_TCK / seconds) * 100 : Number.NaN,
    cpuPctPeak: peakPct,
    fdsMax: Math.max(...s.map((x) => x.fds)),
    pids: [...new Set(s.map((x) => x.pid))],
  };
}
const latency = (xs: Timed[]) => ({ n: xs.length, p50: p50(xs.map((x) => x.ms)), p99: p99(xs.map((x) => x.ms)) });
type Latency = ReturnType<typeof latency>;
const provIdle = latency(provisioned.filter((x) => x.phase === "idle"));
const provAfter = latency(provisioned.filter((x) => x.phase === "after"));
const readAfter = latency(reads.filter((x) => x.phase === "after"));
const healthAfter = latency(healthReads.filter((x) => x.phase === "after"));
const provSoak = latency(provisioned.filter((x) => x.phase === "provision"));
const readIdle = latency(reads.filter((x) => x.phase === "idle"));
const readSoak = latency(reads.filter((x) => SOAK_PHASES.includes(x.phase)));
const healthIdle = latency(healthReads.filter((x) => x.phase === "idle"));
const healthSoak = latency(healthReads.filter((x) => SOAK_PHASES.includes(x.phase)));
const failedProvisioning = provisioned.filter((x) => !x.ok).length;
const failedReads = [...reads, ...healthReads].filter((x) => !x.ok).length;
const procIdle = procFigures(["idle"]);
const procSoak = procFigures(SOAK_PHASES);
const procHold = procFigures(["hold"]);
const procAfter = procFigures(["after"]);
const allPids = new Set(procSamples.map((x) => x.pid));
const wallSeconds = (performance.now() - runStarted) / 1000;
const soakProbeTotal = Object.values(probesSoak.counts).reduce((a, b) => a + b, 0);
const soakHealthy = probesSoak.counts.healthy ?? 0;
const sessionsHeld = opened?.open ?? 0;
const rssPerSessionKiB =
  procIdle && procHold && sessionsHeld
    ? ((procHold.rssMiB.median - procIdle.rssMiB.median) * 1024) / sessionsHeld
    : null;

const fmt = (n: number | null | undefined, d = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? "-" : n.toFixed(d);
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}x` : "-");
const counts = (c: Record<string, number>) =>
  Object.keys(c).length
    ? Object.entries(c)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")
    : "none";

console.log(
  `\nbench:soak — ${CONNECTIONS} XMPP sessions (${LOGIN_ACCOUNTS} accounts x ${Math.ceil(CONNECTIONS / LOGIN_ACCOUNTS)} resources) held on one Prosody server while ${ACCOUNTS} accounts are provisioned through the API (${IN_FLIGHT} in flight), probed every ${PROBE_INTERVAL_MS / 1000} s`,
);
if (capHitIn)
  console.log(`  TIME CAP HIT: ${MAX_SECONDS} s reached during the ${capHitIn} phase; the figures are partial`);
else if (failure) console.log(`  RUN FAILED: ${failure}`);
console.log(
  "  phase       seconds  Prosody RSS MiB min/med/max  CPU s  CPU % of a core avg/peak  open fds  GET instance p50/p99 ms",
);
for (const p of ["idle", ...SOAK_PHASES, "after"] as Phase[]) {
  const f = procFigures([p]);
  const r = latency(reads.filter((x) => x.phase === p));
  const secs = ((phaseEnded.get(p) ?? 0) - (phaseStarted.get(p) ?? 0)) / 1000;
  console.log(
    `  ${p.padEnd(10)} ${fmt(Math.max(0, secs), 0).padStart(8)}  ${`${fmt(f?.rssMiB.min)} / ${fmt(f?.rssMiB.median)} / ${fmt(f?.rssMiB.max)}`.padStart(27)}  ${fmt(f?.cpuSeconds).padStart(5)}  ${`${fmt(f?.cpuPctAvg, 0)} / ${fmt(f?.cpuPctPeak, 0)}`.padStart(24)}  ${String(f?.fdsMax ?? "-").padStart(8)}  ${`${fmt(r.p50)} / ${fmt(r.p99)}`.padStart(23)}`,
  );
}
console.log(
  "\n  API latency, ms: p50 / p99 (n)        idle at start            under soak        idle at end  soak/start-idle p50 / p99",
);
for (const [label, idle, soak, after] of [
  ["POST /domains/:id/accounts?wait=60", provIdle, provSoak, provAfter],
  ["GET /instances/:id", readIdle, readSoak, readAfter],
  ["GET /instances/:id/health", healthIdle, healthSoak, healthAfter],
] as const) {
  const cell = (x: typeof idle) => `${fmt(x.p50)} / ${fmt(x.p99)} (${x.n})`.padStart(19);
  console.log(
    `  ${label.padEnd(36)} ${cell(idle)}  ${cell(soak)}  ${cell(after)}  ${`${ratio(soak.p50, idle.p50)} / ${ratio(soak.p99, idle.p99)}`.padStart(25)}`,
  );
}
console.log(
  `\n  failed operations: ${failedProvisioning} of ${provisioned.length} provisioning requests; ${failedOpsInDb} failed and ${unfinishedOps} unfinished in the database (goal 0); failed read requests: ${failedReads}`,
);
if (provisionErrors.length) console.log(`    first errors: ${provisionErrors.join("; ")}`);
console.log(
  `  sessions: ${sessionsHeld} of ${CONNECTIONS} logged in (${opened?.failed ?? "-"} failed), login p50 ${fmt(p50(opened?.loginMs ?? []), 0)} ms, p99 ${fmt(p99(opened?.loginMs ?? []), 0)} ms; disconnects during the run: ${disconnects.length} (goal 0)${disconnects.length ? ` — ${[...new Set(disconnects.map((d) => `${d.reason} in ${d.phase}`))].join(", ")}` : ""}`,
);
console.log(
  `  at the end: ${checked?.alive ?? "-"} of ${sessionsHeld} sessions answered a ping (p50 ${fmt(p50(checked?.rttMs ?? []))} ms, p99 ${fmt(p99(checked?.rttMs ?? []))} ms); Prosody counted up to ${probesSoak.maxSessions ?? "-"} c2s sessions`,
);
console.log(
  `  probe verdicts (health samples): idle ${counts(probesIdle.counts)}; soak ${counts(probesSoak.counts)} (goal all healthy); idle at end ${counts(probesAfter.counts)}${probesSoak.reasons.length ? `; reasons under soak: ${probesSoak.reasons.join(", ")}` : ""}`,
);
console.log(
  `  status polled through the API every ${HEALTH_POLL_MS / 1000} s: idle ${counts(healthPolls(["idle"]))}; soak ${counts(healthPolls(SOAK_PHASES))}; idle at end ${counts(healthPolls(["after"]))}`,
);
console.log(
  `  Prosody: RSS idle ${fmt(procIdle?.rssMiB.median)} MiB, under soak ${fmt(procSoak?.rssMiB.min)} / ${fmt(procSoak?.rssMiB.median)} / ${fmt(procSoak?.rssMiB.max)} MiB (min/median/max, ${procSoak?.samples ?? 0} samples), ${fmt(procAfter?.rssMiB.median)} MiB with the sessions closed; ${fmt(rssPerSessionKiB)} KiB per held session (hold - idle medians); CPU over the soak ${fmt(procSoak?.cpuSeconds)} s in ${fmt(procSoak?.seconds, 0)} s = ${fmt(procSoak?.cpuPctAvg, 0)}% of one core (idle phase ${fmt(procIdle?.cpuPctAvg, 0)}%); process ids seen: ${allPids.size} (goal 1); open-file limit ${prosodyFileLimit ?? "-"}`,
);
console.log(
  `  accounts on the server: ${accountsOnServer ?? "-"} of ${WARMUP_ACCOUNTS + 2 * BASELINE_ACCOUNTS + ACCOUNTS}; account operations by status: ${provOps.map((o) => `${o.status} ${o._count}`).join(", ")}`,
);
console.log(
  `  wall time: ${fmt(wallSeconds, 0)} s (cap ${MAX_SECONDS} s); soak window ${fmt(Math.max(0, soakWindow.to - soakWindow.from) / 1000, 0)} s`,
);

const goals = {
  noFailedOperations:
    failedProvisioning === 0 && failedOpsInDb === 0 && provisioned.length === 2 * BASELINE_ACCOUNTS + ACCOUNTS,
  allSessionsHeld: sessionsHeld === CONNECTIONS && disconnects.length === 0 && checked?.alive === sessionsHeld,
  probesHealthy: soakProbeTotal > 0 && soakHealthy === soakProbeTotal,
  oneServerProcess: allPids.size === 1,
  withinTimeCap: capHitIn === null,
};
const met = Object.values(goals).every(Boolean) && failure === null;
console.log(
  `  goals: ${met ? "met" : "NOT met"} (${Object.entries(goals)
    .map(([k, v]) => `${k} ${v ? "yes" : "NO"}`)
    .join(", ")})`,
);

/** A route's latency idle at the start, under soak and idle at the end, with the soak's ratios to the start. */
const drift = (idle: Latency, soak: Latency, idleAtEnd: Latency) => ({
  idle,
  soak,
  idleAtEnd,
  ratioP50: soak.p50 / idle.p50,
  ratioP99: soak.p99 / idle.p99,
});

const report = {
  bench: "soak",
  at: new Date().toISOString(),
  config: {
    CONNECTIONS,
    ACCOUNTS,
    LOGIN_ACCOUNTS,
    BASELINE_ACCOUNTS,
    IN_FLIGHT,
    OPEN_BATCH,
    HOLD_SECONDS,
    MAX_SECONDS,
  },
  wallSeconds,
  capHitIn,
  failure,
  goals,
  failedOperations: { provisioning: failedProvisioning, inDatabase: failedOpsInDb, unfinished: unfinishedOps },
  failedReads,
  sessions: {
    held: sessionsHeld,
    failedLogins: opened?.failed ?? null,
    loginMs: { p50: p50(opened?.loginMs ?? []), p99: p99(opened?.loginMs ?? []) },
    disconnects: disconnects.length,
    answeredPingAtEnd: checked?.alive ?? null,
    prosodyCountedMax: probesSoak.maxSessions,
  },
  probes: {
    idle: probesIdle,
    soak: probesSoak,
    idleAtEnd: probesAfter,
    polled: { idle: healthPolls(["idle"]), soak: healthPolls(SOAK_PHASES), idleAtEnd: healthPolls(["after"]) },
  },
  prosody: {
    idle: procIdle,
    soak: procSoak,
    idleAtEnd: procAfter,
    rssPerSessionKiB,
    fileLimit: prosodyFileLimit,
  },
  apiLatencyMs: {
    provisioning: drift(provIdle, provSoak, provAfter),
    getInstance: drift(readIdle, readSoak, readAfter),
    getHealth: drift(healthIdle, healthSoak, healthAfter),
  },
  accountsOnServer,
};
const out = path.join(repoRoot, "test-artifacts", "bench-soak.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`  figures: ${path.relative(repoRoot, out)}`);
if (!met) process.exitCode = 1;

// Cleanup; a hang here must not outlive the cap by much.
setTimeout(() => {
  console.error("bench:soak: cleanup took over 60 s; exiting");
  process.exit(1);
}, 60_000).unref();
if (clients && clientsExited === null && !clientsClosed) {
  await Promise.race([ask({ type: "close" }, "closed").catch(() => undefined), sleep(10_000)]);
}
if (clients && clientsExited === null) {
  clients.disconnect();
  clients.kill("SIGTERM");
}
await new Promise<void>((resolve) => {
  if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
  const t = setTimeout(() => worker.kill("SIGKILL"), 15_000);
  worker.once("exit", () => {
    clearTimeout(t);
    resolve();
  });
  worker.kill("SIGTERM");
});
await bench.close();
