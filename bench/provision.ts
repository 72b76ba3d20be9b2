// npm run bench:provision [-- --server ejabberd] — accounts created per second through the platform API (500 accounts
// on one instance), against the server's own fastest way measured in the same run on an identical server: raw
// XEP-0133 add-user over one XMPP connection (Prosody), or raw mod_http_api `register` (ejabberd), 16 in flight.
// Then, for both kinds side by side: start to first login, and idle RSS. Uses the test database and its own data
// root; prints tables and ratios.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { InternalCa } from "@xmpp-host/acme";
import { repoRoot } from "@xmpp-host/config";
import { SecretBox } from "@xmpp-host/core";
import { freePorts } from "@xmpp-host/runtime/testing";
import { EjabberdApiClient, type InstanceSpec, type ServerName, serverKind, serverNames } from "@xmpp-host/xmpp";
import { xmppLogin } from "@xmpp-host/xmpp/client";
import { startBench } from "./harness.ts";
import { queryCount } from "./query-count.mjs";

const COUNT = Number(process.env.BENCH_ACCOUNTS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const run = promisify(execFile);
const serverArg = process.argv.indexOf("--server");
const SERVER = (serverArg >= 0 ? process.argv[serverArg + 1] : "prosody") as ServerName;
if (!serverNames.includes(SERVER)) throw new Error(`--server must be one of ${serverNames.join(", ")}`);

// The worker runs in its own process, as in production, with the statement counter preloaded: SIGUSR2 makes it
// write its count to a file (query-count.mjs). The API runs in this process, whose statements are counted here.
const workerQueriesFile = path.join(tmpdir(), `xh-bench-queries-${process.pid}`);
const bench = await startBench({
  name: "bench",
  redisDb: Number(process.env.BENCH_REDIS_DB ?? 2),
  workerContext: true,
  env: {
    INSTANCE_PORT_RANGE_START: "45000",
    INSTANCE_PORT_RANGE_END: "45099",
    WORKER_CONCURRENCY: String(IN_FLIGHT),
    NODE_OPTIONS:
      `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(repoRoot, "bench/query-count.mjs")).href}`.trim(),
    BENCH_QUERY_COUNT_FILE: workerQueriesFile,
  },
});

/** Statements sent so far by the API (this process) and the worker (its process). */
async function statementsSent(): Promise<number> {
  rmSync(workerQueriesFile, { force: true });
  bench.worker.kill("SIGUSR2");
  const deadline = Date.now() + 5000;
  while (!existsSync(workerQueriesFile)) {
    if (Date.now() > deadline) throw new Error("the worker did not report its statement count");
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 20));
  return queryCount() + Number(readFileSync(workerQueriesFile, "utf8"));
}
const { dataRoot, runtime } = bench;
const workerCtx = bench.workerCtx!;
const http = bench.json;

try {
  const { id: tenantId, token } = await bench.tenant("Bench", { accountQuota: 100_000 });
  const inst = await http(
    "POST",
    `/api/v1/tenants/${tenantId}/instances?wait=60`,
    { name: "bench", server: SERVER },
    token,
  );
  const dom = await http(
    "POST",
    `/api/v1/instances/${inst.instance.id}/domains?wait=60`,
    { name: "bench.example" },
    token,
  );

  // Through the platform: HTTP -> PostgreSQL + operation -> BullMQ -> worker -> admin socket.
  let next = 0;
  let failed = 0;
  const queriesBefore = await statementsSent();
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
  const platformQueries = (await statementsSent()) - queriesBefore;

  // The bulk path: one CSV file of COUNT members, one import operation, accounts created in chunks.
  const csv = `username\n${Array.from({ length: COUNT }, (_, i) => `bulk${i}`).join("\n")}\n`;
  const bulkQueriesBefore = await statementsSent();
  const bulkStarted = performance.now();
  const imported = await bench.request(
    "POST",
    `/api/v1/domains/${dom.domain.id}/imports?mode=accounts&wait=300`,
    undefined,
    { token },
    { body: csv, contentType: "text/csv" },
  );
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;
  const bulkQueries = (await statementsSent()) - bulkQueriesBefore;
  const bulkOp = imported.json.operation as { id: string; status: string } | undefined;
  if (imported.status !== 200 || bulkOp?.status !== "succeeded")
    throw new Error(`bulk import: ${imported.status} ${imported.text.slice(0, 300)}`);
  const bulkReport = await http("GET", `/api/v1/imports/${bulkOp.id}`, undefined, token);
  const bulkCreated = bulkReport.report.counts.created as number;

  const row = await workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: inst.instance.id } });
  const onServer = await workerCtx.driverFor(row).listAccounts("bench.example");

  // Baseline: an identical server of the same kind, driven by its own fastest admin interface.
  const ca = await InternalCa.loadOrCreate(path.join(dataRoot, "bench-ca"), new SecretBox("ab".repeat(32)));
  const caFile = path.join(dataRoot, "bench-ca.pem");
  writeFileSync(caFile, ca.certPem);
  const startServer = async (id: string, server: ServerName, domain: string, admins: string[] = []) => {
    const [c2s, s2s, httpPort] = await freePorts(3);
    const spec: InstanceSpec = {
      id,
      server,
      ports: { c2s: c2s!, s2s: s2s!, http: httpPort! },
      bindAddress: "127.0.0.1",
      domains: [{ name: domain, registration: "closed" }],
      admins,
      ...(serverKind(server).adminPassword ? { adminPassword: randomBytes(18).toString("base64url") } : {}),
    };
    const cert = await ca.issue([domain, `groups.${domain}`, `share.${domain}`]);
    for (const h of cert.names) await runtime.writeCertificate(id, h, cert.certPem, cert.keyPem);
    const t0 = performance.now();
    const status = await runtime.start(spec);
    return { spec, pid: status.pid, startMs: performance.now() - t0 };
  };
  const { spec } = await startServer("raw", SERVER, "raw.example", ["admin@raw.example"]);
  const rawDriver = serverKind(SERVER).createDriver(runtime.adminChannel(spec));
  await rawDriver.createAccount("admin@raw.example", "admin-password-1");
  await rawDriver.close();
  let raw: { label: string; perSec: number; sequentialPerSec?: number; loginMs?: number };
  if (SERVER === "prosody") {
    const { stdout } = await run(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      [
        path.join(repoRoot, "bench/xep0133.ts"),
        "127.0.0.1",
        String(spec.ports.c2s),
        "raw.example",
        "admin",
        "admin-password-1",
        String(COUNT),
        String(IN_FLIGHT),
      ],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, timeout: 600_000 },
    );
    const out = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
      loginMs: number;
      sequentialPerSec: number;
      parallelPerSec: number | null;
    };
    raw = {
      label: `raw XEP-0133 add-user, one connection, ${IN_FLIGHT} in flight`,
      perSec: out.parallelPerSec ?? Number.NaN,
      sequentialPerSec: out.sequentialPerSec,
      loginMs: out.loginMs,
    };
  } else {
    // mod_http_api's own command on the server's admin socket, with the admin's credentials, over keep-alive.
    const channel = runtime.adminChannel(spec);
    if (channel.kind !== "http") throw new Error("ejabberd is administered over HTTP");
    const api = new EjabberdApiClient(channel);
    let n = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (n < COUNT) {
          const i = n++;
          await api.call("register", { user: `raw${i}`, host: "raw.example", password: "river-stone-42" });
        }
      }),
    );
    await api.close();
    raw = {
      label: `raw mod_http_api register, ${IN_FLIGHT} in flight`,
      perSec: COUNT / ((performance.now() - t0) / 1000),
    };
  }

  const platformPerSec = COUNT / platformSeconds;
  const bulkPerSec = COUNT / bulkSeconds;
  console.log(`\nbench:provision — ${COUNT} accounts on one ${serverKind(SERVER).label} instance`);
  const rows: [string, number][] = [
    [`platform API (HTTP, ?wait, ${IN_FLIGHT} in flight)`, platformPerSec],
    ["platform bulk import (one CSV, one operation)", bulkPerSec],
    [raw.label, raw.perSec],
  ];
  if (raw.sequentialPerSec) rows.push(["raw XEP-0133 add-user, one connection, 1 in flight", raw.sequentialPerSec]);
  for (const [label, perSec] of rows) console.log(`  ${label.padEnd(58)} ${perSec.toFixed(1).padStart(8)} accounts/s`);
  console.log(`  ratio platform / ${raw.label}: ${(platformPerSec / raw.perSec).toFixed(2)}`);
  console.log(`  ratio bulk import / ${raw.label}: ${(bulkPerSec / raw.perSec).toFixed(2)}`);
  console.log(
    `  SQL statements per account (API and worker): single-account API ${(platformQueries / COUNT).toFixed(1)}, bulk import ${(bulkQueries / COUNT).toFixed(2)}`,
  );
  if (raw.sequentialPerSec)
    console.log(`  ratio platform / raw sequential: ${(platformPerSec / raw.sequentialPerSec).toFixed(2)}`);
  if (raw.loginMs) console.log(`  admin login with @xmpp/client: ${raw.loginMs.toFixed(0)} ms`);
  console.log(
    `  failed operations: ${failed}; bulk accounts created: ${bulkCreated}; accounts on the server: ${onServer.length}`,
  );
  if (failed > 0 || bulkCreated !== COUNT || onServer.length !== 2 * COUNT) process.exitCode = 1;

  // Both kinds side by side: a fresh server from start to an account's first login, then its memory once idle.
  console.log("\nserver kinds side by side (fresh server, one domain)");
  console.log(
    `  ${"kind".padEnd(10)} ${"start ms".padStart(9)} ${"start to first login ms".padStart(24)} ${"idle RSS MB".padStart(12)}`,
  );
  for (const server of serverNames) {
    const t0 = performance.now();
    const started = await startServer(`side-${server}`, server, `side-${server}.example`);
    const driver = serverKind(server).createDriver(runtime.adminChannel(started.spec));
    await driver.createAccount(`first@side-${server}.example`, "river-stone-42");
    await driver.close();
    const session = await xmppLogin({
      host: "127.0.0.1",
      port: started.spec.ports.c2s,
      domain: `side-${server}.example`,
      username: "first",
      password: "river-stone-42",
      ca: ca.certPem,
    });
    const firstLoginMs = performance.now() - t0;
    await session.close();
    await new Promise((r) => setTimeout(r, 5000));
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${started.pid}/status`, "utf8"))?.[1] ?? Number.NaN);
    console.log(
      `  ${server.padEnd(10)} ${started.startMs.toFixed(0).padStart(9)} ${firstLoginMs.toFixed(0).padStart(24)} ${(rssKb / 1024).toFixed(1).padStart(12)}`,
    );
    await runtime.destroy(`side-${server}`);
  }
} finally {
  rmSync(workerQueriesFile, { force: true });
  await runtime.destroy("raw").catch(() => undefined);
  await bench.close();
}
