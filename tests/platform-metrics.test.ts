import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

const TOKEN = "metrics-token-0123456789";
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { METRICS_TOKEN: TOKEN, WORKER_HEARTBEAT_MS: "500" } });
});

afterAll(async () => {
  await platform?.close();
});

async function scrape(auth = `Bearer ${TOKEN}`) {
  return platform.app.inject({ method: "GET", url: "/metrics", headers: { authorization: auth } });
}

function value(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe("GET /metrics", () => {
  it("needs the metrics token when one is configured", async () => {
    expect((await platform.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
    expect((await scrape("Bearer wrong-token-000000000")).statusCode).toBe(401);
    expect((await scrape()).statusCode).toBe(200);
  });

  it("has request durations by route, queue depths, job failures and the worker heartbeat", async () => {
    const { call } = await signupWithToken(platform.app, "metrics");
    for (let i = 0; i < 3; i++) expect((await call("GET", "/api/v1/me")).status).toBe(200);
    expect((await call("GET", "/api/v1/instances/nope")).status).toBe(404);
    // Two jobs that will wait (nothing runs "maintenance.sync" this far in the future) and one that fails.
    await platform.workerCtx.queues.queues.maintenance.add("maintenance.sync", {}, { delay: 3600_000 });
    await platform.workerCtx.queues.queues.maintenance.add("maintenance.sync", {}, { delay: 3600_000 });
    await platform.workerCtx.queues.queues.checks.add("no.such.job", {}, { attempts: 1 });
    const deadline = Date.now() + 15_000;
    let text = "";
    for (;;) {
      const res = await scrape();
      text = res.body;
      expect(res.headers["content-type"]).toContain("text/plain");
      if ((value(text, 'xmpphost_job_failures_total{queue="checks"}') ?? 0) >= 1 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(
      value(text, 'xmpphost_http_request_duration_seconds_count{method="GET",route="/api/v1/me",status="200"}'),
    ).toBe(3);
    expect(
      value(
        text,
        'xmpphost_http_request_duration_seconds_count{method="GET",route="/api/v1/instances/:instanceId",status="404"}',
      ),
    ).toBe(1);
    expect(value(text, 'xmpphost_queue_jobs{queue="maintenance",state="delayed"}')).toBeGreaterThanOrEqual(2);
    for (const q of ["operations", "maintenance", "checks", "probes", "alerts"]) {
      expect(value(text, `xmpphost_queue_jobs{queue="${q}",state="waiting"}`)).not.toBeNull();
    }
    expect(value(text, 'xmpphost_job_failures_total{queue="checks"}')).toBe(1);
    expect(value(text, 'xmpphost_queue_jobs{queue="checks",state="failed"}')).toBe(1);
    const age = value(text, "xmpphost_worker_heartbeat_age_seconds");
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(5);
  });

  it("shows the heartbeat growing old once the worker stops, and /readyz says so", async () => {
    const ready = await client(platform.app)("GET", "/readyz");
    expect(ready.json).toMatchObject({ status: "ready", worker: { alive: true } });
    await platform.stopWorker();
    await new Promise((r) => setTimeout(r, 2500));
    const age = value((await scrape()).body, "xmpphost_worker_heartbeat_age_seconds");
    expect(age).toBeGreaterThan(2);
    const after = await client(platform.app)("GET", "/readyz");
    expect(after.json.worker.heartbeatAgeSeconds).toBeGreaterThan(2);
    await platform.startWorker();
  });
});

describe("the queue dashboard at /admin/queues", () => {
  it("is for operators signed in with a session: 401 without, 404 for others", async () => {
    const anon = await platform.app.inject({ method: "GET", url: "/admin/queues" });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers["content-type"]).toContain("application/problem+json");
    const user = await signupWithToken(platform.app, "dash");
    const asUser = await platform.app.inject({ method: "GET", url: "/admin/queues", headers: { cookie: user.cookie } });
    expect(asUser.statusCode).toBe(404);
    const api = await platform.app.inject({
      method: "GET",
      url: "/admin/queues/api/queues",
      headers: { cookie: user.cookie },
    });
    expect(api.statusCode).toBe(404);

    await platform.app.core.db.user.update({ where: { email: "dash@test.example" }, data: { isOperator: true } });
    const page = await platform.app.inject({ method: "GET", url: "/admin/queues", headers: { cookie: user.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    const queues = await platform.app.inject({
      method: "GET",
      url: "/admin/queues/api/queues",
      headers: { cookie: user.cookie },
    });
    expect(queues.statusCode).toBe(200);
    expect((JSON.parse(queues.body).queues as { name: string }[]).map((q) => q.name).sort()).toEqual([
      "alerts",
      "checks",
      "maintenance",
      "operations",
      "probes",
    ]);
    // An operator's API token does not open it: the dashboard is for people at a browser.
    const withToken = await platform.app.inject({
      method: "GET",
      url: "/admin/queues",
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(withToken.statusCode).toBe(404);
  });
});
