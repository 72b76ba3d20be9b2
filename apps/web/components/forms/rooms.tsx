"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert, TextAreaField, TextField } from "../ui/field";

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
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const element = e.currentTarget;
        const form = new FormData(element);
        await action.run(
          () =>
            api.POST("/api/v1/domains/{domainId}/rooms", {
              params: { path: { domainId } },
              body: {
                name: String(form.get("roomName") ?? "").trim(),
                title: String(form.get("roomTitle") ?? "").trim(),
                membersOnly: form.get("membersOnly") === "on",
                persistent: true,
                members: lines(form.get("roomMembers")),
              },
            }),
          { reset: element },
        );
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
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
      <Button type="submit" disabled={action.pending}>
        {m.rooms.create}
      </Button>
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </form>
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
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </form>
  );
}

export function DeleteRoomButton({ roomId, name }: { roomId: string; name: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ConfirmButton
      label={m.app.delete}
      title={m.rooms.delete}
      body={interpolate(m.rooms.deleteConfirm, { name })}
      confirmLabel={m.app.delete}
      onConfirm={() => action.run(() => api.DELETE("/api/v1/rooms/{roomId}", { params: { path: { roomId } } }))}
    />
  );
}
