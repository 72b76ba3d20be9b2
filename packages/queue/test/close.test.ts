import { afterEach, describe, expect, it } from "vitest";
import { createRedis, JobQueues } from "../src/index.ts";

const url = process.env.REDIS_URL;
if (!url) throw new Error("REDIS_URL is set by the test setup");

describe("JobQueues.close", () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  afterEach(() => {
    process.off("unhandledRejection", onRejection);
  });

  it("lets the queues' Redis checks settle, so closing the connection right after leaves nothing failing unheard", async () => {
    process.on("unhandledRejection", onRejection);
    for (let round = 0; round < 20; round++) {
      const redis = createRedis(url);
      const queues = new JobQueues(redis, "xh-close-test");
      // Closing a few milliseconds in catches the checks on the wire.
      await new Promise((resolve) => setTimeout(resolve, round % 5));
      await queues.close();
      redis.disconnect();
    }
    // Failures surface on later turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rejections.map(String)).toEqual([]);
  });
});
