import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  createAlertChannel,
  deleteAlertChannel,
  listAlertChannels,
  listAlerts,
  listFleetAlerts,
  testAlertChannel,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute } from "../../../route-shapes.ts";
import { DateTime, Id, Nullable, PageQuery, problemResponses } from "../../../schemas.ts";
import { Reason } from "../health/index.ts";

const NullableDate = Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" });

const Alert = Type.Object({
  id: Type.String(),
  tenantId: Nullable(Type.String()),
  rule: Type.String({
    description: "instance_down | login_slow | certificate_expiring | dns_broken | backup_failed | memory_high",
  }),
  severity: Type.String({ description: "critical | warning" }),
  status: Type.String({ description: "open | resolved" }),
  subjectType: Type.String({ description: "instance | domain" }),
  subjectId: Type.String(),
  subjectName: Type.String(),
  instanceId: Nullable(Type.String()),
  message: Type.String({ description: "In English" }),
  code: Nullable(
    Type.String({
      description:
        "What the alert says, for clients to word: instance_down, domain_down, login_slow, memory_high, backup_failed, backup_too_old, backup_missing, certificate_expiring, certificate_expired, dns_broken; null for alerts opened before codes",
    }),
  ),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Reason)]), {
    description:
      "The values the code's words need besides subjectName: loginMs, limitMs, bytes, limitBytes, days, limitDays, hours, limitHours; reasons for instance_down",
  }),
  openedAt: DateTime,
  resolvedAt: NullableDate,
});

const Channel = Type.Object({
  id: Type.String(),
  tenantId: Nullable(Type.String()),
  kind: Type.String({ description: "email | webhook" }),
  name: Type.String(),
  target: Type.String({ description: "an email address, or the webhook URL" }),
  createdAt: DateTime,
});

const NewChannel = Type.Object(
  {
    kind: Type.Union([Type.Literal("email"), Type.Literal("webhook")]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    target: Type.String({ minLength: 3, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

const Created = Type.Object({
  channel: Channel,
  secret: Nullable(
    Type.String({
      description:
        "Webhooks only, shown once: the HMAC-SHA256 key. Each POST carries X-Timestamp and X-Signature: sha256=hex(HMAC(secret, timestamp + '.' + body)).",
    }),
  ),
});

const AlertQuery = Type.Intersect([
  PageQuery,
  Type.Object({ status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("resolved")])) }),
]);

export const alertRoutes: FastifyPluginAsyncTypebox<{ maxWait: number }> = async (app, { maxWait }) => {
  listRoute(
    app,
    "/tenants/:tenantId/alerts",
    {
      operationId: "listAlerts",
      tags: ["alerts"],
      summary: "The tenant's alert history, newest first",
      params: Type.Object({ tenantId: Id }),
      querystring: AlertQuery,
      item: Alert,
    },
    (actor, params, query) => listAlerts(app.core, actor, params.tenantId, query),
  );

  listRoute(
    app,
    "/tenants/:tenantId/alert-channels",
    {
      operationId: "listAlertChannels",
      tags: ["alerts"],
      params: Type.Object({ tenantId: Id }),
      item: Channel,
    },
    (actor, params, query) => listAlertChannels(app.core, actor, params.tenantId, query),
  );

  app.post(
    "/tenants/:tenantId/alert-channels",
    {
      schema: {
        operationId: "createAlertChannel",
        tags: ["alerts"],
        summary: "Add an email or webhook channel; a webhook's signing secret is returned once",
        params: Type.Object({ tenantId: Id }),
        body: NewChannel,
        response: { 201: Created, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAlertChannel(app.core, actorOf(request), request.params.tenantId, request.body)),
  );

  app.delete(
    "/alert-channels/:channelId",
    {
      schema: {
        operationId: "deleteAlertChannel",
        tags: ["alerts"],
        params: Type.Object({ channelId: Id }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await deleteAlertChannel(app.core, actorOf(request), request.params.channelId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/alert-channels/:channelId/test",
    {
      schema: {
        operationId: "testAlertChannel",
        tags: ["alerts"],
        summary:
          'Have the worker send a test notification and wait for it (503 "not delivered" if it cannot be; the reason goes to the worker\'s log)',
        params: Type.Object({ channelId: Id }),
        querystring: Type.Object({
          wait: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 300,
              default: 30,
              description: "Hold the answer up to this many seconds for the outcome; 202 when there is none by then.",
            }),
          ),
        }),
        response: {
          200: Type.Object({ delivered: Type.Boolean(), durationMs: Type.Integer() }),
          202: Type.Object({ queued: Type.Boolean({ description: "The worker sends it when it can" }) }),
          ...problemResponses,
          503: Type.Ref("Problem"),
        },
      },
    },
    async (request, reply) => {
      const wait = Math.min(request.query.wait ?? 30, maxWait);
      const outcome = await testAlertChannel(app.core, actorOf(request), request.params.channelId, wait);
      return outcome ? reply.status(200).send(outcome) : reply.status(202).send({ queued: true });
    },
  );

  listRoute(
    app,
    "/fleet/alerts",
    {
      operationId: "listFleetAlerts",
      tags: ["fleet"],
      summary: "Operators: every alert of the fleet, newest first",
      querystring: AlertQuery,
      item: Alert,
    },
    (actor, _params, query) => listFleetAlerts(app.core, actor, query),
  );

  listRoute(
    app,
    "/fleet/alert-channels",
    {
      operationId: "listFleetAlertChannels",
      tags: ["fleet"],
      summary: "Operators: the operators' own channels, which hear about every alert of the fleet",
      item: Channel,
    },
    (actor, _params, query) => listAlertChannels(app.core, actor, null, query),
  );

  app.post(
    "/fleet/alert-channels",
    {
      schema: {
        operationId: "createFleetAlertChannel",
        tags: ["fleet"],
        body: NewChannel,
        response: { 201: Created, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAlertChannel(app.core, actorOf(request), null, request.body)),
  );
};
