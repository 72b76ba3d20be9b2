import Link from "next/link";
import { OperationsTable } from "../../../components/operations-table";
import { StatusBadge } from "../../../components/ui/badge";
import { buttonClass } from "../../../components/ui/button";
import { Card, EmptyState, PageHeader } from "../../../components/ui/card";
import { currentUser, must, serverApi } from "../../../lib/api/server";
import { formatNumber, interpolate } from "../../../lib/i18n/format";
import { getI18n, titled } from "../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.overview.title);

export default async function OverviewPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const [me, instances, operations] = await Promise.all([
    currentUser(),
    api
      .GET("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId }, query: { limit: 200 } } })
      .then(must),
    api
      .GET("/api/v1/tenants/{tenantId}/operations", { params: { path: { tenantId }, query: { limit: 8 } } })
      .then(must),
  ]);
  const running = instances.items.filter((i) => i.status === "running").length;
  return (
    <>
      <PageHeader title={interpolate(m.overview.welcome, { name: me.name })} lead={m.app.tagline} />
      {instances.items.length === 0 ? (
        <EmptyState
          title={m.overview.emptyTitle}
          body={m.overview.emptyBody}
          action={
            <Link href={`/t/${tenantId}/instances`} className={buttonClass()}>
              {m.overview.emptyAction}
            </Link>
          }
        />
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card title={m.overview.instances}>
            <p className="text-3xl font-semibold">{formatNumber(locale, instances.items.length)}</p>
            <p className="text-sm text-zinc-600">
              {formatNumber(locale, running)} {m.overview.running}
            </p>
            <ul className="mt-3 space-y-2">
              {instances.items.slice(0, 5).map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-2 text-sm">
                  <Link href={`/t/${tenantId}/instances/${i.id}`} className="text-brand-700 underline">
                    {i.name}
                  </Link>
                  <StatusBadge status={i.status} labels={m.status} />
                </li>
              ))}
            </ul>
          </Card>
          <Card title={m.overview.recent} className="lg:col-span-2">
            {operations.items.length === 0 ? (
              <p className="text-sm text-zinc-600">{m.overview.noActivity}</p>
            ) : (
              <OperationsTable items={operations.items} m={m} locale={locale} />
            )}
          </Card>
        </div>
      )}
    </>
  );
}
