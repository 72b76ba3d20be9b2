"use client";
import { useRouter } from "next/navigation";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { TextField } from "../ui/field";

export function CreateTenantForm() {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      send={(form) => api.POST("/api/v1/tenants", { body: { name: String(form.get("tenantName") ?? "").trim() } })}
      onSent={(data) => {
        const tenant = data as { id?: string } | undefined;
        if (tenant?.id) router.push(`/t/${tenant.id}`);
      }}
      submit={m.app.create}
    >
      <TextField
        id="tenantName"
        label={m.auth.tenantName}
        hint={m.auth.tenantHint}
        required
        maxLength={100}
        {...action.field("name")}
      />
    </ActionForm>
  );
}
