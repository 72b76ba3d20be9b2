import http from "node:http";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { createBackupStore } from "@xmpp-host/backup";
import type { ApiEnv } from "@xmpp-host/config";
import { type CoreContext, internalCaCertificate, pingDatabase } from "@xmpp-host/core";
import { heartbeatAgeSeconds, JobQueues } from "@xmpp-host/queue";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { Redis } from "ioredis";
import { capConnectionsPerAddress, trustedPeers } from "./connection-cap.ts";
import { LoginGuard } from "./login-guard.ts";
import { operationAnswers } from "./operation-reply.ts";
import { authPlugin } from "./plugins/auth.ts";
import { closedBodiesPlugin } from "./plugins/closed-bodies.ts";
import { clientErrorHandler, codeForStatus, errorsPlugin, problemBody } from "./plugins/errors.ts";
import { metricsPlugin } from "./plugins/metrics.ts";
import { queueDashboardPlugin } from "./plugins/queue-dashboard.ts";
import { stringsPlugin } from "./plugins/strings.ts";
import { accountResetLinkRoutes } from "./routes/v1/account-reset-links/index.ts";
import { accountRoutes } from "./routes/v1/accounts/index.ts";
import { alertRoutes } from "./routes/v1/alerts/index.ts";
import { apiTokenRoutes } from "./routes/v1/api-tokens/index.ts";
import { auditRoutes } from "./routes/v1/audit/index.ts";
import { authRoutes } from "./routes/v1/auth/index.ts";
import { passwordResetRoutes } from "./routes/v1/auth/password-reset.ts";
import { backupRoutes } from "./routes/v1/backups/index.ts";
import { caRoutes } from "./routes/v1/ca/index.ts";
import { certificateRoutes } from "./routes/v1/certificates/index.ts";
import { complianceRoutes } from "./routes/v1/compliance/index.ts";
import { dnsRoutes } from "./routes/v1/dns/index.ts";
import { domainExportRoutes } from "./routes/v1/domain-exports/index.ts";
import { domainMoveRoutes } from "./routes/v1/domain-moves/index.ts";
import { domainSettingsRoutes } from "./routes/v1/domain-settings/index.ts";
import { domainRoutes } from "./routes/v1/domains/index.ts";
import { federationRoutes } from "./routes/v1/federation/index.ts";
import { fleetRoutes } from "./routes/v1/fleet/index.ts";
import { freeAddressRoutes } from "./routes/v1/free-addresses/index.ts";
import { healthRoutes } from "./routes/v1/health/index.ts";
import { importRoutes } from "./routes/v1/imports/index.ts";
import { instanceRoutes } from "./routes/v1/instances/index.ts";
import { inviteRoutes } from "./routes/v1/invites/index.ts";
import { ircGatewayRoutes } from "./routes/v1/irc-gateways/index.ts";
import { meRoutes } from "./routes/v1/me/index.ts";
import { twoFactorRoutes } from "./routes/v1/me/two-factor.ts";
import { memberInviteRoutes } from "./routes/v1/member-invites/index.ts";
import { operationRoutes } from "./routes/v1/operations/index.ts";
import { platformRoutes } from "./routes/v1/platform/index.ts";
import { publicRoutes } from "./routes/v1/public/index.ts";
import { registrationRoutes } from "./routes/v1/registration/index.ts";
import { roomRoutes } from "./routes/v1/rooms/index.ts";
import { tenantRoutes } from "./routes/v1/tenants/index.ts";
import { Problem } from "./schemas.ts";

/** Invite, invitation, reset link and sign-up status tokens travel in URL paths; they never reach the logs. */
export function redactTokens(url: string): string {
  return url.replace(
    /(\/(?:public\/)?(?:(?:member-)?invites|reset-links|signups|auth\/password-reset)\/)([^/?#]{30,})/g,
    "$1[token]",
  );
}

/** Fastify's trustProxy from TRUST_PROXY: "true", or addresses, CIDRs and names like "loopback". */
export function trustProxySetting(value: string): boolean | string[] {
  if (value === "true") return true;
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The promise's outcome, or a rejection once `ms` have passed without one. */
function within<T>(promise: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface AppDeps {
  env: ApiEnv;
  core: CoreContext;
  redis: Redis;
  logger?: boolean | object;
}

export async function buildApp({ env, core, redis, logger }: AppDeps): Promise<FastifyInstance> {
  const store = createBackupStore(env);
  const backupStore = { open: (key: string) => store.get(key) };
  const app = Fastify({
    logger: logger ?? {
      level: env.LOG_LEVEL,
      redact: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']"],
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactTokens(req.url),
          remoteAddress: req.ip,
        }),
      },
    },
    // allowUnionTypes: a nullable setting is `type: [T, "null"]` (see domain-settings), which coercion handles well.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allowUnionTypes: true } },
    // A client that sends its request too slowly (or not at all) is cut off rather than holding a socket forever.
    // Node checks the deadlines every connectionsCheckingInterval (30 s by default): check as often as needed.
    serverFactory: (handler) => {
      const server = http.createServer(
        {
          requestTimeout: env.API_REQUEST_TIMEOUT_MS,
          headersTimeout: Math.min(env.API_REQUEST_TIMEOUT_MS, 20_000),
          keepAliveTimeout: 5_000,
          connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor(env.API_REQUEST_TIMEOUT_MS / 4))),
        },
        handler,
      );
      capConnectionsPerAddress(server, env.API_MAX_CONNECTIONS_PER_IP, trustedPeers(env.TRUST_PROXY));
      return server;
    },
    // An idle socket is closed too, but never while a ?wait long-poll may legitimately hold it.
    connectionTimeout: Math.max(env.API_REQUEST_TIMEOUT_MS * 2, (env.MAX_WAIT_SECONDS + 30) * 1000),
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    // Errors raised before any route runs leave as problem+json too.
    clientErrorHandler,
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 400;
      void (reply as unknown as FastifyReply)
        .status(status)
        .type("application/problem+json")
        .send(JSON.parse(problemBody(status, error.message, codeForStatus(status))));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("core", core);
  app.decorate("answer", operationAnswers(core, env.MAX_WAIT_SECONDS));
  app.addSchema(Problem);
  await app.register(errorsPlugin);
  await app.register(stringsPlugin);
  await app.register(closedBodiesPlugin);
  // Answers are JSON for programs: never sniffed as something else, and never cached when they carry someone's data.
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    if (request.actor && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, redis, nameSpace: "xh-rl:" });
  await app.register(authPlugin);
  // Read-only views of the queues, for /metrics and the queue dashboard.
  const queues = new JobQueues(redis);
  app.addHook("onClose", async () => queues.close());
  await metricsPlugin(app, { redis, queues, token: env.METRICS_TOKEN });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "XMPP platform API",
        version: "1.0.0",
        description:
          "Tenants, managed XMPP servers, domains, accounts, group chats and the operations that change them.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "xh_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  // The worker creates the CA; once there, it never changes.
  let ca: string | null = null;
  const caPem = async () => {
    ca ??= await internalCaCertificate(core);
    return ca;
  };

  const maxWait = env.MAX_WAIT_SECONDS;
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, {
        sessionTtlHours: env.SESSION_TTL_HOURS,
        cookieSecure: env.COOKIE_SECURE ?? env.PUBLIC_URL.startsWith("https:"),
        perMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
        guard: new LoginGuard(redis, {
          lockAfter: env.AUTH_LOCK_AFTER_FAILURES,
          lockSeconds: env.AUTH_LOCK_SECONDS,
          failureDelayMs: env.AUTH_FAILURE_DELAY_MS,
        }),
      });
      await v1.register(passwordResetRoutes, { redis });
      await v1.register(meRoutes);
      await v1.register(twoFactorRoutes, { redis });
      await v1.register(apiTokenRoutes);
      await v1.register(platformRoutes);
      await v1.register(tenantRoutes, { redis, invitesPerHour: env.MEMBER_INVITES_PER_HOUR });
      await v1.register(instanceRoutes);
      await v1.register(domainRoutes);
      await v1.register(freeAddressRoutes);
      await v1.register(accountRoutes);
      await v1.register(importRoutes);
      await v1.register(accountResetLinkRoutes, { redis, perIpPerHour: env.RESET_LINK_PER_IP_PER_HOUR });
      await v1.register(roomRoutes);
      await v1.register(ircGatewayRoutes);
      await v1.register(domainSettingsRoutes);
      await v1.register(federationRoutes);
      await v1.register(complianceRoutes);
      await v1.register(operationRoutes, { maxWait });
      await v1.register(auditRoutes);
      await v1.register(caRoutes, { caPem });
      await v1.register(dnsRoutes);
      await v1.register(certificateRoutes);
      await v1.register(fleetRoutes);
      await v1.register(inviteRoutes);
      await v1.register(memberInviteRoutes);
      await v1.register(registrationRoutes);
      await v1.register(publicRoutes, {
        redis,
        openPerIpPerHour: env.OPEN_REGISTRATION_PER_IP_PER_HOUR,
        openPerDomainPerHour: env.OPEN_REGISTRATION_PER_DOMAIN_PER_HOUR,
        invitePerIpPerHour: env.INVITE_REGISTRATION_PER_IP_PER_HOUR,
      });
      await v1.register(healthRoutes);
      await v1.register(alertRoutes, { maxWait });
      await v1.register(backupRoutes, { store: env.BACKUP_STORE, downloads: backupStore });
      await v1.register(domainMoveRoutes);
      await v1.register(domainExportRoutes, {
        maxWait,
        secretsKey: env.SECRETS_KEY,
        open: backupStore.open,
        put: async (key, sealed) => {
          await store.put(key, sealed, sealed.length);
        },
        remove: (key) => store.delete(key),
      });
    },
    { prefix: "/api/v1" },
  );
  await app.register(queueDashboardPlugin, { queues });

  app.get("/healthz", { schema: { operationId: "healthz", tags: ["platform"], hide: false } }, async () => ({
    status: "ok",
  }));
  app.get("/readyz", { schema: { operationId: "readyz", tags: ["platform"] } }, async (_req, reply) => {
    // A dependency that is down makes the answer "not ready" at once, never a hang: Redis commands wait for the
    // reconnection (BullMQ needs them to), so a Redis that is not connected fails without being asked.
    const checks = await Promise.allSettled([
      within(pingDatabase(core), 2000),
      redis.status === "ready" ? within(redis.ping(), 2000) : Promise.reject(new Error(`Redis is ${redis.status}`)),
    ]);
    const ready = checks.every((c) => c.status === "fulfilled");
    // The API serves without a worker (requests queue up), so a missing worker is reported, not fatal.
    const age =
      checks[1]?.status === "fulfilled" ? await within(heartbeatAgeSeconds(redis), 2000).catch(() => null) : null;
    return reply.status(ready ? 200 : 503).send({
      status: ready ? "ready" : "not ready",
      database: checks[0]?.status === "fulfilled",
      redis: checks[1]?.status === "fulfilled",
      worker: {
        alive: age !== null && age <= env.WORKER_HEARTBEAT_STALE_SECONDS,
        heartbeatAgeSeconds: age === null ? null : Math.round(age * 10) / 10,
      },
    });
  });
  app.get("/openapi.json", { schema: { operationId: "openapi", tags: ["platform"], hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
