// npm run bench:backup — back up and restore an instance holding 1,000 accounts, 50 rooms and 10,000 archived
// messages; prints the time of each step and the archive size. Uses the test database and its own data root.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@xmpp-host/config";
import { startBench } from "./harness.ts";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const run = promisify(execFile);

const bench = await startBench({
  name: "bb",
  redisDb: 3,
  listen: false,
  workerContext: true,
  env: {
    INSTANCE_PORT_RANGE_START: "45300",
    INSTANCE_PORT_RANGE_END: "45399",
    VERIFY_PORT_RANGE_START: "45400",
    VERIFY_PORT_RANGE_END: "45499",
    BACKUP_VERIFY: "false",
  },
});
const { app, dataRoot } = bench;
const workerCtx = bench.workerCtx!;
const api = bench.json;
const timings: [string, number][] = [];
async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const v = await fn();
  timings.push([label, (performance.now() - t) / 1000]);
  return v;
}

try {
  const { id: tenantId, token } = await bench.tenant("Bench");
  const inst = await api("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "bench" }, token);
  await api("POST", `/api/v1/instances/${inst.instance.id}/domains?wait=60`, { name: "bench.example" }, token);
  const driver = workerCtx.driverFor(inst.instance);
  await step(`seed ${ACCOUNTS} accounts (admin socket)`, async () => {
    for (let i = 0; i < ACCOUNTS; i++) await driver.createAccount(`user${i}@bench.example`, "river-stone-42");
  });
  await step(`seed ${ROOMS} rooms`, async () => {
    for (let i = 0; i < ROOMS; i++) {
      const jid = `room${i}@groups.bench.example`;
      await driver.createRoom(jid, { title: `Room ${i}`, membersOnly: true, persistent: true, public: false });
      await driver.setRoomMembers(jid, [`user${i}@bench.example`, `user${i + 1}@bench.example`]);
    }
  });
  const caFile = path.join(dataRoot, "ca.pem");
  writeFileSync(caFile, (await app.inject({ method: "GET", url: "/api/v1/ca.pem" })).body);
  await step(`seed ${MESSAGES} archived messages (XMPP)`, async () => {
    await run(
      "/usr/bin/python3",
      [
        path.join(repoRoot, "tests/clients/xmpp_client.py"),
        "converse",
        "127.0.0.1",
        String(inst.instance.endpoints.c2sPort),
        caFile,
        "user0@bench.example",
        "river-stone-42",
        "user1@bench.example",
        "river-stone-42",
        String(MESSAGES),
      ],
      { timeout: 600_000 },
    );
  });
  await workerCtx.forgetDriver(inst.instance.id);
  const backup = await step("backup (snapshot, compress, encrypt, store)", () =>
    api("POST", `/api/v1/instances/${inst.instance.id}/backups?wait=300`, undefined, token),
  );
  if (backup.backup.status !== "succeeded") throw new Error(`backup failed: ${JSON.stringify(backup)}`);
  const restore = await step("restore (fetch, verify, swap, start, sync)", () =>
    api("POST", `/api/v1/backups/${backup.backup.id}/restore?wait=300`, {}, token),
  );
  if (restore.operation.status !== "succeeded") throw new Error(`restore failed: ${JSON.stringify(restore)}`);
  const after = await workerCtx.driverFor(inst.instance).listAccounts("bench.example");

  console.log(`\nbench:backup — ${ACCOUNTS} accounts, ${ROOMS} rooms, ${MESSAGES} archived messages`);
  for (const [label, s] of timings) console.log(`  ${label.padEnd(48)} ${s.toFixed(2).padStart(8)} s`);
  console.log(
    `  archive size                                     ${(Number(backup.backup.sizeBytes) / 1024 / 1024).toFixed(2).padStart(8)} MiB`,
  );
  console.log(`  server paused for the snapshot                   ${String(backup.backup.pausedMs).padStart(8)} ms`);
  console.log(`  accounts after restore                           ${String(after.length).padStart(8)}`);
  if (after.length !== ACCOUNTS) process.exitCode = 1;
} finally {
  await bench.close();
}
