"use client";
import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { plural } from "../../lib/i18n/format";
import { isLoopbackUrl } from "../../lib/local-url";
import { type ApiResult, useAction } from "../../lib/use-action";
import { ConfirmAction } from "../action-button";
import { ActionForm } from "../action-form";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";

const validity = [
  { seconds: 86400, days: 1 },
  { seconds: 7 * 86400, days: 7 },
  { seconds: 30 * 86400, days: 30 },
];

export function CreateInviteForm({
  domainId,
  rooms,
  accounts,
}: {
  domainId: string;
  rooms: { id: string; label: string }[];
  accounts: { id: string; jid: string }[];
}) {
  const { m, locale } = useI18n();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      send={(form) => {
        const inviter = String(form.get("inviter") ?? "");
        return api.POST("/api/v1/domains/{domainId}/invites", {
          params: { path: { domainId } },
          body: {
            maxUses: Number(form.get("maxUses")),
            expiresIn: Number(form.get("expiresIn")),
            rooms: form.getAll("inviteRooms").map(String),
            ...(inviter ? { inviterAccountId: inviter } : {}),
          },
        });
      }}
      submit={m.invites.create}
    >
      <SelectField id="maxUses" label={m.invites.maxUses} defaultValue="1" {...action.field("maxUses")}>
        {[1, 5, 10, 25, 100].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
      <SelectField id="expiresIn" label={m.invites.expiresIn} defaultValue={String(7 * 86400)}>
        {validity.map((v) => (
          <option key={v.seconds} value={v.seconds}>
            {plural(locale, v.days, m.invites.days)}
          </option>
        ))}
      </SelectField>
      {rooms.length ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{m.invites.rooms}</legend>
          {rooms.map((room) => (
            <label key={room.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="inviteRooms" value={room.id} defaultChecked /> {room.label}
            </label>
          ))}
        </fieldset>
      ) : null}
      {accounts.length ? (
        <SelectField id="inviter" label={m.invites.inviter} defaultValue="">
          <option value="">{m.invites.inviterNone}</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.jid}
            </option>
          ))}
        </SelectField>
      ) : null}
    </ActionForm>
  );
}

/**
 * An invite link with a button that shares it through the system's share sheet where the browser has one (phones),
 * or copies it. A link to a loopback address says so: it only works on the machine that shows it.
 */
export function CopyLink({ url }: { url: string }) {
  const { m } = useI18n();
  const [done, setDone] = useState(false);
  // Known only in the browser; the server renders the copy button, which every browser can fall back to.
  const [canShare, setCanShare] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => setCanShare(typeof navigator.share === "function"), []);
  const local = isLoopbackUrl(url);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setDone(true);
    } catch {
      // No clipboard (a page served over plain HTTP from another machine): select the link for a manual copy.
      const selection = window.getSelection();
      if (link.current && selection) selection.selectAllChildren(link.current);
    }
  };

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <a ref={link} href={url} className="break-all font-mono text-xs text-brand-700 underline" data-invite-link>
          {url}
        </a>
        <Button
          size="sm"
          variant="ghost"
          data-share={canShare ? "share" : "copy"}
          onClick={async () => {
            if (!canShare) return copy();
            try {
              await navigator.share({ url });
              setDone(true);
            } catch (error) {
              // Closing the share sheet is a choice, not a failure; anything else falls back to copying.
              if (!(error instanceof DOMException && error.name === "AbortError")) await copy();
            }
          }}
        >
          {canShare ? (done ? m.invites.shared : m.invites.shareLink) : done ? m.app.copied : m.app.copy}
        </Button>
      </div>
      {local ? (
        <p className="text-xs text-amber-900" data-local-link>
          {m.invites.localOnly}
        </p>
      ) : null}
    </div>
  );
}

/** Revokes a link that lets people in: a chat invite or an invitation to join the tenant. */
export function RevokeLinkButton({ call }: { call: () => Promise<ApiResult> }) {
  const { m } = useI18n();
  return (
    <ConfirmAction
      label={m.invites.revoke}
      title={m.invites.revoke}
      body={m.invites.revokeConfirm}
      confirmLabel={m.invites.revoke}
      call={call}
    />
  );
}

export function RevokeInviteButton({ inviteId }: { inviteId: string }) {
  return <RevokeLinkButton call={() => api.DELETE("/api/v1/invites/{inviteId}", { params: { path: { inviteId } } })} />;
}
