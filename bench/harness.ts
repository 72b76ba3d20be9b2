// The platform a benchmark measures: the API, built as its process builds it, and the worker in a process of its own,
// as in production. On the test database (reset) and a Redis database of the benchmark's own (flushed), with a fresh
// data root; close() destroys every server it ran and removes the data root.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { disconnectAll } from "@xmpp-host/db";
import { LocalRuntime } from "@xmpp-host/runtime";
import type { WorkerContext } from "../apps/worker/src/context.ts";
import { buildApi, resetDatabase, spawnWorker, workerContext } from "../tests/helpers/platform.ts";

/** An API answer: its status, its body as text and as JSON (`{ text }` when it is not an object), its first cookie. */
export interface BenchAnswer {
  status: number;
  text: string;
  json: Record<string, any>;
  cookie: string;
}

export interface BenchOptions {
  /** Names the data root (xh-<name>-...). */
  name: string;
  /** The Redis database number the benchmark uses, in place of the one REDIS_URL names. */
  redisDb: number;
  /** The platform's settings beyond DATA_ROOT and LOG_LEVEL=warn. */
  env: Record<string, string>;
  /** Serve the API over HTTP on a free loopback port (the default), or drive it with app.inject only. */
  listen?: boolean;
  /** Also build a worker context in this process, to reach the servers' drivers. */
  workerContext?: boolean;
}

export async function startBench(opts: BenchOptions) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  process.env.REDIS_URL = `${(process.env.REDIS_URL ?? "").replace(/\/\d*$/, "")}/${opts.redisDb}`;
  const dataRoot = mkdtempSync(path.join(tmpdir(), `xh-${opts.name}-`));
  const backups = path.join(dataRoot, "backups");
  mkdirSync(backups, { recursive: true });
  const env = {
    ...process.env,
    DATA_ROOT: dataRoot,
    BACKUP_LOCAL_DIR: backups,
    LOG_LEVEL: "warn",
    ...opts.env,
  } as Record<string, string>;
  await resetDatabase();
  const api = await buildApi(env);
  const { app, core, redis } = api;
  const address = opts.listen === false ? "" : await app.listen({ host: "127.0.0.1", port: 0 });
  await redis.flushdb();
  const workerCtx: WorkerContext | null = opts.workerContext ? workerContext(env) : null;
  const worker: ChildProcess = spawnWorker(env);
  const runtime = new LocalRuntime({ dataRoot });

  /**
   * A JSON request over HTTP (or app.inject when the API does not listen), with a bearer token or a cookie; `raw`
   * sends a body of another type as it is (a CSV file).
   */
  async function request(
    method: string,
    url: string,
    body?: unknown,
    auth: { token?: string; cookie?: string } = {},
    raw?: { body: string; contentType: string },
  ): Promise<BenchAnswer> {
    const headers: Record<string, string> = {
      ...(raw ? { "content-type": raw.contentType } : body ? { "content-type": "application/json" } : {}),
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
    };
    const payload = raw ? raw.body : body ? JSON.stringify(body) : undefined;
    let status: number;
    let text: string;
    let setCookie: string;
    if (address) {
      const res = await fetch(`${address}${url}`, { method, headers, body: payload });
      [status, text, setCookie] = [res.status, await res.text(), res.headers.get("set-cookie") ?? ""];
    } else {
      const res = await app.inject({ method: method as "GET", url, headers, payload });
      [status, text, setCookie] = [res.statusCode, res.body, String(res.headers["set-cookie"] ?? "")];
    }
    const json = (text.startsWith("{") ? JSON.parse(text) : { text }) as Record<string, any>;
    return { status, text, json, cookie: setCookie.split(";")[0] ?? "" };
  }

  /** The JSON of a request made with `token`; throws on an HTTP error. */
  async function json(method: string, url: string, body?: unknown, token?: string) {
    const res = await request(method, url, body, { token });
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.json;
  }

  /** As json(), also throwing when the answer carries an operation that did not succeed. */
  async function must(method: string, url: string, body?: unknown, token?: string) {
    const res = await json(method, url, body, token);
    const op = res.operation as { status?: string; error?: unknown } | undefined;
    if (op && op.status !== "succeeded")
      throw new Error(`${method} ${url}: operation ${op.status} ${JSON.stringify(op.error)}`);
    return res;
  }

  /**
   * Signs up `name` (as name@bench.example, with a tenant of the same name) and returns the tenant's id and an admin
   * API token for it; `quotas` replace the tenant's.
   */
  async function tenant(name: string, quotas?: { domainQuota?: number; accountQuota?: number }) {
    const signup = await request("POST", "/api/v1/auth/signup", {
      email: `${name.toLowerCase()}@bench.example`,
      password: "amber orchard lamp 123",
      name,
      tenantName: name,
    });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${signup.text}`);
    const id = signup.json.tenant.id as string;
    const tok = await request("POST", "/api/v1/api-tokens", { name: "bench", tenantId: id }, { cookie: signup.cookie });
    if (tok.status !== 201) throw new Error(`api token: ${tok.status} ${tok.text}`);
    if (quotas) await core.db.tenant.update({ where: { id }, data: quotas });
    return { id, token: tok.json.token as string };
  }

  return {
    dataRoot,
    env,
    app,
    core,
    address,
    workerCtx,
    worker,
    runtime,
    request,
    json,
    must,
    tenant,
    /** Stops the worker (SIGTERM, when it still runs) and tears everything down. */
    async close() {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGTERM");
      await workerCtx?.close();
      await api.close(dataRoot);
      await disconnectAll();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

export type Bench = Awaited<ReturnType<typeof startBench>>;
