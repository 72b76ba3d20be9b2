"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";

export function CreateInstanceForm({ tenantId }: { tenantId: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  const [createdId, setCreatedId] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const element = e.currentTarget;
        const name = String(new FormData(element).get("instanceName") ?? "");
        const result = await action.run(
          () => api.POST("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId } }, body: { name } }),
          { reset: element },
        );
        const instance = (result?.data as { instance?: { id: string } } | undefined)?.instance;
        if (instance) setCreatedId(instance.id);
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      <TextField
        id="instanceName"
        label={m.instances.name}
        hint={m.instances.nameHint}
        required
        maxLength={40}
        {...action.field("name")}
      />
      <Button type="submit" disabled={action.pending || Boolean(action.operationId)}>
        {m.instances.create}
      </Button>
      {action.operationId ? (
        <OperationProgress
          operationId={action.operationId}
          onDone={() => {
            if (createdId) router.push(`/t/${tenantId}/instances/${createdId}`);
          }}
        />
      ) : null}
    </form>
  );
}
