/**
 * Compliance with the XMPP Compliance Suites 2023 (XEP-0479), per domain: the checker's runs kept as history, the
 * latest one with every test's evidence and fix, the alert when a score drops, and the badge an owner may publish.
 */
import { COMPLIANCE_TESTS, type ComplianceReport, type ComplianceTestResult, type SUITES } from "@xmpp-host/compliance";
import type { ComplianceRun, Domain, Prisma } from "@xmpp-host/db";
import type { AlertCondition } from "@xmpp-host/health";
import { loadOwned } from "../access.ts";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";

export type ComplianceTrigger = "configuration" | "daily" | "manual";

/** How many runs a domain keeps: a daily run plus one per configuration change, for about three months. */
export const COMPLIANCE_HISTORY_KEPT = 200;

/** A run as the API shows it. */
export function complianceRunView(run: Omit<ComplianceRun, "results">) {
  return {
    id: run.id,
    score: run.score,
    suites: run.suites as Record<(typeof SUITES)[number], { passed: number; applicable: number }>,
    trigger: run.trigger as ComplianceTrigger,
    server: run.server,
    durationMs: run.durationMs,
    checkedAt: run.createdAt,
  };
}

/** What each test is, for people and for the dashboard's words: id, title, specification, suites, live or not. */
export function complianceCatalogue() {
  return COMPLIANCE_TESTS.map((t) => ({ id: t.id, title: t.title, spec: t.spec, suites: t.suites, kind: t.kind }));
}

/** The latest run with every test, the catalogue, and the recent scores (oldest first) for a small chart. */
export async function getCompliance(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "read");
  // Only the latest run's tests: every domain page asks for this (its header shows the score).
  const [latest, recent] = await Promise.all([
    ctx.db.complianceRun.findFirst({ where: { domainId }, orderBy: { createdAt: "desc" } }),
    ctx.db.complianceRun.findMany({
      where: { domainId },
      orderBy: { createdAt: "desc" },
      take: 30,
      select: { score: true, createdAt: true },
    }),
  ]);
  return {
    domainId,
    name: domain.name,
    badgePublic: domain.complianceBadgePublic,
    latest: latest
      ? { ...complianceRunView(latest), results: latest.results as unknown as ComplianceTestResult[] }
      : null,
    history: recent.reverse().map((r) => ({ score: r.score, checkedAt: r.createdAt })),
    tests: complianceCatalogue(),
  };
}

/** Every run, newest first, a page at a time. */
export async function listComplianceRuns(ctx: CoreContext, actor: Actor, domainId: string, page: Page) {
  await loadDomain(ctx, actor, domainId, "read");
  return pageOf(
    page,
    (q) =>
      ctx.db.complianceRun.findMany({ where: { domainId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...q }),
    complianceRunView,
  );
}

/** "Check now": an operation, so that its progress and outcome can be followed. */
export async function requestComplianceCheck(ctx: CoreContext, actor: Actor, domainId: string) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  const { operation } = await startOperation(ctx, actor, {
    change: async () => domain,
    operation: () => ({ type: "compliance.check", ...target("domain", domain) }),
    audit: () => ({ action: "domain.compliance_check_requested" }),
  });
  return operation;
}

/** The owner's choice to publish the domain's badge at a public address. Audited. */
export async function setComplianceBadge(ctx: CoreContext, actor: Actor, domainId: string, visible: boolean) {
  const domain = await loadOwned(ctx, actor, "domain", ctx.db.domain.findUnique({ where: { id: domainId } }), "own");
  if (domain.complianceBadgePublic === visible) return { badgePublic: visible };
  await auditedChange(
    ctx,
    actor,
    (tx) => tx.domain.update({ where: { id: domainId }, data: { complianceBadgePublic: visible } }),
    () => ({
      tenantId: domain.tenantId,
      resourceType: "domain",
      resourceId: domainId,
      action: visible ? "domain.compliance_badge_published" : "domain.compliance_badge_hidden",
    }),
  );
  return { badgePublic: visible };
}

/** The published badge's score; not found when the domain does not publish it (or has no run yet). */
export async function publicComplianceScore(ctx: CoreContext, name: string): Promise<{ name: string; score: number }> {
  const domain = await ctx.db.domain.findUnique({
    where: { name: name.toLowerCase() },
    select: { id: true, name: true, complianceBadgePublic: true, state: true },
  });
  if (!domain?.complianceBadgePublic || domain.state === "deleting") throw AppError.notFound("domain");
  const latest = await ctx.db.complianceRun.findFirst({
    where: { domainId: domain.id },
    orderBy: { createdAt: "desc" },
    select: { score: true },
  });
  if (!latest) throw AppError.notFound("domain");
  return { name: domain.name, score: latest.score };
}

/** A small SVG badge, in the style people know from code hosting sites: "XMPP compliance | 100%". */
export function complianceBadgeSvg(score: number, label = "XMPP compliance"): string {
  const value = `${Math.max(0, Math.min(100, Math.round(score)))}%`;
  const colour = score >= 100 ? "#2e7d32" : score >= 90 ? "#9e7c0c" : "#c62828";
  // About 6.5 px per character at 11 px Verdana; generous, so that no text is cut.
  const lw = Math.round(label.length * 6.5) + 12;
  const vw = Math.round(value.length * 7.5) + 12;
  const w = lw + vw;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${esc(label)}: ${value}">`,
    `<title>${esc(label)}: ${value}</title>`,
    `<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${colour}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="14">${esc(label)}</text><text x="${lw + vw / 2}" y="14">${value}</text>`,
    "</g></svg>",
  ].join("");
}

/** What the worker needs to check a domain: it, its server and whether it can be checked at all now. */
export function domainForCompliance(ctx: Pick<CoreContext, "db">, domainId: string) {
  return ctx.db.domain.findUnique({ where: { id: domainId }, include: { instance: true } });
}

/** Domains whose daily check should be scheduled: live ones on servers that exist. */
export function domainsForComplianceSchedule(ctx: Pick<CoreContext, "db">) {
  return ctx.db.domain.findMany({ where: { state: { not: "deleting" } }, select: { id: true } });
}

/**
 * Keeps a run (and prunes the oldest beyond the history kept), and says whether the score dropped: against the
 * score before the drop while its alert is open, else against the previous run.
 */
export async function recordComplianceRun(
  ctx: Pick<CoreContext, "db">,
  domain: Pick<Domain, "id" | "name" | "tenantId" | "instanceId">,
  report: ComplianceReport,
  trigger: ComplianceTrigger,
): Promise<{ run: ComplianceRun; condition: AlertCondition & { tenantId: string; instanceId: string } }> {
  const previous = await ctx.db.complianceRun.findFirst({
    where: { domainId: domain.id },
    orderBy: { createdAt: "desc" },
    select: { score: true },
  });
  const run = await ctx.db.complianceRun.create({
    data: {
      domainId: domain.id,
      score: report.score,
      suites: report.suites as unknown as Prisma.InputJsonValue,
      results: report.results as unknown as Prisma.InputJsonValue,
      trigger,
      server: report.server,
      durationMs: Math.round(report.durationMs),
    },
  });
  const old = await ctx.db.complianceRun.findMany({
    where: { domainId: domain.id },
    orderBy: { createdAt: "desc" },
    skip: COMPLIANCE_HISTORY_KEPT,
    select: { id: true },
  });
  if (old.length) await ctx.db.complianceRun.deleteMany({ where: { id: { in: old.map((r) => r.id) } } });

  const open = await ctx.db.alert.findFirst({
    where: { openKey: `compliance_dropped:${domain.id}` },
    select: { params: true },
  });
  const openBaseline = (open?.params as { previous?: unknown } | null)?.previous;
  const baseline = typeof openBaseline === "number" ? openBaseline : (previous?.score ?? null);
  const failing = report.results
    .filter((r) => r.status === "fail" && COMPLIANCE_TESTS.find((t) => t.id === r.id)?.suites.length)
    .map((r) => r.id);
  const condition = {
    tenantId: domain.tenantId,
    instanceId: domain.instanceId,
    rule: "compliance_dropped" as const,
    code: "compliance_dropped" as const,
    subjectType: "domain" as const,
    subjectId: domain.id,
    subjectName: domain.name,
    severity: "warning" as const,
    // No earlier run: nothing to compare with, so nothing to open (and nothing open to resolve).
    firing: baseline === null ? null : report.score < baseline,
    message: `Compliance of ${domain.name} dropped from ${baseline ?? report.score}% to ${report.score}%${failing.length ? `: ${failing.join(", ")} failing` : ""}`,
    params: { score: report.score, previous: baseline ?? report.score, failing: failing.join(", ") },
  };
  return { run, condition };
}
