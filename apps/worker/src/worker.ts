import { hostname } from "node:os";
import {
  countJobFailure,
  type FixedScheduleName,
  type JobNameOf,
  type JobPayload,
  operationIdOf,
  operationTypes,
  parseJob,
  type QueueName,
  schedule,
  writeHeartbeat,
} from "@xmpp-host/queue";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { prepareFederation, type WorkerContext } from "./context.ts";
import { deliverNotification, sendTestNotification } from "./processors/alerts.ts";
import {
  reconcileBackupSchedules,
  reconcileDomainBackupSchedules,
  scheduledBackup,
  scheduledDomainBackup,
  verifyBackup,
} from "./processors/backups.ts";
import { prepareCalls, superviseTurn } from "./processors/calls.ts";
import { checkDomainCompliance, reconcileComplianceSchedules } from "./processors/compliance.ts";
import { checkDomainDns, dnsWatchRound, reconcileDnsSchedules } from "./processors/dns.ts";
import { probeInstance, reconcileProbeSchedules } from "./processors/health.ts";
import { superviseGateways } from "./processors/irc-gateways.ts";
import { maintenanceHandlers, supervise, sweep } from "./processors/maintenance.ts";
import { refuseOperation, runOperation } from "./runner.ts";

/** One handler per job of a queue, keyed by the catalogue's names: a missing one fails the type check. */
type Handlers<Q extends QueueName> = {
  [N in JobNameOf<Q>]: (payload: JobPayload<N>, job: Job) => Promise<unknown>;
};

/**
 * A queue's processor. The payload is read with the catalogue's schema; a malformed one (or a name the queue
 * does not run) is refused for good and logged, and the operation it names, if any, fails with the reason.
 */
function processor<Q extends QueueName>(ctx: WorkerContext, queue: Q, handlers: Handlers<Q>) {
  return async (job: Job) => {
    const parsed = parseJob(queue, job.name, job.data);
    if (!parsed.ok) {
      const operationId = operationIdOf(job.data);
      ctx.log.error({ queue, job: job.name, jobId: job.id, operationId, reason: parsed.reason }, "job refused");
      if (operationId) await refuseOperation(ctx, operationId, `job refused: ${parsed.reason}`, job.attemptsMade + 1);
      throw new UnrecoverableError(parsed.reason);
    }
    const handler = handlers[parsed.name] as (payload: unknown, job: Job) => Promise<unknown>;
    return handler(parsed.payload, job);
  };
}

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

  // The API serves the internal CA's certificate from the database: it exists from the worker's first start.
  await ctx.ca().catch((err: unknown) => ctx.log.error({ err }, "creating the internal CA failed"));
  // How servers find and trust each other is known before any configuration is rendered.
  await prepareFederation(ctx).catch((err: unknown) => ctx.log.error({ err }, "preparing federation failed"));
  // Adopt the instances that kept running while no worker was up, before taking new work.
  // What servers announce for calls is known before any configuration is rendered.
  await prepareCalls(ctx).catch((err: unknown) => ctx.log.error({ err }, "preparing calls failed"));
  await supervise(ctx).catch((err: unknown) => ctx.log.error({ err }, "initial supervise failed"));
  await superviseTurn(ctx).catch((err: unknown) => ctx.log.error({ err }, "starting the TURN server failed"));
  await superviseGateways(ctx).catch((err: unknown) => ctx.log.error({ err }, "starting IRC gateways failed"));

  const handlers = {
    // Every operation runs through runOperation, which picks the type's handler (typed per type there).
    operations: Object.fromEntries(
      operationTypes.map((type) => [type, (_: unknown, job: Job) => runOperation(ctx, job)]),
    ) as Handlers<"operations">,
    // maintenanceHandlers is itself keyed by every maintenance job.
    maintenance: Object.fromEntries(
      Object.entries(maintenanceHandlers).map(([name, handler]) => [name, () => handler(ctx)]),
    ) as unknown as Handlers<"maintenance">,
    checks: {
      "domain.dns-check": (p) => checkDomainDns(ctx, p.domainId),
      "domain.dns-watch": (p) => dnsWatchRound(ctx, p.domainId, p.until),
      "domain.compliance-check": (p) => checkDomainCompliance(ctx, p.domainId, p.trigger ?? "daily"),
      "backup.verify": (p) => verifyBackup(ctx, p.backupId),
      "instance.scheduled-backup": (p) => scheduledBackup(ctx, p.instanceId),
      "domain.scheduled-backup": (p) => scheduledDomainBackup(ctx, p.domainId),
    },
    probes: {
      "instance.probe": (p) => probeInstance(ctx, p.instanceId),
    },
    alerts: {
      "alert.notify": (p, job) =>
        deliverNotification(ctx, p.notificationId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
      "alert.test": (p) => sendTestNotification(ctx, p.testId, p.channelId),
    },
  } satisfies { [Q in QueueName]: Handlers<Q> };
  const concurrency: Record<QueueName, number> = {
    operations: ctx.env.WORKER_CONCURRENCY,
    maintenance: 1,
    checks: 8,
    probes: ctx.env.HEALTH_PROBE_CONCURRENCY,
    alerts: 8,
  };
  const consumer = <Q extends QueueName>(queue: Q) =>
    new Worker(queue, processor(ctx, queue, handlers[queue] as Handlers<Q>), {
      ...common,
      concurrency: concurrency[queue],
    });
  const operations = consumer("operations");
  const maintenance = consumer("maintenance");
  const checks = consumer("checks");
  const probes = consumer("probes");
  const alerts = consumer("alerts");
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
  const intervals: Record<FixedScheduleName, number> = {
    sweep: ctx.env.SWEEP_INTERVAL_MS,
    supervise: ctx.env.SUPERVISE_INTERVAL_MS,
    sync: ctx.env.SYNC_INTERVAL_MS,
    "renew-certificates": ctx.env.RENEWAL_INTERVAL_MS,
    "health-rollup": ctx.env.HEALTH_ROLLUP_INTERVAL_MS,
    "expire-history": ctx.env.HISTORY_EXPIRY_INTERVAL_MS,
  };
  for (const [name, every] of Object.entries(intervals)) await schedule(ctx.queues, name as FixedScheduleName, every);
  await reconcileProbeSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling probe schedules failed"),
  );
  await reconcileDnsSchedules(ctx).catch((err: unknown) => ctx.log.error({ err }, "reconciling DNS schedules failed"));
  await reconcileComplianceSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling compliance schedules failed"),
  );
  await reconcileBackupSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling backup schedules failed"),
  );
  await reconcileDomainBackupSchedules(ctx).catch((err: unknown) =>
    ctx.log.error({ err }, "reconciling domain backup schedules failed"),
  );
}
