"use client";
import type { Problem } from "../lib/api/problem";
import type { Action } from "../lib/use-action";
import { OperationProgress } from "./operation-progress";
import { Alert } from "./ui/field";

/** The API's refusal, in the reader's language. `general` leaves it to the fields when it names them. */
export function ProblemAlert({ problem, general = false }: { problem: Problem | null; general?: boolean }) {
  if (!problem || (general && problem.errors)) return null;
  return <Alert>{problem.detail ?? problem.title}</Alert>;
}

/** The progress of the operation an action started, once the API accepted it. */
export function ActionProgress({
  action,
  onDone,
  summary,
}: {
  action: Action;
  onDone?: () => void;
  summary?: (result: unknown) => string | null;
}) {
  return action.operationId ? (
    <OperationProgress operationId={action.operationId} onDone={onDone} summary={summary} />
  ) : null;
}

/** What an action came to: the API's refusal, or the progress of the operation it started. */
export function ActionOutcome({ action }: { action: Action }) {
  return (
    <>
      <ProblemAlert problem={action.problem} />
      <ActionProgress action={action} />
    </>
  );
}
