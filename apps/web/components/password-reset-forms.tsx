"use client";
import { useActionState } from "react";
import { fieldError, localizeProblem } from "../lib/api/problem";
import {
  type NewPasswordState,
  type ResetRequestState,
  requestPasswordReset,
  setPasswordWithLink,
} from "../lib/auth-actions";
import { useI18n } from "../lib/i18n/client";
import { Button } from "./ui/button";
import { Alert, TextField } from "./ui/field";

/** "Forgot password": the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const { m, locale } = useI18n();
  const [state, formAction, pending] = useActionState<ResetRequestState, FormData>(requestPasswordReset, {
    sent: false,
    email: "",
    problem: null,
  });
  if (state.sent) return <p role="status">{m.auth.linkSent.replace("{email}", state.email)}</p>;
  const problem = state.problem && localizeProblem(state.problem, m, locale);
  return (
    <form className="space-y-4" action={formAction}>
      {problem ? <Alert>{problem.status === 429 ? m.auth.tooMany : (problem.detail ?? problem.title)}</Alert> : null}
      <TextField
        id="email"
        type="email"
        label={m.auth.email}
        autoComplete="email"
        defaultValue={state.email}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {m.auth.sendLink}
      </Button>
    </form>
  );
}

/** A new password through the link from the email: used and expired links have their own words. */
export function NewPasswordForm({ token }: { token: string }) {
  const { m, locale } = useI18n();
  const [state, formAction, pending] = useActionState<NewPasswordState, FormData>(setPasswordWithLink, {
    done: false,
    problem: null,
  });
  if (state.done) {
    return (
      <div className="space-y-4" role="status">
        <p>{m.auth.passwordSaved}</p>
        <a className="font-medium text-brand-700 underline" href="/login">
          {m.auth.toLogin}
        </a>
      </div>
    );
  }
  const problem = state.problem && localizeProblem(state.problem, m, locale);
  const gone =
    state.problem?.code === "reset_link_used"
      ? m.auth.linkUsed
      : state.problem?.code === "reset_link_expired" || state.problem?.status === 404
        ? m.auth.linkExpired
        : null;
  if (gone) {
    return (
      <div className="space-y-4">
        <Alert>{gone}</Alert>
        <a className="font-medium text-brand-700 underline" href="/forgot-password">
          {m.auth.forgot}
        </a>
      </div>
    );
  }
  const passwordError = fieldError(problem, "password");
  return (
    <form className="space-y-4" action={formAction}>
      {problem && !passwordError ? <Alert>{problem.detail ?? problem.title}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <TextField
        id="password"
        type="password"
        label={m.auth.newPassword}
        hint={m.auth.passwordHint}
        autoComplete="new-password"
        minLength={10}
        required
        error={passwordError}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {m.auth.savePassword}
      </Button>
    </form>
  );
}
