"use client";
import type { ReactNode } from "react";
import type { Action, ApiResult } from "../lib/use-action";
import { useOpenWhenDone } from "../lib/use-open-when-done";
import { ActionProgress, ProblemAlert } from "./action-outcome";
import { Button, type ButtonVariant } from "./ui/button";

/**
 * A form that sends one API call: the API's refusal above the fields (each field shows its own), the submit button
 * under them, then `after` (what the call answered) and the progress of the operation it started. Once the API
 * accepted it, the form is emptied for the next one, unless it `keeps` what it shows (a setting).
 */
export function ActionForm({
  action,
  send,
  before,
  onSent,
  submit,
  variant,
  busy = false,
  keeps = false,
  refusalsBelow = false,
  method,
  opens,
  after,
  children,
}: {
  action: Action;
  /** The call, made from what the form holds. */
  send: (form: FormData) => Promise<ApiResult>;
  /** Runs first, when the form is sent: false leaves the call unmade (a confirmation declined, a field to fix). */
  before?: () => Promise<boolean> | boolean;
  /** Given the API's answer once it accepted the call. */
  onSent?: (data: unknown) => void;
  submit: ReactNode;
  variant?: ButtonVariant;
  /** The submit button waits, beyond the call itself (an operation under way, a name refused). */
  busy?: boolean;
  keeps?: boolean;
  /** Every refusal under the submit button, fields' included, for forms that say it there. */
  refusalsBelow?: boolean;
  /** `post` keeps a secret out of the address when the form is sent before the page's script has loaded. */
  method?: "post";
  /** The page to open once the operation the call started has ended: that of what it created. */
  opens?: (data: unknown) => string | null;
  after?: ReactNode;
  children: ReactNode;
}) {
  const created = useOpenWhenDone();
  return (
    <form
      className="space-y-3"
      method={method}
      onSubmit={async (e) => {
        e.preventDefault();
        // Kept now: React clears currentTarget once the handler awaits.
        const element = e.currentTarget;
        const form = new FormData(element);
        if (before && !(await before())) return;
        const result = await action.run(() => send(form), { reset: keeps ? null : element });
        if (result) {
          onSent?.(result.data);
          if (opens) created.opens(opens(result.data));
        }
      }}
    >
      {refusalsBelow ? null : <ProblemAlert problem={action.problem} general />}
      {children}
      <Button type="submit" variant={variant} disabled={action.pending || busy}>
        {submit}
      </Button>
      {refusalsBelow ? <ProblemAlert problem={action.problem} /> : null}
      {after}
      <ActionProgress action={action} onDone={created.onDone} />
    </form>
  );
}
