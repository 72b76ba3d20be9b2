"use client";
import Link from "next/link";
import { useId, useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { useConfirmation } from "../confirm-button";
import { Alert } from "../ui/field";

/**
 * The owners' switch for "owners and admins must use two-step sign-in". Turning it on can shut out owners and admins
 * who have not enrolled, so it is confirmed first; turning it off shuts nobody out.
 */
export function TenantTwoFactorSwitch({
  tenantId,
  required,
  selfEnabled,
}: {
  tenantId: string;
  required: boolean;
  /** Whether the owner looking has two-step sign-in on: the API refuses to turn it on otherwise. */
  selfEnabled: boolean;
}) {
  const { m } = useI18n();
  const t = m.members;
  const action = useAction();
  const { ask, dialog } = useConfirmation();
  const [on, setOn] = useState(required);
  const id = useId();
  const problem = action.problem;
  // The refusal's reason in the dictionary's words, in English too: the API's English is written for developers.
  const reasons = m.problems.reasons as Record<string, string | undefined>;
  const words = problem?.reason ? reasons[problem.reason] : undefined;
  const refusal = words ? interpolate(words, problem?.params ?? {}) : (problem?.detail ?? problem?.title);

  const change = async (next: boolean) => {
    if (
      next &&
      !(await ask({ title: t.twoFactorConfirmTitle, body: t.twoFactorConfirmBody, confirmLabel: t.twoFactorConfirm }))
    )
      return;
    const result = await action.run(() =>
      api.PUT("/api/v1/tenants/{tenantId}/two-factor", {
        params: { path: { tenantId } },
        body: { requireTwoFactor: next },
      }),
    );
    if (result) setOn((result.data as { requireTwoFactor: boolean }).requireTwoFactor);
  };

  return (
    <div className="space-y-3" data-tenant-two-factor={on ? "required" : "optional"}>
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-checked={on}
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600"
          checked={on}
          disabled={action.pending}
          aria-describedby={`${id}-explain`}
          onChange={(e) => void change(e.target.checked)}
        />
        <label htmlFor={id} className="text-sm font-medium text-zinc-800">
          {t.twoFactorSwitch}
        </label>
      </div>
      <p id={`${id}-explain`} className="text-sm text-zinc-700">
        {t.twoFactorExplain}
      </p>
      {selfEnabled || problem ? null : (
        <p className="text-sm text-zinc-700">
          {t.twoFactorYouFirst}{" "}
          <Link href="/security" className="font-medium text-brand-700 underline">
            {t.twoFactorSetUp}
          </Link>
        </p>
      )}
      {refusal ? (
        <Alert>
          {refusal}
          {problem?.reason === "two_factor_not_enabled" ? (
            <>
              {" "}
              <Link href="/security" className="font-medium underline">
                {t.twoFactorSetUp}
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      {dialog}
    </div>
  );
}
