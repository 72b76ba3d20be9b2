/** Runs the catalogue against one server: every test gets a result, whatever the server does. */
import { CATALOGUE, type ComplianceTestId, fixFor } from "./catalogue.ts";
import { CheckContext, describeError, type Outcome } from "./context.ts";
import { discoveryTests } from "./discovery.ts";
import {
  testCarbons,
  testDirectTls,
  testDirectTlsSrv,
  testExternalServices,
  testMam,
  testStreamManagement,
  testUpload,
} from "./live.ts";
import {
  type ComplianceReport,
  type ComplianceTarget,
  type ComplianceTestResult,
  SUITES,
  type Suite,
  type SuiteScore,
} from "./types.ts";
import { testBosh, testHostMeta, testWebSocket } from "./web.ts";

const TESTS: Record<ComplianceTestId, (ctx: CheckContext) => Promise<Outcome>> = {
  ...discoveryTests,
  "direct-tls": testDirectTls,
  "direct-tls-srv": testDirectTlsSrv,
  carbons: testCarbons,
  mam: testMam,
  "http-upload": testUpload,
  "stream-management": testStreamManagement,
  "external-services": testExternalServices,
  websocket: testWebSocket,
  bosh: testBosh,
  "host-meta": testHostMeta,
};

/** Score of the tests that belong to at least one suite: floor(100 × passed / applicable). */
export function scoreOf(results: readonly ComplianceTestResult[]): {
  score: number;
  suites: Record<Suite, SuiteScore>;
} {
  const suites = Object.fromEntries(SUITES.map((s) => [s, { passed: 0, applicable: 0 }])) as Record<Suite, SuiteScore>;
  let passed = 0;
  let applicable = 0;
  for (const r of results) {
    const entry = CATALOGUE.find((e) => e.id === r.id);
    if (!entry || entry.suites.length === 0 || r.status === "not_applicable") continue;
    applicable++;
    if (r.status === "pass") passed++;
    for (const s of entry.suites) {
      suites[s].applicable++;
      if (r.status === "pass") suites[s].passed++;
    }
  }
  return { score: applicable === 0 ? 0 : Math.floor((100 * passed) / applicable), suites };
}

/**
 * Checks a server as a client of `target.account` would see it. Never throws for what the server does: a test that
 * cannot run fails with the reason as its evidence. The tests run side by side, each on its own session when it
 * changes anything, so that one failure does not spoil another.
 */
export async function runComplianceCheck(target: ComplianceTarget): Promise<ComplianceReport> {
  const started = performance.now();
  const ctx = new CheckContext(target);
  let results: ComplianceTestResult[];
  try {
    results = await Promise.all(
      CATALOGUE.map(async (entry): Promise<ComplianceTestResult> => {
        const t = performance.now();
        const outcome = await TESTS[entry.id as ComplianceTestId](ctx).catch(
          (err: unknown): Outcome => ({ status: "fail", evidence: describeError(err) }),
        );
        return {
          id: entry.id,
          status: outcome.status,
          evidence: outcome.evidence,
          ...(outcome.status === "fail" ? { fix: fixFor(entry, target.server) } : {}),
          ...(outcome.details ? { details: outcome.details } : {}),
          durationMs: Math.round(performance.now() - t),
        };
      }),
    );
  } finally {
    await ctx.closeAll();
  }
  return {
    server: target.server,
    domain: target.domain,
    ...scoreOf(results),
    results,
    durationMs: Math.round(performance.now() - started),
  };
}
