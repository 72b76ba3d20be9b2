import { hostname } from "node:os";
import { countJobFailure, writeHeartbeat } from "@xmpp-host/queue";
import type { JobName } from "@xmpp-host/queue/catalogue";
import { type Job, Worker } from "bullmq";
import type { WorkerContext } from "./context.ts";
import { deliverNotification } from "./processors/alerts.ts";
import {
  reconcileBackupSchedules,
  reconcileDomainBackupSchedules,
  scheduledBackup,
  scheduledDomainBackup,
  verifyBackup,
} from "./processors/backups.ts";
import { checkDomainDns, reconcileDnsSchedules } from "./processors/dns.ts";
import { probeInstance, reconcileProbeSchedules } from "./processors/health.ts";
import { maintenanceHandlers, supervise, sweep } from "./processors/maintenance.ts";
import { runOperation } from "./processors/operations.ts";

export interface RunningWorker {
  close(): Promise<void>;
}

/** Starts the queue consumers and reconciles the periodic schedules. */
export async function startWorker(ctx: WorkerContext): Promise<RunningWorker> {
  const connection = ctx.queues.connection.duplicate();
  const common = {
    connection,
    prefix: "xh",
    lockDuration: ctx.env.WORKER_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(ctx.env.WORKER_LOCK_MS / 2)),
  };

  // Adopt the instances that kept running while no worker was up, before taking new work.
  await supervise(ctx).catch((err: unknown) => ctx.log.error({ err }, "initial supervise failed"));

  const operations = new Worker("operations", (job: Job<{ operationId: string }>) => runOperation(ctx, job), {
    ...common,
    concurrency: ctx.env.WORKER_CONCURRENCY,
  });
  const maintenance = new Worker(
    "maintenance",
    async (job: Job) => {
      const handler = maintenanceHandlers[job.name as Extract<JobName, `maintenance.${string}`>];
      if (!handler) throw new Error(`unknown maintenance job ${job.name}`);
      return handler(ctx);
    },
    { ...common, concurrency: 1 },
  );
  const checks = new Worker(
    "checks",
    async (job: Job<{ domainId?: string; backupId?: string; instanceId?: string }>) => {
      switch (job.name) {
        case "domain.dns-check":
          return checkDomainDns(ctx, job.data.domainId ?? "");
        case "backup.verify":
          return verifyBackup(ctx, job.data.backupId ?? "");
        case "instance.scheduled-backup":
          return scheduledBackup(ctx, job.data.instanceId ?? "");
        case "domain.scheduled-backup":
          return scheduledDomainBackup(ctx, job.data.domainId ?? "");
        default:
          throw new Error(`unknown check job ${job.name}`);
      }
    },
    { ...common, concurrency: 8 },
  );
  const probes = new Worker("probes", (job: Job<{ instanceId: string }>) => probeInstance(ctx, job.data.instanceId), {
    ...common,
    concurrency: ctx.env.HEALTH_PROBE_CONCURRENCY,
  });
  const alerts = new Worker(
    "alerts",
    (job: Job<{ notificationId: string }>) =>
      deliverNotification(ctx, job.data.notificationId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
    { ...common, concurrency: 8 },
  );
  const workers = [operations, maintenance, checks, probes, alerts];
  for (const w of workers) {
    w.on("error", (err) => ctx.log.error({ err: err.message }, "worker error"));
    w.on("failed", () => {
      countJobFailure(ctx.queues.connection, w.name).catch(() => undefined);
    });
  }

  await upsertSchedules(ctx);
  // A Redis that comes back without its data (its disk lost, a failover to an empty replica) has lost the
  // schedules, the sweeper's own among them, and the queued jobs: every reconnection restores the schedules,
  // and the sweeper re-enqueues what was lost.
  const restoreSchedules = () => {
    upsertSchedules(ctx)
      .then(() => sweep(ctx))
      .catch((err: unknown) => ctx.log.error({ err }, "restoring the schedules after Redis reconnected failed"));
  };
  ctx.queues.connection.on("ready", restoreSchedules);

  // The API reports the worker's liveness from this heartbeat (/metrics, /readyz).
  const workerId = `${hostname()}:${process.pid}`;
  const beat = () =>
    writeHeartbeat(ctx.queues.connection, workerId).catch((err: unknown) =>
      ctx.log.warn({ err }, "writing the heartbeat failed"),
    );
  await beat();
  const heartbeat = setInterval(beat, ctx.env.WORKER_HEARTBEAT_MS);
  heartbeat.unref();

  // Work that was committed while Redis was away is picked up now rather than at the first tick.
  await sweep(ctx, 0).catch((err: unknown) => ctx.log.error({ err }, "initial sweep failed"));

  return {
    async close() {
      ctx.queues.connection.off("ready", restoreSchedules);
      clearInterval(heartbeat);
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}

/** The periodic jobs, kept in Redis; upserted at every boot, so their intervals follow the configuration. */
async function upsertSchedules(ctx: WorkerContext): Promise<void> {
  const q = ctx.queues.queues.maintenance;
  await q.upsertJobScheduler("sweep", { every: ctx.env.SWEEP_INTERVAL_MS }, { name: "maintenance.sweep", data: {} });
  await q.upsertJobScheduler(
    "supervise",
    { every: ctx.env.SUPERVISE_INTERVAL_MS },
    { name: "maintenance.supervise", data: {} },
  );
  await q.upsertJobScheduler("sync", { every: ctx.env.SYNC_INTERVAL_MS }, { name: "maintenance.sync", data: {} });
  await q.upsertJobScheduler(
    "renew-certificates",
    { every: ctx.env.RENEWAL_INTERVAL_MS },
    { name: "maintenance.renew-certificates", data: {} },
  );
  await q.upsertJobScheduler(
    "health-rollup",
    { every: ctx.env.HEALTH_ROLLUP_INTERVAL_MS },
    { name: "maintenance.health-rollup", data: {} },
  );
  await reconcileProbeSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling probe schedules failed"),
  );
  await reconcileDnsSchedules(ctx).catch((err: unknown) => ctx.log.error({ err }, "reconciling DNS schedules failed"));
  await reconcileBackupSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling backup schedules failed"),
  );
  await reconcileDomainBackupSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling domain backup schedules failed"),
  );
}
