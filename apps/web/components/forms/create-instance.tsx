"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { createdPage } from "../../lib/use-open-when-done";
import { ActionForm } from "../action-form";
import { SelectField, TextField } from "../ui/field";

export function CreateInstanceForm({ tenantId }: { tenantId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      send={(form) => {
        const name = String(form.get("instanceName") ?? "");
        const server = form.get("instanceServer") === "ejabberd" ? "ejabberd" : "prosody";
        return api.POST("/api/v1/tenants/{tenantId}/instances", {
          params: { path: { tenantId } },
          body: { name, server },
        });
      }}
      opens={(data) => createdPage(data, "instance", `/t/${tenantId}/instances`)}
      submit={m.instances.create}
      busy={Boolean(action.operationId)}
    >
      <TextField
        id="instanceName"
        label={m.instances.name}
        hint={m.instances.nameHint}
        required
        maxLength={40}
        {...action.field("name")}
      />
      <SelectField
        id="instanceServer"
        label={m.instances.software}
        hint={m.instances.softwareHint}
        defaultValue="prosody"
        {...action.field("server")}
      >
        <option value="prosody">{m.instances.prosody}</option>
        <option value="ejabberd">{m.instances.ejabberd}</option>
      </SelectField>
    </ActionForm>
  );
}
