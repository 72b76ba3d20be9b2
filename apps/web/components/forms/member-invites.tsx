"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { Alert, SelectField, TextField } from "../ui/field";
import { CopyLink, RevokeLinkButton } from "./invites";

export function CreateMemberInviteForm({ tenantId, canInviteOwners }: { tenantId: string; canInviteOwners: boolean }) {
  const { m } = useI18n();
  const action = useAction();
  const [created, setCreated] = useState<{ url: string; sentTo: string | null } | null>(null);
  return (
    <ActionForm
      action={action}
      send={(form) => {
        const role = String(form.get("memberRole")) as "owner" | "admin" | "viewer";
        const email = String(form.get("memberEmail") ?? "").trim();
        return api.POST("/api/v1/tenants/{tenantId}/member-invites", {
          params: { path: { tenantId } },
          body: { role, ...(email ? { email } : {}) },
        });
      }}
      onSent={(data) => {
        const invite = data as { url?: string; email?: string | null } | undefined;
        if (invite?.url) setCreated({ url: invite.url, sentTo: invite.email ?? null });
      }}
      submit={m.members.createLink}
      refusalsBelow
      after={
        created ? (
          <>
            {created.sentTo ? (
              <Alert tone="success">{interpolate(m.members.sentTo, { email: created.sentTo })}</Alert>
            ) : null}
            <CopyLink url={created.url} />
          </>
        ) : null
      }
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
    </ActionForm>
  );
}

export function RevokeMemberInviteButton({ memberInviteId }: { memberInviteId: string }) {
  return (
    <RevokeLinkButton
      call={() => api.DELETE("/api/v1/member-invites/{memberInviteId}", { params: { path: { memberInviteId } } })}
    />
  );
}
