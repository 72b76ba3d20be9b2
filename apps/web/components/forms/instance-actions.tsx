"use client";
import { useRouter } from "next/navigation";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionOutcome } from "../action-outcome";
import { ConfirmButton, DeleteByNameButton } from "../confirm-button";
import { Button } from "../ui/button";

export function InstanceActions({
  tenantId,
  instanceId,
  name,
  status,
  domains,
}: {
  tenantId: string;
  instanceId: string;
  name: string;
  status: string;
  /** The addresses whose people a stop or restart cuts off, named in the confirmation. */
  domains: string[];
}) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  const who = domains.length ? domains.join(", ") : m.instances.noDomains;
  const act = (what: "start" | "stop" | "restart") =>
    action.run(() => api.POST(`/api/v1/instances/{instanceId}/actions/${what}`, { params: { path: { instanceId } } }));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {status === "stopped" ? (
          <Button size="sm" variant="secondary" disabled={action.pending} onClick={() => act("start")}>
            {m.instances.start}
          </Button>
        ) : (
          <>
            <ConfirmButton
              label={m.instances.restart}
              title={m.instances.restart}
              body={interpolate(m.instances.restartConfirm, { name, domains: who })}
              confirmLabel={m.instances.restart}
              variant="secondary"
              onConfirm={() => act("restart")}
            />
            <ConfirmButton
              label={m.instances.stop}
              title={m.instances.stop}
              body={interpolate(m.instances.stopConfirm, { name, domains: who })}
              confirmLabel={m.instances.stop}
              onConfirm={() => act("stop")}
            />
          </>
        )}
        <DeleteByNameButton
          name={name}
          label={m.instances.delete}
          body={interpolate(m.instances.deleteConfirm, { name })}
          onConfirm={async () => {
            const result = await action.run(() =>
              api.DELETE("/api/v1/instances/{instanceId}", {
                params: { path: { instanceId }, query: { force: false } },
              }),
            );
            if (result) router.push(`/t/${tenantId}/instances`);
          }}
        />
      </div>
      <ActionOutcome action={action} />
    </div>
  );
}
