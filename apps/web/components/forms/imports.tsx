"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ProblemAlert } from "../action-outcome";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";

type Mode = "accounts" | "invites";

interface ImportRow {
  line: number;
  username: string;
  outcome: "created" | "existing" | "invited" | "failed";
  jid?: string;
  emailed?: boolean;
  code?: string;
  message?: string;
}

interface ImportReport {
  mode: Mode;
  counts: { rows: number; created: number; existing: number; invited: number; emailed: number; failed: number };
  rows: ImportRow[];
}

/**
 * "Import members": a CSV file and what each person gets (an account or an invite link), then the import's progress,
 * its report (the rows done and those not done, with why) and the one-time download of the passwords or links.
 */
export function ImportMembersForm({ domainId }: { domainId: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [importId, setImportId] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [download, setDownload] = useState<"available" | "taken" | "gone" | "none">("none");

  const loadReport = async (id: string) => {
    const { data } = await api.GET("/api/v1/imports/{importId}", { params: { path: { importId: id } } });
    if (!data) return;
    setReport((data.report as ImportReport | null) ?? null);
    setDownload(data.downloadAvailable ? "available" : "none");
  };

  const takeDownload = async () => {
    if (!importId) return;
    const response = await fetch(`/api/v1/imports/${encodeURIComponent(importId)}/download`, { method: "POST" });
    if (!response.ok) {
      setDownload("gone");
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "import.csv";
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.click();
    URL.revokeObjectURL(url);
    setDownload("taken");
  };

  return (
    <div className="space-y-3" data-import-form>
      <p className="text-sm text-zinc-700">{m.imports.lead}</p>
      <form
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const file = form.get("file");
          const mode = (String(form.get("mode") ?? "accounts") === "invites" ? "invites" : "accounts") as Mode;
          setImportId(null);
          setReport(null);
          setDownload("none");
          const result = await action.run(() =>
            api.POST("/api/v1/domains/{domainId}/imports", {
              params: {
                path: { domainId },
                query: { mode, ...(file instanceof File && file.name ? { fileName: file.name } : {}) },
              },
              // The file goes as it is: the API reads it as UTF-8 CSV and refuses it, naming the field, otherwise.
              body: (file instanceof File ? file : "") as unknown as string,
              bodySerializer: (body: unknown) => body as BodyInit,
              headers: { "content-type": "text/csv" },
            }),
          );
          const id = (result?.data as { operation?: { id?: string } } | undefined)?.operation?.id;
          if (id) setImportId(id);
        }}
      >
        <ProblemAlert problem={action.problem} general />
        <TextField
          id="file"
          type="file"
          accept=".csv,text/csv"
          required
          label={m.imports.file}
          hint={m.imports.fileHint}
          {...action.field("file")}
        />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{m.imports.mode}</legend>
          {(["accounts", "invites"] as const).map((mode) => (
            <label key={mode} className="flex items-start gap-2 text-sm">
              <input type="radio" name="mode" value={mode} defaultChecked={mode === "accounts"} className="mt-1" />
              {m.imports.modes[mode]}
            </label>
          ))}
        </fieldset>
        <Button type="submit" disabled={action.pending}>
          {action.pending ? m.imports.sending : m.imports.start}
        </Button>
      </form>
      {importId ? <OperationProgress operationId={importId} onDone={() => loadReport(importId)} /> : null}
      {report ? <ImportReportView report={report} /> : null}
      {report && download === "available" ? (
        <div className="space-y-2" data-import-download>
          <Alert tone="info">{m.imports.downloadOnce}</Alert>
          <Button type="button" onClick={takeDownload}>
            {report.mode === "invites" ? m.imports.downloadLinks : m.imports.downloadPasswords}
          </Button>
        </div>
      ) : null}
      {download === "taken" ? <Alert tone="success">{m.imports.downloaded}</Alert> : null}
      {download === "gone" ? <Alert>{m.imports.downloadGone}</Alert> : null}
    </div>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { m } = useI18n();
  const failed = report.rows.filter((r) => r.outcome === "failed");
  const done = report.rows.filter((r) => r.outcome !== "failed");
  const reason = (row: ImportRow) => (row.code && (m.imports.codes as Record<string, string>)[row.code]) || row.message;
  return (
    <div className="space-y-3 text-sm" data-import-report>
      <p>{interpolate(m.imports.summary, report.counts)}</p>
      {report.mode === "accounts" && report.counts.created > 0 ? (
        <p className="text-xs text-zinc-600">{m.imports.displayNames}</p>
      ) : null}
      {failed.length ? (
        <section>
          <h3 className="font-semibold">{m.imports.failedRows}</h3>
          <table className="mt-1 w-full text-left text-xs" data-import-failed>
            <thead>
              <tr>
                <th className="py-1 pr-2">{m.imports.line}</th>
                <th className="py-1 pr-2">{m.imports.username}</th>
                <th className="py-1">{m.imports.reason}</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((row) => (
                <tr key={row.line} className="border-t border-zinc-200" data-code={row.code}>
                  <td className="py-1 pr-2">{row.line}</td>
                  <td className="break-all py-1 pr-2">{row.username}</td>
                  <td className="py-1">{reason(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {done.length ? (
        <details>
          <summary className="cursor-pointer font-semibold">
            {m.imports.doneRows} ({done.length})
          </summary>
          <ul className="mt-1 max-h-64 space-y-0.5 overflow-y-auto text-xs">
            {done.map((row) => (
              <li key={row.line}>
                {row.line} · {row.jid ?? row.username} · {m.imports.outcomes[row.outcome]}
                {row.emailed ? ` · ${m.imports.emailed}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
