"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { fieldError } from "../../lib/api/problem";
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
        const name = String(new FormData(e.currentTarget).get("instanceName") ?? "");
        const result = await action.run(() =>
          api.POST("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId } }, body: { name } }),
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
        error={fieldError(action.problem, "name")}
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
