import { type JobsOptions, Queue } from "bullmq";
import { Redis } from "ioredis";
import { type JobName, type JobPayload, jobCatalogue } from "./catalogue.ts";

export * from "./catalogue.ts";

export function createRedis(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null for blocking connections.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export type QueueName = "operations" | "maintenance" | "checks";

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

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}

const FINISHED_CHANNEL = "xh:operation-finished";

/** The worker announces finished operations on a Redis channel. */
export function announceFinished(redis: Redis, operationId: string): Promise<number> {
  return redis.publish(FINISHED_CHANNEL, operationId);
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
