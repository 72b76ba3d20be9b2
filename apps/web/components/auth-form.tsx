"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { api } from "../lib/api/client";
import { asProblem, fieldError, type Problem } from "../lib/api/problem";
import { useI18n } from "../lib/i18n/client";
import { PasswordStrength } from "./password-strength";
import { Button } from "./ui/button";
import { Alert, TextField } from "./ui/field";

/** Sign-in and sign-up. The API sets the session cookie; then the dashboard takes over. */
export function AuthForm({ mode }: { mode: "login" | "signup" }) {
  const { m } = useI18n();
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [typed, setTyped] = useState({ email: "", name: "", password: "" });

  async function submit(form: FormData) {
    setPending(true);
    setProblem(null);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const result =
      mode === "login"
        ? await api.POST("/api/v1/auth/login", { body: { email, password } })
        : await api.POST("/api/v1/auth/signup", {
            body: {
              email,
              password,
              name: String(form.get("name") ?? ""),
              tenantName: String(form.get("tenantName") ?? ""),
            },
          });
    setPending(false);
    if (!result.response.ok) {
      setProblem(asProblem(result.error, result.response.status));
      return;
    }
    router.push(next?.startsWith("/") ? next : "/");
    router.refresh();
  }

  const general =
    problem?.status === 401
      ? m.auth.badCredentials
      : problem?.status === 429
        ? m.auth.tooMany
        : problem && !problem.errors
          ? (problem.detail ?? problem.title)
          : null;

  return (
    <form
      className="space-y-4"
      method="post"
      onChange={(e) => {
        const input = e.target;
        if (mode === "signup" && input instanceof HTMLInputElement && input.name in typed) {
          setTyped((t) => ({ ...t, [input.name]: input.value }));
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
      }}
    >
      {general ? <Alert>{general}</Alert> : null}
      {mode === "signup" ? (
        <>
          <TextField id="name" label={m.auth.name} autoComplete="name" required error={fieldError(problem, "name")} />
          <TextField
            id="tenantName"
            label={m.auth.tenantName}
            hint={m.auth.tenantHint}
            required
            error={fieldError(problem, "tenantName")}
          />
        </>
      ) : null}
      <TextField
        id="email"
        type="email"
        label={m.auth.email}
        autoComplete="email"
        required
        error={fieldError(problem, "email")}
      />
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
