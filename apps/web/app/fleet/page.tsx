import Link from "next/link";
import { AppShell } from "../../components/app-shell";
import { AlertChannelList, CreateAlertChannelForm } from "../../components/forms/alert-channels";
import { Pager } from "../../components/pager";
import { Sparkline } from "../../components/sparkline";
import { Badge, StatusBadge } from "../../components/ui/badge";
import { buttonClass } from "../../components/ui/button";
import { Card, EmptyState, PageHeader } from "../../components/ui/card";
import { SelectField, TextField } from "../../components/ui/field";
import { Cell, Table } from "../../components/ui/table";
import { currentUser, must, serverApi } from "../../lib/api/server";
import { alertMessage, reasonText } from "../../lib/i18n/codes";
import { formatBytes, formatDateTime, formatNumber, interpolate, type Locale } from "../../lib/i18n/format";
import { getI18n, titled } from "../../lib/i18n/server";

export const dynamic = "force-dynamic";

export const generateMetadata = titled((m) => m.fleet.title);

const statuses = ["healthy", "degraded", "down", "unknown"] as const;
const servers = ["prosody", "ejabberd"] as const;
const placements = ["dedicated", "shared"] as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Params = {
  cursor?: string;
  search?: string;
  status?: string;
  tenantId?: string;
  server?: string;
  placement?: string;
};

function one<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((v) => v === value);
}

/** "1 server", "3 servers": the plural form the locale's rules pick. */
function plural(locale: Locale, forms: { one: string; other: string }, n: number): string {
  const form = new Intl.PluralRules(locale).select(n) === "one" ? forms.one : forms.other;
  return interpolate(form, { n: formatNumber(locale, n) });
}

/**
 * Every chat server of every tenant, for operators: a plain GET form searches and filters (no script needed), and
 * each row opens that tenant's pages in the read-only support view (or, for a shared server, the server's page).
 */
export default async function FleetPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
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
  // Only values the API accepts are passed on; anything else is as if not given.
  const filters = {
    search: params.search?.trim().slice(0, 100) || undefined,
    status: one(statuses, params.status),
    tenantId: params.tenantId && ID.test(params.tenantId) ? params.tenantId : undefined,
    server: one(servers, params.server),
    placement: one(placements, params.placement),
  };
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const cursor = params.cursor && ID.test(params.cursor) ? params.cursor : undefined;
  const [fleet, alerts, channels, tenants] = await Promise.all([
    api
      .GET("/api/v1/fleet", { params: { query: { limit: 50, ...filters, ...(cursor ? { cursor } : {}) } } })
      .then(must),
    api.GET("/api/v1/fleet/alerts", { params: { query: { limit: 20, status: "open" } } }).then(must),
    api.GET("/api/v1/fleet/alert-channels", { params: { query: { limit: 50 } } }).then(must),
    api.GET("/api/v1/fleet/tenants", { params: { query: { limit: 200 } } }).then(must),
  ]);
  const tenantOptions =
    filters.tenantId && !tenants.items.some((t) => t.id === filters.tenantId)
      ? [...tenants.items, { id: filters.tenantId, name: filters.tenantId }]
      : tenants.items;
  const filtered = Object.keys(query).length > 0;
  return (
    <AppShell user={me}>
      <PageHeader
        title={m.fleet.title}
        lead={m.fleet.lead}
        actions={
          // The API's own dashboard, forwarded by the web app's server (apps/web/api-proxy.mjs): not a Next page.
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
                <span className="min-w-0 break-words">
                  <span className="font-medium">{alert.subjectName}</span>: {alertMessage(m, locale, alert)}
                </span>
                <span className="text-xs text-zinc-600">
                  {m.alerts.opened} {formatDateTime(locale, alert.openedAt)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card className="mb-6">
        <search aria-label={m.fleet.filters}>
          <form method="get" action="/fleet">
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              <div className="sm:col-span-2 lg:col-span-1">
                <TextField
                  id="search"
                  type="search"
                  label={m.fleet.search}
                  hint={m.fleet.searchHint}
                  maxLength={100}
                  defaultValue={filters.search ?? ""}
                />
              </div>
              <SelectField id="status" label={m.fleet.status} defaultValue={filters.status ?? ""}>
                <option value="">{m.fleet.allStatuses}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {m.status[s]}
                  </option>
                ))}
              </SelectField>
              <SelectField id="tenantId" label={m.fleet.tenantFilter} defaultValue={filters.tenantId ?? ""}>
                <option value="">{m.fleet.allTenants}</option>
                {tenantOptions.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </SelectField>
              <SelectField id="server" label={m.fleet.server} defaultValue={filters.server ?? ""}>
                <option value="">{m.fleet.allServers}</option>
                <option value="prosody">Prosody</option>
                <option value="ejabberd">ejabberd</option>
              </SelectField>
              <SelectField id="placement" label={m.fleet.placement} defaultValue={filters.placement ?? ""}>
                <option value="">{m.fleet.allPlacements}</option>
                {placements.map((p) => (
                  <option key={p} value={p}>
                    {m.fleet.placements[p]}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <button type="submit" className={buttonClass("primary", "sm")}>
                {m.fleet.apply}
              </button>
              {filtered ? (
                <Link href="/fleet" className="text-sm text-brand-700 underline">
                  {m.fleet.clear}
                </Link>
              ) : null}
            </div>
          </form>
        </search>
      </Card>
      {fleet.items.length === 0 ? (
        filtered ? (
          <EmptyState title={m.fleet.noMatchTitle} body={m.fleet.noMatchBody} />
        ) : (
          <EmptyState title={m.fleet.emptyTitle} body={m.fleet.emptyBody} />
        )
      ) : (
        <Card title={<span data-total={fleet.total}>{plural(locale, m.fleet.total, fleet.total)}</span>}>
          <Table
            label={m.fleet.title}
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
          >
            {fleet.items.map((row) => {
              const alertCount = row.openAlerts.critical + row.openAlerts.warning;
              return (
                <tr
                  key={row.instance.id}
                  data-instance={row.instance.name}
                  data-placement={row.instance.placement}
                  data-status={row.health.status}
                >
                  <Cell label={m.fleet.instance} className="py-2 pr-4 font-medium">
                    {/* Opening a tenant's pages is audited, so they are opened on purpose, never prefetched. */}
                    <Link
                      href={
                        row.tenant
                          ? `/t/${row.tenant.id}/instances/${row.instance.id}/health`
                          : `/fleet/servers/${row.instance.id}`
                      }
                      prefetch={false}
                      data-row-link
                      className="text-brand-700 underline"
                    >
                      {row.instance.name}
                    </Link>
                  </Cell>
                  <Cell label={m.fleet.placement} className="py-2 pr-4">
                    <Badge tone={row.instance.placement === "shared" ? "blue" : "zinc"}>
                      {m.fleet.placements[row.instance.placement]}
                    </Badge>
                  </Cell>
                  <Cell label={m.fleet.health} className="min-w-48 py-2 pr-4">
                    <StatusBadge status={row.health.status} labels={m.status} />
                    {alertCount ? (
                      <p className="mt-1 text-xs font-medium text-zinc-800">
                        {plural(locale, m.fleet.openAlertCount, alertCount)}
                      </p>
                    ) : null}
                    {row.health.reasons[0] ? (
                      <p className="mt-1 text-xs text-zinc-600">{reasonText(m, locale, row.health.reasons[0])}</p>
                    ) : null}
                  </Cell>
                  <Cell label={m.fleet.tenant} className="py-2 pr-4">
                    {row.tenant ? (
                      <Link href={`/t/${row.tenant.id}`} prefetch={false} className="text-brand-700 underline">
                        {row.tenant.name}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Cell>
                  <Cell label={m.fleet.domains} className="py-2 pr-4">
                    {row.instance.placement === "shared" && row.capacity !== null
                      ? interpolate(m.fleet.addresses, {
                          n: formatNumber(locale, row.domainCount),
                          capacity: formatNumber(locale, row.capacity),
                        })
                      : row.domains.join(", ") || "—"}
                    {/* A tenant's server opens in its support view: moving its addresses is on the fleet's own page. */}
                    {row.tenant && row.domains.length ? (
                      <Link
                        href={`/fleet/servers/${row.instance.id}`}
                        prefetch={false}
                        className="mt-1 block text-xs text-brand-700 underline"
                      >
                        {m.moves.fleetDomains}
                      </Link>
                    ) : null}
                  </Cell>
                  <Cell label={m.fleet.online} className="py-2 pr-4">
                    {row.onlineUsers === null ? "—" : formatNumber(locale, row.onlineUsers)}
                  </Cell>
                  <Cell label={m.fleet.memory} className="whitespace-nowrap py-2 pr-4">
                    {row.memoryBytes === null ? "—" : formatBytes(locale, row.memoryBytes)}
                  </Cell>
                  <Cell label={m.fleet.login} className="py-2 pr-4">
                    <Sparkline
                      values={row.loginSparkline}
                      label={`${m.fleet.login}: ${row.instance.name}`}
                      empty={m.health.empty}
                    />
                  </Cell>
                  <Cell label={m.fleet.certificate} className="py-2 pr-4">
                    {row.certificateDaysLeft === null ? "—" : plural(locale, m.fleet.daysLeft, row.certificateDaysLeft)}
                  </Cell>
                  <Cell label={m.fleet.lastBackup} className="py-2 pr-4">
                    {row.lastBackup ? (
                      <>
                        {formatDateTime(locale, row.lastBackup.at)}{" "}
                        <StatusBadge status={row.lastBackup.status} labels={m.status} />
                      </>
                    ) : (
                      "—"
                    )}
                  </Cell>
                </tr>
              );
            })}
          </Table>
          <div className="flex flex-wrap items-center justify-between gap-3">
            {cursor ? (
              <Link
                href={`/fleet${filtered ? `?${new URLSearchParams(query)}` : ""}`}
                className={`mt-3 ${buttonClass("secondary", "sm")}`}
              >
                {m.fleet.firstPage}
              </Link>
            ) : (
              <span />
            )}
            <Pager nextCursor={fleet.nextCursor} query={query} />
          </div>
        </Card>
      )}
      <Card title={m.fleet.channels} className="mt-6">
        <p className="mb-3 text-sm text-zinc-700">{m.fleet.channelsLead}</p>
        <div className="grid gap-6 md:grid-cols-2">
          <AlertChannelList channels={channels.items} />
          <CreateAlertChannelForm />
        </div>
      </Card>
    </AppShell>
  );
}
