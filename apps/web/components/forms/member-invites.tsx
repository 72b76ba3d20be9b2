"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { Button } from "../ui/button";
import { Alert, SelectField, TextField } from "../ui/field";
import { CopyLink } from "./invites";

export function CreateMemberInviteForm({ tenantId, canInviteOwners }: { tenantId: string; canInviteOwners: boolean }) {
  const { m } = useI18n();
  const action = useAction();
  const [url, setUrl] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const element = e.currentTarget;
        const form = new FormData(element);
        const role = String(form.get("memberRole")) as "owner" | "admin" | "viewer";
        const email = String(form.get("memberEmail") ?? "").trim();
        const result = await action.run(
          () =>
            api.POST("/api/v1/tenants/{tenantId}/member-invites", {
              params: { path: { tenantId } },
              body: { role, ...(email ? { email } : {}) },
            }),
          { reset: element },
        );
        const created = result?.data as { url?: string; email?: string | null } | undefined;
        if (created?.url) {
          setUrl(created.url);
          setSentTo(created.email ?? null);
        }
      }}
    >
      <p className="text-sm text-zinc-700">{m.members.inviteLead}</p>
      <SelectField id="memberRole" label={m.members.role} defaultValue="admin">
        <option value="admin">{m.members.roles.admin}</option>
        <option value="viewer">{m.members.roles.viewer}</option>
        {canInviteOwners ? <option value="owner">{m.members.roles.owner}</option> : null}
      </SelectField>
      <TextField
        id="memberEmail"
        name="memberEmail"
        type="email"
        autoComplete="off"
        label={m.members.emailOptional}
        hint={m.members.emailHint}
        {...action.field("email")}
      />
      <Button type="submit" disabled={action.pending}>
        {m.members.createLink}
      </Button>
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {sentTo ? <Alert tone="success">{interpolate(m.members.sentTo, { email: sentTo })}</Alert> : null}
      {url ? <CopyLink url={url} /> : null}
    </form>
  );
}

export function RevokeMemberInviteButton({ memberInviteId }: { memberInviteId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ConfirmButton
      label={m.invites.revoke}
      title={m.invites.revoke}
      body={m.invites.revokeConfirm}
      confirmLabel={m.invites.revoke}
      onConfirm={() =>
        action.run(() =>
          api.DELETE("/api/v1/member-invites/{memberInviteId}", { params: { path: { memberInviteId } } }),
        )
      }
    />
  );
}
