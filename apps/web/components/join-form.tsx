"use client";
import { type ReactNode, useActionState, useEffect, useRef, useState } from "react";
import { fieldError, localizeProblem } from "../lib/api/problem";
import { useI18n } from "../lib/i18n/client";
import { interpolate } from "../lib/i18n/format";
import { type JoinFormState, joinChat } from "../lib/join-action";
import { PasswordStrength } from "./password-strength";
import { Button } from "./ui/button";
import { Card } from "./ui/card";
import { Alert, TextField } from "./ui/field";

type Target = { kind: "invite"; token: string } | { kind: "open" | "signup"; domain: string };

const blank: JoinFormState = { problem: null, username: "", done: null };

/**
 * Creates an XMPP account from an invite link or on an open domain's sign-up page. `children` are the other ways in
 * (the app, a QR code): once the account exists they give way to what to do next, so nothing offers a second
 * account. `install` is the "get the app" step of those next steps; `rooms` names the invite's group chats.
 */
export function JoinForm({
  target,
  domain,
  formTitle,
  install,
  rooms = [],
  children,
}: {
  target: Target;
  domain: string;
  formTitle: string;
  install: ReactNode;
  rooms?: { jid: string; title: string }[];
  children?: ReactNode;
}) {
  const { m, locale } = useI18n();
  // A server action: the form works before and without JavaScript, and the password only travels in a POST body.
  const [state, formAction, pending] = useActionState(joinChat, blank);
  const { done } = state;
  const problem = state.problem && localizeProblem(state.problem, m, locale);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  // The form the person was typing in is gone: move focus (and screen readers) to what replaced it.
  useEffect(() => {
    if (done) heading.current?.focus();
  }, [done]);

  if (done?.statusPath) {
    return (
      <section className="mt-6 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm" data-testid="signup-pending">
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold break-words">
          {interpolate(m.register.pendingTitle, { jid: done.jid })}
        </h2>
        <p className="mt-2 text-sm text-zinc-700">{interpolate(m.register.pendingBody, { domain })}</p>
        <a href={done.statusPath} className="mt-2 block break-all text-sm text-brand-700 underline">
          {done.statusPath}
        </a>
      </section>
    );
  }

  if (done) {
    const [before, after] = m.join.nextSignIn.split("{jid}");
    const titles = done.rooms.map((jid) => rooms.find((r) => r.jid === jid)?.title ?? jid.split("@")[0] ?? jid);
    return (
      <section className="mt-6 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm" data-testid="join-success">
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold break-words">
          {interpolate(m.join.successTitle, { jid: done.jid })}
        </h2>
        <p className="mt-1 text-sm text-zinc-700">{done.ready ? m.join.ready : m.join.almostReady}</p>
        <h3 className="mt-4 font-semibold">{m.join.nextTitle}</h3>
        <ol className="mt-2 list-decimal space-y-3 pl-5 text-sm">
          <li>{install}</li>
          <li>
            {before}
            <strong className="break-all">{done.jid}</strong>
            {after}
          </li>
          {titles.length ? (
            <li data-testid="join-rooms">
              {m.join.nextRooms}
              <ul className="mt-1 list-disc pl-5">
                {titles.map((title, i) => (
                  <li key={done.rooms[i]}>{title}</li>
                ))}
              </ul>
            </li>
          ) : null}
        </ol>
      </section>
    );
  }

  const codeMessage: Record<string, string> = {
    invite_expired: m.join.expiredTitle,
    invite_used_up: m.join.usedUpTitle,
    invite_revoked: m.join.revokedTitle,
    registration_closed: m.register.closedTitle,
    registration_blocked: m.register.blocked,
    quota_exceeded: m.register.quota,
  };
  const general =
    problem?.status === 429
      ? m.register.tooMany
      : problem?.code === "api_unreachable"
        ? m.auth.unavailable
        : problem?.code && codeMessage[problem.code]
          ? codeMessage[problem.code]
          : problem && !problem.errors
            ? (problem.detail ?? problem.title)
            : null;

  return (
    <>
      {children}
      <Card title={formTitle} className="mt-6">
        <form
          className="space-y-4"
          action={formAction}
          // React empties the form after each submission; the name typed comes back from the server.
          onReset={() => {
            setUsername(state.username);
            setPassword("");
          }}
        >
          <input type="hidden" name="kind" value={target.kind} />
          {target.kind === "invite" ? (
            <input type="hidden" name="token" value={target.token} />
          ) : (
            <input type="hidden" name="domain" value={target.domain} />
          )}
          {general ? <Alert>{general}</Alert> : null}
          <TextField
            id="username"
            label={m.join.username}
            hint={interpolate(m.join.usernameHint, { example: `${username || "…"}@${domain}` })}
            autoCapitalize="none"
            autoComplete="username"
            required
            defaultValue={state.username}
            onChange={(e) => {
              e.target.value = e.target.value.toLowerCase();
              setUsername(e.target.value);
            }}
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
          {target.kind === "signup" ? (
            <TextField
              id="email"
              type="email"
              label={m.register.email}
              hint={m.register.emailHint}
              autoComplete="email"
              maxLength={254}
              error={fieldError(problem, "email")}
            />
          ) : null}
          <Button type="submit" className="w-full" disabled={pending}>
            {m.join.submit}
          </Button>
        </form>
      </Card>
    </>
  );
}
