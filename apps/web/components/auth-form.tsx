"use client";
import { useActionState, useState } from "react";
import { fieldError, localizeProblem } from "../lib/api/problem";
import { type AuthFormState, signIn, signUp } from "../lib/auth-actions";
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
    </form>
  );
}
