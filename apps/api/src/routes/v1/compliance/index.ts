import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  complianceBadgeSvg,
  getCompliance,
  listComplianceRuns,
  publicComplianceScore,
  requestComplianceCheck,
  setComplianceBadge,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { listRoute, operationRoute } from "../../../route-shapes.ts";
import { DateTime, Id, problemResponses } from "../../../schemas.ts";

const Params = Type.Object({ domainId: Id });
const Suite = Type.Union([
  Type.Literal("core"),
  Type.Literal("im"),
  Type.Literal("mobile"),
  Type.Literal("av"),
  Type.Literal("web"),
]);
const SuiteScore = Type.Object({ passed: Type.Integer(), applicable: Type.Integer() });
const Suites = Type.Object({ core: SuiteScore, im: SuiteScore, mobile: SuiteScore, av: SuiteScore, web: SuiteScore });
const Trigger = Type.Union([Type.Literal("configuration"), Type.Literal("daily"), Type.Literal("manual")]);

const Run = Type.Object({
  id: Type.String(),
  score: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: "Percent of the applicable tests of the five suites passed",
  }),
  suites: Suites,
  trigger: Trigger,
  server: Type.String(),
  durationMs: Type.Integer(),
  checkedAt: DateTime,
});
const TestResult = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal("pass"), Type.Literal("fail"), Type.Literal("not_applicable")]),
  evidence: Type.String({ description: "What the checker saw" }),
  fix: Type.Optional(
    Type.Object({
      module: Type.String({ description: "The server module or setting that provides it" }),
      text: Type.String({
        description: "What to do, in English; clients word it themselves from the test id and module",
      }),
    }),
  ),
  durationMs: Type.Number(),
});
const TestDefinition = Type.Object({
  id: Type.String(),
  title: Type.String(),
  spec: Type.String({ description: "The specification: XEP-0313, RFC 7395..." }),
  suites: Type.Array(Suite, { description: "Empty: a common compliance tester's test outside the 2023 suites" }),
  kind: Type.Union([Type.Literal("live"), Type.Literal("discovery")]),
});

export const complianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId/compliance",
    {
      schema: {
        operationId: "getDomainCompliance",
        tags: ["compliance"],
        summary:
          "The domain's score against the XMPP Compliance Suites 2023 (XEP-0479): the latest check with each test's evidence and fix, and recent scores",
        params: Params,
        response: {
          200: Type.Object({
            domainId: Type.String(),
            name: Type.String(),
            badgePublic: Type.Boolean(),
            latest: Type.Union([Type.Intersect([Run, Type.Object({ results: Type.Array(TestResult) })]), Type.Null()]),
            history: Type.Array(Type.Object({ score: Type.Integer(), checkedAt: DateTime })),
            tests: Type.Array(TestDefinition),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => getCompliance(app.core, actorOf(request), request.params.domainId) as never,
  );

  listRoute(
    app,
    "/domains/:domainId/compliance/runs",
    {
      operationId: "listComplianceRuns",
      tags: ["compliance"],
      summary: "Every compliance check of the domain, newest first",
      params: Params,
      item: Run,
    },
    (actor, params, query) => listComplianceRuns(app.core, actor, params.domainId, query),
  );

  operationRoute(
    app,
    "POST",
    "/domains/:domainId/compliance/check",
    {
      operationId: "checkDomainCompliance",
      tags: ["compliance"],
      summary: "Check the domain against the XMPP Compliance Suites now",
      params: Params,
    },
    (actor, params) => requestComplianceCheck(app.core, actor, params.domainId),
  );

  app.put(
    "/domains/:domainId/compliance/badge",
    {
      schema: {
        operationId: "setComplianceBadge",
        tags: ["compliance"],
        summary:
          "Owners: publish the domain's compliance badge at /api/v1/public/domains/DOMAIN/compliance-badge.svg, or hide it",
        params: Params,
        body: Type.Object({ public: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ badgePublic: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request) => setComplianceBadge(app.core, actorOf(request), request.params.domainId, request.body.public),
  );

  app.get(
    "/public/domains/:domain/compliance-badge.svg",
    {
      schema: {
        operationId: "getComplianceBadge",
        tags: ["public"],
        summary: "The domain's compliance badge (SVG), where its owner published it",
        security: [],
        params: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }),
        response: {
          200: Type.Unsafe<string>({ type: "string", description: "image/svg+xml" }),
          404: problemResponses[404],
        },
      },
    },
    async (request, reply) => {
      const { score } = await publicComplianceScore(app.core, request.params.domain);
      return reply
        .header("content-type", "image/svg+xml; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
        .header("access-control-allow-origin", "*")
        .send(complianceBadgeSvg(score));
    },
  );
};
