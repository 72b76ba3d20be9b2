import { holdInstanceLock } from "@xmpp-host/core";
import type { WorkerContext } from "./context.ts";

const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` while holding the instance's configuration lock: in this process, a promise chain per instance (so
 * waiting jobs hold no database connection); across workers, a PostgreSQL advisory lock held by a transaction
 * for as long as `fn` runs. Everything that renders an instance's configuration and applies it goes through here.
 */
export function withInstanceLock<T>(
  ctx: Pick<WorkerContext, "core">,
  instanceId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const previous = chains.get(instanceId) ?? Promise.resolve();
  const locked = () => holdInstanceLock(ctx.core, instanceId, fn);
  const run = previous.then(locked, locked);
  const tail = run.catch(() => undefined);
  chains.set(instanceId, tail);
  void tail.then(() => {
    if (chains.get(instanceId) === tail) chains.delete(instanceId);
  });
  return run;
}
