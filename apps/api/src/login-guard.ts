import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { RateLimited } from "./limiter.ts";

export interface LoginGuardSettings {
  /** Failed sign-ins of one account, in a row, before it is locked. */
  lockAfter: number;
  /** The first lock's length; each further failure while counting doubles it, up to an hour. */
  lockSeconds: number;
  /** Added to each failed answer after the third failure in a row, growing with each one (capped at 3 s). */
  failureDelayMs: number;
}

const WINDOW_SECONDS = 3600;
const MAX_LOCK_SECONDS = 3600;

/**
 * Throttles sign-in per account, whatever address the attempts come from: a growing delay on repeated failures,
 * then a temporary lock that says when it ends. Accounts that do not exist are counted and locked the same way, so
 * the answers never tell whether an email is registered. Keys hold a hash of the email, never the email.
 */
export class LoginGuard {
  constructor(
    private readonly redis: Redis,
    private readonly settings: LoginGuardSettings,
  ) {}

  private keys(email: string) {
    const id = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
    return { failures: `xh-login:fail:${id}`, lock: `xh-login:lock:${id}` };
  }

  /** Refuses (429 with Retry-After) while the account is locked; the right password does not open it early. */
  async check(email: string): Promise<void> {
    const ttl = await this.redis.ttl(this.keys(email).lock);
    if (ttl > 0) throw new RateLimited(ttl);
  }

  /** Counts a failure; slows the answer down, and locks the account once there have been too many. */
  async failed(email: string): Promise<void> {
    const k = this.keys(email);
    const [[, count]] = (await this.redis.multi().incr(k.failures).expire(k.failures, WINDOW_SECONDS).exec()) as [
      [unknown, number],
    ];
    if (count >= this.settings.lockAfter) {
      const seconds = Math.min(MAX_LOCK_SECONDS, this.settings.lockSeconds * 2 ** (count - this.settings.lockAfter));
      await this.redis.set(k.lock, "1", "EX", seconds);
      throw new RateLimited(seconds);
    }
    if (count > 3) await sleep(Math.min(3000, this.settings.failureDelayMs * (count - 3)));
  }

  async succeeded(email: string): Promise<void> {
    await this.redis.del(this.keys(email).failures);
  }
}
