import { type CoreContext, isFinished, waitForOperation } from "@xmpp-host/core";
import type { Operation } from "@xmpp-host/db";
import { operationView } from "./views.ts";

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

interface StatusReply {
  status(code: number): { send(body: unknown): unknown };
}

/** The common answer of a route that only starts an operation: `{ operation }`, 202 or 200 after `?wait`. */
export async function replyWithOperation(
  core: CoreContext,
  reply: StatusReply,
  op: Operation,
  wait: number | undefined,
  maxWait: number,
): Promise<void> {
  const settled = await settle(core, op, wait, maxWait);
  reply.status(settled.status).send({ operation: operationView(settled.operation) });
}
