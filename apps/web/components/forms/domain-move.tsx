"use client";
import { type ReactNode, useId, useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { formatNumber, interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionProgress } from "../action-outcome";
import { useConfirmation } from "../confirm-button";
import { Button } from "../ui/button";
import { Alert, SelectField } from "../ui/field";

/** How long people could not sign in during the move, as the operation measured it (a retry measures nothing). */
function pauseSummary(result: unknown, words: string, locale: Parameters<typeof formatNumber>[0]): string | null {
  const ms = (result as { loginsRefusedMs?: unknown } | null | undefined)?.loginsRefusedMs;
  if (typeof ms !== "number") return null;
  const seconds = formatNumber(locale, ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return interpolate(words, { seconds });
}

/** A server a domain may move to, as the select shows it. */
export interface MoveTarget {
  id: string;
  label: string;
}

/**
 * Moves a domain with all its data to the chosen server, after a confirmation that says what people will notice;
 * then the move's progress, and the page's data refreshed once it ends. `label` names the select; `empty` is shown
 * instead of the form when there is nowhere to go (but not under a move that just ended, whose outcome stays).
 */
export function MoveDomainForm({
  domainId,
  name,
  targets,
  label,
  empty = null,
}: {
  domainId: string;
  name: string;
  targets: MoveTarget[];
  label: string;
  empty?: ReactNode;
}) {
  const { m, locale } = useI18n();
  const t = m.moves;
  const action = useAction();
  const { ask, dialog } = useConfirmation();
  const [targetInstanceId, setTarget] = useState(targets[0]?.id ?? "");
  const id = useId();
  const field = action.field("targetInstanceId");
  const problem = action.problem;
  // The refusal's reason in the dictionary's words, in English too: the API's English is written for developers.
  const reasons = m.problems.reasons as Record<string, string | undefined>;
  const words = problem?.reason ? reasons[problem.reason] : undefined;
  const refusal =
    problem && !field.error
      ? words
        ? interpolate(words, problem.params ?? {})
        : (problem.detail ?? problem.title)
      : null;
  const chosen = targets.find((s) => s.id === targetInstanceId) ?? targets[0];

  return (
    <div className="space-y-3" data-domain-move={name}>
      {targets.length === 0 ? (
        action.operationId ? null : (
          empty
        )
      ) : (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!chosen) return;
            const yes = await ask({
              title: interpolate(t.confirmTitle, { name, server: chosen.label }),
              body: interpolate(t.confirmBody, { name }),
              confirmLabel: t.confirm,
            });
            if (!yes) return;
            await action.run(() =>
              api.POST("/api/v1/domains/{domainId}/move", {
                params: { path: { domainId } },
                body: { targetInstanceId: chosen.id },
              }),
            );
          }}
        >
          <div className="min-w-0 flex-1 basis-48">
            <SelectField
              id={`move-${id}`}
              label={label}
              value={chosen?.id ?? ""}
              error={field.error}
              onChange={(e) => {
                setTarget(e.target.value);
                field.onChange();
              }}
            >
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </SelectField>
          </div>
          <Button type="submit" variant="secondary" disabled={action.pending || !chosen}>
            {t.action}
          </Button>
        </form>
      )}
      {refusal ? <Alert>{refusal}</Alert> : null}
      <ActionProgress action={action} summary={(result) => pauseSummary(result, t.paused, locale)} />
      {dialog}
    </div>
  );
}
