import type { Messages } from "../lib/i18n/en";
import { formatDateTime, type Locale } from "../lib/i18n/format";
import { StatusBadge } from "./ui/badge";
import { TableHead } from "./ui/table";

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

function errorText(error: unknown): string | null {
  if (!error) return null;
  if (typeof error === "object" && error && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}

export function OperationsTable({ items, m, locale }: { items: OperationRow[]; m: Messages; locale: Locale }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <TableHead columns={[m.operations.type, m.operations.status, m.operations.progress, m.operations.started]} />
        <tbody className="divide-y divide-zinc-200">
          {items.map((op) => (
            <tr key={op.id}>
              <td className="py-2 pr-3 font-mono text-xs">{op.type}</td>
              <td className="py-2 pr-3">
                <StatusBadge status={op.status} labels={m.status} />
                {op.status === "failed" && errorText(op.error) ? (
                  <p className="mt-1 text-xs text-red-700">{errorText(op.error)}</p>
                ) : null}
              </td>
              <td className="py-2 pr-3">
                <progress
                  max={100}
                  value={op.status === "succeeded" ? 100 : op.progress}
                  aria-label={`${op.type} ${m.operations.progress}`}
                  className="h-2 w-24"
                />
                {op.step && op.status === "running" ? (
                  <span className="ml-2 text-xs text-zinc-600">{op.step}</span>
                ) : null}
              </td>
              <td className="py-2 pr-3 text-zinc-700">{formatDateTime(locale, op.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
