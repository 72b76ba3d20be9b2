import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { apiEnvSchema, loadEnv, repoRoot, workerEnvSchema } from "@xmpp-host/config";
import { getDb } from "@xmpp-host/db";
import { createRedis } from "@xmpp-host/queue";
import { LocalRuntime } from "@xmpp-host/runtime";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { buildApp } from "../../apps/api/src/app.ts";
import { createCoreContext } from "../../apps/api/src/context.ts";
import { createWorkerContext, type WorkerContext } from "../../apps/worker/src/context.ts";
import { startWorker } from "../../apps/worker/src/worker.ts";

const run = promisify(execFile);

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
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
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
  const portBase = 20000 + Math.floor(Math.random() * 400) * 100;
  const env = {
    ...process.env,
    DATA_ROOT: dataRoot,
    LOG_LEVEL: "warn",
    INSTANCE_PORT_RANGE_START: String(portBase),
    INSTANCE_PORT_RANGE_END: String(portBase + 99),
    WORKER_LOCK_MS: "3000",
    SWEEP_INTERVAL_MS: "2000",
    SUPERVISE_INTERVAL_MS: "1000",
    SYNC_INTERVAL_MS: "3600000",
    // The tests' webhook receivers listen on loopback, which webhooks may not reach unless allowed.
    ALERT_WEBHOOK_ALLOW: "127.0.0.1",
    ...opts.workerEnv,
  } as Record<string, string>;
  const apiEnv = loadEnv(apiEnvSchema, env);
  const { core, redis, queues, waiters } = createCoreContext(apiEnv);
  const app = await buildApp({ env: apiEnv, core, redis, logger: false });
  await app.ready();

  let inProcess: { close(): Promise<void> } | null = null;
  const workerCtx = createWorkerContext(loadEnv(workerEnvSchema, env), pino({ level: "warn" }));
  const platform: Platform = {
    app,
    workerCtx,
    dataRoot,
    workerEnv: env,
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
      const runtime = new LocalRuntime({ dataRoot });
      for (const i of await core.db.instance.findMany()) await runtime.destroy(i.id).catch(() => undefined);
      await app.close();
      await queues.close();
      waiters.close();
      redis.disconnect();
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

/** A tiny HTTP client over app.inject that speaks JSON and carries a bearer token or cookie. */
export function client(app: FastifyInstance, auth: { token?: string; cookie?: string } = {}) {
  return async function call(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown) {
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const isJson = String(res.headers["content-type"] ?? "").includes("json");
    const json = isJson && res.body ? (JSON.parse(res.body) as Record<string, any>) : {};
    return { status: res.statusCode, json, headers: res.headers, text: res.body };
  };
}
export type Call = ReturnType<typeof client>;

/** Signs up a user with a tenant and returns an admin API token for it. */
export async function signupWithToken(app: FastifyInstance, who: string) {
  const anon = client(app);
  const signup = await anon("POST", "/api/v1/auth/signup", {
    email: `${who}@test.example`,
    password: "correct horse battery",
    name: who,
    tenantName: `${who}'s family`,
  });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.text}`);
  const setCookie = signup.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0] ?? "";
  const tenantId = signup.json.tenant.id as string;
  const tok = await client(app, { cookie })("POST", "/api/v1/api-tokens", { name: "test", tenantId });
  if (tok.status !== 201) throw new Error(`token failed: ${tok.text}`);
  return { tenantId, cookie, token: tok.json.token as string, call: client(app, { token: tok.json.token }) };
}

export interface ClientResult {
  code: number;
  out: Record<string, unknown>;
}

/** Runs the independent slixmpp client (Debian's python3-slixmpp). */
export async function xmppClient(args: string[]): Promise<ClientResult> {
  try {
    const { stdout } = await run("/usr/bin/python3", [path.join(repoRoot, "tests/clients/xmpp_client.py"), ...args], {
      timeout: 60_000,
    });
    return { code: 0, out: JSON.parse(stdout.trim().split("\n").pop() ?? "{}") };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    let out: Record<string, unknown> = {};
    try {
      out = JSON.parse((e.stdout ?? "").trim().split("\n").pop() ?? "{}");
    } catch {
      out = { raw: e.stdout, stderr: e.stderr };
    }
    return { code: typeof e.code === "number" ? e.code : 1, out };
  }
}

export function writeCa(dir: string, pem: string): string {
  const file = path.join(dir, "ca-for-clients.pem");
  writeFileSync(file, pem);
  return file;
}
