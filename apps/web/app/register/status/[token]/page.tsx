import { PublicShell } from "../../../../components/public-shell";
import { Card } from "../../../../components/ui/card";
import { serverApi } from "../../../../lib/api/server";
import { interpolate } from "../../../../lib/i18n/format";
import { getI18n } from "../../../../lib/i18n/server";

export const dynamic = "force-dynamic";

/** Where a sign-up waiting for approval stands, for the applicant holding its link. */
export default async function SignupStatusPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { m } = await getI18n();
  const api = await serverApi();
  const { data } = await api.GET("/api/v1/public/signups/{token}", { params: { path: { token } } });
  if (!data) {
    return (
      <PublicShell>
        <Card>
          <h1 className="text-xl font-semibold">{m.signupStatus.notFoundTitle}</h1>
          <p className="mt-2 text-sm text-zinc-700">{m.signupStatus.notFoundBody}</p>
        </Card>
      </PublicShell>
    );
  }
  const words = { jid: data.jid, domain: data.domain };
  return (
    <PublicShell>
      <Card>
        <h1 className="break-words text-xl font-semibold">{interpolate(m.signupStatus.title, words)}</h1>
        <p className="mt-2 text-sm text-zinc-700" data-signup-status={data.status}>
          {interpolate(m.signupStatus[data.status], words)}
        </p>
        {data.status === "rejected" && data.reason ? (
          <p className="mt-2 text-sm text-zinc-700">{interpolate(m.signupStatus.reason, { reason: data.reason })}</p>
        ) : null}
      </Card>
    </PublicShell>
  );
}
