import { type JobsOptions, Queue } from "bullmq";
import { Redis } from "ioredis";
import { type JobName, type JobPayload, jobCatalogue, type QueueName } from "./catalogue.ts";

export * from "./catalogue.ts";
export * from "./schedules.ts";

export function createRedis(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null for blocking connections.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export const queueNames: QueueName[] = ["operations", "maintenance", "checks", "probes", "alerts"];

/** The producer side: typed enqueue with the catalogue's attempts and backoff. */
export class JobQueues {
  readonly queues: Record<QueueName, Queue>;
  constructor(
    readonly connection: Redis,
    prefix = "xh",
  ) {
    this.queues = {
      operations: new Queue("operations", { connection, prefix }),
      maintenance: new Queue("maintenance", { connection, prefix }),
      checks: new Queue("checks", { connection, prefix }),
      probes: new Queue("probes", { connection, prefix }),
      alerts: new Queue("alerts", { connection, prefix }),
    };
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: JobsOptions = {}): Promise<void> {
    const spec = jobCatalogue[name];
    const data = spec.schema.parse(payload);
    await this.queues[spec.queue].add(name, data, {
      attempts: spec.attempts,
      backoff: spec.backoff,
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 24 * 3600 },
      ...opts,
    });
  }

  /** Job id = operation id, so enqueueing the same operation twice is a no-op while the job exists. */
  async enqueueOperation(op: { id: string; type: string }, attempts?: number): Promise<void> {
    if (!(op.type in jobCatalogue)) throw new Error(`unknown operation type ${op.type}`);
    await this.enqueue(op.type as JobName, { operationId: op.id } as never, {
      jobId: op.id,
      ...(attempts ? { attempts } : {}),
    });
  }

  /**
   * A queue on a shared connection checks the Redis version when it is created, and closing does not
   * wait for that check: were the connection closed first, the check would fail with no one to hear it.
   * So each queue settles its check first, for at most two seconds (Redis may be down).
   */
  async close(): Promise<void> {
    await Promise.all(
      Object.values(this.queues).map(async (q) => {
        await settled(q.waitUntilReady(), 2000);
        await q.close();
      }),
    );
  }
}

/** Waits for a promise to settle either way, or for the time to run out; never rejects. */
async function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

const FINISHED_CHANNEL = "xh:operation-finished";

/** The worker announces finished operations on a Redis channel. */
export function announceFinished(redis: Redis, operationId: string): Promise<number> {
  return redis.publish(FINISHED_CHANNEL, operationId);
}

/** What the worker found when it sent a test notification. */
export interface AlertTestOutcome {
  delivered: boolean;
  durationMs: number;
}

const alertTestKey = (testId: string) => `xh:alert-test:${testId}`;

/** Kept for an hour (a waiting request reads it at once), then announced like a finished operation. */
export async function recordAlertTest(redis: Redis, testId: string, outcome: AlertTestOutcome): Promise<void> {
  await redis.set(alertTestKey(testId), JSON.stringify(outcome), "EX", 3600);
  await announceFinished(redis, testId);
}

/** The outcome of a test notification, or null while it has none. */
export async function readAlertTest(redis: Redis, testId: string): Promise<AlertTestOutcome | null> {
  const raw = await redis.get(alertTestKey(testId));
  return raw ? (JSON.parse(raw) as AlertTestOutcome) : null;
}

/** One subscriber connection for all waiters of a process. */
export class OperationWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly subscriber: Redis;
  private readonly ready: Promise<unknown>;

  constructor(connection: Redis) {
    this.subscriber = connection.duplicate();
    this.subscriber.on("message", (_channel: string, id: string) => {
      for (const wake of this.waiters.get(id) ?? []) wake();
    });
    this.ready = this.subscriber.subscribe(FINISHED_CHANNEL).catch(() => undefined);
  }

  async waitFor(operationId: string, ms: number): Promise<void> {
    await this.ready;
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(operationId) ?? new Set();
      this.waiters.set(operationId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(operationId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  close(): void {
    this.subscriber.disconnect();
  }
}

/** The Redis hash of failed job attempts per queue, counted by the workers. */
export const JOB_FAILURES_KEY = "xh:job-failures";

export async function countJobFailure(redis: Redis, queue: string): Promise<void> {
  await redis.hincrby(JOB_FAILURES_KEY, queue, 1);
}

/** The Redis hash where each worker process writes its last heartbeat (ms since the epoch). */
export const WORKER_HEARTBEAT_KEY = "xh:worker-heartbeats";

export async function writeHeartbeat(redis: Redis, workerId: string, now = Date.now()): Promise<void> {
  await redis.hset(WORKER_HEARTBEAT_KEY, workerId, String(now));
}

/** Seconds since the newest heartbeat of any worker, or null if no worker ever wrote one. */
export async function heartbeatAgeSeconds(redis: Redis, now = Date.now()): Promise<number | null> {
  const all = await redis.hgetall(WORKER_HEARTBEAT_KEY);
  const newest = Math.max(...Object.values(all).map(Number).filter(Number.isFinite));
  return Number.isFinite(newest) ? Math.max(0, (now - newest) / 1000) : null;
}
