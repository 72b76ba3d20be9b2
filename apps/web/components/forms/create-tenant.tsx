"use client";
import { useRouter } from "next/navigation";
import { api } from "../../lib/api/client";
import { fieldError } from "../../lib/api/problem";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";

export function CreateTenantForm() {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("tenantName") ?? "").trim();
        const result = await action.run(() => api.POST("/api/v1/tenants", { body: { name } }));
        const tenant = result?.data as { id?: string } | undefined;
        if (tenant?.id) router.push(`/t/${tenant.id}`);
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      <TextField
        id="tenantName"
        label={m.auth.tenantName}
        hint={m.auth.tenantHint}
        required
        maxLength={100}
        error={fieldError(action.problem, "name")}
      />
      <Button type="submit" disabled={action.pending}>
        {m.app.create}
      </Button>
    </form>
  );
}
