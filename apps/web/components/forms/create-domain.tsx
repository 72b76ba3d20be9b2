"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert, SelectField, TextField } from "../ui/field";

type Registration = "closed" | "invite" | "open";

export function RegistrationOptions() {
  const { m } = useI18n();
  return (
    <>
      <option value="invite">{m.domains.registrationInvite}</option>
      <option value="closed">{m.domains.registrationClosed}</option>
      <option value="open">{m.domains.registrationOpen}</option>
    </>
  );
}

/**
 * Adds the admin's own domain to one of their chat servers. Free addresses under the platform's base domain live
 * on shared servers instead (`FreeAddressForm`): the API refuses them here.
 */
export function CreateDomainForm({ tenantId, instanceId }: { tenantId: string; instanceId: string }) {
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
        const form = new FormData(element);
        const name = String(form.get("domainName") ?? "")
          .trim()
          .toLowerCase();
        const registration = String(form.get("registration")) as Registration;
        const result = await action.run(
          () =>
            api.POST("/api/v1/instances/{instanceId}/domains", {
              params: { path: { instanceId } },
              body: { name, registration },
            }),
          { reset: element },
        );
        const domain = (result?.data as { domain?: { id: string } } | undefined)?.domain;
        if (domain) setCreatedId(domain.id);
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
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
      <Button type="submit" disabled={action.pending}>
        {m.domains.add}
      </Button>
      {action.operationId ? (
        <OperationProgress
          operationId={action.operationId}
          onDone={() => {
            if (createdId) router.push(`/t/${tenantId}/domains/${createdId}`);
          }}
        />
      ) : null}
    </form>
  );
}
