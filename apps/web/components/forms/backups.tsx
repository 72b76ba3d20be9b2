"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert } from "../ui/field";

export function BackUpNowButton({ instanceId }: { instanceId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <div className="space-y-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={action.pending}
        onClick={() =>
          action.run(() => api.POST("/api/v1/instances/{instanceId}/backups", { params: { path: { instanceId } } }))
        }
      >
        {m.backups.now}
      </Button>
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </div>
  );
}

export function RestoreBackupButton({ backupId, when }: { backupId: string; when: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={m.backups.restore}
        title={m.backups.restore}
        body={interpolate(m.backups.restoreConfirm, { when })}
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
