"use client";
import { useRouter } from "next/navigation";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionProgress, ProblemAlert } from "../action-outcome";
import { ConfirmButton } from "../confirm-button";
import { Button } from "../ui/button";

/**
 * Turns a domain's IRC gateway on (or again, after it failed) and off. One component for every state, so that the
 * progress of the operation it started stays on screen while the page shows the gateway's new state.
 */
export function IrcGatewayControls({
  domainId,
  address,
  state,
}: {
  domainId: string;
  address: string;
  state: "pending" | "active" | "deleting" | "failed" | null;
}) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  const path = { params: { path: { domainId } } };
  const turnOn = () => action.run(() => api.PUT("/api/v1/domains/{domainId}/irc-gateway", path));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {state === null ? (
          <Button size="sm" disabled={action.pending} onClick={turnOn}>
            {m.irc.turnOn}
          </Button>
        ) : null}
        {state === "failed" ? (
          <Button size="sm" variant="secondary" disabled={action.pending} onClick={turnOn}>
            {m.irc.retry}
          </Button>
        ) : null}
        {state === "pending" || state === "active" || state === "failed" ? (
          <ConfirmButton
            label={m.irc.turnOff}
            title={m.irc.turnOffTitle}
            body={interpolate(m.irc.turnOffConfirm, { address })}
            confirmLabel={m.irc.turnOff}
            onConfirm={() => action.run(() => api.DELETE("/api/v1/domains/{domainId}/irc-gateway", path))}
          />
        ) : null}
      </div>
      <ProblemAlert problem={action.problem} />
      {/* A start that failed marks the gateway failed just after its operation ends: look again a moment later. */}
      <ActionProgress action={action} onDone={() => setTimeout(() => router.refresh(), 1500)} />
    </div>
  );
}
