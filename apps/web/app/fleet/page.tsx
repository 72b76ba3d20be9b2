import Link from "next/link";
import { AppShell } from "../../components/app-shell";
import { AlertChannelActions, CreateAlertChannelForm } from "../../components/forms/alert-channels";
import { Pager } from "../../components/pager";
import { Sparkline } from "../../components/sparkline";
import { Badge, StatusBadge } from "../../components/ui/badge";
import { Card, EmptyState, PageHeader } from "../../components/ui/card";
import { TableHead } from "../../components/ui/table";
import { currentUser, must, serverApi } from "../../lib/api/server";
import { formatBytes, formatDateTime, formatNumber, interpolate } from "../../lib/i18n/format";
import { getI18n, titled } from "../../lib/i18n/server";

export const dynamic = "force-dynamic";

export const generateMetadata = titled((m) => m.fleet.title);

/** Every instance of every tenant, for operators: health, people online, login times, certificates, backups. */
export default async function FleetPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { cursor } = await searchParams;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const me = await currentUser();
  if (!me.isOperator) {
    return (
      <AppShell user={me}>
        <EmptyState title={m.fleet.title} body={m.fleet.operatorsOnly} />
      </AppShell>
    );
  }
  const [fleet, alerts, channels] = await Promise.all([
    api.GET("/api/v1/fleet", { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }).then(must),
    api.GET("/api/v1/fleet/alerts", { params: { query: { limit: 20, status: "open" } } }).then(must),
    api.GET("/api/v1/fleet/alert-channels", { params: { query: { limit: 50 } } }).then(must),
  ]);
  return (
    <AppShell user={me}>
      <PageHeader
        title={m.fleet.title}
        lead={m.fleet.lead}
        actions={
          <a href="/admin/queues" className="text-sm text-brand-700 underline">
            {m.fleet.queues}
          </a>
        }
      />
      {alerts.items.length ? (
        <Card title={m.fleet.openAlerts} className="mb-6">
          <ul className="divide-y divide-zinc-200">
            {alerts.items.map((alert) => (
              <li key={alert.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-medium">{alert.subjectName}</span>: {alert.message}
                </span>
                <span className="text-xs text-zinc-600">
                  {m.alerts.opened} {formatDateTime(locale, alert.openedAt)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {fleet.items.length === 0 ? (
        <EmptyState title={m.fleet.emptyTitle} body={m.fleet.emptyBody} />
      ) : (
        <Card>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable, so that keyboard users can scroll the wide table on a phone */}
          <section className="overflow-x-auto" tabIndex={0} aria-label={m.fleet.title}>
            <table className="w-full text-left text-sm">
              <TableHead
                columns={[
                  m.fleet.instance,
                  m.fleet.placement,
                  m.fleet.health,
                  m.fleet.tenant,
                  m.fleet.domains,
                  m.fleet.online,
                  m.fleet.memory,
                  m.fleet.login,
                  m.fleet.certificate,
                  m.fleet.lastBackup,
                ]}
              />
              <tbody className="divide-y divide-zinc-200">
                {fleet.items.map((row) => (
                  <tr key={row.instance.id} data-instance={row.instance.name} data-placement={row.instance.placement}>
                    <td className="py-2 pr-4 font-medium">
                      {row.tenant ? (
                        <Link
                          href={`/t/${row.tenant.id}/instances/${row.instance.id}/health`}
                          className="text-brand-700 underline"
                        >
                          {row.instance.name}
                        </Link>
                      ) : (
                        row.instance.name
                      )}
                    </td>
                    <td className="py-2 pr-4">
                      <Badge tone={row.instance.placement === "shared" ? "blue" : "zinc"}>
                        {m.fleet.placements[row.instance.placement]}
                      </Badge>
                    </td>
                    <td className="py-2 pr-4">
                      <StatusBadge status={row.health.status} labels={m.status} />
                      {row.health.reasons[0] ? (
                        <p className="mt-1 text-xs text-zinc-600">{row.health.reasons[0].message}</p>
                      ) : null}
                    </td>
                    <td className="py-2 pr-4">{row.tenant?.name ?? "—"}</td>
                    <td className="py-2 pr-4">
                      {row.instance.placement === "shared" && row.capacity !== null
                        ? interpolate(m.fleet.addresses, {
                            n: formatNumber(locale, row.domainCount),
                            capacity: formatNumber(locale, row.capacity),
                          })
                        : row.domains.join(", ") || "—"}
                    </td>
                    <td className="py-2 pr-4">
                      {row.onlineUsers === null ? "—" : formatNumber(locale, row.onlineUsers)}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-4">
                      {row.memoryBytes === null ? "—" : formatBytes(locale, row.memoryBytes)}
                    </td>
                    <td className="py-2 pr-4">
                      <Sparkline values={row.loginSparkline} label={`${m.fleet.login}: ${row.instance.name}`} />
                    </td>
                    <td className="py-2 pr-4">
                      {row.certificateDaysLeft === null
                        ? "—"
                        : interpolate(m.fleet.daysLeft, { n: row.certificateDaysLeft })}
                    </td>
                    <td className="py-2 pr-4">
                      {row.lastBackup ? (
                        <>
                          {formatDateTime(locale, row.lastBackup.at)}{" "}
                          <StatusBadge status={row.lastBackup.status} labels={m.status} />
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <Pager nextCursor={fleet.nextCursor} />
        </Card>
      )}
      <Card title={m.fleet.channels} className="mt-6">
        <p className="mb-3 text-sm text-zinc-700">{m.fleet.channelsLead}</p>
        <div className="grid gap-6 md:grid-cols-2">
          <ul className="divide-y divide-zinc-200">
            {channels.items.map((channel) => (
              <li key={channel.id} className="space-y-1 py-2">
                <p className="text-sm font-medium">
                  {channel.name} <span className="font-normal text-zinc-600">({channel.kind})</span>
                </p>
                <p className="break-all text-xs text-zinc-600">{channel.target}</p>
                <AlertChannelActions channelId={channel.id} name={channel.name} />
              </li>
            ))}
          </ul>
          <CreateAlertChannelForm />
        </div>
      </Card>
    </AppShell>
  );
}
