"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert } from "../ui/field";

/** Backs up a whole chat server, or one domain alone. */
export function BackUpNowButton(target: { instanceId: string } | { domainId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <div className="space-y-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={action.pending}
        onClick={() =>
          action.run(() =>
            "domainId" in target
              ? api.POST("/api/v1/domains/{domainId}/backups", { params: { path: { domainId: target.domainId } } })
              : api.POST("/api/v1/instances/{instanceId}/backups", {
                  params: { path: { instanceId: target.instanceId } },
                }),
          )
        }
      >
        {m.backups.now}
      </Button>
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </div>
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
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </div>
  );
}
