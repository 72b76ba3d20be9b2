import { CopyLink } from "../../../../components/forms/invites";
import { CreateMemberInviteForm, RevokeMemberInviteButton } from "../../../../components/forms/member-invites";
import { Pager } from "../../../../components/pager";
import { Badge } from "../../../../components/ui/badge";
import { Card, PageHeader } from "../../../../components/ui/card";
import { currentUser, must, serverApi } from "../../../../lib/api/server";
import { formatDateTime, interpolate } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.members.title);

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenantId } = await params;
  const { cursor } = await searchParams;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const [me, members, invitations] = await Promise.all([
    currentUser(),
    api
      .GET("/api/v1/tenants/{tenantId}/members", {
        params: { path: { tenantId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      })
      .then(must),
    api.GET("/api/v1/tenants/{tenantId}/member-invites", { params: { path: { tenantId }, query: { limit: 50 } } }),
  ]);
  const myRole = me.tenants.find((t) => t.id === tenantId)?.role ?? "viewer";
  const pending = (invitations.data?.items ?? []).filter((i) => i.status === "active");
  return (
    <>
      <PageHeader title={m.members.title} lead={m.members.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <ul className="divide-y divide-zinc-200">
            {members.items.map((member) => (
              <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-medium">{member.name}</p>
                  <p className="text-xs text-zinc-600">{member.email}</p>
                </div>
                <Badge tone={member.role === "owner" ? "blue" : "zinc"}>{m.members.roles[member.role]}</Badge>
              </li>
            ))}
          </ul>
          <Pager nextCursor={members.nextCursor} />
        </Card>
        {myRole === "viewer" ? null : (
          <div className="space-y-6">
            <Card title={m.members.invite}>
              <CreateMemberInviteForm tenantId={tenantId} canInviteOwners={myRole === "owner"} />
            </Card>
            {pending.length ? (
              <Card title={m.members.pending}>
                <ul className="divide-y divide-zinc-200">
                  {pending.map((invite) => (
                    <li key={invite.id} className="space-y-1 py-2">
                      <p className="text-sm font-medium">
                        {m.members.roles[invite.role]} ·{" "}
                        <span className="font-normal text-zinc-600">
                          {interpolate(m.members.linkValid, { date: formatDateTime(locale, invite.expiresAt) })}
                        </span>
                      </p>
                      {invite.email ? (
                        <p className="break-all text-xs text-zinc-600">
                          {interpolate(m.members.sentToShort, { email: invite.email })}
                        </p>
                      ) : null}
                      <CopyLink url={invite.url} />
                      <RevokeMemberInviteButton memberInviteId={invite.id} />
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </div>
        )}
      </div>
    </>
  );
}
