"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api } from "../../lib/api/client";
import { fieldError } from "../../lib/api/problem";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
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

/** Adds a domain: a free subdomain of the platform when it offers one, or the admin's own domain. */
export function CreateDomainForm({
  tenantId,
  instanceId,
  baseDomain,
}: {
  tenantId: string;
  instanceId: string;
  baseDomain: string | null;
}) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  const [kind, setKind] = useState<"free" | "own">(baseDomain ? "free" : "own");
  const [createdId, setCreatedId] = useState<string | null>(null);
  const groupId = useId();
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const raw = String(form.get("domainName") ?? "")
          .trim()
          .toLowerCase();
        const name = kind === "free" && baseDomain ? `${raw}.${baseDomain}` : raw;
        const registration = String(form.get("registration")) as Registration;
        const result = await action.run(() =>
          api.POST("/api/v1/instances/{instanceId}/domains", {
            params: { path: { instanceId } },
            body: { name, registration },
          }),
        );
        const domain = (result?.data as { domain?: { id: string } } | undefined)?.domain;
        if (domain) setCreatedId(domain.id);
      }}
    >
      {action.problem && !action.problem.errors ? <Alert>{action.problem.detail ?? action.problem.title}</Alert> : null}
      {baseDomain ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{m.domains.kind}</legend>
          <div className="flex gap-4 text-sm" id={groupId}>
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" checked={kind === "free"} onChange={() => setKind("free")} />
              {m.domains.freeSubdomain}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" checked={kind === "own"} onChange={() => setKind("own")} />
              {m.domains.ownDomain}
            </label>
          </div>
        </fieldset>
      ) : null}
      <TextField
        id="domainName"
        label={m.domains.name}
        hint={
          kind === "free" && baseDomain
            ? interpolate(m.domains.freeSubdomainHint, { base: baseDomain })
            : m.domains.nameHint
        }
        required
        maxLength={253}
        autoCapitalize="none"
        error={fieldError(action.problem, "name")}
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
