import { AlertChannelActions, CreateAlertChannelForm } from "../../../../components/forms/alert-channels";
import { Pager } from "../../../../components/pager";
import { StatusBadge } from "../../../../components/ui/badge";
import { Card, EmptyState, PageHeader } from "../../../../components/ui/card";
import { must, serverApi } from "../../../../lib/api/server";
import { alertMessage, alertTitle } from "../../../../lib/i18n/codes";
import { formatDateTime } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.alerts.title);

export default async function AlertsPage({
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
  const [alerts, channels] = await Promise.all([
    api
      .GET("/api/v1/tenants/{tenantId}/alerts", {
        params: { path: { tenantId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      })
      .then(must),
    api
      .GET("/api/v1/tenants/{tenantId}/alert-channels", { params: { path: { tenantId }, query: { limit: 50 } } })
      .then(must),
  ]);
  return (
    <>
      <PageHeader title={m.alerts.title} lead={m.alerts.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {alerts.items.length === 0 ? (
            <EmptyState title={m.alerts.emptyTitle} body={m.alerts.emptyBody} />
          ) : (
            <Card>
              <ul className="divide-y divide-zinc-200">
                {alerts.items.map((alert) => (
                  <li
                    key={alert.id}
                    className="flex flex-wrap items-start justify-between gap-2 py-3"
                    data-alert={alert.rule}
                  >
                    <div>
                      <p className="font-medium">{alertTitle(m, alert)}</p>
                      <p className="text-sm text-zinc-700">{alertMessage(m, locale, alert)}</p>
                      <p className="text-xs text-zinc-600">
                        {alert.subjectName} · {m.alerts.opened} {formatDateTime(locale, alert.openedAt)}
                        {alert.resolvedAt
                          ? ` · ${m.alerts.resolvedAt} ${formatDateTime(locale, alert.resolvedAt)}`
                          : ""}
                      </p>
                    </div>
                    <StatusBadge status={alert.status} labels={m.status} />
                  </li>
                ))}
              </ul>
              <Pager nextCursor={alerts.nextCursor} />
            </Card>
          )}
        </div>
        <div className="space-y-6">
          <Card title={m.alerts.channels}>
            <p className="mb-3 text-sm text-zinc-700">{m.alerts.channelsLead}</p>
            <ul className="mb-4 divide-y divide-zinc-200">
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
            <CreateAlertChannelForm tenantId={tenantId} />
          </Card>
        </div>
      </div>
    </>
  );
}
