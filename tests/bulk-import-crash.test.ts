// A bulk import whose worker is killed with -9 in the middle (a chunk written to PostgreSQL, its accounts not yet on
// the server) ends, once another worker takes the job again, with every row done exactly once and every password
// in the one-time download working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../packages/core/src/imports/csv.ts";
import { type Call, type Platform, signupWithToken, startPlatform, WorkerProcess } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "crashimport.test";
let platform: Platform;
let call: Call;
let token: string;
let worker: WorkerProcess;
let instance: { id: string; endpoints: { host: string; c2sPort: number } };
let domainId: string;

beforeAll(async () => {
  platform = await startPlatform({ inProcessWorker: false });
  worker = new WorkerProcess(platform.workerEnv);
  let tenantId: string;
  ({ call, token, tenantId } = await signupWithToken(platform.app, "crashimporter"));
  await platform.app.core.db.tenant.update({ where: { id: tenantId }, data: { accountQuota: 1000 } });
  worker.start();
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "crash" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instance = inst.json.instance;
  const dom = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, { name: DOMAIN });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
}, 120_000);

afterAll(async () => {
  await worker?.kill();
  await platform?.close();
});

describe("a bulk import interrupted by a crash", () => {
  it("finishes each row exactly once after the worker is killed mid-import, with the passwords it gave", async () => {
    const count = 600;
    const csv = `username\n${Array.from({ length: count }, (_, i) => `crash${i}`).join("\n")}\n`;
    const res = await platform.app.inject({
      method: "POST",
      url: `/api/v1/domains/${domainId}/imports?mode=accounts`,
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(202);
    const importId = JSON.parse(res.body).operation.id as string;
    const db = platform.app.core.db;
    // The second chunk has started: the first is on the server, the second is being written.
    await until(
      "the second chunk to start",
      async () => ((await db.operation.findUnique({ where: { id: importId } }))?.progress ?? 0) >= 40,
      30_000,
      20,
    );
    const server = platform.prosodyPid(instance.id);
    process.kill(server, "SIGSTOP");
    try {
      // Caught with the chunk in PostgreSQL and the server not answering.
      await until(
        "the second chunk in PostgreSQL",
        async () => (await db.account.count({ where: { importId } })) > 250,
        30_000,
        20,
      );
      await worker.kill();
    } finally {
      process.kill(server, "SIGCONT");
    }
    const midway = await db.account.count({ where: { importId } });
    expect(midway).toBeGreaterThan(250);
    expect(midway).toBeLessThan(count);
    expect((await db.operation.findUniqueOrThrow({ where: { id: importId } })).status).toBe("running");

    worker.start();
    const done = await call("GET", `/api/v1/operations/${importId}?wait=90`);
    expect(done.json, done.text).toMatchObject({ status: "succeeded" });
    expect(done.json.result.counts).toMatchObject({ created: count, failed: 0, existing: 0 });

    const accounts = await db.account.findMany({ where: { domainId }, select: { localpart: true, state: true } });
    expect(accounts).toHaveLength(count);
    expect(accounts.every((a) => a.state === "active")).toBe(true);
    const onServer = await platform.serverAccounts(instance.id, DOMAIN);
    expect(onServer.sort()).toEqual(accounts.map((a) => a.localpart).sort());
    expect(
      await db.auditEvent.count({
        where: { action: "account.imported", data: { path: ["importId"], equals: importId } },
      }),
    ).toBe(count);

    const file = await platform.app.inject({
      method: "POST",
      url: `/api/v1/imports/${importId}/download`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.statusCode, file.body).toBe(200);
    const rows = parseCsv(file.body).flatMap((r) => ("fields" in r ? [r.fields] : []));
    expect(rows).toHaveLength(count + 1);
    const { file: caFile } = await internalCa(platform);
    // One from the chunk done before the crash, one from the chunk the crash interrupted, one from after.
    for (const name of ["crash10", "crash300", "crash590"]) {
      const row = rows.find((r) => r[0] === name);
      const login = await xmppClient([
        "login",
        `${name}@${DOMAIN}`,
        row?.[2] ?? "",
        instance.endpoints.host,
        String(instance.endpoints.c2sPort),
        caFile,
      ]);
      expect(login, `${name}: ${JSON.stringify(login)}`).toEqual({ code: 0, out: { result: "ok" } });
    }
  }, 150_000);
});
