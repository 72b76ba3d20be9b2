"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ConfirmButton } from "../confirm-button";
import { Alert } from "../ui/field";

/**
 * An operator's "Restore access" for someone locked out: behind a confirmation that says exactly what follows, then
 * the address the link went to, or why nothing was done.
 */
export function RestoreAccessButton({ userId, name, email }: { userId: string; name: string; email: string }) {
  const { m } = useI18n();
  const t = m.members;
  const action = useAction();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const problem = action.problem;
  return (
    // An operator's own action on a person, not a change to the tenant: the support view's read-only region leaves
    // it enabled, and the API allows it to operators alone.
    <div className="space-y-2" data-operator-action>
      <ConfirmButton
        label={t.restore}
        variant="secondary"
        title={interpolate(t.restoreTitle, { name })}
        body={interpolate(t.restoreBody, { email })}
        confirmLabel={t.restore}
        onConfirm={async () => {
          setSentTo(null);
          const result = await action.run(() =>
            api.POST("/api/v1/users/{userId}/restore-access", { params: { path: { userId } } }),
          );
          if (result) setSentTo((result.data as { email: string }).email);
        }}
      />
      {sentTo ? <Alert tone="success">{interpolate(t.restoreDone, { email: sentTo })}</Alert> : null}
      {problem ? (
        <Alert>
          {problem.reason === "email_not_configured" ? t.restoreNoEmail : (problem.detail ?? problem.title)}
        </Alert>
      ) : null}
    </div>
  );
}
