import { CATALOGUE } from "./catalogue.ts";
import { type ComplianceReport, SUITES } from "./types.ts";

/** The report as a plain-text table (id, status, suites, evidence), with the score and each suite's count above. */
export function formatComplianceTable(report: ComplianceReport): string {
  const rows = report.results.map((r) => {
    const suites = CATALOGUE.find((e) => e.id === r.id)?.suites ?? [];
    return [r.id, r.status, suites.length ? suites.join(",") : "-", r.evidence.replace(/\s+/g, " ")];
  });
  const header = ["id", "status", "suites", "evidence"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const suites = SUITES.map((s) => `${s} ${report.suites[s].passed}/${report.suites[s].applicable}`).join(", ");
  return [
    `${report.server} ${report.domain}: ${report.score}% (${suites}) in ${report.durationMs} ms`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}
