"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { ProblemAlert } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { Button } from "../ui/button";
import { Alert, SelectField, TextField } from "../ui/field";

/** Adds a channel for one tenant, or for the operators when no tenant is given. */
export function CreateAlertChannelForm({ tenantId }: { tenantId?: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <ActionForm
      action={action}
      send={(form) => {
        setSecret(null);
        const body = {
          kind: String(form.get("channelKind")) as "email" | "webhook",
          name: String(form.get("channelName") ?? ""),
          target: String(form.get("channelTarget") ?? ""),
        };
        return tenantId
          ? api.POST("/api/v1/tenants/{tenantId}/alert-channels", { params: { path: { tenantId } }, body })
          : api.POST("/api/v1/fleet/alert-channels", { body });
      }}
      onSent={(data) => {
        const created = data as { secret?: string | null } | undefined;
        if (created?.secret) setSecret(created.secret);
      }}
      submit={m.alerts.addChannel}
      after={
        secret ? (
          <Alert tone="success">
            <span className="break-all">{interpolate(m.alerts.secretOnce, { secret })}</span>
          </Alert>
        ) : null
      }
    >
      <SelectField id="channelKind" label={m.alerts.kind} defaultValue="email">
        <option value="email">{m.alerts.email}</option>
        <option value="webhook">{m.alerts.webhook}</option>
      </SelectField>
      <TextField id="channelName" label={m.alerts.channelName} required maxLength={100} {...action.field("name")} />
      <TextField id="channelTarget" label={m.alerts.target} required maxLength={2000} {...action.field("target")} />
    </ActionForm>
  );
}

export function AlertChannelActions({ channelId, name }: { channelId: string; name: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [sent, setSent] = useState(false);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={action.pending}
        onClick={async () => {
          setSent(false);
          const result = await action.run(() =>
            api.POST("/api/v1/alert-channels/{channelId}/test", { params: { path: { channelId } } }),
          );
          if (result) setSent(true);
        }}
      >
        {m.alerts.sendTest}
      </Button>
      <ConfirmButton
        label={m.alerts.deleteChannel}
        title={m.alerts.deleteChannel}
        body={interpolate(m.alerts.deleteChannelConfirm, { name })}
        confirmLabel={m.app.delete}
        onConfirm={() =>
          action.run(() => api.DELETE("/api/v1/alert-channels/{channelId}", { params: { path: { channelId } } }))
        }
      />
      {sent ? (
        <span className="text-sm text-green-800" role="status">
          {m.alerts.testSent}
        </span>
      ) : null}
      <ProblemAlert problem={action.problem} />
    </div>
  );
}

/** The channels alerts go out on, each with its test and delete buttons. */
export function AlertChannelList({
  channels,
  className = "",
}: {
  channels: { id: string; name: string; kind: string; target: string }[];
  className?: string;
}) {
  return (
    <ul className={`divide-y divide-zinc-200 ${className}`}>
      {channels.map((channel) => (
        <li key={channel.id} className="space-y-1 py-2">
          <p className="text-sm font-medium">
            {channel.name} <span className="font-normal text-zinc-600">({channel.kind})</span>
          </p>
          <p className="break-all text-xs text-zinc-600">{channel.target}</p>
          <AlertChannelActions channelId={channel.id} name={channel.name} />
        </li>
      ))}
    </ul>
  );
}
