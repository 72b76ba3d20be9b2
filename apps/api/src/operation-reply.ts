import { type CoreContext, isFinished, waitForOperation } from "@xmpp-host/core";
import type { Operation } from "@xmpp-host/db";

/**
 * Applies `?wait=SECONDS`: holds the answer until the operation ends (capped by configuration).
 * Returns the latest operation and the HTTP status: 202 while it runs, `doneStatus` once it ended.
 */
export async function settle(
  core: CoreContext,
  op: Operation,
  wait: number | undefined,
  maxWait: number,
  doneStatus = 200,
): Promise<{ operation: Operation; status: number }> {
  const operation = wait ? await waitForOperation(core, op.id, Math.min(wait, maxWait)) : op;
  return { operation, status: isFinished(operation) ? doneStatus : 202 };
}
