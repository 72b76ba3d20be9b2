import { operationErrorText } from "../lib/api/problem";
import type { Messages, OperationType } from "../lib/i18n/en";
import { formatDateTime, type Locale } from "../lib/i18n/format";
import { StatusBadge } from "./ui/badge";
import { Cell, Table } from "./ui/table";

export interface OperationRow {
  id: string;
  type: string;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  step: string | null;
  createdAt: string;
  finishedAt: string | null;
  error?: unknown;
}

/** Plain words for an operation type; the raw name only for a type newer than this dashboard. */
export function operationLabel(m: Messages, type: string): string {
  return m.operations.types[type as OperationType] ?? type;
}

export function OperationsTable({ items, m, locale }: { items: OperationRow[]; m: Messages; locale: Locale }) {
  const o = m.operations;
  return (
    <Table label={o.title} columns={[o.type, o.status, o.progress, o.started]}>
      {items.map((op) => (
        <tr key={op.id}>
          <Cell label={o.type} className="py-2 pr-3" data-operation-type={op.type}>
            {operationLabel(m, op.type)}
          </Cell>
          <Cell label={o.status} className="py-2 pr-3">
            <StatusBadge status={op.status} labels={m.status} />
            {op.status === "failed" && operationErrorText(op.error, m) ? (
              <p className="mt-1 text-xs text-red-700">{operationErrorText(op.error, m)}</p>
            ) : null}
          </Cell>
          <Cell label={o.progress} className="py-2 pr-3">
            <progress
              max={100}
              value={op.status === "succeeded" ? 100 : op.progress}
              aria-label={`${operationLabel(m, op.type)}: ${o.progress}`}
              className="h-2 w-24"
            />
            {op.step && op.status === "running" && locale === "en" ? (
              <span className="ml-2 text-xs text-zinc-600">{op.step}</span>
            ) : null}
          </Cell>
          <Cell label={o.started} className="py-2 pr-3 text-zinc-700">
            {formatDateTime(locale, op.createdAt)}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
