"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { formatDateTime, interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { QrCode } from "../qr-code";
import { Alert } from "../ui/field";
import { CopyLink } from "./invites";

/**
 * "Reset link" on an account's row: makes a one-time link with which the person chooses a new password on their
 * phone, and shows it this once (only its hash is kept) with a QR code and a share or copy button.
 */
export function ResetLinkAction({ accountId, jid }: { accountId: string; jid: string }) {
  const { m, locale } = useI18n();
  const action = useAction();
  const [made, setMade] = useState<{ url: string; expiresAt: string } | null>(null);
  return (
    <div className="max-w-sm space-y-2" data-reset-link-action>
      <div className="flex justify-end">
        <ConfirmButton
          variant="secondary"
          label={m.resetLink.action}
          title={interpolate(m.resetLink.actionTitle, { jid })}
          body={interpolate(m.resetLink.actionBody, { jid })}
          confirmLabel={m.resetLink.create}
          onConfirm={async () => {
            setMade(null);
            const result = await action.run(() =>
              api.POST("/api/v1/accounts/{accountId}/reset-links", { params: { path: { accountId } }, body: {} }),
            );
            const data = result?.data as { url?: string; link?: { expiresAt: string } } | undefined;
            if (data?.url && data.link) setMade({ url: data.url, expiresAt: data.link.expiresAt });
          }}
        />
      </div>
      {made ? (
        <Alert tone="success">
          <div className="space-y-3" data-testid="reset-link-made">
            <p>{interpolate(m.resetLink.made, { jid, date: formatDateTime(locale, made.expiresAt) })}</p>
            <CopyLink url={made.url} />
            <QrCode value={made.url} label={interpolate(m.resetLink.qr, { jid })} />
          </div>
        </Alert>
      ) : null}
      <ActionOutcome action={action} />
    </div>
  );
}
