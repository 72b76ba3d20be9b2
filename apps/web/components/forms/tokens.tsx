"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmAction } from "../action-button";
import { ActionForm } from "../action-form";
import { Alert, SelectField, TextField } from "../ui/field";

export function CreateTokenForm({ tenantId }: { tenantId: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [token, setToken] = useState<string | null>(null);
  return (
    <ActionForm
      action={action}
      send={(form) => {
        const role = String(form.get("tokenRole")) as "admin" | "viewer";
        return api.POST("/api/v1/api-tokens", { body: { name: String(form.get("tokenName") ?? ""), tenantId, role } });
      }}
      onSent={(data) => {
        const value = (data as { token?: string } | undefined)?.token;
        if (value) setToken(value);
      }}
      submit={m.tokens.create}
      after={
        token ? (
          <Alert tone="success">
            <p>{m.tokens.created}</p>
            <code className="mt-1 block break-all font-mono text-xs">{token}</code>
          </Alert>
        ) : null
      }
    >
      <TextField id="tokenName" label={m.tokens.name} required maxLength={100} {...action.field("name")} />
      <SelectField id="tokenRole" label={m.members.role} defaultValue="admin">
        <option value="admin">{m.members.roles.admin}</option>
        <option value="viewer">{m.members.roles.viewer}</option>
      </SelectField>
    </ActionForm>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { m } = useI18n();
  return (
    <ConfirmAction
      label={m.tokens.revoke}
      title={m.tokens.revoke}
      body={interpolate(m.tokens.revokeConfirm, { name })}
      confirmLabel={m.tokens.revoke}
      call={() => api.DELETE("/api/v1/api-tokens/{tokenId}", { params: { path: { tokenId } } })}
    />
  );
}
