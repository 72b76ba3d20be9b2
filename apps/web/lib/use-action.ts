"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { asProblem, fieldError, localizeProblem, type Problem, withoutField } from "./api/problem";
import { useI18n } from "./i18n/client";

/** What an API call answers, as the typed client returns it. */
export interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The operation a 202 answer carries, whether it is the body itself or its `operation` field. */
export function operationOf(data: unknown): { id: string } | null {
  if (!data || typeof data !== "object") return null;
  const record = data as Record<string, unknown>;
  const op = (record.operation ?? (typeof record.status === "string" && "progress" in record ? record : null)) as {
    id?: unknown;
  } | null;
  return op && typeof op.id === "string" ? { id: op.id } : null;
}

/**
 * Runs one API call for a form or button: keeps its pending state and the problem the API answered, and
 * refreshes the page's server data once it succeeded. A form that creates something passes itself as `reset`:
 * it is emptied once the API accepted it, ready for the next one.
 */
export function useAction<T extends ApiResult>() {
  const router = useRouter();
  const { m, locale } = useI18n();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [operationId, setOperationId] = useState<string | null>(null);

  const run = useCallback(
    async (call: () => Promise<T>, opts: { reset?: HTMLFormElement | null } = {}): Promise<T | null> => {
      setPending(true);
      setProblem(null);
      // A new attempt replaces the last one's outcome: never an error beside an earlier "Done".
      setOperationId(null);
      try {
        const result = await call();
        if (!result.response.ok) {
          // Translated once here, so that every form shows the API's refusals in the reader's language.
          setProblem(localizeProblem(asProblem(result.error, result.response.status), m, locale));
          return null;
        }
        const op = operationOf(result.data);
        if (op) setOperationId(op.id);
        opts.reset?.reset();
        router.refresh();
        return result;
      } catch (error) {
        setProblem({ title: error instanceof Error ? error.message : String(error) });
        return null;
      } finally {
        setPending(false);
      }
    },
    [router, m, locale],
  );

  /** What a field shows of the API's refusal, and the change handler that clears it as soon as the field is edited. */
  const field = useCallback(
    (name: string) => ({
      error: fieldError(problem, name),
      onChange: () => setProblem((current) => withoutField(current, name)),
    }),
    [problem],
  );

  return { run, pending, problem, operationId, setProblem, field, clearOperation: () => setOperationId(null) };
}

/** One action's state and runner, as `useAction` returns it: what the shared forms and buttons are handed. */
export type Action = ReturnType<typeof useAction>;
