// npm run bench:density — how many families fit in a given amount of server memory. Through the platform's API
// (and a worker in its own process, as in production): BENCH_FAMILIES free-address families (default 500) on the
// shared pool, each with 2 accounts and a group chat with both as members; the resident memory (VmRSS) of the
// shared servers after every 100 families. In the same run, BENCH_DEDICATED families (default 20) on dedicated
// servers, one server each, as the baseline. Prints the curve, memory per family and the density ratio.
import { readFileSync } from "node:fs";
import { startBench } from "./harness.ts";

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 500);
const DEDICATED = Number(process.env.BENCH_DEDICATED ?? 20);
const STEP = Number(process.env.BENCH_STEP ?? 100);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const BASE = "density.test";

const bench = await startBench({
  name: "density",
  redisDb: 2,
  env: {
    INSTANCE_PORT_RANGE_START: "46000",
    INSTANCE_PORT_RANGE_END: "46299",
    WORKER_CONCURRENCY: String(IN_FLIGHT * 2),
    PLATFORM_BASE_DOMAIN: BASE,
    // The whole run is a few minutes of work; no scheduled job should add noise to the figures.
    BACKUP_VERIFY: "false",
    SYNC_INTERVAL_MS: "3600000",
    HEALTH_PROBE_INTERVAL_MS: "3600000",
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
  },
});
const { core, runtime } = bench;
const http = bench.must;

/** A tenant with an API token and quotas large enough for the run. */
const tenant = (name: string) => bench.tenant(name, { domainQuota: 100_000, accountQuota: 1_000_000 });

/** One family's content: two accounts and a members-only group chat with both in it. */
async function furnish(domain: { id: string; name: string }, token: string) {
  for (const who of ["mum", "dad"]) {
    await http(
      "POST",
      `/api/v1/domains/${domain.id}/accounts?wait=60`,
      { localpart: who, password: "quiet harbour kite" },
      token,
    );
  }
  await http(
    "POST",
    `/api/v1/domains/${domain.id}/rooms?wait=60`,
    { name: "family", title: "Family", members: [`mum@${domain.name}`, `dad@${domain.name}`] },
    token,
  );
}

function rssBytes(pid: number | null): number {
  if (!pid) return 0;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

async function serversMemory(placement: "shared" | "dedicated") {
  const rows = await core.db.instance.findMany({ where: { placement }, select: { id: true } });
  let bytes = 0;
  for (const r of rows) bytes += rssBytes((await runtime.status(r.id)).pid);
  return { servers: rows.length, bytes };
}

async function inParallel(count: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

const mb = (b: number) => b / 1024 / 1024;
try {
  const owner = await tenant("families");
  const curve: { families: number; servers: number; mb: number; seconds: number }[] = [];
  const started = performance.now();
  for (let done = 0; done < FAMILIES; ) {
    const batch = Math.min(STEP, FAMILIES - done);
    await inParallel(batch, async (i) => {
      const res = await http(
        "POST",
        `/api/v1/tenants/${owner.id}/domains?wait=60`,
        { name: `family-${done + i}` },
        owner.token,
      );
      await furnish(res.domain, owner.token);
    });
    done += batch;
    const m = await serversMemory("shared");
    curve.push({ families: done, servers: m.servers, mb: mb(m.bytes), seconds: (performance.now() - started) / 1000 });
    console.log(`  ${done} families on ${m.servers} shared server(s): ${mb(m.bytes).toFixed(1)} MiB`);
  }

  // The baseline: the same families, one dedicated server each.
  const dedicated = await tenant("dedicated");
  await inParallel(DEDICATED, async (i) => {
    const inst = await http(
      "POST",
      `/api/v1/tenants/${dedicated.id}/instances?wait=60`,
      { name: `own-${i}` },
      dedicated.token,
    );
    const dom = await http(
      "POST",
      `/api/v1/instances/${inst.instance.id}/domains?wait=60`,
      { name: `own-${i}.example` },
      dedicated.token,
    );
    await furnish(dom.domain, dedicated.token);
  });
  const d = await serversMemory("dedicated");

  const last = curve[curve.length - 1] ?? { families: 0, mb: 0, servers: 0, seconds: 0 };
  const sharedPerFamily = last.mb / Math.max(1, last.families);
  const dedicatedPerFamily = mb(d.bytes) / Math.max(1, DEDICATED);
  console.log(`\nbench:density — ${FAMILIES} free-address families (2 accounts + 1 group chat each)`);
  console.log("  families  shared servers  server memory (MiB)  MiB per family  elapsed (s)");
  for (const p of curve) {
    console.log(
      `  ${String(p.families).padStart(8)}  ${String(p.servers).padStart(14)}  ${p.mb.toFixed(1).padStart(18)}  ${(p.mb / p.families).toFixed(2).padStart(13)}  ${p.seconds.toFixed(0).padStart(11)}`,
    );
  }
  console.log(`  dedicated baseline: ${DEDICATED} families on ${d.servers} servers: ${mb(d.bytes).toFixed(1)} MiB`);
  console.log(`  MiB per family: shared ${sharedPerFamily.toFixed(2)}, dedicated ${dedicatedPerFamily.toFixed(2)}`);
  console.log(
    `  density ratio (dedicated / shared memory per family): ${(dedicatedPerFamily / sharedPerFamily).toFixed(1)}x`,
  );
  console.log(
    `  goal: ${FAMILIES} families in at most 500 MB: ${last.mb * 1.048576 <= 500 ? "met" : "NOT met"} (${last.mb.toFixed(1)} MiB)`,
  );
  if (last.mb * 1.048576 > 500 || dedicatedPerFamily / sharedPerFamily < 10) process.exitCode = 1;
} finally {
  await bench.close();
}
