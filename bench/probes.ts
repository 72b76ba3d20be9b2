// npm run bench:probes — one worker probing a fleet of 200 targets (200 virtual hosts over 4 Prosody
// instances, each host with its own probe account), through BullMQ like the real probe jobs: per
// target connect, STARTTLS, SCRAM login, bind and ping, and one HealthSample row; per instance (once a
// round) process stats, /metrics and the s2s port. The baseline is a bare TCP connect + STARTTLS loop over the same targets
// at the same concurrency, in the same run. Prints probes per second, round time against the probe
// interval, and the CPU the probing process used.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fetchServedCertificate, InternalCa } from "@xmpp-host/acme";
import { SecretBox } from "@xmpp-host/core";
import { disconnectAll, getDb } from "@xmpp-host/db";
import { probeXmpp, processStats, tcpReachable } from "@xmpp-host/health";
import { createRedis } from "@xmpp-host/queue";
import { type InstanceSpec, instanceHosts, LocalRuntime } from "@xmpp-host/runtime";
import { freePorts } from "@xmpp-host/runtime/testing";
import { createDriver, fetchProsodyMetrics } from "@xmpp-host/xmpp";
import { type Job, Queue, QueueEvents, Worker } from "bullmq";
import { resetDatabase } from "../tests/helpers/platform.ts";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 4);
const HOSTS_PER_INSTANCE = Number(process.env.BENCH_HOSTS_PER_INSTANCE ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const INTERVAL_MS = Number(process.env.HEALTH_PROBE_INTERVAL_MS ?? 60_000);

process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const redisUrl = `${(process.env.REDIS_URL ?? "").replace(/\/\d*$/, "")}/2`;
const dataRoot = mkdtempSync(path.join(tmpdir(), "xh-bp-"));
const runtime = new LocalRuntime({ dataRoot });
const secrets = new SecretBox(process.env.SECRETS_KEY ?? "7f".repeat(32));
const ca = await InternalCa.loadOrCreate(path.join(dataRoot, "ca"), secrets);
const db = getDb();
await resetDatabase();

interface Target {
  instanceId: string;
  pid: number | null;
  ports: InstanceSpec["ports"];
  domain: string;
  password: string;
}

console.log(`setting up ${INSTANCES} Prosody instances with ${HOSTS_PER_INSTANCE} virtual hosts each ...`);
const targets: Target[] = [];
const specs: InstanceSpec[] = [];
for (let i = 0; i < INSTANCES; i++) {
  const [c2s, s2s, http] = await freePorts(3);
  if (!c2s || !s2s || !http) throw new Error("no free ports");
  const spec: InstanceSpec = {
    id: `bench-${i}`,
    server: "prosody",
    ports: { c2s, s2s, http },
    bindAddress: "127.0.0.1",
    domains: Array.from({ length: HOSTS_PER_INSTANCE }, (_, h) => ({
      name: `h${h}.i${i}.bench.test`,
      registration: "closed" as const,
    })),
  };
  specs.push(spec);
  await runtime.writeConfig(spec);
  for (const d of spec.domains) {
    const cert = await ca.issue([d.name, `groups.${d.name}`, `share.${d.name}`]);
    await runtime.writeCertificate(spec.id, d.name, cert.certPem, cert.keyPem);
  }
  const t0 = performance.now();
  const { pid } = await runtime.start(spec);
  // A server with 150 hosts (each domain brings its MUC and upload hosts) is busy for a while after it
  // starts accepting connections: wait until its admin shell answers.
  let driver = createDriver("prosody", runtime.adminChannel(spec));
  for (let attempt = 1; ; attempt++) {
    try {
      await driver.serverInfo();
      break;
    } catch (err) {
      await driver.close();
      if (attempt >= 10) throw err;
      driver = createDriver("prosody", runtime.adminChannel(spec));
    }
  }
  await driver.applyHosts(instanceHosts(spec));
  console.log(`  ${spec.id}: ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const d of spec.domains) {
    const password = `probe-${d.name}`;
    await driver.createAccount(`xh-probe@${d.name}`, password);
    targets.push({ instanceId: spec.id, pid, ports: spec.ports, domain: d.name, password });
  }
  await driver.close();
}
const caPem = [ca.certPem];

/** What an instance-level check found: process, /metrics and s2s, read once per instance per round. */
const instanceChecks = new Map<
  string,
  { rssBytes: number | null; onlineUsers: number | null; s2s: boolean; http: boolean }
>();

async function checkInstance(spec: InstanceSpec) {
  const { pid } = await runtime.status(spec.id);
  const proc = await processStats(pid);
  const [http, s2s] = await Promise.all([
    fetchProsodyMetrics("127.0.0.1", spec.ports.http),
    tcpReachable("127.0.0.1", spec.ports.s2s),
  ]);
  instanceChecks.set(spec.id, {
    rssBytes: proc.rssBytes,
    onlineUsers: http.metrics?.c2sConnections ?? null,
    s2s,
    http: http.reachable,
  });
}

/** One target's probe, as the worker's job does it: connect, STARTTLS, login, bind, ping, and a sample row. */
async function probe(t: Target) {
  const r = await probeXmpp({
    host: "127.0.0.1",
    port: t.ports.c2s,
    domain: t.domain,
    username: "xh-probe",
    password: t.password,
    ca: caPem,
  });
  const inst = instanceChecks.get(t.instanceId);
  await db.healthSample.create({
    data: {
      instanceId: t.instanceId,
      status: r.ok ? "healthy" : "down",
      connectMs: r.connectMs ?? null,
      tlsMs: r.tlsMs ?? null,
      loginMs: r.loginMs ?? null,
      pingMs: r.pingMs ?? null,
      onlineUsers: inst?.onlineUsers ?? null,
      memoryBytes: inst?.rssBytes == null ? null : BigInt(inst.rssBytes),
      s2sReachable: inst?.s2s ?? null,
      httpReachable: inst?.http ?? null,
    },
  });
  if (!r.ok) throw new Error(`${t.domain}: ${r.failure?.step} ${r.failure?.message}`);
  return r.loginMs ?? 0;
}

/** CPU seconds of this process and wall seconds around `fn`. */
async function measure<T>(fn: () => Promise<T>) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallS, cpuS: (cpu.user + cpu.system) / 1e6 };
}

/** Prosody's own CPU (all instances), from /proc/PID/stat, in seconds. */
async function prosodyCpuS(): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  let ticks = 0;
  for (const s of specs) {
    const { pid } = await runtime.status(s.id);
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

// Through BullMQ, as the worker runs probes.
const connection = createRedis(redisUrl);
await connection.flushdb();
const queue = new Queue("bench-probes", { connection, prefix: "xhb" });
const eventsConnection = connection.duplicate();
const workerConnection = connection.duplicate();
const events = new QueueEvents("bench-probes", { connection: eventsConnection, prefix: "xhb" });
await events.waitUntilReady();
let failures = 0;
const worker = new Worker(
  "bench-probes",
  async (job: Job<{ i: number }>) =>
    job.name === "instance.check"
      ? checkInstance(specs[job.data.i] as InstanceSpec)
      : probe(targets[job.data.i] as Target),
  { connection: workerConnection, prefix: "xhb", concurrency: CONCURRENCY },
);
worker.on("failed", (_job, err) => {
  failures++;
  if (failures < 5) console.error(`probe failed: ${err.message}`);
});

async function roundThroughQueue(round: number): Promise<number[]> {
  const logins: number[] = [];
  const done = new Promise<void>((resolve) => {
    let left = targets.length + specs.length;
    const onEnd = (args: { jobId: string; returnvalue?: unknown }) => {
      if (!args.jobId.startsWith(`r${round}-`)) return;
      if (typeof args.returnvalue === "number") logins.push(args.returnvalue);
      if (--left === 0) {
        events.off("completed", onEnd as never);
        events.off("failed", onEnd as never);
        resolve();
      }
    };
    events.on("completed", onEnd as never);
    events.on("failed", onEnd as never);
  });
  await queue.addBulk([
    ...specs.map((_, i) => ({
      name: "instance.check",
      data: { i },
      opts: { jobId: `r${round}-instance-${i}`, removeOnComplete: true, removeOnFail: true },
    })),
    ...targets.map((_, i) => ({
      name: "instance.probe",
      data: { i },
      opts: { jobId: `r${round}-${i}`, removeOnComplete: true, removeOnFail: true },
    })),
  ]);
  await done;
  return logins;
}

/** The baseline: TCP connect + STARTTLS to each target, same concurrency, no queue, no database. */
async function baselineRound(): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < targets.length) {
        const t = targets[next++] as Target;
        await fetchServedCertificate({ host: "127.0.0.1", port: t.ports.c2s, domain: t.domain, caPem: ca.certPem });
      }
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

await roundThroughQueue(0); // warm-up: connections, JIT, Prosody's caches
await baselineRound();
const probeRounds: { wallS: number; cpuS: number; prosodyS: number; logins: number[] }[] = [];
const baseRounds: { wallS: number; cpuS: number; prosodyS: number }[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  const p0 = await prosodyCpuS();
  const m = await measure(() => roundThroughQueue(r));
  const p1 = await prosodyCpuS();
  probeRounds.push({ wallS: m.wallS, cpuS: m.cpuS, prosodyS: p1 - p0, logins: m.value });
  const b = await measure(baselineRound);
  const p2 = await prosodyCpuS();
  baseRounds.push({ wallS: b.wallS, cpuS: b.cpuS, prosodyS: p2 - p1 });
}

const n = targets.length;
const wall = median(probeRounds.map((r) => r.wallS));
const cpu = median(probeRounds.map((r) => r.cpuS));
const baseWall = median(baseRounds.map((r) => r.wallS));
const baseCpu = median(baseRounds.map((r) => r.cpuS));
const logins = probeRounds.flatMap((r) => r.logins).sort((a, b) => a - b);
const pct = (q: number) => logins[Math.min(logins.length - 1, Math.floor(logins.length * q))] ?? Number.NaN;

console.log(
  `\nbench:probes — ${n} targets (${INSTANCES} Prosody instances x ${HOSTS_PER_INSTANCE} hosts), concurrency ${CONCURRENCY}, median of ${ROUNDS} rounds`,
);
console.log(
  `  full probe through BullMQ (+ sample row)    ${(n / wall).toFixed(1).padStart(8)} probes/s   round ${wall.toFixed(2)} s`,
);
console.log(
  `  baseline: TCP connect + STARTTLS           ${(n / baseWall).toFixed(1).padStart(8)} targets/s  round ${baseWall.toFixed(2)} s`,
);
console.log(`  ratio full probe / baseline (round time):  ${(wall / baseWall).toFixed(2)}`);
console.log(
  `  one round takes ${((wall * 1000 * 100) / INTERVAL_MS).toFixed(1)}% of the ${INTERVAL_MS / 1000} s probe interval`,
);
console.log(
  `  probing process CPU: ${cpu.toFixed(2)} s per round = ${((cpu / wall) * 100).toFixed(0)}% of one core while probing, ${((cpu * 1000) / n).toFixed(2)} ms per probe; averaged over the interval ${((cpu * 100 * 1000) / INTERVAL_MS).toFixed(1)}% of a core`,
);
console.log(`  baseline CPU: ${((baseCpu * 1000) / n).toFixed(2)} ms per target (ratio ${(cpu / baseCpu).toFixed(2)})`);
console.log(
  `  Prosody CPU per round: probes ${median(probeRounds.map((r) => r.prosodyS)).toFixed(2)} s, baseline ${median(baseRounds.map((r) => r.prosodyS)).toFixed(2)} s`,
);
console.log(
  `  login (SCRAM-SHA-1) ms: p50 ${pct(0.5).toFixed(1)}, p95 ${pct(0.95).toFixed(1)}, max ${(logins.at(-1) ?? 0).toFixed(1)}`,
);
console.log(`  failed probes: ${failures}`);

await worker.close();
await events.close();
await queue.close();
for (const c of [connection, eventsConnection, workerConnection]) c.disconnect();
for (const s of specs) await runtime.destroy(s.id);
await disconnectAll();
rmSync(dataRoot, { recursive: true, force: true });
