"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmAction } from "../action-button";
import { ActionForm } from "../action-form";
import { ActionProgress } from "../action-outcome";
import { Button } from "../ui/button";
import { TextAreaField, TextField } from "../ui/field";

function lines(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function CreateRoomForm({ domainId }: { domainId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      send={(form) =>
        api.POST("/api/v1/domains/{domainId}/rooms", {
          params: { path: { domainId } },
          body: {
            name: String(form.get("roomName") ?? "").trim(),
            title: String(form.get("roomTitle") ?? "").trim(),
            membersOnly: form.get("membersOnly") === "on",
            persistent: true,
            members: lines(form.get("roomMembers")),
          },
        })
      }
      submit={m.rooms.create}
    >
      <TextField
        id="roomName"
        label={m.rooms.name}
        hint={m.rooms.nameHint}
        required
        autoCapitalize="none"
        {...action.field("name")}
      />
      <TextField id="roomTitle" label={m.rooms.roomTitle} maxLength={200} {...action.field("title")} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="membersOnly" defaultChecked /> {m.rooms.membersOnly}
      </label>
      <TextAreaField
        id="roomMembers"
        label={`${m.rooms.members} (${m.app.optional})`}
        hint={m.rooms.membersHint}
        rows={3}
        {...action.field("members")}
      />
    </ActionForm>
  );
}

export function RoomMembersForm({ roomId, members }: { roomId: string; members: string[] }) {
  const { m } = useI18n();
  const action = useAction();
  const id = `members-${roomId}`;
  return (
    <form
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        await action.run(() =>
          api.PUT("/api/v1/rooms/{roomId}/members", {
            params: { path: { roomId } },
            body: { members: lines(form.get(id)) },
          }),
        );
      }}
    >
      <TextAreaField
        id={id}
        label={m.rooms.members}
        hint={m.rooms.membersHint}
        rows={3}
        defaultValue={members.join("\n")}
        {...action.field("members")}
      />
      <Button type="submit" size="sm" variant="secondary" disabled={action.pending}>
        {m.rooms.saveMembers}
      </Button>
      <ActionProgress action={action} />
    </form>
  );
}

/** Gives the group chat a new name, on the server and on the invite links that offer it. */
export function RenameRoomForm({ roomId, title }: { roomId: string; title: string }) {
  const { m } = useI18n();
  const action = useAction();
  const id = `title-${roomId}`;
  return (
    <ActionForm
      action={action}
      keeps
      send={(form) =>
        api.POST("/api/v1/rooms/{roomId}/rename", {
          params: { path: { roomId } },
          body: { title: String(form.get(id) ?? "").trim() },
        })
      }
      submit={m.rooms.rename}
      variant="secondary"
    >
      <TextField
        id={id}
        label={m.rooms.newTitle}
        hint={m.rooms.renameHint}
        defaultValue={title}
        maxLength={200}
        required
        {...action.field("title")}
      />
    </ActionForm>
  );
}

export function DeleteRoomButton({ roomId, name }: { roomId: string; name: string }) {
  const { m } = useI18n();
  return (
    <ConfirmAction
      label={m.app.delete}
      title={m.rooms.delete}
      body={interpolate(m.rooms.deleteConfirm, { name })}
      confirmLabel={m.app.delete}
      call={() => api.DELETE("/api/v1/rooms/{roomId}", { params: { path: { roomId } } })}
    />
  );
}
