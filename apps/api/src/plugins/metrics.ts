import { heartbeatAgeSeconds, JOB_FAILURES_KEY, type JobQueues, queueNames } from "@xmpp-host/queue";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const QUEUE_STATES = ["waiting", "active", "delayed", "prioritized", "paused", "failed", "completed"] as const;

/**
 * Prometheus metrics of the platform itself at GET /metrics: request durations by route, queue depths
 * and failures read from BullMQ at scrape time, and the age of the worker's heartbeat. With a token
 * configured, a scrape must send `Authorization: Bearer <token>`.
 */
export async function metricsPlugin(
  app: FastifyInstance,
  opts: { redis: Redis; queues: JobQueues; token?: string | undefined },
): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "xmpphost_api_" });
  const duration = new Histogram({
    name: "xmpphost_http_request_duration_seconds",
    help: "HTTP requests by route, method and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "xmpphost_queue_jobs",
    help: "Jobs per queue and state, read from BullMQ at scrape time",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of queueNames) {
        const counts = await opts.queues.queues[name].getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
  new Counter({
    name: "xmpphost_job_failures_total",
    help: "Job attempts that failed, per queue (counted by the workers)",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      const all = await opts.redis.hgetall(JOB_FAILURES_KEY);
      for (const name of queueNames) this.inc({ queue: name }, Number(all[name] ?? 0));
    },
  });
  new Gauge({
    name: "xmpphost_worker_heartbeat_age_seconds",
    help: "Seconds since the newest worker heartbeat (NaN if no worker ever ran)",
    registers: [registry],
    async collect() {
      this.set((await heartbeatAgeSeconds(opts.redis)) ?? Number.NaN);
    },
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    if (route === "/metrics") return;
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get(
    "/metrics",
    { schema: { operationId: "metrics", tags: ["platform"], hide: true }, config: { skipAuth: true } },
    async (request, reply) => {
      if (opts.token && request.headers.authorization !== `Bearer ${opts.token}`) {
        return reply.status(401).header("www-authenticate", "Bearer").type("application/problem+json").send({
          type: "about:blank",
          title: "Not signed in",
          status: 401,
          detail: "send the metrics token",
          code: "unauthorized",
        });
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
