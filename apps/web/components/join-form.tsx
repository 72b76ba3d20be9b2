"use client";
import { useState } from "react";
import { api } from "../lib/api/client";
import { asProblem, fieldError, type Problem } from "../lib/api/problem";
import { useI18n } from "../lib/i18n/client";
import { interpolate } from "../lib/i18n/format";
import { PasswordStrength } from "./password-strength";
import { Button } from "./ui/button";
import { Alert, TextField } from "./ui/field";

type Target = { kind: "invite"; token: string } | { kind: "open"; domain: string };

/** Creates an XMPP account from an invite link or on an open domain's sign-up page. */
export function JoinForm({ target, domain }: { target: Target; domain: string }) {
  const { m } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<{ jid: string; rooms: string[] } | null>(null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  if (done) {
    return (
      <div className="space-y-2" data-testid="join-success">
        <h2 className="text-lg font-semibold">{interpolate(m.join.successTitle, { jid: done.jid })}</h2>
        <p className="text-sm text-zinc-700">{m.join.successBody}</p>
        {done.rooms.length ? (
          <p className="text-sm text-zinc-700">{interpolate(m.join.successRooms, { rooms: done.rooms.join(", ") })}</p>
        ) : null}
      </div>
    );
  }

  const codeMessage: Record<string, string> = {
    invite_expired: m.join.expiredTitle,
    invite_used_up: m.join.usedUpTitle,
    invite_revoked: m.join.revokedTitle,
    registration_closed: m.register.closedTitle,
    quota_exceeded: m.register.quota,
  };
  const general =
    problem?.status === 429
      ? m.register.tooMany
      : problem?.code && codeMessage[problem.code]
        ? codeMessage[problem.code]
        : problem && !problem.errors
          ? (problem.detail ?? problem.title)
          : null;

  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setProblem(null);
        const form = new FormData(e.currentTarget);
        const body = {
          username: String(form.get("username") ?? "").trim(),
          password: String(form.get("password") ?? ""),
        };
        const result =
          target.kind === "invite"
            ? await api.POST("/api/v1/public/invites/{token}/register", {
                params: { path: { token: target.token } },
                body,
              })
            : await api.POST("/api/v1/public/domains/{domain}/register", {
                params: { path: { domain: target.domain } },
                body,
              });
        setPending(false);
        if (!result.response.ok || !result.data) {
          setProblem(asProblem(result.error, result.response.status));
          return;
        }
        const data = result.data as { jid: string; rooms?: string[] };
        setDone({ jid: data.jid, rooms: data.rooms ?? [] });
      }}
    >
      {general ? <Alert>{general}</Alert> : null}
      <TextField
        id="username"
        label={m.join.username}
        hint={interpolate(m.join.usernameHint, { example: `${username || "…"}@${domain}` })}
        autoCapitalize="none"
        autoComplete="username"
        required
        value={username}
        onChange={(e) => setUsername(e.target.value.toLowerCase())}
        error={fieldError(problem, "username")}
      />
      <TextField
        id="password"
        type="password"
        label={m.join.password}
        hint={m.join.passwordHint}
        autoComplete="new-password"
        minLength={8}
        required
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError(problem, "password")}
      />
      <PasswordStrength id="password-strength" password={password} kind="chat" personal={[username, domain]} />
      <Button type="submit" className="w-full" disabled={pending}>
        {m.join.submit}
      </Button>
    </form>
  );
}
