import Link from "next/link";
import { AcceptMemberInvite } from "../../../components/accept-invite";
import { PublicShell } from "../../../components/public-shell";
import { buttonClass } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { serverApi } from "../../../lib/api/server";
import { interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

/** Where a co-admin lands from their invitation link. */
export default async function AcceptPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { m } = await getI18n();
  const api = await serverApi();
  const [{ data: invite }, { response: meResponse }] = await Promise.all([
    api.GET("/api/v1/public/member-invites/{token}", { params: { path: { token } } }),
    api.GET("/api/v1/me"),
  ]);
  if (invite?.status !== "active") {
    return (
      <PublicShell>
        <Card>
          <h1 className="text-xl font-semibold">{m.members.invalidInvite}</h1>
        </Card>
      </PublicShell>
    );
  }
  const role = m.members.roles[invite.role as keyof typeof m.members.roles] ?? invite.role;
  const next = encodeURIComponent(`/accept/${token}`);
  return (
    <PublicShell>
      <Card>
        <h1 className="text-xl font-semibold">{interpolate(m.members.acceptTitle, { tenant: invite.tenantName })}</h1>
        <p className="mb-4 mt-2 text-sm text-zinc-700">
          {interpolate(m.members.acceptBody, { tenant: invite.tenantName, role })}
        </p>
        {meResponse.ok ? (
          <AcceptMemberInvite token={token} />
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-zinc-700">{m.members.signInFirst}</p>
            <div className="flex gap-2">
              <Link href={`/login?next=${next}`} className={buttonClass()}>
                {m.auth.toLogin}
              </Link>
              <Link href={`/signup?next=${next}`} className={buttonClass("secondary")}>
                {m.auth.toSignup}
              </Link>
            </div>
          </div>
        )}
      </Card>
    </PublicShell>
  );
}
