"use client";
import { type ChangeEvent, useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { PasswordStrength } from "../password-strength";
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
  /** A field's refusal, and its change handler: it clears the refusal and follows what is typed. */
  const follows = (field: "localpart" | "password") => ({
    error: action.field(field).error,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      action.field(field).onChange();
      setTyped((t) => ({ ...t, [field]: e.target.value }));
    },
  });
  return (
    <ActionForm
      action={action}
      // Submitted before hydration, the password goes in a body, never in the address.
      method="post"
      send={(form) => {
        setGenerated(null);
        const localpart = String(form.get("localpart") ?? "").trim();
        const password = String(form.get("accountPassword") ?? "");
        return api.POST("/api/v1/domains/{domainId}/accounts", {
          params: { path: { domainId } },
          body: { localpart, ...(password ? { password } : {}) },
        });
      }}
      onSent={(data) => {
        const created = data as { account?: { jid: string }; password?: string } | undefined;
        if (created?.password && created.account)
          setGenerated({ jid: created.account.jid, password: created.password });
        setTyped({ localpart: "", password: "" });
      }}
      submit={m.accounts.create}
      after={
        generated ? (
          <OneTimeSecret text={interpolate(m.accounts.generated, generated)} secret={generated.password} />
        ) : null
      }
    >
      <TextField
        id="localpart"
        label={m.accounts.localpart}
        hint={`${m.accounts.localpartHint} …@${domain}`}
        required
        autoCapitalize="none"
        autoComplete="off"
        {...follows("localpart")}
      />
      <TextField
        id="accountPassword"
        type="password"
        label={`${m.accounts.password} (${m.app.optional})`}
        hint={m.accounts.passwordHint}
        minLength={8}
        autoComplete="new-password"
        {...follows("password")}
      />
      <PasswordStrength
        id="account-password-strength"
        password={typed.password}
        kind="chat"
        personal={[typed.localpart, domain]}
      />
    </ActionForm>
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
      <ActionOutcome action={action} />
    </div>
  );
}
