import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import { AppError } from "@xmpp-host/core";
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
  app.addHook("onRequest", async (request) => {
    if (!request.actor) throw new AppError("unauthorized", "sign in as an operator");
    if (!request.actor.isOperator || request.actor.token) throw AppError.notFound("page");
  });
  await app.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
}
