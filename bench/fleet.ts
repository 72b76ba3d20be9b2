// npm run bench:fleet — the platform at fleet scale: 10,000 tenants (one domain each) on 1,000 shared servers, in
// a real PostgreSQL (a database of its own, xmpphost_fleet, beside the test database, reset by the benchmark) and a
// real Redis (database 4, flushed), with the worker's real code run by BullMQ workers in 1, 2 and 4 processes. The
// managed servers themselves are SIMULATED: the worker's driver for them is an in-process stand-in that answers
// after BENCH_DRIVER_LATENCY_MS, and the health probes reach a minimal XMPP/HTTP/TCP stand-in in a process of its
// own (STARTTLS, SCRAM-SHA-1 and PLAIN, bind, ping; the real probe code runs against it unchanged).
// Measured: operations per second (account.create: the API's core service, then the worker's runOperation and
// handler), PostgreSQL statements per operation and per probe (counted where pg sends them), CPU per operation and
// per probe (worker, PostgreSQL, Redis), Redis memory per queued job, per kept job and per schedule, and the
// bytes per row of every table that grows with the fleet. Baselines in the same run: a no-op BullMQ job through the
// same Redis at the same concurrency, and SELECT 1 at the same concurrency. Then the fleet's needs, extrapolated
// with the stated assumptions: worker replicas, PostgreSQL size and load, Redis memory.
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import tls from "node:tls";
import { fileURLToPath } from "node:url";
import { COMPLIANCE_TESTS, scoreOf } from "@xmpp-host/compliance";
import { apiEnvSchema, loadEnv, workerEnvSchema } from "@xmpp-host/config";
import {
  COMPLIANCE_HISTORY_KEPT,
  createAccount,
  dnsTargetOf,
  PROBE_LOCALPART,
  platformSettings,
} from "@xmpp-host/core";
import { disconnectAll, getDb } from "@xmpp-host/db";
import { expectedRecords } from "@xmpp-host/dns";
import { RETENTION } from "@xmpp-host/health";
import { countJobFailure, createRedis, parseJob } from "@xmpp-host/queue";
import type { XmppServerDriver } from "@xmpp-host/xmpp";
import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import pg from "pg";
import { pino } from "pino";
import { createCoreContext } from "../apps/api/src/context.ts";
import { createWorkerContext } from "../apps/worker/src/context.ts";
import { scheduleDomainBackups } from "../apps/worker/src/processors/backups.ts";
import { scheduleCompliance } from "../apps/worker/src/processors/compliance.ts";
import { scheduleDnsCheck } from "../apps/worker/src/processors/dns.ts";
import { probeInstance, scheduleProbe } from "../apps/worker/src/processors/health.ts";
import { runOperation } from "../apps/worker/src/runner.ts";
import { resetDatabase } from "../tests/helpers/platform.ts";

// --- PostgreSQL statements, counted where the pg driver sends them (every Prisma query, BEGIN and COMMIT included)
const statements = new Map<string, number>();
{
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function countedQuery(this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === "string" ? q : ((q as { text?: string } | undefined)?.text ?? "");
    const kind = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "OTHER";
    statements.set(kind, (statements.get(kind) ?? 0) + 1);
    return original.apply(this, args);
  };
}
const statementCounts = (): Record<string, number> => Object.fromEntries(statements);
function statementsSince(before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of statements) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

// --- knobs
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TENANTS = num("BENCH_TENANTS", 10_000);
const INSTANCES = num("BENCH_INSTANCES", 1_000);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? "1,2,4").split(",").map(Number);
const OPS = num("BENCH_OPS", 300);
const NOOP_JOBS = num("BENCH_NOOP_JOBS", 2_000);
const API_IN_FLIGHT = num("BENCH_API_IN_FLIGHT", 16);
const LATENCY_MS = num("BENCH_DRIVER_LATENCY_MS", 5);
const PROBE_INSTANCES = Math.min(num("BENCH_PROBE_INSTANCES", 50), INSTANCES);
const PROBE_ROUNDS = num("BENCH_PROBE_ROUNDS", 2);
const ACCOUNTS_PER_TENANT = num("BENCH_ACCOUNTS_PER_TENANT", 3);
const SCHEDULE_SAMPLE = num("BENCH_SCHEDULE_SAMPLE", 2_000);
const REDIS_DB = num("BENCH_REDIS_DB", 4);
// Assumptions of the extrapolation.
const OPS_PER_TENANT_DAY = num("BENCH_OPS_PER_TENANT_DAY", 5);
const PEAK_FACTOR = num("BENCH_PEAK_FACTOR", 10);
const CHECK_PROBE_EQUIV = num("BENCH_CHECK_PROBE_EQUIV", 20);
const CPU_TARGET = num("BENCH_CPU_TARGET", 0.5);
const BLOAT = num("BENCH_BLOAT_FACTOR", 1.5);

const ROLE = process.env.BENCH_FLEET_ROLE ?? "main";
const BASE_DOMAIN = "fleet.test";
const PROBE_PASSWORD = "simulated-probe-password-1";
const NOOP_QUEUE = "fleet-noop";
const KEPT_QUEUE = "fleet-kept";
const PASSWORD = "river-stone-42";

type Kind = "ops" | "noop" | "probes";
type ToWorker = { cmd: "start"; kind: Kind; serversPid?: number } | { cmd: "stop" } | { cmd: "exit" };
interface WorkerStats {
  completed: number;
  failed: number;
  cpuMs: number;
  statements: Record<string, number>;
  startedAt: number;
  lastDoneAt: number;
  jobMs: number[];
  outcomes: Record<string, number>;
  rssMb: number;
}
interface SimServer {
  index: number;
  domains: string[];
}
type ToServers =
  | { cmd: "listen"; servers: SimServer[]; certPem: string; keyPem: string }
  | { cmd: "cpu" }
  | { cmd: "exit" };

/** The stand-in for a managed server's admin channel: every command succeeds after `latencyMs`. */
function simulatedDriver(latencyMs: number): XmppServerDriver {
  const wait = () => (latencyMs > 0 ? sleep(latencyMs) : Promise.resolve());
  const answer =
    <T>(value: T) =>
    async (..._args: unknown[]): Promise<T> => {
      await wait();
      return value;
    };
  return {
    server: "prosody",
    ping: answer(undefined),
    serverInfo: answer({ software: "Prosody (simulated)", version: "0.12.4", uptimeSeconds: 3600, hosts: [] }),
    applyHosts: answer({ activated: [], deactivated: [] }),
    reload: answer(undefined),
    reloadCertificates: async (hosts: string[]) => {
      await wait();
      return hosts;
    },
    createAccount: answer<"created" | "existed">("created"),
    createAccounts: answer<Record<string, "created" | "existed">>({}),
    deleteAccount: answer<"deleted" | "absent">("deleted"),
    setPassword: answer(undefined),
    accountExists: answer(true),
    listAccounts: answer<string[]>([]),
    suspendAccount: answer(0),
    restoreAccount: answer<"restored" | "active">("restored"),
    suspendedAccounts: answer<string[]>([]),
    createRoom: answer<"created" | "existed">("created"),
    configureRoom: answer(undefined),
    setRoomMembers: answer(undefined),
    getRoom: answer(null),
    destroyRoom: answer<"destroyed" | "absent">("destroyed"),
    listRooms: answer([]),
    registerAccount: answer<"created" | "existed" | "taken">("created"),
    addRoomMember: answer<"added" | "existed">("added"),
    addBookmarks: answer(0),
    getBookmarks: answer([]),
    addMutualContacts: answer<"added" | "existed">("added"),
    roster: answer({}),
    putInvite: answer(undefined),
    getInvite: answer(null),
    deleteInvite: answer<"deleted" | "absent">("deleted"),
    inviteRegistrations: answer({}),
    onlineSessions: answer([]),
    expireHistory: answer(0),
    // Quiet servers: no federation traffic to report since the last probe.
    federationActivity: async (hosts: string[]) => {
      await wait();
      return Object.fromEntries(hosts.map((h) => [h, { seen: [], refused: [] }]));
    },
    close: async () => undefined,
  };
}

// ============================================================================================================
// Role "worker": one worker process. The worker's own context, with the simulated driver and a runtime stand-in
// that reports the simulated servers' process; BullMQ Workers as apps/worker/src/worker.ts builds them.
// ============================================================================================================
async function runWorkerProcess(): Promise<void> {
  const t0 = performance.now();
  const env = loadEnv(workerEnvSchema, process.env);
  const ctx = createWorkerContext(env, pino({ level: "warn" }));
  const driver = simulatedDriver(LATENCY_MS);
  ctx.driverFor = () => driver;
  ctx.forgetDriver = async () => undefined;
  await ctx.ca();
  const common = {
    prefix: "xh",
    lockDuration: env.WORKER_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(env.WORKER_LOCK_MS / 2)),
  };
  // As worker.ts's processor(): the payload read with the catalogue's schema, then the real handler.
  const processors: Record<Kind, { queue: string; concurrency: number; run: (job: Job) => Promise<unknown> }> = {
    ops: {
      queue: "operations",
      concurrency: env.WORKER_CONCURRENCY,
      run: async (job) => {
        const parsed = parseJob("operations", job.name, job.data);
        if (!parsed.ok) throw new UnrecoverableError(parsed.reason);
        return runOperation(ctx, job as Job<{ operationId: string }>);
      },
    },
    noop: { queue: NOOP_QUEUE, concurrency: env.WORKER_CONCURRENCY, run: async () => undefined },
    probes: {
      queue: "probes",
      concurrency: env.HEALTH_PROBE_CONCURRENCY,
      run: async (job) => {
        const parsed = parseJob("probes", job.name, job.data);
        if (!parsed.ok) throw new UnrecoverableError(parsed.reason);
        return probeInstance(ctx, (parsed.payload as { instanceId: string }).instanceId);
      },
    },
  };
  let current: { worker: Worker; cpu: NodeJS.CpuUsage; before: Record<string, number>; stats: WorkerStats } | null =
    null;
  const connection = ctx.queues.connection.duplicate();

  process.on("message", (msg: ToWorker) => {
    void (async () => {
      if (msg.cmd === "start") {
        if (msg.serversPid) {
          // The worker's own runtime, but every server is "running" as the simulated servers' process.
          const pid = msg.serversPid;
          ctx.runtime.status = async () => ({ running: true, pid });
        }
        const p = processors[msg.kind];
        const stats: WorkerStats = {
          completed: 0,
          failed: 0,
          cpuMs: 0,
          statements: {},
          startedAt: Date.now(),
          lastDoneAt: 0,
          jobMs: [],
          outcomes: {},
          rssMb: 0,
        };
        const worker = new Worker(p.queue, p.run, { ...common, connection, concurrency: p.concurrency });
        worker.on("completed", (job, value) => {
          stats.completed++;
          stats.lastDoneAt = Date.now();
          if (job.processedOn && job.finishedOn) stats.jobMs.push(job.finishedOn - job.processedOn);
          const status = (value as { status?: string } | undefined)?.status;
          if (status) stats.outcomes[status] = (stats.outcomes[status] ?? 0) + 1;
        });
        worker.on("failed", (_job, err) => {
          stats.failed++;
          stats.lastDoneAt = Date.now();
          if (stats.failed <= 3) console.error(`[worker ${process.pid}] job failed: ${err.message}`);
          countJobFailure(ctx.queues.connection, p.queue).catch(() => undefined);
        });
        current = { worker, cpu: process.cpuUsage(), before: statementCounts(), stats };
      } else if (msg.cmd === "stop" && current) {
        const { worker, cpu, before, stats } = current;
        current = null;
        const used = process.cpuUsage(cpu);
        await worker.close();
        stats.cpuMs = (used.user + used.system) / 1000;
        stats.statements = statementsSince(before);
        stats.rssMb = process.memoryUsage().rss / 1048576;
        process.send?.({ type: "stats", stats });
      } else if (msg.cmd === "exit") {
        connection.disconnect();
        await ctx.close();
        await disconnectAll();
        process.exit(0);
      }
    })().catch((err: unknown) => {
      console.error(`[worker ${process.pid}]`, err);
      process.exit(1);
    });
  });
  process.on("disconnect", () => process.exit(0));
  process.send?.({ type: "ready", startupMs: performance.now() - t0 });
}

// ============================================================================================================
// Role "servers": the simulated managed servers the probes reach. Per server: a c2s port speaking just enough XMPP
// for the platform's probe, certificate reads and federation check; an HTTP port with Prosody-style /metrics; an
// s2s port that accepts connections. One certificate (*.fleet.test, from the platform's internal CA) for all.
// ============================================================================================================
const NS_STREAM = "http://etherx.jabber.org/streams";
const hmac = (key: Buffer, data: string) => createHmac("sha1", key).update(data).digest();

function serveXmpp(socket: net.Socket, secureContext: tls.SecureContext, salt: Buffer, salted: Buffer): void {
  let io: net.Socket = socket;
  let stage: "plain" | "secure" | "authed" = "plain";
  let buf = "";
  let domain = "";
  let user = "user";
  let scram: { clientFirstBare: string; serverFirst: string } | null = null;
  const send = (s: string) => {
    if (!io.destroyed) io.write(s);
  };
  const features = () =>
    stage === "plain"
      ? "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>"
      : stage === "secure"
        ? "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>"
        : "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>";
  const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
  const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");
  const onData = (d: Buffer) => {
    buf += d.toString("utf8");
    pump();
  };
  /** Each rule handles one element at the start of the buffer; "upgrade" stops reading the plain socket. */
  const rules: [RegExp, (m: RegExpMatchArray) => "upgrade" | undefined][] = [
    [/^<\?xml[^>]*\?>/, () => undefined],
    [
      /^<stream:stream[^>]*>/,
      (m) => {
        domain = /to=['"]([^'"]+)['"]/.exec(m[0])?.[1] ?? domain;
        send(
          `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS_STREAM}' id='${randomBytes(8).toString("hex")}' from='${domain}' version='1.0' xml:lang='en'>${features()}`,
        );
        return undefined;
      },
    ],
    [
      /^<starttls[^>]*\/>/,
      () => {
        socket.removeListener("data", onData);
        send("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        return "upgrade";
      },
    ],
    [
      /^<auth[^>]*mechanism=['"]([^'"]+)['"][^>]*>([^<]*)<\/auth>/,
      (m) => {
        if (m[1] === "PLAIN") {
          user = unb64(m[2] ?? "").split("\0")[1] ?? user;
          stage = "authed";
          send("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
          return undefined;
        }
        const clientFirstBare = unb64(m[2] ?? "").replace(/^[^,]*,[^,]*,/, "");
        user = /(?:^|,)n=([^,]+)/.exec(clientFirstBare)?.[1] ?? user;
        const nonce = /(?:^|,)r=([^,]+)/.exec(clientFirstBare)?.[1] ?? "";
        const serverFirst = `r=${nonce}${randomBytes(12).toString("base64")},s=${salt.toString("base64")},i=4096`;
        scram = { clientFirstBare, serverFirst };
        send(`<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${b64(serverFirst)}</challenge>`);
        return undefined;
      },
    ],
    [
      /^<response[^>]*>([^<]*)<\/response>/,
      (m) => {
        // The server signature is right for the probe account's password; the client's proof is not checked.
        const withoutProof = unb64(m[1] ?? "").replace(/,p=.*$/, "");
        const authMessage = `${scram?.clientFirstBare},${scram?.serverFirst},${withoutProof}`;
        const signature = hmac(hmac(salted, "Server Key"), authMessage);
        stage = "authed";
        send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${b64(`v=${signature.toString("base64")}`)}</success>`);
        return undefined;
      },
    ],
    [
      /^<iq\b[^>]*?(?:\/>|>[\s\S]*?<\/iq>)/,
      (m) => {
        const id = /id=['"]([^'"]+)['"]/.exec(m[0])?.[1] ?? "";
        const resource = /<resource>([^<]*)<\/resource>/.exec(m[0])?.[1];
        if (resource !== undefined) {
          send(
            `<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>${user}@${domain}/${resource}</jid></bind></iq>`,
          );
        } else {
          const to = /to=['"]([^'"]+)['"]/.exec(m[0])?.[1] ?? domain;
          send(`<iq type='result' id='${id}' from='${to}'/>`);
        }
        return undefined;
      },
    ],
    [/^<presence\b[^>]*?(?:\/>|>[\s\S]*?<\/presence>)/, () => undefined],
    [
      /^<\/stream:stream>/,
      () => {
        send("</stream:stream>");
        io.end();
        return undefined;
      },
    ],
  ];
  function pump(): void {
    for (;;) {
      buf = buf.replace(/^\s+/, "");
      if (!buf) return;
      let handled = false;
      for (const [re, handle] of rules) {
        const m = buf.match(re);
        if (!m) continue;
        buf = buf.slice(m[0].length);
        handled = true;
        if (handle(m) === "upgrade") {
          const secure = new tls.TLSSocket(socket, { isServer: true, secureContext });
          secure.on("error", () => secure.destroy());
          secure.on("data", onData);
          io = secure;
          stage = "secure";
          buf = "";
          return;
        }
        break;
      }
      if (!handled) return;
    }
  }
  socket.on("data", onData);
  socket.on("error", () => socket.destroy());
}

async function serveSimulatedServers(): Promise<void> {
  const listeners: net.Server[] = [];
  const listen = (server: net.Server) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
      listeners.push(server);
    });
  process.on("message", (msg: ToServers) => {
    void (async () => {
      if (msg.cmd === "listen") {
        const secureContext = tls.createSecureContext({ cert: msg.certPem, key: msg.keyPem });
        const ports: { c2s: number; s2s: number; http: number }[] = [];
        for (const s of msg.servers) {
          // Each server stores the probe account's SCRAM keys with a salt of its own, as Prosody does.
          const salt = createHash("sha1").update(`salt-${s.index}`).digest().subarray(0, 16);
          const salted = pbkdf2Sync(PROBE_PASSWORD, salt, 4096, 20, "sha1");
          const metrics = [
            "# TYPE prosody_mod_c2s__connections gauge",
            ...s.domains.map(
              (d, i) => `prosody_mod_c2s__connections{host="${d}",type="c2s",ip_family="ipv4"} ${i % 4}`,
            ),
            ...s.domains.map((d) => `prosody_mod_muc__live_room{host="groups.${d}"} 1`),
            "prosody_mod_s2s__connections_inbound 3",
            "prosody_mod_s2s__connections_outbound 2",
            "# EOF",
          ].join("\n");
          const c2s = await listen(net.createServer((sock) => serveXmpp(sock, secureContext, salt, salted)));
          const s2s = await listen(
            net.createServer((sock) => {
              sock.on("error", () => sock.destroy());
              sock.end();
            }),
          );
          const httpPort = await listen(
            http.createServer((_req, res) => {
              res.writeHead(200, { "content-type": "application/openmetrics-text" });
              res.end(metrics);
            }),
          );
          ports.push({ c2s, s2s, http: httpPort });
        }
        process.send?.({ type: "listening", ports });
      } else if (msg.cmd === "cpu") {
        const u = process.cpuUsage();
        process.send?.({ type: "cpu", ms: (u.user + u.system) / 1000 });
      } else if (msg.cmd === "exit") {
        for (const l of listeners) l.close();
        process.exit(0);
      }
    })().catch((err: unknown) => {
      console.error("[simulated servers]", err);
      process.exit(1);
    });
  });
  process.on("disconnect", () => process.exit(0));
  process.send?.({ type: "ready" });
}

// ============================================================================================================
// Role "main": seeds, drives the phases, measures and extrapolates.
// ============================================================================================================
const cuid = () => `c${randomBytes(12).toString("hex")}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (n: number, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "n/a";
const mib = (bytes: number) => bytes / 1048576;

/** CPU ms used so far by each PostgreSQL and Redis process on this machine (from /proc; 100 ticks a second). */
type ServiceCpu = Map<string, { service: "pg" | "redis"; ms: number }>;
function serviceCpu(): ServiceCpu {
  const out: ServiceCpu = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
    if (comm === "postgres") out.set(entry, { service: "pg", ms });
    else if (comm.startsWith("redis-server")) out.set(entry, { service: "redis", ms });
  }
  return out;
}

/** CPU ms the services used since `before`: per process, new ones counted whole (ones that ended are missed). */
function serviceCpuSince(before: ServiceCpu): { pg: number; redis: number } {
  const used = { pg: 0, redis: 0 };
  for (const [pid, now] of serviceCpu()) used[now.service] += Math.max(0, now.ms - (before.get(pid)?.ms ?? 0));
  return used;
}

/** Bytes Redis holds for the keys matching `pattern` (MEMORY USAGE of each, every element sampled). */
async function keysBytes(redis: Redis, pattern: string): Promise<{ bytes: number; keys: number }> {
  let cursor = "0";
  let bytes = 0;
  let keys = 0;
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (found.length) {
      const p = redis.pipeline();
      for (const k of found) p.call("MEMORY", "USAGE", k, "SAMPLES", "0");
      for (const [, v] of (await p.exec()) ?? []) bytes += Number(v ?? 0);
      keys += found.length;
    }
  } while (cursor !== "0");
  return { bytes, keys };
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1] ?? 0);
}

/**
 * The benchmark's own database on the test PostgreSQL server (BENCH_DATABASE_URL, or xmpphost_fleet beside the test
 * database), created and migrated here: tests that run meanwhile reset the test database, which would wipe the
 * seeded fleet in the middle of a run (and the run would wipe theirs).
 */
async function fleetDatabase(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
  const url = new URL(base);
  const name = "xmpphost_fleet";
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!found.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  execFileSync("npm", ["run", "--silent", "db:migrate"], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return url.toString();
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  process.env.DATABASE_URL = await fleetDatabase();
  const redisUrl = `${(process.env.REDIS_URL ?? "").replace(/\/\d*$/, "")}/${REDIS_DB}`;
  const dataRoot = mkdtempSync(path.join(tmpdir(), "xh-fleet-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: process.env.DATABASE_URL as string,
    REDIS_URL: redisUrl,
    DATA_ROOT: dataRoot,
    LOG_LEVEL: "warn",
    PLATFORM_BASE_DOMAIN: BASE_DOMAIN,
    PLATFORM_HOST: `xmpp.${BASE_DOMAIN}`,
    PLATFORM_IPV4: process.env.PLATFORM_IPV4 || "203.0.113.10",
    TURN_ENABLED: "false",
  };
  const apiEnv = loadEnv(apiEnvSchema, env);
  const workerEnv = loadEnv(workerEnvSchema, env);
  const db = getDb();
  await resetDatabase();
  const api = createCoreContext(apiEnv);
  const wctx = createWorkerContext(workerEnv, pino({ level: "warn" }));
  const redis = createRedis(redisUrl);
  await redis.flushdb();
  const fsync = (await db.$queryRawUnsafe<{ fsync: string }[]>("SHOW fsync"))[0]?.fsync;
  const pgVersion = (await db.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version"))[0]?.server_version;
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info("server"))?.[1] ?? "?";

  console.log(
    `bench:fleet — ${TENANTS} tenants (one domain each) on ${INSTANCES} shared servers; PostgreSQL ${pgVersion} (fsync ${fsync}), Redis ${redisVersion}`,
  );
  console.log("  the managed servers are SIMULATED (driver stand-in, probe targets stand-in); the rest is real");

  // --- seed ---------------------------------------------------------------------------------------------------
  const seedStarted = performance.now();
  const ca = await wctx.ca();
  const sample = await ca.issue([
    `family0.${BASE_DOMAIN}`,
    `groups.family0.${BASE_DOMAIN}`,
    `share.family0.${BASE_DOMAIN}`,
  ]);
  const keyEncrypted = api.core.secrets.encrypt(sample.keyPem);
  const now = Date.now();
  const users = Array.from({ length: TENANTS }, () => cuid());
  const tenants = Array.from({ length: TENANTS }, () => cuid());
  const instances = Array.from({ length: INSTANCES }, () => cuid());
  const domains = Array.from({ length: TENANTS }, () => cuid());
  const domainName = (i: number) => `family${i}.${BASE_DOMAIN}`;
  const batches = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 2000) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  await batches(range(TENANTS), (c) =>
    db.user.createMany({
      data: c.map((i) => ({
        id: users[i] as string,
        email: `owner${i}@family${i}.example`,
        name: `Owner ${i}`,
        passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(16).toString("base64")}$${randomBytes(32).toString("base64")}`,
      })),
    }),
  );
  await batches(range(TENANTS), (c) =>
    db.tenant.createMany({ data: c.map((i) => ({ id: tenants[i] as string, name: `Family ${i}` })) }),
  );
  await batches(range(TENANTS), (c) =>
    db.membership.createMany({
      data: c.map((i) => ({ tenantId: tenants[i] as string, userId: users[i] as string, role: "owner" as const })),
    }),
  );
  // Ports below the kernel's ephemeral range: the probed servers get theirs from the stand-in later.
  await batches(range(INSTANCES), (c) =>
    db.instance.createMany({
      data: c.map((j) => ({
        id: instances[j] as string,
        name: `shared-${j}`,
        server: "prosody" as const,
        placement: "shared" as const,
        host: "127.0.0.1",
        version: "0.12.4",
        c2sPort: 10_000 + j * 3,
        s2sPort: 10_001 + j * 3,
        httpPort: 10_002 + j * 3,
        status: "running" as const,
        desiredState: "running" as const,
        backupIntervalHours: 0,
        maxDomains: apiEnv.SHARED_INSTANCE_MAX_DOMAINS,
      })),
    }),
  );
  await batches(range(TENANTS), (c) =>
    db.domain.createMany({
      data: c.map((i) => ({
        id: domains[i] as string,
        name: domainName(i),
        tenantId: tenants[i] as string,
        instanceId: instances[i % INSTANCES] as string,
        state: "active" as const,
        verified: true,
        verifiedAt: new Date(now - 86_400_000),
        verificationToken: randomBytes(16).toString("hex"),
        dnsStatus: "ok",
        dnsCheckedAt: new Date(now - 3_600_000),
        createdAt: new Date(now - 86_400_000 + i),
      })),
    }),
  );
  await batches(range(TENANTS), (c) =>
    db.certificate.createMany({
      data: c.map((i) => ({
        domainId: domains[i] as string,
        source: "internal",
        issuer: sample.issuer,
        names: [domainName(i), `groups.${domainName(i)}`, `share.${domainName(i)}`],
        notBefore: sample.notBefore,
        notAfter: sample.notAfter,
        fingerprint: sample.fingerprint,
        certPem: sample.certPem,
        keyEncrypted,
      })),
    }),
  );
  await batches(range(TENANTS * ACCOUNTS_PER_TENANT), (c) =>
    db.account.createMany({
      data: c.map((k) => ({
        tenantId: tenants[k % TENANTS] as string,
        domainId: domains[k % TENANTS] as string,
        localpart: `user${Math.floor(k / TENANTS)}`,
        state: "active" as const,
        lastSeenOnServerAt: new Date(now - 60_000),
      })),
    }),
  );
  await batches(range(TENANTS), (c) =>
    db.backup.createMany({
      data: c.map((i) => ({
        tenantId: tenants[i] as string,
        instanceId: instances[i % INSTANCES] as string,
        domainId: domains[i] as string,
        status: "succeeded",
        verification: "verified",
        trigger: "scheduled",
        store: "local",
        storageKey: `${tenants[i]}/${instances[i % INSTANCES]}/domains/${domains[i]}/${cuid()}.tar.enc`,
        sizeBytes: BigInt(2_000_000 + i),
        sha256: randomBytes(32).toString("hex"),
        manifestVersion: 1,
        durationMs: 1800,
        pausedMs: 40,
        summary: { files: 12, domains: 1, rooms: 1 },
        createdAt: new Date(now - 7_200_000),
        finishedAt: new Date(now - 7_100_000),
      })),
    }),
  );
  await db.probeAccount.createMany({
    data: range(INSTANCES).map((j) => ({
      instanceId: instances[j] as string,
      host: domainName(j),
      username: PROBE_LOCALPART,
      passwordEncrypted: api.core.secrets.encrypt(PROBE_PASSWORD),
    })),
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const seededRows = TENANTS * (6 + ACCOUNTS_PER_TENANT) + INSTANCES * 2;
  console.log(`  seeded ${seededRows.toLocaleString("en-US")} rows in ${fmt(seedSeconds)} s`);

  // --- processes ----------------------------------------------------------------------------------------------
  const self = fileURLToPath(import.meta.url);
  const childEnv = (role: string) => ({ ...env, BENCH_FLEET_ROLE: role });
  /** The next messages of a child, in order; a child that exits, or stays silent for 5 minutes, fails the run. */
  const messages = (child: ChildProcess) => {
    const waiting: { resolve: (m: Record<string, unknown>) => void; reject: (err: Error) => void }[] = [];
    let gone: Error | null = null;
    child.on("message", (m: Record<string, unknown>) => waiting.shift()?.resolve(m));
    child.on("exit", (code, signal) => {
      gone = new Error(`a child process (${child.pid}) exited (${code ?? signal})`);
      for (const w of waiting.splice(0)) w.reject(gone);
    });
    return () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        if (gone) return reject(gone);
        const timer = setTimeout(() => reject(new Error(`no answer from child ${child.pid}`)), 300_000);
        timer.unref();
        waiting.push({
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject,
        });
      });
  };
  /** Forks a child of `role` and waits for it to be ready; one that stays silent for a minute is replaced. */
  const startChild = async (role: string) => {
    for (let attempt = 1; ; attempt++) {
      const child = fork(self, [], { env: childEnv(role) });
      const next = messages(child);
      const ready = await Promise.race([next(), sleep(60_000, null, { ref: false })]).catch(() => null);
      if (ready) return { child, next, startupMs: Number(ready.startupMs ?? 0) };
      console.error(`  the ${role} process ${child.pid} did not start within 60 s (attempt ${attempt})`);
      child.kill("SIGKILL");
      if (attempt >= 3) throw new Error(`the ${role} process did not start`);
    }
  };
  const forkStarted = performance.now();
  const maxWorkers = Math.max(...WORKER_COUNTS);
  const [started, ...startedWorkers] = await Promise.all([
    startChild("servers"),
    ...range(maxWorkers).map(() => startChild("worker")),
  ]);
  if (!started) throw new Error("no simulated servers");
  const servers = started.child;
  const fromServers = started.next;
  const workers = startedWorkers.map((w) => w.child);
  const fromWorkers = startedWorkers.map((w) => w.next);
  const startups = startedWorkers.map((w) => ({ startupMs: w.startupMs }));
  console.log(
    `  ${maxWorkers} worker processes and the simulated servers started in ${fmt((performance.now() - forkStarted) / 1000)} s (worker startup ${fmt(median(startups.map((s) => Number(s.startupMs))) / 1000)} s each)`,
  );

  const opsQueue = api.queues.queues.operations;
  const probesQueue = wctx.queues.queues.probes;
  const noopQueue = new Queue(NOOP_QUEUE, { connection: redis, prefix: "xh" });
  const drain = async (queue: Queue, timeoutMs = 300_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "paused");
      if (total(counts) === 0) return;
      if (Date.now() > deadline) throw new Error(`${queue.name}: jobs left after ${timeoutMs} ms`);
      await sleep(25);
    }
  };
  /** Runs the queued jobs of `kind` on `n` worker processes; wall time from the start to the last job done. */
  const runOn = async (n: number, kind: Kind, queue: Queue, serversPid?: number) => {
    const svc0 = serviceCpu();
    const t0 = Date.now();
    for (const w of workers.slice(0, n)) w.send({ cmd: "start", kind, serversPid } satisfies ToWorker);
    await drain(queue);
    const replies = workers.slice(0, n).map((w, i) => {
      const next = (fromWorkers[i] as () => Promise<Record<string, unknown>>)();
      w.send({ cmd: "stop" } satisfies ToWorker);
      return next;
    });
    const stats = (await Promise.all(replies)).map((r) => r.stats as WorkerStats);
    const svc = serviceCpuSince(svc0);
    const completed = stats.reduce((a, s) => a + s.completed, 0);
    const failed = stats.reduce((a, s) => a + s.failed, 0);
    const last = Math.max(...stats.map((s) => s.lastDoneAt));
    const stmts: Record<string, number> = {};
    for (const s of stats) for (const [k, v] of Object.entries(s.statements)) stmts[k] = (stmts[k] ?? 0) + v;
    const outcomes: Record<string, number> = {};
    for (const s of stats) for (const [k, v] of Object.entries(s.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
    return {
      completed,
      failed,
      seconds: (last - t0) / 1000,
      workerCpuMs: stats.reduce((a, s) => a + s.cpuMs, 0),
      statements: stmts,
      pgCpuMs: svc.pg,
      redisCpuMs: svc.redis,
      jobMs: stats.flatMap((s) => s.jobMs),
      outcomes,
      rssMb: Math.max(...stats.map((s) => s.rssMb)),
    };
  };

  // --- baseline: SELECT 1 at the workers' concurrency ---------------------------------------------------------
  const concurrency = workerEnv.WORKER_CONCURRENCY;
  let selects = 0;
  const selectEnd = performance.now() + 2000;
  await db.$queryRaw`SELECT 1`;
  const selectStart = performance.now();
  const selectCpu = process.cpuUsage();
  await Promise.all(
    range(concurrency).map(async () => {
      while (performance.now() < selectEnd) {
        await db.$queryRaw`SELECT 1`;
        selects++;
      }
    }),
  );
  const selectPerSec = selects / ((performance.now() - selectStart) / 1000);
  const selectCpuUsed = process.cpuUsage(selectCpu);
  const selectCpuMs = (selectCpuUsed.user + selectCpuUsed.system) / 1000 / selects;
  // What every probe connection that trusts the system roots pays: a TLS context built from 140-odd certificates.
  const trust = [(await wctx.ca()).certPem, ...tls.rootCertificates];
  const trustCpu = process.cpuUsage();
  for (let i = 0; i < 20; i++) tls.createSecureContext({ ca: trust });
  const trustUsed = process.cpuUsage(trustCpu);
  const trustCpuMs = (trustUsed.user + trustUsed.system) / 1000 / 20;

  // --- operations: account.create through the API's core service, then N worker processes ---------------------
  interface OpsRow {
    n: number;
    noopPerSec: number;
    opsPerSec: number;
    apiPerSec: number;
    apiStatements: Record<string, number>;
    workerStatements: Record<string, number>;
    workerCpuMsPerOp: number;
    pgCpuMsPerOp: number;
    apiPgCpuMsPerOp: number;
    redisCpuMsPerOp: number;
    noopCpuMsPerJob: number;
    rssMb: number;
    queuedBytesPerJob: number;
    queuedUsedMemoryPerJob: number;
    failed: number;
  }
  const opsRows: OpsRow[] = [];
  let phase = 0;
  for (const n of WORKER_COUNTS) {
    // The no-op baseline: the same Redis, job options as JobQueues.enqueue, the same concurrency and processes.
    await noopQueue.addBulk(
      range(NOOP_JOBS).map((i) => ({
        name: "noop",
        data: { operationId: `noop-${n}-${i}` },
        opts: {
          jobId: `noop-${n}-${i}`,
          attempts: 8,
          backoff: { type: "exponential", delay: 500 },
          removeOnComplete: { age: 3600, count: 1000 },
          removeOnFail: { age: 24 * 3600 },
        },
      })),
    );
    const noop = await runOn(n, "noop", noopQueue);

    // API side: the real createAccount (quota check, account row, operation, audit, enqueue), workers idle.
    const memBefore = await keysBytes(redis, "xh:operations:*");
    const usedBefore = await usedMemory(redis);
    const apiBefore = statementCounts();
    const apiSvc0 = serviceCpu();
    const apiStart = performance.now();
    let next = 0;
    await Promise.all(
      range(API_IN_FLIGHT).map(async () => {
        while (next < OPS) {
          const j = next++;
          const i = (phase * OPS + j) % TENANTS;
          await createAccount(api.core, { userId: users[i] as string, isOperator: false }, domains[i] as string, {
            localpart: `new${phase}x${j}`,
            password: PASSWORD,
          });
        }
      }),
    );
    const apiSeconds = (performance.now() - apiStart) / 1000;
    const apiPgCpu = serviceCpuSince(apiSvc0).pg;
    const apiStatements = statementsSince(apiBefore);
    const memAfter = await keysBytes(redis, "xh:operations:*");
    const usedAfter = await usedMemory(redis);

    // Worker side: the queued operations drained by n processes running runOperation.
    const ops = await runOn(n, "ops", opsQueue);
    opsRows.push({
      n,
      noopPerSec: noop.completed / noop.seconds,
      opsPerSec: ops.completed / ops.seconds,
      apiPerSec: OPS / apiSeconds,
      apiStatements,
      workerStatements: ops.statements,
      workerCpuMsPerOp: ops.workerCpuMs / ops.completed,
      pgCpuMsPerOp: ops.pgCpuMs / ops.completed,
      apiPgCpuMsPerOp: apiPgCpu / OPS,
      redisCpuMsPerOp: ops.redisCpuMs / ops.completed,
      noopCpuMsPerJob: noop.workerCpuMs / noop.completed,
      rssMb: ops.rssMb,
      queuedBytesPerJob: (memAfter.bytes - memBefore.bytes) / OPS,
      queuedUsedMemoryPerJob: (usedAfter - usedBefore) / OPS,
      failed: ops.failed + noop.failed,
    });
    phase++;
    console.log(
      `  ${n} worker process(es): no-op ${fmt(noop.completed / noop.seconds, 0)} jobs/s, account.create ${fmt(ops.completed / ops.seconds, 0)} ops/s`,
    );
  }
  const opStatus = await db.operation.groupBy({ by: ["status"], _count: true });
  const succeeded = opStatus.find((s) => s.status === "succeeded")?._count ?? 0;
  const auditPerOp =
    (await db.auditEvent.count({ where: { action: { startsWith: "account.create" } } })) / Math.max(1, succeeded);
  const opsCompletedKept = await keysBytes(redis, "xh:operations:*");
  const keptOpJobs = (await opsQueue.getJobCounts("completed")).completed ?? 0;

  // --- probes: the real probeInstance in one worker process, against the simulated servers --------------------
  const probed = await db.instance.findMany({
    where: { id: { in: instances.slice(0, PROBE_INSTANCES) } },
    include: { domains: { select: { name: true } } },
  });
  const wildcard = await ca.issue([`*.${BASE_DOMAIN}`, BASE_DOMAIN]);
  const listenReply = fromServers();
  servers.send({
    cmd: "listen",
    servers: probed.map((p, index) => ({ index, domains: p.domains.map((d) => d.name) })),
    certPem: wildcard.certPem,
    keyPem: wildcard.keyPem,
  } satisfies ToServers);
  const ports = (await listenReply).ports as { c2s: number; s2s: number; http: number }[];
  for (const [k, p] of probed.entries()) {
    const port = ports[k] as { c2s: number; s2s: number; http: number };
    await db.instance.update({
      where: { id: p.id },
      data: { c2sPort: port.c2s, s2sPort: port.s2s, httpPort: port.http },
    });
  }
  const serversCpu = async () => {
    const reply = fromServers();
    servers.send({ cmd: "cpu" } satisfies ToServers);
    return Number((await reply).ms);
  };
  const probeDomains = probed.reduce((a, p) => a + p.domains.length, 0);
  const probeRounds: (Awaited<ReturnType<typeof runOn>> & { serversCpuMs: number })[] = [];
  for (let round = 0; round <= PROBE_ROUNDS; round++) {
    for (const p of probed)
      await wctx.queues.enqueue("instance.probe", { instanceId: p.id }, { jobId: `r${round}-${p.id}` });
    const s0 = await serversCpu();
    const r = await runOn(1, "probes", probesQueue, servers.pid);
    const s1 = await serversCpu();
    if (round > 0) probeRounds.push({ ...r, serversCpuMs: s1 - s0 }); // round 0 warms up
  }
  const probeCpuMs = median(probeRounds.map((r) => r.workerCpuMs / r.completed));
  const probeWall = median(probeRounds.map((r) => r.seconds));
  const probeStatements = median(probeRounds.map((r) => total(r.statements) / r.completed));
  const probePgCpu = median(probeRounds.map((r) => r.pgCpuMs / r.completed));
  const probeServersCpu = median(probeRounds.map((r) => r.serversCpuMs / r.completed));
  const probeOutcomes: Record<string, number> = {};
  for (const r of probeRounds)
    for (const [k, v] of Object.entries(r.outcomes)) probeOutcomes[k] = (probeOutcomes[k] ?? 0) + v;
  const probeFailed = probeRounds.reduce((a, r) => a + r.failed, 0);
  const probeJobMs = median(probeRounds.flatMap((r) => r.jobMs));

  // The children are done: let them go before the measurements that need only this process.
  for (const w of workers) w.send({ cmd: "exit" } satisfies ToWorker);
  servers.send({ cmd: "exit" } satisfies ToServers);

  // --- Redis: schedules of the real worker functions, and completed scheduled jobs (kept forever) ---------------
  const scheduleStarted = performance.now();
  const schedBytes: Record<string, { perSchedule: number; count: number }> = {};
  const measureSchedules = async (
    name: string,
    pattern: string,
    ids: string[],
    make: (id: string) => Promise<void>,
  ) => {
    const before = await keysBytes(redis, pattern);
    for (let i = 0; i < ids.length; i += 100) await Promise.all(ids.slice(i, i + 100).map(make));
    const after = await keysBytes(redis, pattern);
    schedBytes[name] = { perSchedule: (after.bytes - before.bytes) / ids.length, count: ids.length };
  };
  const sampleDomains = domains.slice(0, Math.min(SCHEDULE_SAMPLE, TENANTS));
  await measureSchedules("probe (per server)", "xh:probes:*", instances, (id) => scheduleProbe(wctx, id));
  await measureSchedules("DNS check (per domain)", "xh:checks:*", sampleDomains, (id) =>
    scheduleDnsCheck(wctx, id, "ok"),
  );
  await measureSchedules("compliance (per domain)", "xh:checks:*", sampleDomains, (id) => scheduleCompliance(wctx, id));
  await measureSchedules("domain backup (per domain)", "xh:checks:*", sampleDomains, (id) =>
    scheduleDomainBackups(wctx, id),
  );
  const scheduleSeconds = (performance.now() - scheduleStarted) / 1000;
  // A scheduled check's job, completed as the schedules' template leaves it (no removeOnComplete): kept in Redis.
  const keptQueue = new Queue(KEPT_QUEUE, { connection: redis, prefix: "xh" });
  const keptJobs = 2000;
  await keptQueue.addBulk(
    range(keptJobs).map((i) => ({
      name: "domain.dns-check",
      data: { domainId: domains[i % TENANTS] as string },
      opts: {
        jobId: `repeat-dns-${domains[i % TENANTS]}-${now + i}`,
        attempts: 3,
        backoff: { type: "exponential", delay: 2000 },
      },
    })),
  );
  const keptConnection = redis.duplicate();
  const keptWorker = new Worker(KEPT_QUEUE, async () => ({ status: "ok", verified: true, durationMs: 118 }), {
    connection: keptConnection,
    prefix: "xh",
    concurrency: 16,
  });
  await drain(keptQueue);
  await keptWorker.close();
  keptConnection.disconnect();
  const keptBytesPerJob = (await keysBytes(redis, `xh:${KEPT_QUEUE}:*`)).bytes / keptJobs;

  // --- PostgreSQL: bytes per row, on enough rows of each table ------------------------------------------------
  const tableStarted = performance.now();
  const columnsOf = async (table: string) =>
    (
      await db.$queryRawUnsafe<{ column_name: string }[]>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
        table,
      )
    ).map((c) => c.column_name);
  const countOf = async (table: string) =>
    Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0]?.n ?? 0);
  /** Copies a table's rows (new ids, earlier times) until it holds at least `target`, to measure it at size. */
  const amplify = async (table: string, target: number, timeColumn: string) => {
    const rows = await countOf(table);
    if (rows === 0 || rows >= target) return;
    const cols = await columnsOf(table);
    const select = cols.map((c) =>
      c === "id"
        ? `'c' || substr(md5(random()::text || g::text || s.id), 1, 24)`
        : c === timeColumn
          ? `s."${c}" - g * interval '1 minute'`
          : `s."${c}"`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) SELECT ${select.join(", ")} FROM "${table}" s, generate_series(1, ${Math.ceil(target / rows) - 1}) g`,
    );
  };
  await amplify("Operation", 20_000, "createdAt");
  await amplify("AuditEvent", 20_000, "createdAt");
  await amplify("HealthSample", 20_000, "at");
  // Rollups as the health-rollup job writes them (5-minute and hourly buckets); their values are made up.
  await db.$executeRawUnsafe(
    `INSERT INTO "HealthRollup" ("instanceId", resolution, bucket, samples, "upSamples", "loginMs", "onlineUsers", "memoryBytes", "messagesPerMinute")
     SELECT i.id, r.res, date_trunc('hour', now()) - g * make_interval(secs => r.res), 5, 5, 12.5, 3.2, 62914560, NULL
     FROM (SELECT id FROM "Instance" ORDER BY id LIMIT 100) i, (VALUES (300), (3600)) r(res), generate_series(1, 100) g`,
  );
  // DNS checks and compliance runs: the real expected records and compliance catalogue, every one passing.
  const someDomain = await db.domain.findUniqueOrThrow({
    where: { id: domains[0] as string },
    include: { instance: true },
  });
  const records = expectedRecords(dnsTargetOf(someDomain, someDomain.instance, platformSettings(api.core))).map(
    (r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      status: "ok",
      expected: [r.value],
      found: [r.value],
      fix: null,
      source: "authoritative",
    }),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "DnsCheck" (id, "domainId", status, records, "durationMs", "createdAt")
     SELECT 'c' || substr(md5(random()::text || d.id || g::text), 1, 24), d.id, 'ok', $1::jsonb, 118, now() - g * interval '1 day'
     FROM (SELECT id FROM "Domain" ORDER BY id LIMIT 10000) d, generate_series(1, 2) g`,
    JSON.stringify(records),
  );
  const results = COMPLIANCE_TESTS.map((t) => ({
    id: t.id,
    status: "pass" as const,
    evidence: `${t.title} (${t.spec}): offered and working on the server`,
    durationMs: 42,
  }));
  const { score, suites } = scoreOf(results);
  await db.$executeRawUnsafe(
    `INSERT INTO "ComplianceRun" (id, "domainId", score, suites, results, trigger, server, "durationMs", "createdAt")
     SELECT 'c' || substr(md5(random()::text || d.id || g::text), 1, 24), d.id, $1::int, $2::jsonb, $3::jsonb, 'daily', 'prosody', 9000, now() - g * interval '1 day'
     FROM (SELECT id FROM "Domain" ORDER BY id LIMIT 2000) d, generate_series(1, 2) g`,
    score,
    JSON.stringify(suites),
    JSON.stringify(results),
  );
  const measured = [
    "Tenant",
    "User",
    "Membership",
    "Instance",
    "Domain",
    "Certificate",
    "ProbeAccount",
    "Account",
    "Backup",
    "InstanceHealth",
    "Operation",
    "AuditEvent",
    "HealthSample",
    "HealthRollup",
    "DnsCheck",
    "ComplianceRun",
  ];
  const bytesPerRow: Record<string, { bytes: number; rows: number }> = {};
  for (const t of measured) {
    await db.$executeRawUnsafe(`VACUUM FULL "${t}"`);
    const [row] = await db.$queryRawUnsafe<{ bytes: bigint }[]>(`SELECT pg_total_relation_size('"${t}"') AS bytes`);
    const rows = await countOf(t);
    bytesPerRow[t] = { bytes: rows ? Number(row?.bytes ?? 0) / rows : 0, rows };
  }
  const tableSeconds = (performance.now() - tableStarted) / 1000;

  // --- extrapolation ------------------------------------------------------------------------------------------
  const T = TENANTS;
  const D = TENANTS;
  const I = INSTANCES;
  const one = opsRows[0] as OpsRow;
  const best = opsRows.reduce((a, r) => (r.opsPerSec > a.opsPerSec ? r : a), one);
  const apiStmtsPerOp = total(one.apiStatements) / OPS;
  const workerStmtsPerOp = total(one.workerStatements) / OPS;
  const probeIntervalS = workerEnv.HEALTH_PROBE_INTERVAL_MS / 1000;
  const day = 86_400;
  const userOpsAvg = (T * OPS_PER_TENANT_DAY) / day;
  const userOpsPeak = userOpsAvg * PEAK_FACTOR;
  const probesPerSec = I / probeIntervalS;
  const checksPerDay =
    (D * day * 1000) / workerEnv.DNS_RECHECK_HEALTHY_MS +
    (workerEnv.COMPLIANCE_CHECK_INTERVAL_MS > 0 ? (D * day * 1000) / workerEnv.COMPLIANCE_CHECK_INTERVAL_MS : 0) +
    D; // daily domain backups on shared Prosody servers
  const checksPerSec = checksPerDay / day;
  const coresProbes = (probesPerSec * probeCpuMs) / 1000;
  const coresOps = (userOpsPeak * one.workerCpuMsPerOp) / 1000;
  const coresChecks = (checksPerSec * CHECK_PROBE_EQUIV * probeCpuMs) / 1000;
  const workerCores = coresProbes + coresOps + coresChecks;
  const replicas = Math.max(2, Math.ceil(workerCores / CPU_TARGET));
  const burstMinutes = (n: number) => D / (one.opsPerSec * n) / 60;
  const pgStmtsPerSec = userOpsPeak * (apiStmtsPerOp + workerStmtsPerOp) + probesPerSec * probeStatements;
  const pgCores = (userOpsPeak * (one.pgCpuMsPerOp + one.apiPgCpuMsPerOp) + probesPerSec * probePgCpu) / 1000;
  const keptBackups = workerEnv.BACKUP_KEEP_DAILY + workerEnv.BACKUP_KEEP_WEEKLY + workerEnv.BACKUP_KEEP_MONTHLY;
  const opsPerYear = T * OPS_PER_TENANT_DAY * 365;
  const model: { table: string; rows: number; basis: string; history?: boolean }[] = [
    { table: "Tenant", rows: T, basis: "one per tenant" },
    { table: "User", rows: T, basis: "one owner per tenant" },
    { table: "Membership", rows: T, basis: "one per tenant" },
    { table: "Domain", rows: D, basis: "one per tenant" },
    { table: "Instance", rows: I, basis: "one per server" },
    { table: "Certificate", rows: D, basis: "one per domain" },
    { table: "ProbeAccount", rows: I, basis: "one per server" },
    { table: "InstanceHealth", rows: I, basis: "one per server" },
    { table: "Account", rows: T * ACCOUNTS_PER_TENANT, basis: `${ACCOUNTS_PER_TENANT} per tenant` },
    { table: "Backup", rows: D * keptBackups, basis: `${keptBackups} kept per domain`, history: true },
    {
      table: "HealthSample",
      rows: (I * RETENTION.rawMs) / 1000 / probeIntervalS,
      basis: `raw ${RETENTION.rawMs / 3_600_000} h, one per ${probeIntervalS} s`,
      history: true,
    },
    {
      table: "HealthRollup",
      rows: I * (RETENTION.fiveMinuteMs / 300_000 + RETENTION.hourlyMs / 3_600_000),
      basis: "5-min 30 d + hourly 1 y",
      history: true,
    },
    {
      table: "DnsCheck",
      rows: D * workerEnv.DNS_CHECK_HISTORY,
      basis: `${workerEnv.DNS_CHECK_HISTORY} kept per domain`,
      history: true,
    },
    {
      table: "ComplianceRun",
      rows: D * COMPLIANCE_HISTORY_KEPT,
      basis: `${COMPLIANCE_HISTORY_KEPT} kept per domain (after ${COMPLIANCE_HISTORY_KEPT} days)`,
      history: true,
    },
    { table: "Operation", rows: opsPerYear, basis: `one year, never pruned`, history: true },
    {
      table: "AuditEvent",
      rows: opsPerYear * auditPerOp,
      basis: `${fmt(auditPerOp)} per operation, one year`,
      history: true,
    },
  ];
  const stateBytesPerTenant =
    model.filter((m) => !m.history).reduce((a, m) => a + m.rows * (bytesPerRow[m.table]?.bytes ?? 0), 0) / T;
  const dbBytes = model.reduce((a, m) => a + m.rows * (bytesPerRow[m.table]?.bytes ?? 0), 0);

  const retainedCompleted = { operations: 1000, probes: 200 };
  const completedOpBytes = keptOpJobs ? opsCompletedKept.bytes / keptOpJobs : Number.NaN;
  const redisSchedules =
    I * (schedBytes["probe (per server)"]?.perSchedule ?? 0) +
    D *
      ((schedBytes["DNS check (per domain)"]?.perSchedule ?? 0) +
        (schedBytes["compliance (per domain)"]?.perSchedule ?? 0) +
        (schedBytes["domain backup (per domain)"]?.perSchedule ?? 0));
  const redisRetained = (retainedCompleted.operations + retainedCompleted.probes) * completedOpBytes;
  const redisBurst = D * one.queuedBytesPerJob;
  // The fixed schedules (sweep, supervise, sync...) keep their completed jobs too, whatever the fleet's size.
  const maintenancePerDay = [
    workerEnv.SWEEP_INTERVAL_MS,
    workerEnv.SUPERVISE_INTERVAL_MS,
    workerEnv.SYNC_INTERVAL_MS,
    workerEnv.RENEWAL_INTERVAL_MS,
    workerEnv.HEALTH_ROLLUP_INTERVAL_MS,
    workerEnv.HISTORY_EXPIRY_INTERVAL_MS,
  ].reduce((a, ms) => a + (ms > 0 ? (day * 1000) / ms : 0), 0);
  const keptPerDay = (checksPerDay + maintenancePerDay) * keptBytesPerJob;

  // --- report -------------------------------------------------------------------------------------------------
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(62)} ${value}`);
  console.log(`\nbench:fleet — measured on this machine (simulated servers, driver latency ${LATENCY_MS} ms)`);
  line(
    "seeding (rows, createMany in batches of 2,000)",
    `${seededRows.toLocaleString("en-US")} rows in ${fmt(seedSeconds)} s`,
  );
  line(
    `baseline: SELECT 1 through Prisma, ${concurrency} in flight`,
    `${fmt(selectPerSec, 0)} queries/s, ${fmt(selectCpuMs, 2)} ms client CPU each`,
  );
  console.log(
    `\n  ${"worker processes".padEnd(18)}${"no-op jobs/s".padStart(14)}${"ops/s".padStart(10)}${"ratio".padStart(8)}${"worker CPU ms/op".padStart(18)}${"PG CPU ms/op".padStart(14)}${"Redis CPU ms/op".padStart(17)}`,
  );
  for (const r of opsRows) {
    console.log(
      `  ${String(r.n).padEnd(18)}${fmt(r.noopPerSec, 0).padStart(14)}${fmt(r.opsPerSec, 0).padStart(10)}${fmt(r.opsPerSec / r.noopPerSec, 2).padStart(8)}${fmt(r.workerCpuMsPerOp, 2).padStart(18)}${fmt(r.pgCpuMsPerOp, 2).padStart(14)}${fmt(r.redisCpuMsPerOp, 2).padStart(17)}`,
    );
  }
  console.log("  (ratio = account.create ops/s / no-op jobs/s, same processes, Redis and concurrency)");
  const kinds = (c: Record<string, number>, per: number) =>
    Object.entries(c)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${fmt(v / per, 1)}`)
      .join(", ");
  line(
    "API side: createAccount (core service, no HTTP), per op",
    `${fmt(apiStmtsPerOp, 1)} statements (${kinds(one.apiStatements, OPS)})`,
  );
  line(
    "worker side: runOperation + handler, per op",
    `${fmt(workerStmtsPerOp, 1)} statements (${kinds(one.workerStatements, OPS)})`,
  );
  line(
    `API side rate, ${API_IN_FLIGHT} in flight (one process)`,
    `${fmt(one.apiPerSec, 0)} ops/s, PG CPU ${fmt(one.apiPgCpuMsPerOp, 2)} ms/op`,
  );
  line(
    "statements/s at the best worker count vs SELECT 1 rate",
    `${fmt(best.opsPerSec * workerStmtsPerOp, 0)} (${fmt((best.opsPerSec * workerStmtsPerOp) / selectPerSec, 2)}x)`,
  );
  line("operations succeeded / failed jobs", `${succeeded} / ${opsRows.reduce((a, r) => a + r.failed, 0)}`);
  line("worker process RSS after the operations", `${fmt(Math.max(...opsRows.map((r) => r.rssMb)), 0)} MiB`);
  console.log(
    `\n  health probes: real probeInstance, 1 worker process, ${probed.length} simulated servers with ${probeDomains} domains (${fmt(probeDomains / probed.length, 1)} each), median of ${probeRounds.length} rounds`,
  );
  line("round time / probes per second", `${fmt(probeWall, 2)} s / ${fmt(probed.length / probeWall, 1)} probes/s`);
  line(
    "worker CPU per probed server (= per probe)",
    `${fmt(probeCpuMs, 1)} ms (${fmt(probeCpuMs / (probeDomains / probed.length), 2)} ms per domain)`,
  );
  line("probe duration p50 (job processed to finished)", `${fmt(probeJobMs, 0)} ms`);
  line(
    "of which TLS trust built per connection (CA + system roots), x2",
    `${fmt(trustCpuMs, 1)} ms each (probe login, federation login)`,
  );
  line("PostgreSQL statements / PG CPU per probe", `${fmt(probeStatements, 1)} / ${fmt(probePgCpu, 2)} ms`);
  line("simulated servers' CPU per probe (not the platform's)", `${fmt(probeServersCpu, 1)} ms`);
  line("verdicts / failed probes", `${JSON.stringify(probeOutcomes)} / ${probeFailed}`);
  console.log("\n  Redis (MEMORY USAGE of the benchmark's keys; INFO used_memory is server-wide)");
  line(
    "per queued operation job",
    `${fmt(one.queuedBytesPerJob, 0)} B (used_memory delta ${fmt(one.queuedUsedMemoryPerJob, 0)} B)`,
  );
  line("per completed operation job kept (removeOnComplete count 1000)", `${fmt(completedOpBytes, 0)} B`);
  for (const [name, s] of Object.entries(schedBytes))
    line(`per schedule: ${name} (${s.count} made)`, `${fmt(s.perSchedule, 0)} B`);
  line("per completed scheduled check job (kept: no removeOnComplete)", `${fmt(keptBytesPerJob, 0)} B`);
  line("time to make the schedules", `${fmt(scheduleSeconds, 1)} s`);
  console.log("\n  PostgreSQL bytes per row (table + indexes + TOAST, after VACUUM FULL)");
  for (const t of measured) {
    const b = bytesPerRow[t];
    if (b) line(`${t} (${b.rows.toLocaleString("en-US")} rows measured)`, `${fmt(b.bytes, 0)} B`);
  }

  console.log(
    `\n  extrapolation: ${T.toLocaleString("en-US")} tenants, ${D.toLocaleString("en-US")} domains, ${I.toLocaleString("en-US")} servers`,
  );
  console.log(
    `  assumptions: ${OPS_PER_TENANT_DAY} operations per tenant per day, peak ${PEAK_FACTOR}x the average; probe every ${probeIntervalS} s; DNS re-check every ${workerEnv.DNS_RECHECK_HEALTHY_MS / 3_600_000} h, compliance every ${workerEnv.COMPLIANCE_CHECK_INTERVAL_MS / 3_600_000} h, domain backup daily; a check or backup costs the worker ${CHECK_PROBE_EQUIV} probes of CPU (not measured here); replicas of 1 core at most ${fmt(CPU_TARGET * 100, 0)}% busy`,
  );
  const rows: [string, string][] = [
    ["user operations/s (average / peak)", `${fmt(userOpsAvg, 2)} / ${fmt(userOpsPeak, 1)}`],
    ["probes/s", fmt(probesPerSec, 1)],
    ["scheduled checks and backups/s", fmt(checksPerSec, 2)],
    ["worker cores: probes", fmt(coresProbes, 2)],
    ["worker cores: operations at peak", fmt(coresOps, 3)],
    ["worker cores: checks and backups (assumed)", fmt(coresChecks, 2)],
    ["worker cores needed", fmt(workerCores, 2)],
    ["worker replicas (1 core each, with headroom, at least 2)", String(replicas)],
    [
      "a change to every domain at once (10,000 ops), 1 / 2 replicas",
      `${fmt(burstMinutes(1), 1)} / ${fmt(burstMinutes(2), 1)} min`,
    ],
    ["PostgreSQL statements/s at peak", fmt(pgStmtsPerSec, 0)],
    ["PostgreSQL cores at peak (operations + probes)", fmt(pgCores, 2)],
    ["PostgreSQL state per tenant", `${fmt(stateBytesPerTenant / 1024, 1)} KiB`],
    ["PostgreSQL size after a year (compact)", `${fmt(dbBytes / 1073741824, 2)} GiB`],
    [`PostgreSQL disk to plan (x${BLOAT} for bloat, WAL, free space)`, `${fmt((dbBytes * BLOAT) / 1073741824, 1)} GiB`],
    ["Redis: schedules", `${fmt(mib(redisSchedules), 1)} MiB`],
    ["Redis: completed jobs kept (operations 1000, probes 200)", `${fmt(mib(redisRetained), 1)} MiB`],
    ["Redis: 10,000 operations queued at once", `${fmt(mib(redisBurst), 1)} MiB`],
    [
      `Redis: completed scheduled jobs kept, ${fmt(checksPerDay + maintenancePerDay, 0)} a day`,
      `+${fmt(mib(keptPerDay), 1)} MiB/day (${fmt((keptPerDay * 365) / 1073741824, 1)} GiB/year)`,
    ],
  ];
  console.log(`\n  ${"fleet needs".padEnd(64)} value`);
  for (const [k, v] of rows) line(k, v);
  console.log("\n  PostgreSQL size by table at fleet size");
  for (const m of model) {
    const bytes = m.rows * (bytesPerRow[m.table]?.bytes ?? 0);
    console.log(
      `  ${m.table.padEnd(16)}${Math.round(m.rows).toLocaleString("en-US").padStart(14)} rows  ${fmt(mib(bytes), 1).padStart(10)} MiB  ${m.basis}`,
    );
  }
  if (bytesPerRow.Tenant?.rows !== TENANTS)
    console.log("\n  WARNING: the test database changed under the benchmark (another process reset it?)");
  console.log(
    `\n  run time ${fmt((performance.now() - runStarted) / 1000, 0)} s (tables measured in ${fmt(tableSeconds, 1)} s)`,
  );

  if (probeFailed > 0 || succeeded < OPS * WORKER_COUNTS.length || (probeOutcomes.healthy ?? 0) === 0)
    process.exitCode = 1;

  await noopQueue.close();
  await keptQueue.close();
  await redis.flushdb();
  redis.disconnect();
  await resetDatabase();
  await wctx.close();
  await api.queues.close();
  api.waiters.close();
  api.redis.disconnect();
  await disconnectAll();
  rmSync(dataRoot, { recursive: true, force: true });
}

if (ROLE === "worker") await runWorkerProcess();
else if (ROLE === "servers") await serveSimulatedServers();
else
  await main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
