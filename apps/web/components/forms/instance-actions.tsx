"use client";
import { useRouter } from "next/navigation";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert } from "../ui/field";

export function InstanceActions({
  tenantId,
  instanceId,
  name,
  status,
}: {
  tenantId: string;
  instanceId: string;
  name: string;
  status: string;
}) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  const act = (what: "start" | "stop" | "restart") =>
    action.run(() => api.POST(`/api/v1/instances/{instanceId}/actions/${what}`, { params: { path: { instanceId } } }));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {status === "stopped" ? (
          <Button size="sm" variant="secondary" disabled={action.pending} onClick={() => act("start")}>
            {m.instances.start}
          </Button>
        ) : (
          <>
            <Button size="sm" variant="secondary" disabled={action.pending} onClick={() => act("restart")}>
              {m.instances.restart}
            </Button>
            <Button size="sm" variant="secondary" disabled={action.pending} onClick={() => act("stop")}>
              {m.instances.stop}
            </Button>
          </>
        )}
        <ConfirmButton
          label={m.instances.delete}
          title={m.instances.delete}
          body={interpolate(m.instances.deleteConfirm, { name })}
          typeToConfirm={name}
          typePrompt={interpolate(m.instances.typeToConfirm, { name })}
          confirmLabel={m.app.delete}
          onConfirm={async () => {
            const result = await action.run(() =>
              api.DELETE("/api/v1/instances/{instanceId}", {
                params: { path: { instanceId }, query: { force: false } },
              }),
            );
            if (result) router.push(`/t/${tenantId}/instances`);
          }}
        />
      </div>
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </div>
  );
}
