import { AlertChannelList, CreateAlertChannelForm } from "../../../../components/forms/alert-channels";
import { ListPage, Rows } from "../../../../components/list-page";
import { StatusBadge } from "../../../../components/ui/badge";
import { Card } from "../../../../components/ui/card";
import { must } from "../../../../lib/api/server";
import { alertMessage, alertTitle } from "../../../../lib/i18n/codes";
import { formatDateTime } from "../../../../lib/i18n/format";
import { titled } from "../../../../lib/i18n/server";
import { openTenantList, type TenantListProps } from "../../../../lib/tenant-page";

export const generateMetadata = titled((m) => m.alerts.title);

export default async function AlertsPage(props: TenantListProps) {
  const { tenantId, m, locale, api, paging } = await openTenantList(props);
  const [alerts, channels] = await Promise.all([
    api.GET("/api/v1/tenants/{tenantId}/alerts", { params: { path: { tenantId }, query: paging(50) } }).then(must),
    api
      .GET("/api/v1/tenants/{tenantId}/alert-channels", { params: { path: { tenantId }, query: { limit: 50 } } })
      .then(must),
  ]);
  const aside = (
    <div className="space-y-6">
      <Card title={m.alerts.channels}>
        <p className="mb-3 text-sm text-zinc-700">{m.alerts.channelsLead}</p>
        <AlertChannelList channels={channels.items} className="mb-4" />
        <CreateAlertChannelForm tenantId={tenantId} />
      </Card>
    </div>
  );
  return (
    <ListPage texts={m.alerts} page={alerts} aside={aside}>
      <Rows>
        {alerts.items.map((alert) => (
          <li key={alert.id} className="flex flex-wrap items-start justify-between gap-2 py-3" data-alert={alert.rule}>
            <div>
              <p className="font-medium">{alertTitle(m, alert)}</p>
              <p className="text-sm text-zinc-700">{alertMessage(m, locale, alert)}</p>
              <p className="text-xs text-zinc-600">
                {alert.subjectName} · {m.alerts.opened} {formatDateTime(locale, alert.openedAt)}
                {alert.resolvedAt ? ` · ${m.alerts.resolvedAt} ${formatDateTime(locale, alert.resolvedAt)}` : ""}
              </p>
            </div>
            <StatusBadge status={alert.status} labels={m.status} />
          </li>
        ))}
      </Rows>
    </ListPage>
  );
}
