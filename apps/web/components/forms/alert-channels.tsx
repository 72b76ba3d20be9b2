"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { Button } from "../ui/button";
import { Alert, SelectField, TextField } from "../ui/field";

/** Adds a channel for one tenant, or for the operators when no tenant is given. */
export function CreateAlertChannelForm({ tenantId }: { tenantId?: string }) {
  const { m } = useI18n();
  const action = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSecret(null);
        const element = e.currentTarget;
        const form = new FormData(element);
        const body = {
          kind: String(form.get("channelKind")) as "email" | "webhook",
          name: String(form.get("channelName") ?? ""),
          target: String(form.get("channelTarget") ?? ""),
        };
        const result = await action.run(
          () =>
            tenantId
              ? api.POST("/api/v1/tenants/{tenantId}/alert-channels", { params: { path: { tenantId } }, body })
              : api.POST("/api/v1/fleet/alert-channels", { body }),
          { reset: element },
        );
        const created = result?.data as { secret?: string | null } | undefined;
        if (created?.secret) setSecret(created.secret);
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      <SelectField id="channelKind" label={m.alerts.kind} defaultValue="email">
        <option value="email">{m.alerts.email}</option>
        <option value="webhook">{m.alerts.webhook}</option>
      </SelectField>
      <TextField id="channelName" label={m.alerts.channelName} required maxLength={100} {...action.field("name")} />
      <TextField id="channelTarget" label={m.alerts.target} required maxLength={2000} {...action.field("target")} />
      <Button type="submit" disabled={action.pending}>
        {m.alerts.addChannel}
      </Button>
      {secret ? (
        <Alert tone="success">
          <span className="break-all">{interpolate(m.alerts.secretOnce, { secret })}</span>
        </Alert>
      ) : null}
    </form>
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
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
    </div>
  );
}
