import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import { type JobQueues, queueNames } from "@xmpp-host/queue";
import type { FastifyInstance } from "fastify";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/** Bull Board at /admin/queues, for operators signed in with a session (401 otherwise, 404 for others). */
export async function queueDashboardPlugin(app: FastifyInstance, opts: { queues: JobQueues }): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: queueNames.map((name) => new BullMQAdapter(opts.queues.queues[name])),
    serverAdapter: serverAdapter as never,
  });
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  // Bull Board installs its own error handler in this scope, so the refusal is answered here.
  app.addHook("onRequest", async (request, reply) => {
    const status = !request.actor ? 401 : !request.actor.isOperator || request.actor.token ? 404 : 0;
    if (!status) return;
    return reply
      .status(status)
      .type("application/problem+json")
      .send({
        type: "about:blank",
        title: status === 401 ? "Not signed in" : "Not found",
        status,
        detail: status === 401 ? "sign in as an operator" : "page not found",
        code: status === 401 ? "unauthorized" : "not_found",
      });
  });
  await app.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
}
