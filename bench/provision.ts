// npm run bench:provision — accounts created per second through the platform API (500 accounts on one
// instance), against raw XEP-0133 add-user over one XMPP connection to an identical Prosody, measured in
// the same run. Uses the test database and its own data root; prints a table and ratios.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { InternalCa } from "@xmpp-host/acme";
import { apiEnvSchema, loadEnv, repoRoot, workerEnvSchema } from "@xmpp-host/config";
import { SecretBox } from "@xmpp-host/core";
import { disconnectAll } from "@xmpp-host/db";
import { LocalRuntime } from "@xmpp-host/runtime";
import { freePorts } from "@xmpp-host/runtime/testing";
import { createDriver } from "@xmpp-host/xmpp";
import { pino } from "pino";
import { buildApp } from "../apps/api/src/app.ts";
import { createCoreContext } from "../apps/api/src/context.ts";
import { createWorkerContext } from "../apps/worker/src/context.ts";
import { resetDatabase, spawnWorker } from "../tests/helpers/platform.ts";

const COUNT = Number(process.env.BENCH_ACCOUNTS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const run = promisify(execFile);

process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
process.env.REDIS_URL = `${(process.env.REDIS_URL ?? "").replace(/\/\d*$/, "")}/2`;
const dataRoot = mkdtempSync(path.join(tmpdir(), "xh-bench-"));
const env = {
  ...process.env,
  DATA_ROOT: dataRoot,
  LOG_LEVEL: "warn",
  INSTANCE_PORT_RANGE_START: "45000",
  INSTANCE_PORT_RANGE_END: "45099",
  WORKER_CONCURRENCY: String(IN_FLIGHT),
};
await resetDatabase();
const apiEnv = loadEnv(apiEnvSchema, env);
const { core, redis, queues, waiters } = createCoreContext(apiEnv);
const app = await buildApp({ env: apiEnv, core, redis, logger: false });
const address = await app.listen({ host: "127.0.0.1", port: 0 });
const workerCtx = createWorkerContext(loadEnv(workerEnvSchema, env), pino({ level: "warn" }));
await redis.flushdb();
// The worker runs in its own process, as in production.
const worker = spawnWorker(env as Record<string, string>);

async function http(method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${address}${url}`, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Record<string, any>;
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const runtime = new LocalRuntime({ dataRoot });
try {
  const signup = await fetch(`${address}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "bench@bench.example",
      password: "amber orchard lamp 123",
      name: "Bench",
      tenantName: "Bench",
    }),
  });
  const cookie = signup.headers.get("set-cookie")?.split(";")[0] ?? "";
  const { tenant } = (await signup.json()) as { tenant: { id: string } };
  const tokenRes = await fetch(`${address}/api/v1/api-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name: "bench", tenantId: tenant.id }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  await core.db.tenant.update({ where: { id: tenant.id }, data: { accountQuota: 100_000 } });
  const inst = await http("POST", `/api/v1/tenants/${tenant.id}/instances?wait=60`, { name: "bench" }, token);
  const dom = await http(
    "POST",
    `/api/v1/instances/${inst.instance.id}/domains?wait=60`,
    { name: "bench.example" },
    token,
  );

  // Through the platform: HTTP -> PostgreSQL + operation -> BullMQ -> worker -> admin socket.
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < COUNT) {
        const i = next++;
        const res = await http(
          "POST",
          `/api/v1/domains/${dom.domain.id}/accounts?wait=60`,
          { localpart: `user${i}`, password: "river-stone-42" },
          token,
        );
        if (res.operation.status !== "succeeded") failed++;
      }
    }),
  );
  const platformSeconds = (performance.now() - started) / 1000;
  const onServer = await workerCtx.driverFor(inst.instance).listAccounts("bench.example");

  // Baseline: an identical Prosody, XEP-0133 over one admin connection.
  const ca = await InternalCa.loadOrCreate(path.join(dataRoot, "bench-ca"), new SecretBox("ab".repeat(32)));
  const caFile = path.join(dataRoot, "bench-ca.pem");
  writeFileSync(caFile, ca.certPem);
  const [c2s, s2s, httpPort] = await freePorts(3);
  const ports = { c2s: c2s!, s2s: s2s!, http: httpPort! };
  const spec = {
    id: "raw",
    server: "prosody" as const,
    ports,
    bindAddress: "127.0.0.1",
    domains: [{ name: "raw.example", registration: "closed" as const }],
    admins: ["admin@raw.example"],
  };
  const cert = await ca.issue(["raw.example", "groups.raw.example", "share.raw.example"]);
  for (const h of cert.names) await runtime.writeCertificate("raw", h, cert.certPem, cert.keyPem);
  await runtime.writeConfig(spec);
  await runtime.start(spec);
  const rawDriver = createDriver("prosody", { socketPath: runtime.adminSocketPath("raw") });
  await rawDriver.createAccount("admin@raw.example", "admin-password-1");
  await rawDriver.close();
  const { stdout } = await run(
    path.join(repoRoot, "node_modules/.bin/tsx"),
    [
      path.join(repoRoot, "bench/xep0133.ts"),
      "127.0.0.1",
      String(ports.c2s),
      "raw.example",
      "admin",
      "admin-password-1",
      String(COUNT),
      String(IN_FLIGHT),
    ],
    { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, timeout: 600_000 },
  );
  const raw = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
    loginMs: number;
    sequentialPerSec: number;
    parallelPerSec: number | null;
  };

  const platformPerSec = COUNT / platformSeconds;
  const rows = [
    [`platform API (HTTP, ?wait, ${IN_FLIGHT} in flight)`, platformPerSec],
    ["raw XEP-0133 add-user, one connection, 1 in flight", raw.sequentialPerSec],
    [`raw XEP-0133 add-user, one connection, ${IN_FLIGHT} in flight`, raw.parallelPerSec ?? Number.NaN],
  ] as const;
  console.log(`\nbench:provision — ${COUNT} accounts on one Prosody instance`);
  for (const [label, perSec] of rows) console.log(`  ${label.padEnd(58)} ${perSec.toFixed(1).padStart(8)} accounts/s`);
  console.log(`  ratio platform / raw sequential: ${(platformPerSec / raw.sequentialPerSec).toFixed(2)}`);
  if (raw.parallelPerSec)
    console.log(`  ratio platform / raw ${IN_FLIGHT} in flight: ${(platformPerSec / raw.parallelPerSec).toFixed(2)}`);
  console.log(`  admin login with @xmpp/client: ${raw.loginMs.toFixed(0)} ms`);
  console.log(`  failed operations: ${failed}; accounts on the server: ${onServer.length}`);
  if (failed > 0 || onServer.length !== COUNT) process.exitCode = 1;
} finally {
  worker.kill("SIGTERM");
  await workerCtx.close();
  for (const i of await core.db.instance.findMany()) await runtime.destroy(i.id).catch(() => undefined);
  await runtime.destroy("raw").catch(() => undefined);
  await app.close();
  await queues.close();
  waiters.close();
  redis.disconnect();
  await disconnectAll();
  rmSync(dataRoot, { recursive: true, force: true });
}
