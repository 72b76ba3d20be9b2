import { verifyWebhook } from "@xmpp-host/alerts";
import { TEST_NOT_DELIVERED } from "@xmpp-host/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supervise, sync } from "../apps/worker/src/processors/maintenance.ts";
import { type Call, client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { startSmtpSink, startWebhookReceiver } from "./helpers/sinks.ts";
import { sleep, until } from "./helpers/wait.ts";

const INTERVAL_MS = 1500;

let platform: Platform;
let call: Call;
let tenantId: string;
let cookie: string;
let instanceId: string;
let domainId: string;
let webhookSecret: string;
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

/** Notifications about the down alert, as the receivers saw them. */
function downWebhooks(event: "opened" | "resolved") {
  return webhook.received.filter((w) => w.json.alert?.rule === "instance_down" && w.json.event === event);
}
function downMails(kind: "ALERT" | "RESOLVED") {
  return smtp.received.filter((m) => m.subject.startsWith(`[${kind}]`) && m.subject.includes(" is down"));
}

beforeAll(async () => {
  webhook = await startWebhookReceiver();
  smtp = await startSmtpSink();
  platform = await startPlatform({
    workerEnv: {
      HEALTH_PROBE_INTERVAL_MS: String(INTERVAL_MS),
      HEALTH_PROBE_TIMEOUT_MS: "3000",
      // Supervision would restart the killed server within a second; here it runs only when the test says so.
      SUPERVISE_INTERVAL_MS: "3600000",
      SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: "alerts@platform.test",
    },
  });
  ({ call, tenantId, cookie } = await signupWithToken(platform.app, "health"));
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "family" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instanceId = inst.json.instance.id;
  const dom = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=30`, { name: "family.example" });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
  const hook = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
    kind: "webhook",
    name: "Ops webhook",
    target: webhook.url,
  });
  expect(hook.status, hook.text).toBe(201);
  webhookSecret = hook.json.secret;
  const mail = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
    kind: "email",
    name: "Family admins",
    target: "admins@family.example",
  });
  expect(mail.status, mail.text).toBe(201);
  expect(mail.json.secret).toBeNull();
});

afterAll(async () => {
  await platform?.close();
  await webhook?.close();
  await smtp?.close();
});

describe("health monitoring", () => {
  it("probes the new instance: logs in, times each step and reports it up", async () => {
    // A probe that overlaps the domain's activation (the probe account moves from the placeholder host to the
    // domain) can see its session closed: one such probe is a blip, which alerts ignore; the next one is up.
    const health = await until(
      "a probe with a login that found the instance up",
      async () => {
        const h = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
        return h.json.latest?.loginMs && h.json.status !== "down" ? h.json : null;
      },
      30_000,
    );
    expect(["healthy", "degraded"]).toContain(health.status);
    expect(health.reasons.map((r: { code: string }) => r.code)).not.toContain("login_failed");
    for (const k of ["connectMs", "tlsMs", "loginMs", "pingMs"]) expect(health.latest[k]).toBeGreaterThan(0);
    expect(health.latest.memoryBytes).toBeGreaterThan(5_000_000);
    expect(health.latest.s2sReachable).toBe(true);
    expect(health.latest.httpReachable).toBe(true);
    expect(health.latest.onlineUsers).toBe(0);
    // Issued by the internal CA for 90 days.
    expect(health.latest.certificateDaysLeft).toBeGreaterThan(80);
    expect(health.series.length).toBeGreaterThan(0);
    expect(health.domains).toEqual([
      expect.objectContaining({ id: domainId, name: "family.example", status: expect.any(String) }),
    ]);
    // The probe account moves from the placeholder host to the first domain (a probe may have run before the
    // domain existed), and its password is stored sealed.
    const probe = await until(
      "the probe account on the domain",
      async () => {
        const row = await platform.app.core.db.probeAccount.findUnique({ where: { instanceId } });
        return row?.host === "family.example" ? row : null;
      },
      30_000,
    );
    expect(probe.passwordEncrypted).toMatch(/^v1\./);
  });

  it("goes down when Prosody is killed, and alerts once on each channel", async () => {
    const pid = platform.prosodyPid(instanceId);
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    await until(
      "status down",
      async () => (await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`)).json.status === "down",
      2 * INTERVAL_MS + 3000,
    );
    const downAfter = Date.now() - killedAt;
    await until("the opened webhook", async () => downWebhooks("opened").length > 0, 3 * INTERVAL_MS + 5000);
    await until("the opened mail", async () => downMails("ALERT").length > 0, 10_000);
    const health = (await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`)).json;
    expect(health.reasons.map((r: { code: string }) => r.code)).toContain("process_not_running");
    expect(health.domains[0].status).toBe("down");
    expect(downAfter).toBeLessThan(2 * INTERVAL_MS + 3000);

    // More probes while it stays down: still one notification per channel.
    await sleep(3 * INTERVAL_MS);
    expect(downWebhooks("opened")).toHaveLength(1);
    expect(downMails("ALERT")).toHaveLength(1);

    const [hook] = downWebhooks("opened");
    expect(
      verifyWebhook({
        secret: webhookSecret,
        body: hook?.body ?? "",
        signature: hook?.headers["x-signature"] as string,
        timestamp: hook?.headers["x-timestamp"] as string,
      }),
    ).toBe(true);
    expect(hook?.headers["x-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifyWebhook({
        secret: "another secret",
        body: hook?.body ?? "",
        signature: hook?.headers["x-signature"] as string,
        timestamp: hook?.headers["x-timestamp"] as string,
      }),
    ).toBe(false);
    expect(hook?.json.alert).toMatchObject({
      subjectType: "instance",
      subjectId: instanceId,
      severity: "critical",
      tenantId,
    });
    const [mail] = downMails("ALERT");
    expect(mail?.to).toEqual(["admins@family.example"]);
    expect(mail?.from).toBe("alerts@platform.test");

    const open = await call("GET", `/api/v1/tenants/${tenantId}/alerts?status=open`);
    expect(open.json.items.filter((a: { rule: string }) => a.rule === "instance_down")).toHaveLength(1);
  });

  it("resolves once when it comes back, with no repeats afterwards", async () => {
    // The supervisor brings the server back, as it would on its own schedule.
    const { restarted } = await supervise(platform.workerCtx);
    expect(restarted).toEqual([instanceId]);
    await until("the resolved webhook", async () => downWebhooks("resolved").length > 0, 4 * INTERVAL_MS + 8000);
    await until("the resolved mail", async () => downMails("RESOLVED").length > 0, 10_000);
    const health = (await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`)).json;
    expect(health.status).not.toBe("down");
    expect(health.uptime30d).toBeGreaterThan(0);
    expect(health.uptime30d).toBeLessThan(1);

    await sleep(4 * INTERVAL_MS);
    expect(downWebhooks("opened")).toHaveLength(1);
    expect(downWebhooks("resolved")).toHaveLength(1);
    expect(downMails("ALERT")).toHaveLength(1);
    expect(downMails("RESOLVED")).toHaveLength(1);
    // No notification of any alert reached a receiver twice.
    const ids = webhook.received.map((w) => w.json.id);
    expect(new Set(ids).size).toBe(ids.length);

    const resolved = await call("GET", `/api/v1/tenants/${tenantId}/alerts?status=resolved`);
    const alert = resolved.json.items.find((a: { rule: string }) => a.rule === "instance_down");
    expect(alert).toMatchObject({ status: "resolved", subjectId: instanceId, subjectName: "family" });
    expect(new Date(alert.resolvedAt).getTime()).toBeGreaterThan(new Date(alert.openedAt).getTime());
    const notes = await platform.app.core.db.alertNotification.findMany({ where: { alertId: alert.id } });
    expect(notes.map((n) => `${n.kind}:${n.status}`).sort()).toEqual([
      "opened:sent",
      "opened:sent",
      "resolved:sent",
      "resolved:sent",
    ]);
  });

  it("sends a test notification through a channel on request", async () => {
    const channels = await call("GET", `/api/v1/tenants/${tenantId}/alert-channels`);
    expect(channels.json.items.map((c: { kind: string }) => c.kind).sort()).toEqual(["email", "webhook"]);
    const hookChannel = channels.json.items.find((c: { kind: string }) => c.kind === "webhook");
    const before = webhook.received.length;
    const res = await call("POST", `/api/v1/alert-channels/${hookChannel.id}/test`);
    expect(res.status, res.text).toBe(200);
    expect(webhook.received).toHaveLength(before + 1);
    expect(webhook.received.at(-1)?.json.event).toBe("test");
    webhook.state.failWith = 500;
    try {
      const failed = await call("POST", `/api/v1/alert-channels/${hookChannel.id}/test`);
      expect(failed.status).toBe(503);
      // The answer says "not delivered" only: why is for the operator's log, not a port scanner.
      expect(failed.json.detail).toBe(TEST_NOT_DELIVERED);
    } finally {
      webhook.state.failWith = 0;
    }
  });

  it("shows the fleet to operators only", async () => {
    expect((await call("GET", "/api/v1/fleet")).status).toBe(404);
    await platform.app.core.db.user.update({ where: { email: "health@test.example" }, data: { isOperator: true } });
    const op = client(platform.app, { cookie });
    const fleet = await op("GET", "/api/v1/fleet?limit=10");
    expect(fleet.status, fleet.text).toBe(200);
    const item = fleet.json.items.find((i: { instance: { id: string } }) => i.instance.id === instanceId);
    expect(item).toMatchObject({
      instance: { id: instanceId, name: "family", status: "running", server: "prosody" },
      tenant: { id: tenantId, name: "health's family" },
      domains: ["family.example"],
      lastBackup: null,
    });
    expect(["healthy", "degraded"]).toContain(item.health.status);
    expect(item.loginSparkline.length).toBeGreaterThan(2);
    expect(item.loginSparkline.length).toBeLessThanOrEqual(30);
    expect(item.certificateDaysLeft).toBeGreaterThan(80);
    const alerts = await op("GET", "/api/v1/fleet/alerts?status=resolved");
    expect(alerts.json.items.some((a: { rule: string }) => a.rule === "instance_down")).toBe(true);
    // An API token never reaches operator routes, even an operator's.
    expect((await call("GET", "/api/v1/fleet/alerts")).status).toBe(404);
    await platform.app.core.db.user.update({ where: { email: "health@test.example" }, data: { isOperator: false } });
  });

  it("keeps other tenants out of health, alerts and channels", async () => {
    const other = await signupWithToken(platform.app, "stranger");
    const channels = await call("GET", `/api/v1/tenants/${tenantId}/alert-channels`);
    const channelId = channels.json.items[0].id;
    for (const [method, url] of [
      ["GET", `/api/v1/instances/${instanceId}/health`],
      ["GET", `/api/v1/tenants/${tenantId}/alerts`],
      ["GET", `/api/v1/tenants/${tenantId}/alert-channels`],
      ["POST", `/api/v1/alert-channels/${channelId}/test`],
      ["DELETE", `/api/v1/alert-channels/${channelId}`],
    ] as const) {
      const res = await other.call(method, url);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    const post = await other.call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
      kind: "email",
      name: "x",
      target: "x@y.test",
    });
    expect(post.status).toBe(404);
    expect((await other.call("GET", "/api/v1/fleet/alert-channels")).status).toBe(404);
    // The channel is still there.
    expect((await call("GET", `/api/v1/tenants/${tenantId}/alert-channels`)).json.items).toHaveLength(2);
  });

  it("names the field of bad channel input", async () => {
    const kind = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
      kind: "sms",
      name: "x",
      target: "1",
    });
    expect(kind.status).toBe(400);
    expect(kind.json.errors.map((e: { field: string }) => e.field)).toContain("kind");
    const email = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
      kind: "email",
      name: "x",
      target: "not an address",
    });
    expect(email.status).toBe(400);
    expect(email.json.errors).toEqual([
      { field: "target", message: "must be an email address", code: "invalid_email" },
    ]);
    const url = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
      kind: "webhook",
      name: "x",
      target: "ftp://example.test/",
    });
    expect(url.json.errors[0].field).toBe("target");
    const range = await call("GET", `/api/v1/instances/${instanceId}/health?range=7d`);
    expect(range.status).toBe(400);
    expect(range.json.errors[0].field).toContain("range");
  });

  it("keeps the probe account out of the tenant's accounts, and reserves its name", async () => {
    await sync(platform.workerCtx, instanceId);
    const accounts = await call("GET", `/api/v1/domains/${domainId}/accounts`);
    expect(accounts.json.items.map((a: { localpart: string }) => a.localpart)).not.toContain("xh-probe");
    const taken = await call("POST", `/api/v1/domains/${domainId}/accounts`, { localpart: "XH-Probe" });
    expect(taken.status).toBe(400);
    expect(taken.json.errors).toEqual([
      { field: "localpart", message: "is reserved for the platform's health and compliance checks", code: "reserved" },
    ]);
  });

  it("reports a stopped instance as stopped, not as an incident", async () => {
    const before = webhook.received.length;
    const stop = await call("POST", `/api/v1/instances/${instanceId}/actions/stop?wait=30`);
    expect(stop.json.operation.status, stop.text).toBe("succeeded");
    const health = await until(
      "the stopped verdict",
      async () => {
        const h = (await call("GET", `/api/v1/instances/${instanceId}/health`)).json;
        return h.reasons?.[0]?.code === "instance_stopped" ? h : null;
      },
      4 * INTERVAL_MS + 5000,
    );
    expect(health.status).toBe("down");
    await sleep(3 * INTERVAL_MS);
    expect(webhook.received.slice(before).filter((w) => w.json.alert?.rule === "instance_down")).toEqual([]);
  });

  it("serves the 24h chart from 5-minute rollups and the 30d chart from hourly ones", async () => {
    const db = platform.app.core.db;
    const hourAgo = Math.floor((Date.now() - 3600_000) / 3600_000) * 3600_000;
    await db.healthRollup.createMany({
      data: [
        { instanceId, resolution: 300, bucket: new Date(hourAgo + 600_000), samples: 5, upSamples: 5, loginMs: 12 },
        { instanceId, resolution: 300, bucket: new Date(hourAgo), samples: 5, upSamples: 4, loginMs: 10 },
        { instanceId, resolution: 300, bucket: new Date(hourAgo - 2 * 86_400_000), samples: 5, upSamples: 5 },
        {
          instanceId,
          resolution: 3600,
          bucket: new Date(hourAgo - 86_400_000),
          samples: 60,
          upSamples: 60,
          loginMs: 8,
        },
        { instanceId, resolution: 3600, bucket: new Date(hourAgo - 40 * 86_400_000), samples: 60, upSamples: 60 },
      ],
    });
    const day = (await call("GET", `/api/v1/instances/${instanceId}/health?range=24h`)).json;
    expect(day.series.map((p: { loginMs: number }) => p.loginMs)).toEqual([10, 12]);
    expect(day.series[0].at).toBe(new Date(hourAgo).toISOString());
    const month = (await call("GET", `/api/v1/instances/${instanceId}/health?range=30d`)).json;
    expect(month.series.map((p: { loginMs: number }) => p.loginMs)).toEqual([8]);
  });
});
