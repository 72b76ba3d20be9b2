"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";
import { Alert, SelectField } from "../ui/field";
import { RegistrationOptions } from "./create-domain";

export function RegistrationPolicyForm({
  domainId,
  current,
}: {
  domainId: string;
  current: "closed" | "invite" | "open";
}) {
  const { m } = useI18n();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const registration = String(new FormData(e.currentTarget).get("policy")) as "closed" | "invite" | "open";
        const result = await action.run(() =>
          api.PATCH("/api/v1/domains/{domainId}", { params: { path: { domainId } }, body: { registration } }),
        );
        if (result) setSaved(true);
      }}
    >
      <SelectField id="policy" label={m.domains.registration} defaultValue={current}>
        <RegistrationOptions />
      </SelectField>
      <Button type="submit" variant="secondary" disabled={action.pending}>
        {m.app.save}
      </Button>
      {action.problem ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
      {saved && !action.operationId ? <Alert tone="success">{m.domains.registrationSaved}</Alert> : null}
    </form>
  );
}

export function DeleteDomainButton({ domainId, name, back }: { domainId: string; name: string; back: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  return (
    <ConfirmButton
      label={m.domains.delete}
      title={m.domains.delete}
      body={interpolate(m.domains.deleteConfirm, { name })}
      typeToConfirm={name}
      typePrompt={interpolate(m.instances.typeToConfirm, { name })}
      confirmLabel={m.app.delete}
      onConfirm={async () => {
        const result = await action.run(() =>
          api.DELETE("/api/v1/domains/{domainId}", { params: { path: { domainId } } }),
        );
        if (result) router.push(back);
      }}
    />
  );
}
