import { CopyLink } from "../../../../components/forms/invites";
import { CreateMemberInviteForm, RevokeMemberInviteButton } from "../../../../components/forms/member-invites";
import { RestoreAccessButton } from "../../../../components/forms/restore-access";
import { TenantTwoFactorSwitch } from "../../../../components/forms/tenant-two-factor";
import { Row, Rows } from "../../../../components/list-page";
import { Pager } from "../../../../components/pager";
import { Badge } from "../../../../components/ui/badge";
import { Card, PageHeader } from "../../../../components/ui/card";
import { currentUser, must, roleIn } from "../../../../lib/api/server";
import { formatDateTime, interpolate } from "../../../../lib/i18n/format";
import { titled } from "../../../../lib/i18n/server";
import { openTenantList, type TenantListProps } from "../../../../lib/tenant-page";

export const generateMetadata = titled((m) => m.members.title);

export default async function MembersPage(props: TenantListProps) {
  const { tenantId, m, locale, api, paging } = await openTenantList(props);
  const [me, members, invitations] = await Promise.all([
    currentUser(),
    api.GET("/api/v1/tenants/{tenantId}/members", { params: { path: { tenantId }, query: paging(50) } }).then(must),
    api.GET("/api/v1/tenants/{tenantId}/member-invites", { params: { path: { tenantId }, query: { limit: 50 } } }),
  ]);
  const myRole = roleIn(me, tenantId);
  // Known to members only: the support view has no membership to read it from.
  const membership = me.tenants.find((t) => t.id === tenantId);
  const pending = (invitations.data?.items ?? []).filter((i) => i.status === "active");
  return (
    <>
      <PageHeader title={m.members.title} lead={m.members.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <Rows>
            {members.items.map((member) => (
              <Row key={member.id}>
                <div>
                  <p className="font-medium">{member.name}</p>
                  <p className="text-xs text-zinc-600">{member.email}</p>
                </div>
                <Badge tone={member.role === "owner" ? "blue" : "zinc"}>{m.members.roles[member.role]}</Badge>
                {me.isOperator && member.userId !== me.id ? (
                  <div className="basis-full">
                    <RestoreAccessButton userId={member.userId} name={member.name} email={member.email} />
                  </div>
                ) : null}
              </Row>
            ))}
          </Rows>
          <Pager nextCursor={members.nextCursor} />
        </Card>
        <div className="space-y-6">
          {membership ? (
            <Card title={m.members.twoFactorTitle}>
              {membership.role === "owner" ? (
                <TenantTwoFactorSwitch
                  tenantId={tenantId}
                  required={membership.requireTwoFactor}
                  selfEnabled={me.twoFactorEnabled}
                />
              ) : (
                <p
                  className="text-sm text-zinc-700"
                  data-tenant-two-factor={membership.requireTwoFactor ? "required" : "optional"}
                >
                  {membership.requireTwoFactor ? m.members.twoFactorRequired : m.members.twoFactorOptional}
                </p>
              )}
            </Card>
          ) : null}
          {myRole === "viewer" ? null : (
            <Card title={m.members.invite}>
              <CreateMemberInviteForm tenantId={tenantId} canInviteOwners={myRole === "owner"} />
            </Card>
          )}
          {myRole !== "viewer" && pending.length ? (
            <Card title={m.members.pending}>
              <Rows>
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
              </Rows>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
