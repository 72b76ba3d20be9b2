// Calls out of the box: the platform's TURN server, announced by every managed server (XEP-0215), checked by
// health probes. The independent client (slixmpp) asks for the services; real allocations prove the credentials.
import { stunBinding, turnAllocate, turnCredentials } from "@xmpp-host/calls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { superviseTurn } from "../apps/worker/src/processors/calls.ts";
import { probeInstance } from "../apps/worker/src/processors/health.ts";
import { turnEnv } from "./helpers/own-services.ts";
import { type Call, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;
let call: Call;
let instanceId: string;
let turnPort: number;
let caFile: string;
let c2s: number;

interface Service {
  type: string;
  transport?: string;
  host: string;
  port: string;
  username?: string;
  password?: string;
  expires?: string;
}

async function services(jid: string, password: string, target: string) {
  return xmppClient(["external-services", "127.0.0.1", String(c2s), caFile, jid, password, target]);
}

beforeAll(async () => {
  const turn = await turnEnv();
  turnPort = turn.port;
  platform = await startPlatform({
    workerEnv: {
      ...turn.env,
      TURN_CREDENTIAL_TTL_SECONDS: "600",
      // Probes run when the test says so.
      HEALTH_PROBE_INTERVAL_MS: "3600000",
      HEALTH_PROBE_TIMEOUT_MS: "3000",
      SUPERVISE_INTERVAL_MS: "3600000",
    },
  });
  let tenantId: string;
  ({ call, tenantId } = await signupWithToken(platform.app, "calls"));
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "family" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instanceId = inst.json.instance.id;
  for (const name of ["family.example", "cousins.example"]) {
    const dom = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=30`, { name });
    expect(dom.json.operation.status, dom.text).toBe("succeeded");
    const acct = await call("POST", `/api/v1/domains/${dom.json.domain.id}/accounts?wait=30`, {
      localpart: "alice",
      password: "amber-orchard-lamp",
    });
    expect(acct.json.operation.status, acct.text).toBe("succeeded");
  }
  const row = await platform.workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  c2s = row.c2sPort as number;
  caFile = (await internalCa(platform)).file;
});

afterAll(async () => {
  await platform?.close();
});

describe("calls", () => {
  it("the worker runs one TURN server, whose secret is kept sealed", async () => {
    const status = platform.workerCtx.turn?.status();
    expect(status?.running).toBe(true);
    const row = await platform.workerCtx.core.db.platformSecret.findUniqueOrThrow({ where: { name: "turn-secret" } });
    expect(row.valueEncrypted).toMatch(/^v1\./);
    expect(row.valueEncrypted).not.toContain(platform.workerCtx.calls?.secret ?? "-");
    // A binding request is answered.
    const binding = await stunBinding({ host: "127.0.0.1", port: turnPort, timeoutMs: 2000 });
    expect(binding.mappedAddress).toContain("127.0.0.1");
  });

  it("an account asks its server for external services and gets TURN and STUN with working credentials", async () => {
    const res = await services("alice@family.example", "amber-orchard-lamp", "family.example");
    expect(res.code, JSON.stringify(res.out)).toBe(0);
    const list = res.out.services as Service[];
    const stun = list.find((s) => s.type === "stun");
    const turn = list.find((s) => s.type === "turn" && (s.transport ?? "udp") === "udp");
    expect(stun).toMatchObject({ host: "127.0.0.1", port: String(turnPort) });
    expect(turn).toMatchObject({ host: "127.0.0.1", port: String(turnPort) });
    // Time-limited: the username carries the expiry, about the configured ten minutes from now.
    const expiry = Number(turn?.username?.split(":")[0]);
    expect(expiry * 1000 - Date.now()).toBeGreaterThan(500_000);
    expect(expiry * 1000 - Date.now()).toBeLessThan(700_000);
    // A real allocation with those credentials.
    const allocation = await turnAllocate({
      host: "127.0.0.1",
      port: turnPort,
      username: turn?.username ?? "",
      password: turn?.password ?? "",
      timeoutMs: 3000,
    });
    expect(allocation.relayedAddress).toContain("127.0.0.1");
  });

  it("credentials with a past expiry are refused by the TURN server", async () => {
    const secret = platform.workerCtx.calls?.secret ?? "";
    const expired = turnCredentials(secret, "alice", 60, Date.now() - 3600_000);
    await expect(
      turnAllocate({ host: "127.0.0.1", port: turnPort, ...expired, timeoutMs: 3000 }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    // The same name with a live expiry works: only the expiry differs.
    const live = turnCredentials(secret, "alice", 60);
    await expect(turnAllocate({ host: "127.0.0.1", port: turnPort, ...live, timeoutMs: 3000 })).resolves.toEqual(
      expect.objectContaining({ relayedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }),
    );
  });

  it("an account of another domain on the same server gets no credentials", async () => {
    const res = await services("alice@cousins.example", "amber-orchard-lamp", "family.example");
    expect(res.out).toMatchObject({ result: "refused", condition: "forbidden" });
    // Its own domain answers it.
    const own = await services("alice@cousins.example", "amber-orchard-lamp", "cousins.example");
    expect(own.code, JSON.stringify(own.out)).toBe(0);
  });

  it("an ejabberd server announces the same service (mod_stun_disco) with credentials coturn accepts", async () => {
    const me = await call("GET", "/api/v1/me");
    const tenantId = me.json.tenants[0].id;
    const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, {
      name: "ejabberd family",
      server: "ejabberd",
    });
    expect(inst.json.operation.status, inst.text).toBe("succeeded");
    const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=60`, {
      name: "ej.example",
    });
    expect(dom.json.operation.status, dom.text).toBe("succeeded");
    const acct = await call("POST", `/api/v1/domains/${dom.json.domain.id}/accounts?wait=30`, {
      localpart: "bob",
      password: "amber-orchard-lamp",
    });
    expect(acct.json.operation.status, acct.text).toBe("succeeded");
    const row = await platform.workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: inst.json.instance.id } });
    const res = await xmppClient([
      "external-services",
      "127.0.0.1",
      String(row.c2sPort),
      caFile,
      "bob@ej.example",
      "amber-orchard-lamp",
      "ej.example",
    ]);
    expect(res.code, JSON.stringify(res.out)).toBe(0);
    const turn = (res.out.services as Service[]).find((s) => s.type === "turn");
    expect(turn).toMatchObject({ host: "127.0.0.1", port: String(turnPort) });
    await expect(
      turnAllocate({
        host: "127.0.0.1",
        port: turnPort,
        username: turn?.username ?? "",
        password: turn?.password ?? "",
        timeoutMs: 3000,
      }),
    ).resolves.toEqual(expect.objectContaining({ relayedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }));
    await call("DELETE", `/api/v1/instances/${inst.json.instance.id}?wait=60`);
  });

  it("the health check says calls work, then fails when coturn stops, and alerts once", async () => {
    // Nothing about calls was ever wrong on the ejabberd server: no alert of its own.
    expect(await platform.workerCtx.core.db.alert.count({ where: { rule: "calls_failing" } })).toBe(0);
    await probeInstance(platform.workerCtx, instanceId);
    const ok = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
    expect(ok.json.calls, ok.text).toMatchObject({ status: "working", code: null });

    await platform.workerCtx.turn?.stop();
    expect(platform.workerCtx.turn?.status().running).toBe(false);
    for (let i = 0; i < 2; i++) await probeInstance(platform.workerCtx, instanceId);
    const failing = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
    expect(failing.json.calls, failing.text).toMatchObject({ status: "failing", code: "calls_unreachable" });
    expect(failing.json.reasons.map((r: { code: string }) => r.code)).toContain("calls_failing");
    const alerts = await platform.workerCtx.core.db.alert.findMany({
      where: { rule: "calls_failing", subjectId: instanceId },
    });
    expect(alerts, JSON.stringify(alerts, null, 1)).toHaveLength(1);
    expect(alerts[0]?.resolvedAt).toBeNull();

    // Supervision starts it again; the next probe resolves the alert.
    expect(await superviseTurn(platform.workerCtx)).toEqual({ started: true });
    await probeInstance(platform.workerCtx, instanceId);
    const back = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
    expect(back.json.calls).toMatchObject({ status: "working" });
    const after = await until("the calls alert resolved", async () => {
      const rows = await platform.workerCtx.core.db.alert.findMany({
        where: { rule: "calls_failing", subjectId: instanceId },
      });
      return rows.every((r) => r.resolvedAt !== null) ? rows : null;
    });
    expect(after).toHaveLength(1);
  });
});
