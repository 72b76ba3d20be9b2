"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { DeleteByNameButton } from "../confirm-button";
import { ReadOnlyRegion } from "../read-only-region";
import { Alert, SelectField } from "../ui/field";
import { RegistrationOptions } from "./create-domain";

/** Who may create accounts; shown without its button to those who cannot change it. */
export function RegistrationPolicyForm({
  domainId,
  current,
  canChange = true,
}: {
  domainId: string;
  current: "closed" | "invite" | "open" | "approval";
  canChange?: boolean;
}) {
  const { m } = useI18n();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const field = (
    <SelectField id="policy" label={m.domains.registration} defaultValue={current}>
      <RegistrationOptions />
    </SelectField>
  );
  if (!canChange) return <ReadOnlyRegion>{field}</ReadOnlyRegion>;
  return (
    <ActionForm
      action={action}
      send={(form) => {
        setSaved(false);
        const registration = String(form.get("policy")) as "closed" | "invite" | "open" | "approval";
        return api.PATCH("/api/v1/domains/{domainId}", { params: { path: { domainId } }, body: { registration } });
      }}
      onSent={() => setSaved(true)}
      submit={m.app.save}
      variant="secondary"
      keeps
      refusalsBelow
      after={saved && !action.operationId ? <Alert tone="success">{m.domains.registrationSaved}</Alert> : null}
    >
      {field}
    </ActionForm>
  );
}

export function DeleteDomainButton({ domainId, name, back }: { domainId: string; name: string; back: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  return (
    <DeleteByNameButton
      name={name}
      label={m.domains.delete}
      body={interpolate(m.domains.deleteConfirm, { name })}
      onConfirm={async () => {
        if (await action.run(() => api.DELETE("/api/v1/domains/{domainId}", { params: { path: { domainId } } }))) {
          router.push(back);
        }
      }}
    />
  );
}
