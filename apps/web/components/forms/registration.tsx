"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { TextField } from "../ui/field";

/** Accept or turn down one sign-up; both ask first, since either decides for someone waiting. */
export function SignupDecision({ signupId, jid }: { signupId: string; jid: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [reason, setReason] = useState("");
  const path = { params: { path: { signupId } } };
  return (
    <div className="space-y-2" data-signup={jid}>
      <div className="flex flex-wrap justify-end gap-2">
        <ConfirmButton
          variant="primary"
          label={m.signups.approve}
          title={m.signups.approve}
          body={interpolate(m.signups.approveConfirm, { jid })}
          confirmLabel={m.signups.approve}
          onConfirm={() => action.run(() => api.POST("/api/v1/signups/{signupId}/approve", path))}
        />
        <ConfirmButton
          label={m.signups.reject}
          title={m.signups.reject}
          body={interpolate(m.signups.rejectConfirm, { jid })}
          confirmLabel={m.signups.reject}
          onConfirm={() =>
            action.run(() =>
              api.POST("/api/v1/signups/{signupId}/reject", { ...path, body: reason.trim() ? { reason } : {} }),
            )
          }
        />
      </div>
      <TextField
        id={`reason-${signupId}`}
        label={m.signups.reason}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ActionOutcome action={action} />
    </div>
  );
}

export function AddBlockForm({ domainId }: { domainId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      send={(form) => {
        const note = String(form.get("note") ?? "").trim();
        return api.POST("/api/v1/domains/{domainId}/registration-blocks", {
          params: { path: { domainId } },
          body: { cidr: String(form.get("cidr") ?? "").trim(), ...(note ? { note } : {}) },
        });
      }}
      submit={m.signups.add}
    >
      <TextField
        id="cidr"
        label={m.signups.cidr}
        hint={m.signups.cidrHint}
        required
        maxLength={64}
        autoCapitalize="none"
        inputMode="url"
        {...action.field("cidr")}
      />
      <TextField id="note" label={m.signups.note} maxLength={200} {...action.field("note")} />
    </ActionForm>
  );
}

/** Lifting a block lets a network sign up again: asked first. */
export function RemoveBlockButton({ blockId, cidr }: { blockId: string; cidr: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={m.signups.remove}
        title={m.signups.remove}
        body={interpolate(m.signups.removeConfirm, { cidr })}
        confirmLabel={m.signups.remove}
        onConfirm={() =>
          action.run(() => api.DELETE("/api/v1/registration-blocks/{blockId}", { params: { path: { blockId } } }))
        }
      />
      <ActionOutcome action={action} />
    </div>
  );
}
