"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { fieldError, localizeProblem } from "../lib/api/problem";
import { useI18n } from "../lib/i18n/client";
import { type ResetFormState, resetChatPassword } from "../lib/reset-action";
import { goneTexts } from "../lib/reset-texts";
import { PasswordStrength } from "./password-strength";
import { Button } from "./ui/button";
import { Card } from "./ui/card";
import { Alert, TextField } from "./ui/field";

const blank: ResetFormState = { problem: null, done: null };

/**
 * What a reset link's page shows: the new password form, with the strength meter of the API's own rules (which refuse
 * the address's own parts); once saved, what to do next; for a link that no longer works, why. The outcome of a
 * submission comes first: without JavaScript the page is drawn again after it, when the link already reads as used.
 */
export function ResetForm({
  token,
  jid,
  status,
  expiresOn,
}: {
  token: string;
  jid: string;
  /** The link's status when the page was drawn: active, used, expired or revoked. */
  status: string;
  /** Until when the link works, in the reader's words. */
  expiresOn: string;
}) {
  const { m, locale } = useI18n();
  // A server action: the form works before and without JavaScript, and the password only travels in a POST body.
  const [state, formAction, pending] = useActionState(resetChatPassword, blank);
  const [password, setPassword] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const { done } = state;
  const problem = state.problem && localizeProblem(state.problem, m, locale);
  // Used, expired or cancelled: as the answer to this submission said, or as the link was when the page was drawn.
  const goneCode = problem?.status === 410 && problem.code ? problem.code : status !== "active" ? status : null;
  const gone = goneCode ? goneTexts(m, goneCode) : undefined;
  const answered = state !== blank;

  // The form the person was typing in is gone: move focus (and screen readers) to what replaced it.
  useEffect(() => {
    if (answered && (done || goneCode)) heading.current?.focus();
  }, [answered, done, goneCode]);

  if (done) {
    const [before, after] = m.resetLink.successBody.split("{jid}");
    return (
      <Card>
        <section data-testid="reset-success">
          <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold">
            {m.resetLink.successTitle}
          </h1>
          <p className="mt-2 text-sm text-zinc-700">
            {before}
            <strong className="break-all">{jid}</strong>
            {after}
          </p>
          {done.ready ? null : <p className="mt-2 text-sm text-zinc-700">{m.resetLink.almostDone}</p>}
        </section>
      </Card>
    );
  }

  if (gone) {
    return (
      <Card>
        <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold" data-reset-status={goneCode}>
          {gone.title}
        </h1>
        <p className="mt-2 text-sm text-zinc-700">{gone.body}</p>
      </Card>
    );
  }

  const general =
    problem?.status === 429
      ? m.resetLink.tooMany
      : problem?.code === "api_unreachable"
        ? m.auth.unavailable
        : problem && !problem.errors
          ? (problem.detail ?? problem.title)
          : null;
  const [localpart = "", domain = ""] = jid.split("@");

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{m.resetLink.title}</h1>
      <p className="mt-1 text-sm text-zinc-700">
        {m.resetLink.lead} <strong className="break-all">{jid}</strong>
      </p>
      <p className="mt-1 text-sm text-zinc-700">{m.resetLink.oldStops}</p>
      <p className="mt-1 text-xs text-zinc-600">{expiresOn}</p>
      <Card title={m.resetLink.formTitle} className="mt-6">
        <form className="space-y-4" action={formAction} onReset={() => setPassword("")}>
          <input type="hidden" name="token" value={token} />
          {/* For password managers: the account the new password is for. */}
          <input type="text" name="username" value={jid} autoComplete="username" readOnly hidden />
          {general ? <Alert>{general}</Alert> : null}
          <TextField
            id="password"
            type="password"
            label={m.resetLink.password}
            hint={m.resetLink.passwordHint}
            autoComplete="new-password"
            minLength={8}
            required
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(problem, "password")}
          />
          <PasswordStrength id="password-strength" password={password} kind="chat" personal={[localpart, domain]} />
          <Button type="submit" className="w-full" disabled={pending}>
            {m.resetLink.submit}
          </Button>
        </form>
      </Card>
    </>
  );
}
