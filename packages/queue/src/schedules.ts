import type { JobSchedulerTemplateOptions, Queue } from "bullmq";
import {
  type FixedScheduleName,
  jobCatalogue,
  type QueueName,
  type ResourceScheduleName,
  type ScheduleName,
  scheduleCatalogue,
} from "./catalogue.ts";

/** What the schedule helpers need of JobQueues. */
export interface ScheduleQueues {
  readonly queues: Record<QueueName, Queue>;
}

type Spec = {
  job: keyof typeof jobCatalogue;
  id: string;
  resource?: "instanceId" | "domainId";
  keepNextRun?: boolean;
  keep?: number;
};

function specOf(name: ScheduleName): Spec {
  return scheduleCatalogue[name];
}

function queueOf(q: ScheduleQueues, spec: Spec): Queue {
  return q.queues[jobCatalogue[spec.job].queue];
}

/** The scheduler id of a schedule, for a resource when it is one per resource. */
export function schedulerId(name: ScheduleName, resourceId = ""): string {
  return specOf(name).id + resourceId;
}

/** The template of the jobs a schedule makes: the catalogue's attempts and backoff, like an enqueued job. */
function templateOpts(spec: Spec): JobSchedulerTemplateOptions {
  const job = jobCatalogue[spec.job];
  return {
    attempts: job.attempts,
    backoff: job.backoff,
    ...(spec.keep ? { removeOnComplete: { count: spec.keep }, removeOnFail: { count: spec.keep } } : {}),
  };
}

/** Creates or updates a repeating job; an interval of 0 (or less) removes it. */
export async function schedule(q: ScheduleQueues, name: FixedScheduleName, every: number): Promise<void>;
export async function schedule(
  q: ScheduleQueues,
  name: ResourceScheduleName,
  every: number,
  resourceId: string,
): Promise<void>;
export async function schedule(q: ScheduleQueues, name: ScheduleName, every: number, resourceId = ""): Promise<void> {
  const spec = specOf(name);
  const queue = queueOf(q, spec);
  const key = schedulerId(name, resourceId);
  if (every <= 0) {
    await queue.removeJobScheduler(key);
    return;
  }
  // Checked here as enqueue checks its payloads: a schedule would repeat a bad payload forever.
  const data = jobCatalogue[spec.job].schema.parse(spec.resource ? { [spec.resource]: resourceId } : {});
  const opts = templateOpts(spec);
  let startDate: number | undefined;
  if (spec.keepNextRun) {
    const existing = await queue.getJobScheduler(key);
    if (existing && Number(existing.every) === every) {
      if (existing.template?.opts?.attempts === opts.attempts) return;
      startDate = existing.next;
    }
    // The first run comes one interval after the schedule is made, not at once.
    startDate ??= Date.now() + every;
  }
  await queue.upsertJobScheduler(key, { every, ...(startDate ? { startDate } : {}) }, { name: spec.job, data, opts });
}

export async function unschedule(q: ScheduleQueues, name: ResourceScheduleName, resourceId: string): Promise<void> {
  await queueOf(q, specOf(name)).removeJobScheduler(schedulerId(name, resourceId));
}

/** Whether a scheduler id belongs to this schedule: its prefix is the longest one that matches on its queue. */
function owns(name: ResourceScheduleName, key: string): boolean {
  const spec = specOf(name);
  if (!key.startsWith(spec.id)) return false;
  const queue = jobCatalogue[spec.job].queue;
  return !Object.values(scheduleCatalogue as Record<string, Spec>).some(
    (other) =>
      other.resource &&
      jobCatalogue[other.job].queue === queue &&
      other.id.length > spec.id.length &&
      key.startsWith(other.id),
  );
}

/**
 * Makes a per-resource schedule match what PostgreSQL wants: stale schedulers removed, wanted ones upserted
 * (an interval of 0 removes one). Run at every worker boot.
 */
export async function reconcileSchedules(
  q: ScheduleQueues,
  name: ResourceScheduleName,
  wanted: { resourceId: string; every: number }[],
): Promise<{ scheduled: number; removed: number }> {
  const queue = queueOf(q, specOf(name));
  const keep = new Set(wanted.filter((w) => w.every > 0).map((w) => schedulerId(name, w.resourceId)));
  let removed = 0;
  for (const s of await queue.getJobSchedulers(0, -1)) {
    if (owns(name, s.key) && !keep.has(s.key)) {
      await queue.removeJobScheduler(s.key);
      removed++;
    }
  }
  for (const w of wanted) await schedule(q, name, w.every, w.resourceId);
  return { scheduled: keep.size, removed };
}
