import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getDomainHealth, getInstanceHealth } from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { DateTime, Id, Nullable, problemResponses } from "../../../schemas.ts";

export const ReasonParams = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
  description:
    "The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule>",
});
export const Reason = Type.Object({
  code: Type.String({ description: "stable, e.g. login_slow, c2s_unreachable, certificate_expiring" }),
  message: Type.String({ description: "English, for people" }),
  params: Type.Optional(ReasonParams),
});
export const HealthStatus = Type.String({ description: "healthy | degraded | down (unknown before the first probe)" });
const NullableNumber = Nullable(Type.Number());

const InstanceHealth = Type.Object({
  status: HealthStatus,
  reasons: Type.Array(Reason),
  uptime30d: Nullable(Type.Number({ minimum: 0, maximum: 1, description: "share of probes up over 30 days" })),
  checkedAt: Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" }),
  /** Audio and video calls, from the last probe (a real TURN allocation); null when the platform offers none. */
  calls: Nullable(
    Type.Object({
      status: Type.Union([Type.Literal("working"), Type.Literal("failing")]),
      code: Nullable(
        Type.Union([
          Type.Literal("calls_not_announced"),
          Type.Literal("calls_refused"),
          Type.Literal("calls_unreachable"),
        ]),
      ),
      message: Nullable(Type.String()),
      checkedAt: Nullable(Type.String()),
    }),
  ),
  /** Federation, from the last probe (an s2s ping to another domain); null when none was made. */
  federation: Nullable(
    Type.Object({
      status: Type.Union([Type.Literal("working"), Type.Literal("failing")]),
      from: Nullable(Type.String()),
      reference: Nullable(Type.String()),
      ms: Nullable(Type.Integer({ description: "The round trip, ping to answer, in milliseconds" })),
      message: Nullable(Type.String()),
      checkedAt: Nullable(Type.String()),
    }),
  ),
  latest: Nullable(
    Type.Object({
      loginMs: NullableNumber,
      connectMs: NullableNumber,
      tlsMs: NullableNumber,
      pingMs: NullableNumber,
      onlineUsers: NullableNumber,
      memoryBytes: NullableNumber,
      certificateDaysLeft: NullableNumber,
      s2sReachable: Nullable(Type.Boolean()),
      httpReachable: Nullable(Type.Boolean()),
      mucRooms: NullableNumber,
      s2sConnections: NullableNumber,
    }),
  ),
  series: Type.Array(
    Type.Object({
      at: DateTime,
      onlineUsers: NullableNumber,
      loginMs: NullableNumber,
      memoryBytes: NullableNumber,
      messagesPerMinute: NullableNumber,
    }),
  ),
  domains: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), status: HealthStatus, reasons: Type.Array(Reason) }),
  ),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/instances/:instanceId/health",
    {
      schema: {
        operationId: "getInstanceHealth",
        tags: ["health"],
        summary: "Status, uptime, latest probe figures and a chart series (1h: raw, 24h: 5-minute, 30d: hourly)",
        params: Type.Object({ instanceId: Id }),
        querystring: Type.Object({
          range: Type.Union([Type.Literal("1h"), Type.Literal("24h"), Type.Literal("30d")], { default: "24h" }),
        }),
        response: { 200: InstanceHealth, ...problemResponses },
      },
    },
    async (request) => getInstanceHealth(app.core, actorOf(request), request.params.instanceId, request.query.range),
  );

  app.get(
    "/domains/:domainId/health",
    {
      schema: {
        operationId: "getDomainHealth",
        tags: ["health"],
        summary: "The domain's own verdict from the last probe of its server (also for domains on shared servers)",
        params: Type.Object({ domainId: Id }),
        response: {
          200: Type.Object({
            domainId: Type.String(),
            name: Type.String(),
            status: HealthStatus,
            reasons: Type.Array(Reason),
            checkedAt: Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" }),
            uptime30d: NullableNumber,
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => getDomainHealth(app.core, actorOf(request), request.params.domainId),
  );
};
