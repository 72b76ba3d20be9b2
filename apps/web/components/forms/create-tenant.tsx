"use client";
import { useRouter } from "next/navigation";
import { api } from "../../lib/api/client";
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
        const element = e.currentTarget;
        const name = String(new FormData(element).get("tenantName") ?? "").trim();
        const result = await action.run(() => api.POST("/api/v1/tenants", { body: { name } }), { reset: element });
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
        {...action.field("name")}
      />
      <Button type="submit" disabled={action.pending}>
        {m.app.create}
      </Button>
    </form>
  );
}
