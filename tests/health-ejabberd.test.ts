// Health probes, alerts and supervision for an ejabberd server: the same verdicts as for Prosody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supervise } from "../apps/worker/src/processors/maintenance.ts";
import { type Call, client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { startWebhookReceiver } from "./helpers/sinks.ts";
import { sleep, until } from "./helpers/wait.ts";

const INTERVAL_MS = 1500;

let platform: Platform;
let call: Call;
let tenantId: string;
let instanceId: string;
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;

function downWebhooks(event: "opened" | "resolved") {
  return webhook.received.filter((w) => w.json.alert?.rule === "instance_down" && w.json.event === event);
}
const health = async () => (await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`)).json;

beforeAll(async () => {
  webhook = await startWebhookReceiver();
  platform = await startPlatform({
    workerEnv: {
      HEALTH_PROBE_INTERVAL_MS: String(INTERVAL_MS),
      HEALTH_PROBE_TIMEOUT_MS: "3000",
      // Supervision would restart the killed server at once; here it runs only when the test says so.
      SUPERVISE_INTERVAL_MS: "3600000",
    },
  });
  ({ call, tenantId } = await signupWithToken(platform.app, "health-ejabberd"));
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, {
    name: "community",
    server: "ejabberd",
  });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instanceId = inst.json.instance.id;
  const dom = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, { name: "club-e.example" });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  const hook = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
    kind: "webhook",
    name: "Ops webhook",
    target: webhook.url,
  });
  expect(hook.status, hook.text).toBe(201);
});

afterAll(async () => {
  await platform?.close();
  await webhook?.close();
});

describe("health of an ejabberd server", () => {
  it("probes it: logs in, reads its counters over the admin API, and reports it up", async () => {
    const h = await until(
      "a probe with a login on the domain that found the server up",
      async () => {
        const now = await health();
        return now.latest?.loginMs && now.status !== "down" && now.latest.onlineUsers !== null ? now : null;
      },
      30_000,
    );
    expect(["healthy", "degraded"]).toContain(h.status);
    for (const k of ["connectMs", "tlsMs", "loginMs", "pingMs"]) expect(h.latest[k]).toBeGreaterThan(0);
    expect(h.latest.memoryBytes).toBeGreaterThan(20_000_000);
    expect(h.latest.s2sReachable).toBe(true);
    expect(h.latest.httpReachable).toBe(true);
    expect(h.latest.onlineUsers).toBe(0);
    expect(h.latest.mucRooms).toBeGreaterThanOrEqual(0);
    expect(h.latest.certificateDaysLeft).toBeGreaterThan(80);
  });

  it("goes down when ejabberd is killed, and alerts once", async () => {
    const { pid } = await platform.workerCtx.runtime.status(instanceId);
    if (!pid) throw new Error("the server is not running");
    process.kill(pid, "SIGKILL");
    await until("status down", async () => (await health()).status === "down", 2 * INTERVAL_MS + 5000);
    await until("the opened webhook", async () => downWebhooks("opened").length > 0, 3 * INTERVAL_MS + 5000);
    expect((await health()).reasons.map((r: { code: string }) => r.code)).toContain("process_not_running");
    await sleep(3 * INTERVAL_MS);
    expect(downWebhooks("opened")).toHaveLength(1);
  });

  it("resolves once when the supervisor brings it back", async () => {
    const { restarted } = await supervise(platform.workerCtx);
    expect(restarted).toEqual([instanceId]);
    await until("the resolved webhook", async () => downWebhooks("resolved").length > 0, 4 * INTERVAL_MS + 10_000);
    expect((await health()).status).not.toBe("down");
    await sleep(3 * INTERVAL_MS);
    expect(downWebhooks("opened")).toHaveLength(1);
    expect(downWebhooks("resolved")).toHaveLength(1);
  });

  it("sets the probe's password again when the server no longer takes it, rather than report the server down", async () => {
    const db = platform.app.core.db;
    const before = await db.probeAccount.findUniqueOrThrow({ where: { instanceId } });
    const driver = platform.workerCtx.driverFor(await db.instance.findUniqueOrThrow({ where: { id: instanceId } }));
    // As after restoring older data: the server holds another password for the probe account.
    await driver.setPassword(`${before.username}@${before.host}`, "a password the platform never knew");
    const changedAt = Date.now();
    const after = await until(
      "a probe since the change that logged in",
      async () => {
        const h = await health();
        return new Date(h.checkedAt).getTime() > changedAt + INTERVAL_MS && h.latest?.loginMs ? h : null;
      },
      4 * INTERVAL_MS + 5000,
    );
    expect(after.status).not.toBe("down");
    const renewed = await db.probeAccount.findUniqueOrThrow({ where: { instanceId } });
    expect(renewed.passwordEncrypted).not.toBe(before.passwordEncrypted);
    expect(downWebhooks("opened")).toHaveLength(1);
  });

  it("probes a server that has no domain yet on its placeholder host, and finds it up", async () => {
    const made = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, {
      name: "empty",
      server: "ejabberd",
    });
    expect(made.json.operation.status, made.text).toBe("succeeded");
    const id = made.json.instance.id as string;
    const h = await until(
      "a probe that logged in",
      async () => {
        const now = (await call("GET", `/api/v1/instances/${id}/health?range=1h`)).json;
        return now.latest?.loginMs ? now : null;
      },
      6 * INTERVAL_MS + 5000,
    );
    expect(h.status).not.toBe("down");
    const probe = await platform.app.core.db.probeAccount.findUniqueOrThrow({ where: { instanceId: id } });
    expect(probe.host).toBe("localhost");
  });

  it("shows operators the ejabberd servers in the fleet, with their health", async () => {
    const db = platform.app.core.db;
    const op = await signupWithToken(platform.app, "ops-ejabberd");
    await db.user.update({ where: { email: "ops-ejabberd@test.example" }, data: { isOperator: true } });
    const res = await client(platform.app, { cookie: op.cookie })("GET", "/api/v1/fleet?server=ejabberd&limit=50");
    expect(res.status, res.text).toBe(200);
    const row = res.json.items.find((r: { instance: { id: string } }) => r.instance.id === instanceId);
    expect(row).toMatchObject({ instance: { server: "ejabberd", name: "community" } });
    expect(["healthy", "degraded"]).toContain(row.health.status);
    const prosodyOnly = await client(platform.app, { cookie: op.cookie })("GET", "/api/v1/fleet?server=prosody");
    expect(prosodyOnly.json.items.map((r: { instance: { id: string } }) => r.instance.id)).not.toContain(instanceId);
  });
});
