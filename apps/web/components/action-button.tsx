"use client";
import type { ComponentProps, ReactNode } from "react";
import { type ApiResult, useAction } from "../lib/use-action";
import { ActionOutcome, ActionProgress } from "./action-outcome";
import { ConfirmButton } from "./confirm-button";
import { Button } from "./ui/button";

/** A small button that makes one API call, with what it came to under it. */
export function ActionButton({
  label,
  call,
  progressOnly = false,
}: {
  label: ReactNode;
  call: () => Promise<ApiResult>;
  /** Shows the operation's progress but not the API's refusal. */
  progressOnly?: boolean;
}) {
  const action = useAction();
  return (
    <div className="space-y-2">
      <Button size="sm" variant="secondary" disabled={action.pending} onClick={() => action.run(call)}>
        {label}
      </Button>
      {progressOnly ? <ActionProgress action={action} /> : <ActionOutcome action={action} />}
    </div>
  );
}

/** A `ConfirmButton` that makes one API call once confirmed; `onDone` follows once the API accepted it. */
export function ConfirmAction({
  call,
  onDone,
  ...confirm
}: Omit<ComponentProps<typeof ConfirmButton>, "onConfirm"> & { call: () => Promise<ApiResult>; onDone?: () => void }) {
  const action = useAction();
  return (
    <ConfirmButton
      {...confirm}
      onConfirm={async () => {
        if (await action.run(call)) onDone?.();
      }}
    />
  );
}
