import { type CoreContext, isFinished, waitForOperation } from "@xmpp-host/core";
import type { Operation } from "@xmpp-host/db";
import { operationView } from "./views.ts";

interface StatusReply {
  status(code: number): { send(body: unknown): unknown };
}

type OperationJson = ReturnType<typeof operationView>;

interface Answer<R> {
  /** The status once the operation ended: 200, or 201 for a creation. 202 while it runs. */
  done?: number;
  /** Reads the resource again through core, as the operation left it (null once it is gone). */
  reload?: () => Promise<R | null>;
  /** The body besides `operation`, from the resource as it is now. */
  body?: (resource: R) => Record<string, unknown>;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The one answer of every route that starts an operation (see operationAnswers). */
    answer: ReturnType<typeof operationAnswers>;
  }
}

/**
 * The one answer of every route that starts an operation: `{ ...body, operation }`. `?wait=SECONDS` (capped by
 * configuration) holds it until the operation ends.
 */
export function operationAnswers(core: CoreContext, maxWait: number) {
  return async function answer<R>(
    reply: StatusReply,
    started: { operation: Operation; resource?: R },
    wait: number | undefined,
    shape: Answer<R> = {},
  ): Promise<void> {
    const operation = wait
      ? await waitForOperation(core, started.operation.id, Math.min(wait, maxWait))
      : started.operation;
    const resource = ((shape.reload ? await shape.reload() : null) ?? started.resource) as R;
    const json: OperationJson = operationView(operation);
    reply
      .status(isFinished(operation) ? (shape.done ?? 200) : 202)
      .send({ ...shape.body?.(resource), operation: json });
  };
}
