"use client";
import { useActionState, useState } from "react";
import { fieldError, localizeProblem } from "../lib/api/problem";
import { type AuthFormState, signIn, signInSecondStep, signUp } from "../lib/auth-actions";
import { useI18n } from "../lib/i18n/client";
import { PasswordStrength } from "./password-strength";
import { Button } from "./ui/button";
import { Alert, TextField } from "./ui/field";

const blank: AuthFormState = { problem: null, email: "", name: "", tenantName: "" };

/**
 * Sign-in and sign-up. A server action calls the API and passes its session cookie on, so the form works before
 * and without JavaScript and the password only ever travels in a POST body; with JavaScript it submits in place.
 */
export function AuthForm({ mode, next }: { mode: "login" | "signup"; next?: string | undefined }) {
  const { m, locale } = useI18n();
  const [state, formAction, pending] = useActionState(mode === "login" ? signIn : signUp, blank);
  const [typed, setTyped] = useState({ email: "", name: "", password: "" });
  const problem = state.problem && localizeProblem(state.problem, m, locale);

  if (state.challenge) return <SecondStepForm first={state} next={next} />;

  const general =
    problem?.status === 401
      ? m.auth.badCredentials
      : problem?.status === 429
        ? m.auth.tooMany
        : problem?.code === "api_unreachable"
          ? m.auth.unavailable
          : problem && !problem.errors
            ? (problem.detail ?? problem.title ?? m.auth.unavailable)
            : null;

  /** A field as the server sent it back: what was typed, and the API's refusal of it. */
  const sentBack = (field: "email" | "name" | "tenantName") => ({
    id: field,
    defaultValue: state[field],
    error: fieldError(problem, field),
  });

  return (
    <form
      className="space-y-4"
      action={formAction}
      onChange={(e) => {
        const input = e.target;
        if (mode === "signup" && input instanceof HTMLInputElement && input.name in typed) {
          setTyped((t) => ({ ...t, [input.name]: input.value }));
        }
      }}
      // React empties the form after each submission; the fields then show what the server sent back.
      onReset={() => setTyped({ email: state.email, name: state.name, password: "" })}
    >
      {general ? <Alert>{general}</Alert> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {mode === "signup" ? (
        <>
          <TextField {...sentBack("name")} label={m.auth.name} autoComplete="name" required />
          <TextField {...sentBack("tenantName")} label={m.auth.tenantName} hint={m.auth.tenantHint} required />
        </>
      ) : null}
      <TextField {...sentBack("email")} type="email" label={m.auth.email} autoComplete="email" required />
      <TextField
        id="password"
        type="password"
        label={m.auth.password}
        hint={mode === "signup" ? m.auth.passwordHint : undefined}
        autoComplete={mode === "signup" ? "new-password" : "current-password"}
        minLength={mode === "signup" ? 10 : undefined}
        required
        error={fieldError(problem, "password")}
      />
      {mode === "signup" ? (
        <PasswordStrength
          id="password-strength"
          password={typed.password}
          kind="platform"
          personal={[typed.email, typed.name]}
        />
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {mode === "login" ? m.auth.login : m.auth.signup}
      </Button>
      {mode === "login" ? (
        <p className="text-center text-sm">
          <a className="underline" href="/forgot-password">
            {m.auth.forgot}
          </a>
        </p>
      ) : null}
    </form>
  );
}

/** The second step of a sign-in with two-step sign-in on: a code from the app, or a recovery code. */
function SecondStepForm({ first, next }: { first: AuthFormState; next?: string | undefined }) {
  const { m, locale } = useI18n();
  const [state, formAction, pending] = useActionState(signInSecondStep, first);
  const problem = state.problem && localizeProblem(state.problem, m, locale);
  const general =
    problem?.status === 401 || problem?.status === 400
      ? m.auth.badCode
      : problem?.status === 429
        ? m.auth.tooMany
        : problem
          ? (problem.detail ?? problem.title ?? m.auth.unavailable)
          : null;
  if (!state.challenge) {
    // The challenge ran out (too many tries, or too late): back to the password.
    return (
      <div className="space-y-4">
        <Alert>{m.auth.codeExpired}</Alert>
        <a className="underline" href={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>
          {m.auth.toLogin}
        </a>
      </div>
    );
  }
  return (
    <form className="space-y-4" action={formAction}>
      <p>{m.auth.secondStepLead}</p>
      {general ? <Alert>{general}</Alert> : null}
      <input type="hidden" name="challenge" value={state.challenge} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        id="code"
        label={m.auth.code}
        hint={m.auth.codeHint}
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {m.auth.verify}
      </Button>
    </form>
  );
}
