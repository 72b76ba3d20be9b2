"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { type ApiResult, useAction } from "../../lib/use-action";
import { ActionButton } from "../action-button";
import { ActionForm } from "../action-form";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { TextField } from "../ui/field";

export interface OccupantView {
  nick: string;
  jid: string | null;
  role: string;
  affiliation: string;
}

/** A confirmed call, with the API's refusal (the person already left, say) shown under it. */
function ConfirmedCall({
  label,
  title,
  body,
  call,
}: {
  label: string;
  title: string;
  body: string;
  call: () => Promise<ApiResult>;
}) {
  const action = useAction();
  return (
    <div className="space-y-2">
      <ConfirmButton label={label} title={title} body={body} confirmLabel={label} onConfirm={() => action.run(call)} />
      <ActionOutcome action={action} />
    </div>
  );
}

/** What can be done to one person in the chat: remove, ban, make moderator or admin, and take those back. */
export function OccupantActions({ roomId, occupant }: { roomId: string; occupant: OccupantView }) {
  const { m } = useI18n();
  const t = m.moderation;
  const path = { params: { path: { roomId } } };
  const { nick, jid } = occupant;
  const moderator = occupant.role === "moderator";
  const admin = occupant.affiliation === "admin" || occupant.affiliation === "owner";
  return (
    <div className="flex flex-wrap items-start gap-2">
      <ActionButton
        label={moderator ? t.removeModerator : t.makeModerator}
        call={() =>
          api.POST("/api/v1/rooms/{roomId}/role", {
            ...path,
            body: { nick, role: moderator ? "participant" : "moderator" },
          })
        }
      />
      {jid && occupant.affiliation !== "owner" ? (
        <ActionButton
          label={admin ? t.removeAdmin : t.makeAdmin}
          call={() =>
            api.POST("/api/v1/rooms/{roomId}/affiliation", {
              ...path,
              body: { jid, affiliation: admin ? "member" : "admin" },
            })
          }
        />
      ) : null}
      <ConfirmedCall
        label={t.kick}
        title={interpolate(t.kickTitle, { nick })}
        body={interpolate(t.kickBody, { nick })}
        call={() => api.POST("/api/v1/rooms/{roomId}/kick", { ...path, body: { nick } })}
      />
      {jid ? <BanButton roomId={roomId} jid={jid} /> : null}
    </div>
  );
}

export function BanButton({ roomId, jid }: { roomId: string; jid: string }) {
  const { m } = useI18n();
  return (
    <ConfirmedCall
      label={m.moderation.ban}
      title={interpolate(m.moderation.banTitle, { jid })}
      body={interpolate(m.moderation.banBody, { jid })}
      call={() => api.POST("/api/v1/rooms/{roomId}/ban", { params: { path: { roomId } }, body: { jid } })}
    />
  );
}

export function UnbanButton({ roomId, jid }: { roomId: string; jid: string }) {
  const { m } = useI18n();
  return (
    <ActionButton
      label={m.moderation.unban}
      call={() => api.POST("/api/v1/rooms/{roomId}/unban", { params: { path: { roomId } }, body: { jid } })}
    />
  );
}

/** The subject form, prefilled with the subject the server shows now (`current`). */
export function RoomSubjectForm({ roomId, current = "" }: { roomId: string; current?: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      keeps
      send={(form) =>
        api.PUT("/api/v1/rooms/{roomId}/subject", {
          params: { path: { roomId } },
          body: { subject: String(form.get("roomSubject") ?? "").trim() },
        })
      }
      submit={m.moderation.setSubject}
      variant="secondary"
    >
      <TextField
        id="roomSubject"
        label={m.moderation.subject}
        hint={m.moderation.subjectHint}
        maxLength={1000}
        defaultValue={current}
        {...action.field("subject")}
      />
    </ActionForm>
  );
}
