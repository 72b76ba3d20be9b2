// npm run bench:provision — accounts created per second through the platform API (500 accounts on one
// instance), against raw XEP-0133 add-user over one XMPP connection to an identical Prosody, measured in
// the same run. Uses the test database and its own data root; prints a table and ratios.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { InternalCa } from "@xmpp-host/acme";
import { repoRoot } from "@xmpp-host/config";
import { SecretBox } from "@xmpp-host/core";
import { freePorts } from "@xmpp-host/runtime/testing";
import { createDriver } from "@xmpp-host/xmpp";
import { startBench } from "./harness.ts";

const COUNT = Number(process.env.BENCH_ACCOUNTS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const run = promisify(execFile);

// The worker runs in its own process, as in production.
const bench = await startBench({
  name: "bench",
  redisDb: 2,
  workerContext: true,
  env: {
    INSTANCE_PORT_RANGE_START: "45000",
    INSTANCE_PORT_RANGE_END: "45099",
    WORKER_CONCURRENCY: String(IN_FLIGHT),
  },
});
const { dataRoot, runtime } = bench;
const workerCtx = bench.workerCtx!;
const http = bench.json;

try {
  const { id: tenantId, token } = await bench.tenant("Bench", { accountQuota: 100_000 });
  const inst = await http("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "bench" }, token);
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
  await runtime.destroy("raw").catch(() => undefined);
  await bench.close();
}
