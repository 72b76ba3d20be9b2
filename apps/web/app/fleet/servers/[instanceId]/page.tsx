import Link from "next/link";
import { notFound } from "next/navigation";
import { AppShell } from "../../../../components/app-shell";
import { DetailHeader } from "../../../../components/detail-header";
import { HealthOverview } from "../../../../components/health-overview";
import { StatusBadge } from "../../../../components/ui/badge";
import { Card } from "../../../../components/ui/card";
import { currentUser, must, serverApi } from "../../../../lib/api/server";
import { formatRelative, interpolate } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const dynamic = "force-dynamic";

export const generateMetadata = titled((m) => m.fleet.title);

/**
 * Operators: one server, most often of the shared pool, which belongs to no tenant. Nothing to press here; each address
 * links to its own tenant's support view and to its "Move to…" page (to empty the server).
 */
export default async function FleetServerPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const me = await currentUser();
  if (!me.isOperator) notFound();
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const [instance, health, domains] = await Promise.all([
    api.GET("/api/v1/instances/{instanceId}", { params: { path: { instanceId } } }).then(must),
    api
      .GET("/api/v1/instances/{instanceId}/health", { params: { path: { instanceId }, query: { range: "1h" } } })
      .then(must),
    api
      .GET("/api/v1/instances/{instanceId}/domains", { params: { path: { instanceId }, query: { limit: 200 } } })
      .then(must),
  ]);
  const statusOf = new Map(health.domains.map((d) => [d.id, d.status]));
  const shared = instance.placement === "shared";
  const lead = shared ? m.fleet.sharedServerLead : m.fleet.dedicatedServerLead;
  return (
    <AppShell user={me}>
      <DetailHeader
        back="/fleet"
        backLabel={m.fleet.title}
        title={interpolate(shared ? m.fleet.sharedServer : m.fleet.dedicatedServer, { name: instance.name })}
        status={health.status}
        lead={
          health.checkedAt
            ? `${lead} ${interpolate(m.health.checkedAt, { when: formatRelative(locale, health.checkedAt) })}`
            : lead
        }
      />
      <HealthOverview health={health} range="1h" m={m} locale={locale} />
      <Card title={m.fleet.domains} className="mt-6">
        {domains.items.length === 0 ? (
          <p className="text-sm text-zinc-600">{m.fleet.noAddresses}</p>
        ) : (
          <ul className="divide-y divide-zinc-200">
            {domains.items.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <Link
                  href={`/t/${d.tenantId}/domains/${d.id}`}
                  prefetch={false}
                  className="break-all text-brand-700 underline"
                >
                  {d.name}
                </Link>
                <span className="flex items-center gap-3">
                  <StatusBadge status={statusOf.get(d.id) ?? "unknown"} labels={m.status} />
                  {/* A link, not a control: moving is done on its own page, behind a confirmation. */}
                  {instance.features.domainBackups ? (
                    <Link
                      href={`/fleet/domains/${d.id}/move`}
                      prefetch={false}
                      className="text-brand-700 underline"
                      data-move-link
                    >
                      {m.moves.fleetAction}
                      <span className="sr-only">: {d.name}</span>
                    </Link>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </AppShell>
  );
}
