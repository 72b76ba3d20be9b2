"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { OperationProgress } from "../operation-progress";
import { Button } from "../ui/button";

export function CheckDnsButton({ domainId }: { domainId: string }) {
  const { m } = useI18n();
  const action = useAction();
  return (
    <div className="space-y-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={action.pending}
        onClick={() =>
          action.run(() => api.POST("/api/v1/domains/{domainId}/dns/check", { params: { path: { domainId } } }))
        }
      >
        {m.dns.checkNow}
      </Button>
      {action.operationId ? <OperationProgress operationId={action.operationId} /> : null}
    </div>
  );
}
