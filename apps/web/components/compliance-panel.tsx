import type { operations } from "../lib/api/generated/schema";
import type { Messages } from "../lib/i18n/en";
import { formatDateTime, formatNumber, formatRelative, interpolate, type Locale } from "../lib/i18n/format";
import { CheckComplianceButton, ComplianceBadgeToggle } from "./forms/compliance";
import { Sparkline } from "./sparkline";
import { Badge, type Tone } from "./ui/badge";
import { Card } from "./ui/card";
import { Cell, Table } from "./ui/table";

export type ComplianceView = operations["getDomainCompliance"]["responses"][200]["content"]["application/json"];
type Result = NonNullable<ComplianceView["latest"]>["results"][number];
type SuiteName = keyof NonNullable<ComplianceView["latest"]>["suites"];

const SUITE_ORDER: SuiteName[] = ["core", "im", "mobile", "av", "web"];

export function scoreTone(score: number): Tone {
  return score >= 100 ? "green" : score >= 90 ? "amber" : "red";
}

/** A test's name in the reader's language; the catalogue's English for a test this dashboard does not know yet. */
function testTitle(m: Messages, tests: ComplianceView["tests"], id: string): string {
  return (m.compliance.tests as Record<string, string>)[id] ?? tests.find((t) => t.id === id)?.title ?? id;
}

/** What to do about a failing test, in the reader's language, naming the server's module. */
function fixText(m: Messages, r: Result): string {
  if (!r.fix) return "";
  const words = (m.compliance.fixes as Record<string, string>)[r.id];
  return words ? interpolate(words, { module: r.fix.module }) : r.fix.text;
}

/** What the check saw, in the checker's own technical English: folded away, for whoever wants to dig. */
function Evidence({ label, text }: { label: string; text: string }) {
  return (
    <details className="mt-1 text-xs text-zinc-700">
      <summary className="cursor-pointer select-none">{label}</summary>
      <p className="mt-1 break-words font-mono" lang="en">
        {text}
      </p>
    </details>
  );
}

/**
 * The domain's compatibility with chat apps: the score and each suite's, what does not work and how to fix it, every
 * test with what the check saw, recent scores, and the badge an owner may publish.
 */
export function CompliancePanel({
  domainId,
  compliance,
  isOwner,
  canCheck,
  m,
  locale,
}: {
  domainId: string;
  compliance: ComplianceView;
  isOwner: boolean;
  canCheck: boolean;
  m: Messages;
  locale: Locale;
}) {
  const c = m.compliance;
  const latest = compliance.latest;
  const counted = new Set(compliance.tests.filter((t) => t.suites.length > 0).map((t) => t.id));
  const failing = latest ? latest.results.filter((r) => r.status === "fail" && counted.has(r.id)) : [];
  const check = canCheck ? <CheckComplianceButton domainId={domainId} /> : null;
  return (
    <div className="grid gap-6 lg:grid-cols-3" data-compliance={latest ? latest.score : "none"}>
      <div className="space-y-6 lg:col-span-2">
        <Card title={c.title} actions={check}>
          <p className="mb-4 text-sm text-zinc-700">{c.lead}</p>
          {!latest ? (
            <div
              className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center"
              data-compliance-empty
            >
              <p className="text-sm font-medium text-zinc-900">{c.emptyTitle}</p>
              <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600">{c.emptyBody}</p>
            </div>
          ) : (
            <div className="space-y-4">
              <div className="flex flex-wrap items-center gap-4">
                <p className="text-4xl font-semibold tabular-nums" data-score={latest.score}>
                  {formatNumber(locale, latest.score / 100, { style: "percent" })}
                </p>
                <div className="text-sm text-zinc-700">
                  <p>
                    <Badge tone={scoreTone(latest.score)}>{latest.score >= 100 ? c.allWork : c.someFail}</Badge>
                  </p>
                  <p className="mt-1 text-xs text-zinc-600">
                    <time dateTime={latest.checkedAt} title={formatDateTime(locale, latest.checkedAt)}>
                      {interpolate(c.checkedAt, { when: formatRelative(locale, latest.checkedAt) })}
                    </time>{" "}
                    · {c.triggers[latest.trigger]}
                  </p>
                </div>
              </div>
              <ul className="grid grid-cols-2 gap-2 sm:grid-cols-5" aria-label={c.suitesLabel}>
                {SUITE_ORDER.map((s) => {
                  const score = latest.suites[s];
                  const ok = score.passed === score.applicable;
                  return (
                    <li
                      key={s}
                      data-suite={s}
                      className={`rounded-md border p-2 text-sm ${ok ? "border-zinc-200 bg-zinc-50" : "border-amber-300 bg-amber-50"}`}
                    >
                      <p className="font-medium">{c.suites[s]}</p>
                      <p className="tabular-nums text-zinc-700">
                        {interpolate(c.suiteScore, { passed: score.passed, applicable: score.applicable })}
                      </p>
                    </li>
                  );
                })}
              </ul>
              {failing.length ? (
                <div className="space-y-2" data-failing={failing.map((r) => r.id).join(" ")}>
                  <h3 className="text-sm font-semibold text-zinc-900">{c.failingTitle}</h3>
                  <ul className="space-y-2">
                    {failing.map((r) => (
                      <li
                        key={r.id}
                        className="rounded-md border border-red-200 bg-red-50 p-3 text-sm"
                        data-test={r.id}
                      >
                        <p className="font-medium text-red-900">{testTitle(m, compliance.tests, r.id)}</p>
                        <p className="mt-1 text-red-900">{fixText(m, r)}</p>
                        <Evidence label={c.technical} text={r.evidence} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          )}
        </Card>
        {latest ? (
          <Card title={c.allTests}>
            {/* Folded: thirty rows would make a phone scroll for ever; what fails is listed above. */}
            <details data-all-tests>
              <summary className="cursor-pointer select-none text-sm font-medium text-brand-700">
                {interpolate(c.showAll, { n: latest.results.length })}
              </summary>
              <Table
                label={c.allTests}
                columns={[c.test, c.suitesColumn, c.result, c.evidence]}
                bodyClassName="align-top"
              >
                {latest.results.map((r) => {
                  const def = compliance.tests.find((t) => t.id === r.id);
                  return (
                    <tr key={r.id} data-result={r.id} data-status={r.status}>
                      <Cell label={c.test} className="py-2 pr-3">
                        <span className="font-medium">{testTitle(m, compliance.tests, r.id)}</span>
                        <span className="block text-xs text-zinc-600">{def?.spec}</span>
                      </Cell>
                      <Cell label={c.suitesColumn} className="py-2 pr-3 text-xs text-zinc-700">
                        {def?.suites.length ? def.suites.map((s) => c.suites[s]).join(", ") : c.notInSuites}
                      </Cell>
                      <Cell label={c.result} className="py-2 pr-3">
                        <Badge tone={r.status === "pass" ? "green" : r.status === "fail" ? "red" : "zinc"}>
                          {c.statuses[r.status]}
                        </Badge>
                      </Cell>
                      <Cell label={c.evidence} className="break-words py-2 pr-3 text-xs text-zinc-700">
                        <Evidence label={c.technical} text={r.evidence} />
                      </Cell>
                    </tr>
                  );
                })}
              </Table>
            </details>
          </Card>
        ) : null}
      </div>
      <div className="space-y-6">
        <Card title={c.history}>
          <Sparkline
            values={compliance.history.map((h) => h.score)}
            label={interpolate(c.historyLabel, { n: compliance.history.length })}
            empty={c.historyEmpty}
          />
          <p className="mt-2 text-xs text-zinc-600">{c.historyBody}</p>
        </Card>
        <Card title={c.badgeTitle}>
          {isOwner ? (
            <ComplianceBadgeToggle domainId={domainId} domain={compliance.name} published={compliance.badgePublic} />
          ) : (
            <p className="text-sm text-zinc-700">{compliance.badgePublic ? c.badgeOn : c.ownersOnly}</p>
          )}
        </Card>
      </div>
    </div>
  );
}
