"use client";
import { useId, useRef, useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

/** The most a reason may hold, as the API allows. */
const REASON_MAX = 500;

/**
 * Suspend (a confirmation that says the person is signed out at once and keeps their data, with an optional reason)
 * or, for a suspended account, restore.
 */
export function SuspensionAction({
  accountId,
  jid,
  suspended,
}: {
  accountId: string;
  jid: string;
  suspended: boolean;
}) {
  const { m } = useI18n();
  const action = useAction();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  if (suspended) {
    return (
      <div className="space-y-2">
        <ConfirmButton
          variant="secondary"
          label={m.accounts.restore}
          title={interpolate(m.accounts.restoreTitle, { jid })}
          body={interpolate(m.accounts.restoreConfirm, { jid })}
          confirmLabel={m.accounts.restore}
          onConfirm={() =>
            action.run(() => api.POST("/api/v1/accounts/{accountId}/restore", { params: { path: { accountId } } }))
          }
        />
        <ActionOutcome action={action} />
      </div>
    );
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" size="sm" onClick={() => dialog.current?.showModal()}>
        {m.accounts.suspend}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
        onClose={() => setReason("")}
      >
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            try {
              const text = reason.trim();
              await action.run(() =>
                api.POST("/api/v1/accounts/{accountId}/suspend", {
                  params: { path: { accountId } },
                  body: text ? { reason: text } : {},
                }),
              );
            } finally {
              setBusy(false);
              dialog.current?.close();
            }
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {interpolate(m.accounts.suspendTitle, { jid })}
          </h2>
          <p className="text-sm text-zinc-700">{interpolate(m.accounts.suspendConfirm, { jid })}</p>
          <TextField
            id={`suspend-reason-${accountId}`}
            label={m.accounts.suspendReason}
            hint={m.accounts.suspendReasonHint}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoComplete="off"
          />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {m.app.cancel}
            </Button>
            <Button type="submit" variant="danger" disabled={busy}>
              {m.accounts.suspend}
            </Button>
          </div>
        </form>
      </dialog>
      <ActionOutcome action={action} />
    </div>
  );
}
