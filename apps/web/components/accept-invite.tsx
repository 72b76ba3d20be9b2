"use client";
import { useRouter } from "next/navigation";
import { api } from "../lib/api/client";
import { useI18n } from "../lib/i18n/client";
import { useAction } from "../lib/use-action";
import { Button } from "./ui/button";
import { Alert } from "./ui/field";

export function AcceptMemberInvite({ token }: { token: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const action = useAction();
  return (
    <div className="space-y-3">
      <Button
        disabled={action.pending}
        onClick={async () => {
          const result = await action.run(() =>
            api.POST("/api/v1/member-invites/{token}/accept", { params: { path: { token } } }),
          );
          const tenantId = (result?.data as { tenantId?: string } | undefined)?.tenantId;
          if (result) router.push(tenantId ? `/t/${tenantId}` : "/");
        }}
      >
        {m.members.accept}
      </Button>
      {action.problem ? (
        <Alert>
          {action.problem.status === 410 ? m.members.invalidInvite : (action.problem.detail ?? action.problem.title)}
        </Alert>
      ) : null}
    </div>
  );
}
