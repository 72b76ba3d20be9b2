"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { createdPage } from "../../lib/use-open-when-done";
import { ActionForm } from "../action-form";
import { SelectField, TextField } from "../ui/field";

type Registration = "closed" | "invite" | "open" | "approval";

export function RegistrationOptions() {
  const { m } = useI18n();
  return (
    <>
      <option value="invite">{m.domains.registrationInvite}</option>
      <option value="closed">{m.domains.registrationClosed}</option>
      <option value="open">{m.domains.registrationOpen}</option>
      <option value="approval">{m.domains.registrationApproval}</option>
    </>
  );
}

/**
 * Adds the admin's own domain to one of their chat servers. Free addresses under the platform's base domain live
 * on shared servers instead (`FreeAddressForm`): the API refuses them here.
 */
export function CreateDomainForm({ tenantId, instanceId }: { tenantId: string; instanceId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <ActionForm
      action={action}
      send={(form) => {
        const name = String(form.get("domainName") ?? "")
          .trim()
          .toLowerCase();
        const registration = String(form.get("registration")) as Registration;
        return api.POST("/api/v1/instances/{instanceId}/domains", {
          params: { path: { instanceId } },
          body: { name, registration },
        });
      }}
      opens={(data) => createdPage(data, "domain", `/t/${tenantId}/domains`)}
      submit={m.domains.add}
    >
      <TextField
        id="domainName"
        label={m.domains.name}
        hint={m.domains.nameHint}
        required
        maxLength={253}
        autoCapitalize="none"
        {...action.field("name")}
      />
      <SelectField id="registration" label={m.domains.registration} defaultValue="invite">
        <RegistrationOptions />
      </SelectField>
    </ActionForm>
  );
}
