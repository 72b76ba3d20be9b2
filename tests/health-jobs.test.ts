import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAlertConditions, type ScopedCondition } from "../apps/worker/src/processors/alerts.ts";
import { reconcileProbeSchedules, rollupHealth } from "../apps/worker/src/processors/health.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { startWebhookReceiver } from "./helpers/sinks.ts";
import { sleep } from "./helpers/wait.ts";

let platform: Platform;

beforeAll(async () => {
  // No worker consumes jobs until a test starts one.
  platform = await startPlatform({ inProcessWorker: false });
});

afterAll(async () => {
  await platform?.close();
});

describe("health rollups and retention", () => {
  const now = new Date("2026-03-10T12:02:30Z");
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  it("rolls raw samples into 5-minute and hourly buckets, idempotently, and prunes by age", async () => {
    const db = platform.workerCtx.core.db;
    const samples = [];
    // One sample a minute for the last 3 hours; every tenth is down; login time grows with the minute.
    for (let m = 1; m <= 180; m++) {
      samples.push({
        instanceId: "inst-r",
        at: minutesAgo(m),
        status: m % 10 === 0 ? "down" : "healthy",
        loginMs: m % 10 === 0 ? null : m,
        memoryBytes: BigInt(1_000_000),
        onlineUsers: 2,
      });
    }
    samples.push({
      instanceId: "inst-r",
      at: minutesAgo(49 * 60),
      status: "healthy",
      loginMs: 1,
      memoryBytes: null,
      onlineUsers: 0,
    });
    await db.healthSample.createMany({ data: samples });
    await db.healthRollup.createMany({
      data: [
        { instanceId: "inst-r", resolution: 300, bucket: minutesAgo(31 * 24 * 60), samples: 5, upSamples: 5 },
        { instanceId: "inst-r", resolution: 3600, bucket: minutesAgo(366 * 24 * 60), samples: 60, upSamples: 60 },
        { instanceId: "inst-r", resolution: 3600, bucket: minutesAgo(300 * 24 * 60), samples: 60, upSamples: 60 },
      ],
    });

    const first = await rollupHealth(platform.workerCtx, now);
    expect(first.pruned).toEqual({ raw: 1, fiveMinute: 1, hourly: 1 });
    const fives = await db.healthRollup.findMany({ where: { resolution: 300 }, orderBy: { bucket: "asc" } });
    // Complete 5-minute buckets from 09:00 (the oldest sample is at 09:02:30) to 11:55.
    expect(fives).toHaveLength(36);
    expect(fives[0]?.bucket.toISOString()).toBe("2026-03-10T09:00:00.000Z");
    expect(fives.at(-1)?.bucket.toISOString()).toBe("2026-03-10T11:55:00.000Z");
    expect(fives.reduce((a, r) => a + r.samples, 0)).toBe(178); // the samples at 12:00:30 and 12:01:30 wait
    const b1130 = fives.find((r) => r.bucket.toISOString() === "2026-03-10T11:30:00.000Z");
    // 11:30:30 .. 11:34:30 are minutes 32..28 ago; minute 30 was down.
    expect(b1130).toMatchObject({ samples: 5, upSamples: 4, loginMs: (32 + 31 + 29 + 28) / 4, onlineUsers: 2 });
    const hours = await db.healthRollup.findMany({
      where: { resolution: 3600, bucket: { gte: minutesAgo(24 * 60) } },
      orderBy: { bucket: "asc" },
    });
    expect(hours.map((h) => h.bucket.toISOString())).toEqual([
      "2026-03-10T09:00:00.000Z",
      "2026-03-10T10:00:00.000Z",
      "2026-03-10T11:00:00.000Z",
    ]);
    expect(hours[1]).toMatchObject({ samples: 60, upSamples: 54 });

    // Running again (a retry, a second worker) changes nothing.
    const snapshot = await db.healthRollup.findMany({ orderBy: [{ resolution: "asc" }, { bucket: "asc" }] });
    const second = await rollupHealth(platform.workerCtx, now);
    expect(second.pruned).toEqual({ raw: 0, fiveMinute: 0, hourly: 0 });
    expect(await db.healthRollup.findMany({ orderBy: [{ resolution: "asc" }, { bucket: "asc" }] })).toEqual(snapshot);
    expect(await db.healthSample.count({ where: { instanceId: "inst-r" } })).toBe(180);
  });
});

describe("alert de-duplication", () => {
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const condition = (firing: boolean): ScopedCondition => ({
    rule: "instance_down",
    subjectType: "instance",
    subjectId: "inst-a",
    subjectName: "alpha",
    severity: "critical",
    firing,
    message: "alpha is down",
    code: "instance_down",
    params: { reasons: [{ code: "c2s_unreachable", message: "The client port does not accept connections" }] },
    tenantId: "tenant-a",
    instanceId: "inst-a",
  });

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    const { db, secrets } = platform.workerCtx.core;
    for (const [tenantId, name] of [
      ["tenant-a", "tenant hook"],
      [null, "operators hook"],
      ["tenant-b", "someone else's hook"],
    ] as const) {
      await db.alertChannel.create({
        data: {
          tenantId,
          kind: "webhook",
          name,
          target: hooks.url,
          secretEncrypted: secrets.encrypt(`secret-${name}`),
        },
      });
    }
  });
  afterAll(async () => {
    await platform.stopWorker();
    await hooks?.close();
  });

  it("opens one alert for concurrent probes, notifying the tenant's and the operators' channels", async () => {
    const ctx = platform.workerCtx;
    const results = await Promise.all([1, 2, 3].map(() => applyAlertConditions(ctx, [condition(true)])));
    expect(results.flatMap((r) => r.opened)).toHaveLength(1);
    expect(await ctx.core.db.alert.count({ where: { subjectId: "inst-a", status: "open" } })).toBe(1);
    // What it says is kept as a code and its values, for clients to word in their reader's language.
    expect(await ctx.core.db.alert.findFirst({ where: { subjectId: "inst-a", status: "open" } })).toMatchObject({
      code: "instance_down",
      params: { reasons: [{ code: "c2s_unreachable" }] },
    });
    const notes = await ctx.core.db.alertNotification.findMany({ include: { channel: true } });
    expect(notes.map((n) => n.channel.name).sort()).toEqual(["operators hook", "tenant hook"]);
    // A later probe that still sees it down adds nothing.
    expect((await applyAlertConditions(ctx, [condition(true)])).opened).toEqual([]);
    expect(await ctx.core.db.alertNotification.count()).toBe(2);
  });

  it("delivers each notification once, even after the queue lost its jobs", async () => {
    const ctx = platform.workerCtx;
    // Redis loses the queued jobs (a crash or a flush between commit and delivery).
    await ctx.queues.queues.alerts.obliterate({ force: true });
    const { requeuePendingNotifications } = await import("../apps/worker/src/processors/alerts.ts");
    expect(await requeuePendingNotifications(ctx, 0)).toBe(2);
    // While the jobs exist, sweeping again adds none.
    expect(await requeuePendingNotifications(ctx, 0)).toBe(0);
    await platform.startWorker();
    const deadline = Date.now() + 20_000;
    while (hooks.received.length < 2 && Date.now() < deadline) await sleep(100);
    await sleep(1000);
    expect(hooks.received).toHaveLength(2);
    expect(new Set(hooks.received.map((r) => r.json.id)).size).toBe(2);
    expect(await ctx.core.db.alertNotification.count({ where: { status: "sent" } })).toBe(2);
    // A sent notification is never sent again, even if its job runs once more.
    const { deliverNotification } = await import("../apps/worker/src/processors/alerts.ts");
    const [first] = await ctx.core.db.alertNotification.findMany();
    expect(await deliverNotification(ctx, first?.id ?? "", false)).toEqual({ skipped: "already sent" });
    expect(hooks.received).toHaveLength(2);
  });

  it("resolves once for concurrent probes, telling the channels that heard the opening", async () => {
    const ctx = platform.workerCtx;
    // A channel added after the opening does not get a resolution out of the blue.
    await ctx.core.db.alertChannel.create({
      data: {
        tenantId: "tenant-a",
        kind: "webhook",
        name: "late hook",
        target: hooks.url,
        secretEncrypted: ctx.secrets.encrypt("x"),
      },
    });
    const results = await Promise.all([1, 2, 3].map(() => applyAlertConditions(ctx, [condition(false)])));
    expect(results.flatMap((r) => r.resolved)).toHaveLength(1);
    const deadline = Date.now() + 20_000;
    while (hooks.received.length < 4 && Date.now() < deadline) await sleep(100);
    await sleep(1000);
    expect(hooks.received.map((r) => r.json.event).sort()).toEqual(["opened", "opened", "resolved", "resolved"]);
    // It can open again later: a new alert, not the old one.
    const again = await applyAlertConditions(ctx, [condition(true)]);
    expect(again.opened).toHaveLength(1);
    expect(await ctx.core.db.alert.count({ where: { subjectId: "inst-a" } })).toBe(2);
  });
});

describe("probe schedules", () => {
  it("are reconciled from PostgreSQL: one per instance, stale ones removed", async () => {
    const ctx = platform.workerCtx;
    const instance = await ctx.core.db.instance.create({
      data: { name: "scheduled", c2sPort: 1, s2sPort: 2, httpPort: 3, status: "running" },
    });
    await ctx.queues.queues.probes.upsertJobScheduler(
      "probe:gone",
      { every: 60_000 },
      { name: "instance.probe", data: { instanceId: "gone" } },
    );
    const result = await reconcileProbeSchedules(ctx);
    expect(result).toEqual({ scheduled: 1, removed: 1 });
    const keys = (await ctx.queues.queues.probes.getJobSchedulers(0, -1)).map((s) => s.key);
    expect(keys).toEqual([`probe:${instance.id}`]);
    const scheduler = await ctx.queues.queues.probes.getJobScheduler(`probe:${instance.id}`);
    expect(Number(scheduler?.every)).toBe(ctx.env.HEALTH_PROBE_INTERVAL_MS);
  });
});
