import { recordOperation } from "@xmpp-host/core";
import type { QueueName } from "@xmpp-host/queue";
import type { Job, JobsOptions } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";

let platform: Platform;
const logged: { obj: Record<string, unknown>; msg: string }[] = [];

/** Waits for a job to finish either way; returns it with its final state. */
async function settled(job: Job): Promise<{ state: string; job: Job }> {
  return until(
    `job ${job.name} to finish`,
    async () => {
      const state = await job.getState();
      if (state !== "completed" && state !== "failed") return null;
      const queue = platform.workerCtx.queues.queues[job.queueName as QueueName];
      const fresh = await queue.getJob(job.id as string);
      return fresh ? { state, job: fresh } : null;
    },
    20_000,
  );
}

/**
 * A dns.check operation for a domain that does not exist, and a job for it put straight into Redis under `name`, past
 * enqueue's parse: its payload is the operation's id and `data`.
 */
async function operationJob(name: string, data: Record<string, unknown>, opts: JobsOptions = {}) {
  const op = await platform.app.core.db.operation.create({
    data: { type: "dns.check", resourceType: "domain", resourceId: "no-such-domain" },
  });
  const job = await platform.workerCtx.queues.queues.operations.add(
    name,
    { operationId: op.id, ...data },
    { jobId: op.id, ...opts },
  );
  return { op, job };
}

function refusals(job: Job) {
  return logged.filter((l) => l.msg === "job refused" && l.obj.queue === job.queueName && l.obj.jobId === job.id);
}

beforeAll(async () => {
  platform = await startPlatform();
  vi.spyOn(platform.workerCtx.log, "error").mockImplementation(((obj: Record<string, unknown>, msg: string) => {
    logged.push({ obj, msg });
  }) as never);
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await platform?.close();
});

describe("job payloads are read with the catalogue's schemas when consumed", () => {
  it("refuses a malformed operation job for good, logs it and fails the operation it names", async () => {
    const db = platform.app.core.db;
    // A field the catalogue does not know.
    const { op, job } = await operationJob(
      "dns.check",
      { domainId: "no-such-domain" },
      { attempts: 8, backoff: { type: "fixed", delay: 100 } },
    );
    const done = await settled(job);
    expect(done.state).toBe("failed");
    expect(done.job.attemptsMade).toBe(1);
    expect(done.job.failedReason).toContain("malformed dns.check payload");

    const failed = await db.operation.findUniqueOrThrow({ where: { id: op.id } });
    expect(failed.status).toBe("failed");
    expect(failed.finishedAt).not.toBeNull();
    expect(failed.error).toMatchObject({ kind: "MalformedJobError", permanent: true });
    expect((failed.error as { message: string }).message).toMatch(/^job refused: malformed dns\.check payload/);
    expect(refusals(job)).toEqual([
      expect.objectContaining({
        obj: expect.objectContaining({ queue: "operations", job: "dns.check", operationId: op.id }),
      }),
    ]);
  });

  it("refuses a job name that is not the queue's, failing its operation", async () => {
    const db = platform.app.core.db;
    const { op, job } = await operationJob("domain.dns-check", {});
    expect((await settled(job)).state).toBe("failed");
    const failed = await db.operation.findUniqueOrThrow({ where: { id: op.id } });
    expect(failed.status).toBe("failed");
    expect((failed.error as { message: string }).message).toContain("unknown operations job domain.dns-check");
    expect(refusals(job)).toHaveLength(1);
  });

  it("refuses malformed checks and probes payloads, logs them, and keeps consuming", async () => {
    const { checks, probes } = platform.workerCtx.queues.queues;
    const bad = [
      await checks.add("domain.dns-check", { domainId: 42 }, { attempts: 3, backoff: { type: "fixed", delay: 100 } }),
      await checks.add("backup.verify", {}, { attempts: 2 }),
      await checks.add("domain.no-such-check", { domainId: "x" }),
      await probes.add("instance.probe", { instanceId: "" }),
    ];
    for (const job of bad) {
      const done = await settled(job);
      expect(done.state, job.name).toBe("failed");
      expect(done.job.attemptsMade, job.name).toBe(1);
      expect(refusals(job), job.name).toHaveLength(1);
    }
    // The consumers are still there: well-formed jobs on both queues run to completion.
    const good = [
      await checks.add("domain.dns-check", { domainId: "no-such-domain" }),
      await probes.add("instance.probe", { instanceId: "no-such-instance" }),
    ];
    for (const job of good) expect((await settled(job)).state, job.name).toBe("completed");
  });

  it("fails an operation whose recorded input its type's schema does not accept", async () => {
    const db = platform.app.core.db;
    const op = await db.operation.create({
      data: { type: "backup.restore", resourceType: "instance", resourceId: "no-such-instance", input: {} },
    });
    await platform.workerCtx.queues.enqueueOperation(op);
    const failed = await until(
      "the operation to fail",
      async () => {
        const row = await db.operation.findUniqueOrThrow({ where: { id: op.id } });
        return row.status === "failed" ? row : null;
      },
      20_000,
    );
    expect((failed.error as { message: string }).message).toContain("malformed backup.restore input");
    expect(failed.error).toMatchObject({ permanent: true });
  });

  it("checks an operation's input when it is recorded", async () => {
    const core = platform.app.core;
    await expect(
      core.db.$transaction((tx) =>
        recordOperation(core, tx, null, {
          type: "backup.restore",
          tenantId: null,
          resourceType: "instance",
          resourceId: "no-such-instance",
          input: { backupId: 7 } as never,
        }),
      ),
    ).rejects.toThrow(/malformed backup\.restore input/);
    expect(await core.db.operation.count({ where: { resourceId: "no-such-instance", type: "backup.restore" } })).toBe(
      1,
    );
  });
});
