import { createRedis, JobQueues } from "@xmpp-host/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, type Platform, signupWithToken, startPlatform, WorkerProcess } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";

let platform: Platform;
let call: Call;
let worker: WorkerProcess;
let instanceId: string;
let domainId: string;

const serverAccounts = () => platform.serverAccounts(instanceId, "crash.example");

beforeAll(async () => {
  platform = await startPlatform({ inProcessWorker: false });
  worker = new WorkerProcess(platform.workerEnv);
  ({ call } = await signupWithToken(platform.app, "crash"));
  const me = await call("GET", "/api/v1/me");
  const tenantId = me.json.tenants[0].id;
  worker.start();
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "crash" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instanceId = inst.json.instance.id;
  const dom = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, {
    name: "crash.example",
  });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
});

afterAll(async () => {
  await worker?.kill();
  await platform?.close();
});

describe("crash safety", () => {
  it("finishes an account creation exactly once after the worker is killed with -9 mid-operation", async () => {
    const server = platform.prosodyPid(instanceId);
    // Freeze the server so the worker is caught inside the driver call, then kill the worker.
    process.kill(server, "SIGSTOP");
    let opId: string;
    try {
      const res = await call("POST", `/api/v1/domains/${domainId}/accounts`, {
        localpart: "kevin",
        password: "amber-orchard-lamp",
      });
      expect(res.status, res.text).toBe(202);
      opId = res.json.operation.id;
      await until(
        "the operation to be running",
        async () => (await call("GET", `/api/v1/operations/${opId}`)).json.status === "running",
      );
      await new Promise((r) => setTimeout(r, 300));
      await worker.kill();
    } finally {
      process.kill(server, "SIGCONT");
    }
    expect((await call("GET", `/api/v1/operations/${opId}`)).json.status).toBe("running");

    worker.start();
    const done = await call("GET", `/api/v1/operations/${opId}?wait=60`);
    expect(done.json, done.text).toMatchObject({ status: "succeeded" });
    const accounts = await platform.app.core.db.account.findMany({ where: { domainId, localpart: "kevin" } });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.state).toBe("active");
    expect((await serverAccounts()).filter((a) => a === "kevin")).toHaveLength(1);
    const events = await platform.app.core.db.auditEvent.count({
      where: { action: "account.create.succeeded", resourceId: accounts[0]?.id },
    });
    expect(events).toBe(1);
  });

  it("restarts a managed server that dies, and an operation issued meanwhile completes once it is back", async () => {
    const before = platform.prosodyPid(instanceId);
    process.kill(before, "SIGKILL");
    const res = await call("POST", `/api/v1/domains/${domainId}/accounts`, {
      localpart: "laura",
      password: "amber-orchard-lamp",
    });
    expect(res.status, res.text).toBe(202);
    const done = await call("GET", `/api/v1/operations/${res.json.operation.id}?wait=60`);
    expect(done.json, done.text).toMatchObject({ status: "succeeded" });
    const after = platform.prosodyPid(instanceId);
    expect(after).not.toBe(before);
    expect(await serverAccounts()).toContain("laura");
    const restarted = await platform.app.core.db.auditEvent.count({
      where: { action: "instance.restarted_after_exit", resourceId: instanceId },
    });
    expect(restarted).toBeGreaterThanOrEqual(1);
  });

  it("re-enqueues an operation that Redis lost", async () => {
    await worker.kill();
    const res = await call("POST", `/api/v1/domains/${domainId}/accounts`, {
      localpart: "mona",
      password: "amber-orchard-lamp",
    });
    expect(res.status).toBe(202);
    const opId = res.json.operation.id as string;
    const redis = createRedis(platform.workerEnv.REDIS_URL as string);
    const queues = new JobQueues(redis);
    try {
      const job = await queues.queues.operations.getJob(opId);
      expect(job?.id).toBe(opId);
      await job?.remove();
      expect(await queues.queues.operations.getJob(opId)).toBeUndefined();
    } finally {
      await queues.close();
      redis.disconnect();
    }
    worker.start();
    const done = await call("GET", `/api/v1/operations/${opId}?wait=60`);
    expect(done.json, done.text).toMatchObject({ status: "succeeded" });
    expect(await serverAccounts()).toContain("mona");
  });

  it("keeps instances running across a worker restart and adopts them", async () => {
    const before = platform.prosodyPid(instanceId);
    await worker.kill();
    worker.start();
    const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=60`, {
      localpart: "nina",
      password: "amber-orchard-lamp",
    });
    expect(res.json.operation.status, res.text).toBe("succeeded");
    expect(platform.prosodyPid(instanceId)).toBe(before);
  });
});
