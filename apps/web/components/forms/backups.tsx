"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionButton } from "../action-button";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";

/** Backs up a whole chat server, or one domain alone. */
export function BackUpNowButton(target: { instanceId: string } | { domainId: string }) {
  const { m } = useI18n();
  return (
    <ActionButton
      label={m.backups.now}
      call={() =>
        "domainId" in target
          ? api.POST("/api/v1/domains/{domainId}/backups", { params: { path: { domainId: target.domainId } } })
          : api.POST("/api/v1/instances/{instanceId}/backups", { params: { path: { instanceId: target.instanceId } } })
      }
    />
  );
}

/** Rolls a chat server back to a backup; with `domain`, a backup of that domain alone rolls back only it. */
export function RestoreBackupButton({ backupId, when, domain }: { backupId: string; when: string; domain?: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={m.backups.restore}
        title={m.backups.restore}
        body={
          domain
            ? interpolate(m.backups.domainRestoreConfirm, { when, name: domain })
            : interpolate(m.backups.restoreConfirm, { when })
        }
        confirmLabel={m.backups.restore}
        onConfirm={() =>
          action.run(() => api.POST("/api/v1/backups/{backupId}/restore", { params: { path: { backupId } }, body: {} }))
        }
      />
      <ActionOutcome action={action} />
    </div>
  );
}
