import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { apiEnvSchema, loadEnv, repoRoot, workerEnvSchema } from "@xmpp-host/config";
import { getDb } from "@xmpp-host/db";
import { createRedis } from "@xmpp-host/queue";
import { LocalRuntime, stopSidecarsUnder } from "@xmpp-host/runtime";
import { createDriver } from "@xmpp-host/xmpp";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { buildApp } from "../../apps/api/src/app.ts";
import { createCoreContext } from "../../apps/api/src/context.ts";
import { createWorkerContext, specOf, type WorkerContext } from "../../apps/worker/src/context.ts";
import { startWorker } from "../../apps/worker/src/worker.ts";

export async function resetDatabase(): Promise<void> {
  const db = getDb();
  const tables = await db.$queryRaw<
    { tablename: string }[]
  >`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
}

export interface Platform {
  app: FastifyInstance;
  workerCtx: WorkerContext;
  dataRoot: string;
  workerEnv: Record<string, string>;
  /** The process id of the Prosody serving an instance, from its pid file. */
  prosodyPid(instanceId: string): number;
  /** The accounts of `domain` that an instance's Prosody holds, asked over its admin socket. */
  serverAccounts(instanceId: string, domain: string): Promise<string[]>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API as its process builds it from `env`, for the tests and the benchmarks. Its close() first destroys the server
 * of every instance in the database whose files are under `dataRoot`.
 */
export async function buildApi(env: Record<string, string>) {
  const apiEnv = loadEnv(apiEnvSchema, env);
  const { core, redis, queues, waiters } = createCoreContext(apiEnv);
  const app = await buildApp({ env: apiEnv, core, redis, logger: false });
  return {
    app,
    core,
    redis,
    async close(dataRoot: string) {
      const runtime = new LocalRuntime({ dataRoot });
      // Helpers first (the TURN server, IRC gateways): they outlive the worker by design.
      await stopSidecarsUnder(dataRoot);
      for (const i of await core.db.instance.findMany()) await runtime.destroy(i.id).catch(() => undefined);
      await app.close();
      await queues.close();
      waiters.close();
      redis.disconnect();
    },
  };
}

/** A worker's context (its queues, drivers and settings) built from `env`, logging warnings and errors only. */
export function workerContext(env: Record<string, string>): WorkerContext {
  return createWorkerContext(loadEnv(workerEnvSchema, env), pino({ level: "warn" }));
}

/**
 * The real platform for a test file: the API (driven with app.inject), and a worker in this process
 * (or none, when the test runs it as a child process), with a fresh database, Redis and data root.
 */
export async function startPlatform(
  opts: { inProcessWorker?: boolean; workerEnv?: Record<string, string>; dataRoot?: string } = {},
): Promise<Platform> {
  await resetDatabase();
  const flush = createRedis(process.env.REDIS_URL as string);
  await flush.flushdb();
  flush.disconnect();
  const dataRoot = opts.dataRoot ?? mkdtempSync(path.join(tmpdir(), "xh-"));
  // The API (downloads) and the worker share the backup directory, each told where it is.
  const backups = path.join(dataRoot, "backups");
  mkdirSync(backups, { recursive: true });
  const portBase = 20000 + Math.floor(Math.random() * 400) * 100;
  const env = {
    ...process.env,
    DATA_ROOT: dataRoot,
    BACKUP_LOCAL_DIR: backups,
    LOG_LEVEL: "warn",
    INSTANCE_PORT_RANGE_START: String(portBase),
    INSTANCE_PORT_RANGE_END: String(portBase + 99),
    WORKER_LOCK_MS: "3000",
    SWEEP_INTERVAL_MS: "2000",
    SUPERVISE_INTERVAL_MS: "1000",
    SYNC_INTERVAL_MS: "3600000",
    // The tests' webhook receivers listen on loopback, which webhooks may not reach unless allowed.
    ALERT_WEBHOOK_ALLOW: "127.0.0.1",
    // Compliance checks run when a test asks for them ("Check now"), not in the middle of other tests' work.
    COMPLIANCE_CHECK_INTERVAL_MS: "0",
    COMPLIANCE_CHECK_DELAY_MS: "3600000",
    // One TURN server per machine port: only the tests of calls start one, on a port of their own.
    TURN_ENABLED: "false",
    ...opts.workerEnv,
  } as Record<string, string>;
  const api = await buildApi(env);
  const app = api.app;
  await app.ready();

  let inProcess: { close(): Promise<void> } | null = null;
  const workerCtx = workerContext(env);
  const platform: Platform = {
    app,
    workerCtx,
    dataRoot,
    workerEnv: env,
    prosodyPid: (instanceId) =>
      Number(readFileSync(path.join(dataRoot, "instances", instanceId, "prosody.pid"), "utf8").trim()),
    async serverAccounts(instanceId, domain) {
      const instance = await workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
      const driver = createDriver(instance.server, workerCtx.runtime.adminChannel(specOf(workerCtx, instance, [])));
      try {
        return await driver.listAccounts(domain);
      } finally {
        await driver.close();
      }
    },
    async startWorker() {
      inProcess = await startWorker(workerCtx);
    },
    async stopWorker() {
      await inProcess?.close();
      inProcess = null;
    },
    async close() {
      await platform.stopWorker();
      await workerCtx.close();
      await api.close(dataRoot);
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
  if (opts.inProcessWorker !== false) await platform.startWorker();
  return platform;
}

/** The worker as its own process, so that a test can kill it. */
/**
 * node's arguments to run the API or the worker as npm run up runs them: compiled ahead of time into dist/ by
 * scripts/build-servers.mjs, which the test setup and the benchmarks run first.
 */
export function compiledServer(name: "api" | "worker"): string[] {
  const file = path.join(repoRoot, "dist", `${name}.mjs`);
  if (!existsSync(file))
    throw new Error(`${file} is missing: node scripts/build-servers.mjs builds it (npm test does)`);
  return ["--enable-source-maps", file];
}

export function spawnWorker(env: Record<string, string>): ChildProcess {
  // node itself, with no wrapper process, so that a kill reaches the worker.
  const child = spawn(process.execPath, compiledServer("worker"), {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", () => undefined);
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  return child;
}

/** The worker as a process of its own, one at a time, which a test kills as a crash would and starts again. */
export class WorkerProcess {
  private child: ChildProcess | null = null;

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    this.child = spawnWorker(this.env);
  }

  /** Kills it with SIGKILL; resolves once it is gone (at once when it is not running). */
  kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }
}

// The API client and the XMPP client that most test files use beside a platform, importable from here too.
export { type Call, client, signupWithToken } from "./api.ts";
export { writeCa, xmppClient } from "./xmpp.ts";
