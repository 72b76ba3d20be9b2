"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { api } from "../lib/api/client";
import { operationErrorText } from "../lib/api/problem";
import { useI18n } from "../lib/i18n/client";
import { interpolate } from "../lib/i18n/format";
import { operationLabel } from "./operations-table";

interface OperationView {
  type: string;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  step: string | null;
  error?: unknown;
  result?: unknown;
}

/**
 * Follows an operation until it ends, with a real progress bar, then refreshes the page's data. `summary` says what
 * the operation's result means to the reader, once it succeeded (nothing when it returns null).
 */
export function OperationProgress({
  operationId,
  onDone,
  summary,
}: {
  operationId: string;
  onDone?: () => void;
  summary?: (result: unknown) => string | null;
}) {
  const { m, locale } = useI18n();
  const router = useRouter();
  const [op, setOp] = useState<OperationView | null>(null);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    let stopped = false;
    (async () => {
      while (!stopped) {
        const { data, response } = await api.GET("/api/v1/operations/{operationId}", {
          params: { path: { operationId }, query: { wait: 2 } },
        });
        if (stopped) return;
        if (!response.ok || !data) {
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        setOp(data);
        if (data.status === "succeeded" || data.status === "failed") {
          router.refresh();
          done.current?.();
          return;
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [operationId, router]);

  const status = op?.status ?? "queued";
  const percent = Math.round(op?.progress ?? 0);
  const label =
    status === "succeeded"
      ? m.operations.done
      : status === "failed"
        ? interpolate(m.operations.failedWith, { error: operationErrorText(op?.error, m) })
        : // The worker describes its steps in English only.
          interpolate(m.operations.working, { step: (locale === "en" && op?.step) || m.status[status] });
  return (
    <div className="space-y-1" data-operation-status={status}>
      <progress
        className="h-2 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-zinc-200 [&::-webkit-progress-value]:bg-brand-600"
        max={100}
        value={status === "succeeded" ? 100 : percent}
        aria-label={op ? `${operationLabel(m, op.type)}: ${m.operations.progress}` : m.operations.progress}
      />
      {op ? <p className="text-xs text-zinc-600">{operationLabel(m, op.type)}</p> : null}
      <p className={`text-sm ${status === "failed" ? "text-red-700" : "text-zinc-700"}`} role="status">
        {label}
      </p>
      {status === "succeeded" && summary?.(op?.result) ? (
        <p className="text-sm text-zinc-700" data-operation-summary>
          {summary(op?.result)}
        </p>
      ) : null}
    </div>
  );
}
