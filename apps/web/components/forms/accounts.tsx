"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { OperationProgress } from "../operation-progress";
import { PasswordStrength } from "../password-strength";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";

/** Shows a generated password once, with a copy button. */
function OneTimeSecret({ text, secret }: { text: string; secret: string }) {
  const { m } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="success">
      <p className="break-all">{text}</p>
      <button
        type="button"
        className="mt-1 text-sm font-medium underline"
        onClick={async () => {
          await navigator.clipboard?.writeText(secret);
          setCopied(true);
        }}
      >
        {copied ? m.app.copied : m.app.copy}
      </button>
    </Alert>
  );
}

export function CreateAccountForm({ domainId, domain }: { domainId: string; domain: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [generated, setGenerated] = useState<{ jid: string; password: string } | null>(null);
  const [typed, setTyped] = useState({ localpart: "", password: "" });
  const localpartField = action.field("localpart");
  const passwordField = action.field("password");
  return (
    <form
      className="space-y-3"
      // Submitted before hydration, the password goes in a body, never in the address.
      method="post"
      onSubmit={async (e) => {
        e.preventDefault();
        setGenerated(null);
        // Kept now: React clears currentTarget once the handler awaits.
        const element = e.currentTarget;
        const form = new FormData(element);
        const localpart = String(form.get("localpart") ?? "").trim();
        const password = String(form.get("accountPassword") ?? "");
        const result = await action.run(
          () =>
            api.POST("/api/v1/domains/{domainId}/accounts", {
              params: { path: { domainId } },
              body: { localpart, ...(password ? { password } : {}) },
            }),
          { reset: element },
        );
        const data = result?.data as { account?: { jid: string }; password?: string } | undefined;
        if (data?.password && data.account) setGenerated({ jid: data.account.jid, password: data.password });
        if (result) setTyped({ localpart: "", password: "" });
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      <TextField
        id="localpart"
        label={m.accounts.localpart}
        hint={`${m.accounts.localpartHint} …@${domain}`}
        required
        autoCapitalize="none"
        autoComplete="off"
        error={localpartField.error}
        onChange={(e) => {
          localpartField.onChange();
          setTyped((t) => ({ ...t, localpart: e.target.value }));
        }}
      />
      <TextField
        id="accountPassword"
        type="password"
        label={`${m.accounts.password} (${m.app.optional})`}
        hint={m.accounts.passwordHint}
        minLength={8}
        autoComplete="new-password"
        error={passwordField.error}
        onChange={(e) => {
          passwordField.onChange();
          setTyped((t) => ({ ...t, password: e.target.value }));
        }}
      />
      <PasswordStrength
        id="account-password-strength"
        password={typed.password}
        kind="chat"
        personal={[typed.localpart, domain]}
      />
      <Button type="submit" disabled={action.pending}>
        {m.accounts.create}
      </Button>
      {generated ? (
        <OneTimeSecret text={interpolate(m.accounts.generated, generated)} secret={generated.password} />
      ) : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </form>
  );
}

export function AccountActions({ accountId, jid }: { accountId: string; jid: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [generated, setGenerated] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap justify-end gap-2">
        <ConfirmButton
          variant="secondary"
          label={m.accounts.resetPassword}
          title={m.accounts.resetPassword}
          body={interpolate(m.accounts.resetConfirm, { jid })}
          onConfirm={async () => {
            const result = await action.run(() =>
              api.POST("/api/v1/accounts/{accountId}/password", { params: { path: { accountId } }, body: {} }),
            );
            const password = (result?.data as { password?: string } | undefined)?.password;
            if (password) setGenerated(password);
          }}
        />
        <ConfirmButton
          label={m.app.delete}
          title={m.accounts.delete}
          body={interpolate(m.accounts.deleteConfirm, { jid })}
          confirmLabel={m.app.delete}
          onConfirm={() =>
            action.run(() => api.DELETE("/api/v1/accounts/{accountId}", { params: { path: { accountId } } }))
          }
        />
      </div>
      {generated ? (
        <OneTimeSecret text={interpolate(m.accounts.generated, { jid, password: generated })} secret={generated} />
      ) : null}
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </div>
  );
}
