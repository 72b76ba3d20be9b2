import { AppError } from "@xmpp-host/core";
import type { Redis } from "ioredis";

/**
 * A fixed-window counter in Redis, shared by every API process: `max` hits per `windowSeconds` for `key`.
 * Throws rate_limited (429) with the seconds until the window ends; the route sets Retry-After from it.
 */
export class RateLimited extends AppError {
  constructor(readonly retryAfter: number) {
    super("rate_limited", `too many attempts; try again in ${retryAfter} seconds`);
  }
}

export async function hitLimit(redis: Redis, key: string, max: number, windowSeconds: number): Promise<void> {
  const name = `xh-limit:${key}`;
  const [[, count], [, ttl]] = (await redis.multi().incr(name).ttl(name).exec()) as [
    [unknown, number],
    [unknown, number],
  ];
  if (ttl < 0) await redis.expire(name, windowSeconds);
  if (count > max) throw new RateLimited(ttl > 0 ? ttl : windowSeconds);
}
