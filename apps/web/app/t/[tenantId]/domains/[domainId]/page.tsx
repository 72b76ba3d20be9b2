import Link from "next/link";
import { BackupsCard } from "../../../../../components/backups-card";
import { CompliancePanel, scoreTone } from "../../../../../components/compliance-panel";
import { DetailHeader } from "../../../../../components/detail-header";
import { DnsPanel } from "../../../../../components/dns-panel";
import { DomainMoveCard } from "../../../../../components/domain-move-card";
import { DomainSettingsPanel } from "../../../../../components/domain-settings-panel";
import { AccountActions, CreateAccountForm } from "../../../../../components/forms/accounts";
import { ImportMembersForm } from "../../../../../components/forms/imports";
import { CopyLink, CreateInviteForm, RevokeInviteButton } from "../../../../../components/forms/invites";
import { ResetLinkAction } from "../../../../../components/forms/reset-links";
import {
  CreateRoomForm,
  DeleteRoomButton,
  RenameRoomForm,
  RoomMembersForm,
} from "../../../../../components/forms/rooms";
import { SuspensionAction } from "../../../../../components/forms/suspension";
import { IrcGatewayCard } from "../../../../../components/irc-gateway-card";
import { MainWithAside, PagedList, Rows } from "../../../../../components/list-page";
import { QrCode } from "../../../../../components/qr-code";
import { RegistrationPanels } from "../../../../../components/registration-panels";
import { Badge, StatusBadge } from "../../../../../components/ui/badge";
import { Card } from "../../../../../components/ui/card";
import { Alert } from "../../../../../components/ui/field";
import { currentUser, must, roleIn, seesSecrets, serverApi } from "../../../../../lib/api/server";
import { reasonText } from "../../../../../lib/i18n/codes";
import type { Messages } from "../../../../../lib/i18n/en";
import {
  formatBytes,
  formatDateTime,
  formatNumber,
  formatRelative,
  interpolate,
  plural,
} from "../../../../../lib/i18n/format";
import { getI18n } from "../../../../../lib/i18n/server";

const tabs = ["accounts", "rooms", "invites", "signups", "dns", "compliance", "backups", "irc", "settings"] as const;
type Tab = (typeof tabs)[number];

export default async function DomainPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string; domainId: string }>;
  searchParams: Promise<{ tab?: string; cursor?: string }>;
}) {
  const { tenantId, domainId } = await params;
  const query = await searchParams;
  // Invite links are secrets: a viewer (or an operator's support view) has no invites tab.
  const role = roleIn(await currentUser(), tenantId);
  // Sign-ups carry applicants' email and network addresses: for owners and admins only, like invites.
  const shown = seesSecrets(role) ? tabs : tabs.filter((t) => t !== "invites" && t !== "signups");
  const tab: Tab = shown.find((t) => t === query.tab) ?? "accounts";
  const cursor = query.cursor ? { cursor: query.cursor } : {};
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const read = must(await api.GET("/api/v1/domains/{domainId}", { params: { path: { domainId } } }));
  // A free address lives on a shared server, which tenants never see: no instance to link to (the API names it to
  // operators, who see the family's pages as the family does).
  const domain = read.placement === "shared" ? { ...read, instanceId: null } : read;
  const { instanceId } = domain;
  const [health, compliance, instance] = await Promise.all([
    api.GET("/api/v1/domains/{domainId}/health", { params: { path: { domainId } } }).then(must),
    api.GET("/api/v1/domains/{domainId}/compliance", { params: { path: { domainId } } }).then(must),
    instanceId
      ? api.GET("/api/v1/instances/{instanceId}", { params: { path: { instanceId } } }).then(must)
      : Promise.resolve(null),
  ]);
  const base = `/t/${tenantId}/domains/${domainId}`;
  // Moving to another server is for owners and admins; viewers and the support view (a viewer's role) never see it.
  const canMove = role === "owner" || role === "admin";
  const moveLink = canMove ? (
    <p className="text-sm">
      <Link href={`${base}?tab=settings#move`} className="text-brand-700 underline" data-move-link>
        {instanceId === null ? m.moves.titleOwn : m.moves.title}
      </Link>
    </p>
  ) : null;
  // The page of accounts, rooms or invites the address asks for.
  const paged = { params: { path: { domainId }, query: { limit: 50, ...cursor } } };
  const labels: Record<Tab, string> = {
    accounts: m.accounts.title,
    rooms: m.rooms.title,
    invites: m.invites.title,
    signups: m.signups.tab,
    dns: `${m.domains.dns} · ${m.domains.certificate}`,
    compliance: m.compliance.tab,
    backups: m.backups.title,
    irc: m.irc.title,
    settings: m.domains.settingsTab,
  };

  let body: React.ReactNode = null;
  if (tab === "accounts") {
    const accounts = must(await api.GET("/api/v1/domains/{domainId}/accounts", paged));
    const aside = (
      <div className="space-y-4">
        <Card title={m.accounts.create}>
          <CreateAccountForm domainId={domainId} domain={domain.name} />
        </Card>
        {role === "owner" || role === "admin" ? (
          <Card title={m.imports.action}>
            <ImportMembersForm domainId={domainId} />
          </Card>
        ) : null}
      </div>
    );
    body = (
      <MainWithAside aside={aside}>
        <PagedList texts={m.accounts} page={accounts} query={{ tab }} inCard>
          <Rows>
            {accounts.items.map((account) => (
              <li key={account.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    {account.jid}
                    {account.suspendedAt ? <Badge tone="amber">{m.accounts.suspended}</Badge> : null}
                  </p>
                  <p className="text-xs text-zinc-600">
                    {m.accounts.origins[account.origin as keyof typeof m.accounts.origins] ?? account.origin} ·{" "}
                    {m.status[account.state]}
                  </p>
                  {account.suspendedAt ? (
                    <p className="text-xs text-zinc-600">
                      {interpolate(m.accounts.suspendedSince, { date: formatDateTime(locale, account.suspendedAt) })}
                      {account.suspendedReason ? ` · ${account.suspendedReason}` : ""}
                    </p>
                  ) : null}
                </div>
                <div className="flex flex-wrap items-start justify-end gap-2">
                  <SuspensionAction accountId={account.id} jid={account.jid} suspended={account.suspendedAt !== null} />
                  <ResetLinkAction accountId={account.id} jid={account.jid} />
                  <AccountActions accountId={account.id} jid={account.jid} />
                </div>
              </li>
            ))}
          </Rows>
        </PagedList>
      </MainWithAside>
    );
  } else if (tab === "rooms") {
    const rooms = must(await api.GET("/api/v1/domains/{domainId}/rooms", paged));
    const aside = (
      <Card title={m.rooms.create}>
        <CreateRoomForm domainId={domainId} />
      </Card>
    );
    body = (
      <MainWithAside aside={aside} mainClassName="space-y-4">
        <PagedList texts={m.rooms} page={rooms} query={{ tab }}>
          {rooms.items.map((room) => (
            <Card
              key={room.id}
              title={
                <span className="flex flex-wrap items-center gap-2">
                  {room.title || room.name} <span className="text-sm font-normal text-zinc-600">{room.jid}</span>
                  {room.membersOnly ? <Badge tone="blue">{m.rooms.membersOnly}</Badge> : null}
                </span>
              }
              actions={
                <span className="flex items-center gap-2">
                  <Link href={`${base}/rooms/${room.id}`} className="text-sm text-brand-700 underline">
                    {m.rooms.moderate}
                  </Link>
                  <DeleteRoomButton roomId={room.id} name={room.title || room.name} />
                </span>
              }
            >
              <div className="space-y-4">
                <RenameRoomForm roomId={room.id} title={room.title || room.name} />
                <RoomMembersForm roomId={room.id} members={room.members} />
              </div>
            </Card>
          ))}
        </PagedList>
      </MainWithAside>
    );
  } else if (tab === "invites") {
    const [invites, rooms, accounts] = await Promise.all([
      api.GET("/api/v1/domains/{domainId}/invites", paged).then(must),
      api.GET("/api/v1/domains/{domainId}/rooms", { params: { path: { domainId }, query: { limit: 200 } } }).then(must),
      api
        .GET("/api/v1/domains/{domainId}/accounts", { params: { path: { domainId }, query: { limit: 200 } } })
        .then(must),
    ]);
    const aside = (
      <Card title={m.invites.create}>
        <CreateInviteForm
          domainId={domainId}
          rooms={rooms.items.map((r) => ({ id: r.id, label: r.title || r.name }))}
          accounts={accounts.items.map((a) => ({ id: a.id, jid: a.jid }))}
        />
      </Card>
    );
    body = (
      <MainWithAside aside={aside} mainClassName="space-y-4">
        {domain.registration === "closed" ? <Alert tone="info">{m.invites.needsPolicy}</Alert> : null}
        {domain.features.inBandInvites ? null : <Alert tone="info">{m.instances.noInBandInvites}</Alert>}
        <PagedList texts={m.invites} page={invites} query={{ tab }}>
          {invites.items.map((invite) => (
            <Card
              key={invite.id}
              title={
                <span className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={invite.status} labels={m.status} />
                  <span className="text-sm font-normal text-zinc-700">
                    {m.invites.uses}: {invite.uses}/{invite.maxUses} · {m.invites.expires}{" "}
                    {formatDateTime(locale, invite.expiresAt)}
                  </span>
                </span>
              }
              actions={invite.status === "active" ? <RevokeInviteButton inviteId={invite.id} /> : null}
            >
              <div className="flex flex-wrap items-start gap-4">
                {invite.status === "active" ? (
                  <div className="w-28 shrink-0">
                    <QrCode value={invite.url} label={m.invites.qr} />
                  </div>
                ) : null}
                <div className="min-w-0 flex-1 space-y-2 text-sm">
                  <p className="text-zinc-700">{m.invites.share}</p>
                  <CopyLink url={invite.url} />
                  {invite.rooms.length ? (
                    <p className="text-zinc-700">
                      {m.invites.rooms}: {invite.rooms.map((r) => r.title || r.name).join(", ")}
                    </p>
                  ) : null}
                  {invite.inviter ? (
                    <p className="text-zinc-700">
                      {m.invites.inviter}: {invite.inviter}
                    </p>
                  ) : null}
                </div>
              </div>
            </Card>
          ))}
        </PagedList>
      </MainWithAside>
    );
  } else if (tab === "signups") {
    const [signups, blocks] = await Promise.all([
      api.GET("/api/v1/domains/{domainId}/signups", paged).then(must),
      api
        .GET("/api/v1/domains/{domainId}/registration-blocks", {
          params: { path: { domainId }, query: { limit: 200 } },
        })
        .then(must),
    ]);
    body = <RegistrationPanels domain={domain} signups={signups} blocks={blocks.items} m={m} locale={locale} />;
  } else if (tab === "dns") {
    const [dns, certificates] = await Promise.all([
      api.GET("/api/v1/domains/{domainId}/dns", { params: { path: { domainId } } }).then(must),
      api.GET("/api/v1/domains/{domainId}/certificates", { params: { path: { domainId } } }).then(must),
    ]);
    body = <DnsPanel domainId={domainId} dns={dns} certificates={certificates} m={m} locale={locale} />;
  } else if (tab === "compliance") {
    body = (
      <CompliancePanel
        domainId={domainId}
        compliance={compliance}
        isOwner={role === "owner"}
        canCheck={role === "owner" || role === "admin"}
        m={m}
        locale={locale}
      />
    );
  } else if (tab === "backups" && !domain.features.domainBackups) {
    const isOwner = roleIn(await currentUser(), tenantId) === "owner";
    body = (
      <div className="space-y-6">
        <Card title={m.backups.title}>
          <p className="text-sm text-zinc-700" data-testid="whole-server-backups">
            {m.backups.wholeServerOnly}
          </p>
          {domain.instanceId ? (
            <p className="mt-3 text-sm">
              <Link className="text-brand-700 underline" href={`/t/${tenantId}/instances/${domain.instanceId}`}>
                {m.backups.serverBackups}
              </Link>
            </p>
          ) : null}
        </Card>
        {isOwner ? <ExportCard domainId={domainId} name={domain.name} m={m} /> : null}
      </div>
    );
  } else if (tab === "backups") {
    const [backups, me] = await Promise.all([
      api
        .GET("/api/v1/domains/{domainId}/backups", { params: { path: { domainId }, query: { limit: 20, ...cursor } } })
        .then(must),
      currentUser(),
    ]);
    const isOwner = roleIn(me, tenantId) === "owner";
    body = (
      <div className="space-y-6">
        <BackupsCard
          target={{ domainId }}
          domain={domain.name}
          backups={backups}
          isOwner={isOwner}
          pageQuery={{ tab }}
        />
        {/* The export is for owners: it holds every message and every account's credentials as stored. */}
        {isOwner ? <ExportCard domainId={domainId} name={domain.name} m={m} /> : null}
      </div>
    );
  } else if (tab === "irc") {
    const gateway = must(await api.GET("/api/v1/domains/{domainId}/irc-gateway", { params: { path: { domainId } } }));
    // Viewers see the gateway but not its buttons: only owners and admins may turn it on or off.
    body = <IrcGatewayCard gateway={gateway} canChange={role === "owner" || role === "admin"} />;
  } else {
    const [settings, federation, platform] = await Promise.all([
      api.GET("/api/v1/domains/{domainId}/settings", { params: { path: { domainId } } }).then(must),
      api.GET("/api/v1/domains/{domainId}/federation", { params: { path: { domainId } } }).then(must),
      api.GET("/api/v1/platform").then(must),
    ]);
    // Viewers read every setting; only owners and admins change them (the API refuses the others anyway).
    body = (
      <div className="space-y-6">
        <DomainSettingsPanel
          domain={domain}
          settings={settings}
          federation={federation}
          platformBase={platform.baseDomain}
          server={instance?.server ?? null}
          back={instanceId ? `/t/${tenantId}/instances/${instanceId}` : `/t/${tenantId}/domains`}
          canChange={canMove}
        />
        {canMove ? (
          <div id="move" className="max-w-3xl">
            <DomainMoveCard tenantId={tenantId} domain={domain} server={instance?.server ?? null} />
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <>
      <DetailHeader
        back={`/t/${tenantId}/domains`}
        backLabel={m.domains.title}
        title={domain.name}
        status={domain.chat}
        badges={
          <>
            <Badge tone={domain.verified ? "green" : "amber"}>
              {domain.verified ? m.domains.verified : m.domains.notVerified}
            </Badge>
            {compliance.latest ? (
              <Link href={`${base}?tab=compliance`} data-compliance-badge={compliance.latest.score}>
                <Badge tone={scoreTone(compliance.latest.score)}>
                  {interpolate(m.compliance.headerBadge, { score: compliance.latest.score })}
                </Badge>
              </Link>
            ) : null}
          </>
        }
      />
      {domain.chat === "stopped" || domain.chat === "unavailable" ? (
        <div
          role="alert"
          data-chat-banner={domain.chat}
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {interpolate(domain.chat === "stopped" ? m.domains.chatStopped : m.domains.chatDown, { name: domain.name })}
        </div>
      ) : null}
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <Card title={m.domains.about}>
          {instanceId === null ? (
            <div className="space-y-2 text-sm" data-placement="shared">
              <p className="font-medium">{m.freeAddress.hosted}</p>
              <p className="text-zinc-700">{m.freeAddress.hostedBody}</p>
              {domain.limits ? (
                <>
                  <h3 className="pt-1 font-semibold">{m.freeAddress.limits}</h3>
                  <ul className="list-disc space-y-1 pl-5 text-zinc-700">
                    <li>{plural(locale, domain.limits.maxAccounts, m.freeAddress.maxAccounts)}</li>
                    <li>
                      {interpolate(m.freeAddress.upload, {
                        size: formatBytes(locale, domain.limits.uploadQuotaMb * 1048576),
                      })}
                    </li>
                    <li>{plural(locale, domain.limits.archiveDays, m.freeAddress.archive)}</li>
                  </ul>
                </>
              ) : null}
              {moveLink}
            </div>
          ) : (
            <div className="space-y-2">
              <p className="text-sm" data-placement="dedicated">
                <Link href={`/t/${tenantId}/instances/${instanceId}`} className="text-brand-700 underline">
                  {interpolate(m.domains.onServer, { name: instance?.name ?? instanceId })}
                </Link>
              </p>
              {moveLink}
            </div>
          )}
        </Card>
        <Card
          title={
            <span className="flex items-center gap-2">
              {m.domains.health} <StatusBadge status={health.status} labels={m.status} />
            </span>
          }
        >
          <div className="space-y-2 text-sm" data-health={health.status}>
            <p>{m.domains.healthSays[health.status as keyof typeof m.domains.healthSays] ?? health.status}</p>
            {health.status !== "healthy" && health.status !== "unknown" && health.reasons.length ? (
              <ul className="list-disc space-y-1 pl-5 text-zinc-700">
                {health.reasons.map((r) => (
                  <li key={r.code}>{reasonText(m, locale, r)}</li>
                ))}
              </ul>
            ) : null}
            {health.checkedAt && health.uptime30d !== null ? (
              <p className="text-zinc-700">
                {interpolate(m.domains.uptime, {
                  percent: formatNumber(locale, health.uptime30d, { style: "percent", maximumFractionDigits: 2 }),
                })}
              </p>
            ) : null}
            {health.checkedAt ? (
              <p className="text-xs text-zinc-600">
                {interpolate(m.health.checkedAt, { when: formatRelative(locale, health.checkedAt) })}
              </p>
            ) : null}
          </div>
        </Card>
      </div>
      <div className="mb-6 border-b border-zinc-200">
        <nav aria-label={m.domains.tabs} className="-mb-px flex gap-1 overflow-x-auto">
          {shown.map((t) => (
            <Link
              key={t}
              href={`${base}?tab=${t}`}
              aria-current={t === tab ? "page" : undefined}
              className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                t === tab ? "border-brand-600 text-brand-700" : "border-transparent text-zinc-700 hover:text-zinc-900"
              }`}
            >
              {labels[t]}
            </Link>
          ))}
        </nav>
      </div>
      {body}
    </>
  );
}

/** All of the domain's data as one file, for owners: the API streams it once the server has written it. */
function ExportCard({ domainId, name, m }: { domainId: string; name: string; m: Messages }) {
  return (
    <Card title={m.exports.title}>
      <p className="text-sm text-zinc-700">{interpolate(m.exports.lead, { name })}</p>
      <p className="mt-3 text-sm">
        <a
          href={`/api/v1/domains/${domainId}/export`}
          className="text-brand-700 underline"
          download={`${name}.xml`}
          data-export-link
        >
          {m.exports.download}
        </a>
      </p>
      <p className="mt-2 text-xs text-zinc-600">{m.exports.ownersOnly}</p>
    </Card>
  );
}
