import Link from "next/link";
import { FamilySetupCard, SetupChecklist } from "../../../components/family-setup-card";
import { FreeAddressCard, OwnDomainCard } from "../../../components/free-address-card";
import { OperationsTable } from "../../../components/operations-table";
import { StatusBadge } from "../../../components/ui/badge";
import { buttonClass } from "../../../components/ui/button";
import { Card, EmptyState, PageHeader } from "../../../components/ui/card";
import { currentUser, must, serverApi } from "../../../lib/api/server";
import { formatNumber, interpolate } from "../../../lib/i18n/format";
import { getI18n, titled } from "../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.overview.title);

/** The first five of a list, each a link to its page with its status beside it; `breakAll` for long names. */
function FirstFive({
  items,
  labels,
  breakAll = false,
}: {
  items: { id: string; name: string; href: string; status: string }[];
  labels: Record<string, string>;
  breakAll?: boolean;
}) {
  return (
    <ul className="mt-3 space-y-2">
      {items.slice(0, 5).map((item) => (
        <li key={item.id} className="flex items-center justify-between gap-2 text-sm">
          <Link
            href={item.href}
            className={breakAll ? "break-all text-brand-700 underline" : "text-brand-700 underline"}
          >
            {item.name}
          </Link>
          <StatusBadge status={item.status} labels={labels} />
        </li>
      ))}
    </ul>
  );
}

export default async function OverviewPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const [me, instances, domains, operations, platform] = await Promise.all([
    currentUser(),
    api
      .GET("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId }, query: { limit: 200 } } })
      .then(must),
    api.GET("/api/v1/tenants/{tenantId}/domains", { params: { path: { tenantId }, query: { limit: 200 } } }).then(must),
    api
      .GET("/api/v1/tenants/{tenantId}/operations", { params: { path: { tenantId }, query: { limit: 8 } } })
      .then(must),
    api.GET("/api/v1/platform").then(must),
  ]);
  const { baseDomain } = platform;
  const tenantName = me.tenants.find((t) => t.id === tenantId)?.name ?? "";
  const running = instances.items.filter((i) => i.status === "running").length;
  const empty = domains.items.length === 0 && instances.items.length === 0;
  // A tenant without any address starts with the free one when the platform offers it, else with a server.
  const lead = Boolean(baseDomain) && domains.items.length === 0;
  const instancesCard = instances.items.length ? (
    <Card title={m.overview.instances}>
      <p className="text-3xl font-semibold">{formatNumber(locale, instances.items.length)}</p>
      <p className="text-sm text-zinc-600">
        {formatNumber(locale, running)} {m.overview.running}
      </p>
      <FirstFive
        items={instances.items.map((i) => ({ ...i, href: `/t/${tenantId}/instances/${i.id}` }))}
        labels={m.status}
      />
    </Card>
  ) : null;
  return (
    <>
      <PageHeader title={interpolate(m.overview.welcome, { name: me.name })} lead={m.app.tagline} />
      {empty && !baseDomain ? (
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
        // The free address form keeps its place in the tree whether it leads or not, so that the refresh after
        // a creation does not unmount it while it follows the operation.
        <div className="grid gap-6 lg:grid-cols-3">
          <div className={`space-y-6 ${lead ? "lg:col-span-2" : ""}`}>
            {lead && baseDomain ? (
              <FamilySetupCard tenantId={tenantId} baseDomain={baseDomain} defaultTitle={tenantName} />
            ) : null}
            {domains.items[0] ? <SetupChecklist tenantId={tenantId} domainId={domains.items[0].id} /> : null}
            {domains.items.length ? (
              <Card title={m.overview.domains}>
                <p className="text-3xl font-semibold">{formatNumber(locale, domains.items.length)}</p>
                <FirstFive
                  items={domains.items.map((d) => ({ ...d, status: d.chat, href: `/t/${tenantId}/domains/${d.id}` }))}
                  labels={m.status}
                  breakAll
                />
                <p className="mt-3 text-sm">
                  <Link href={`/t/${tenantId}/domains`} className="text-brand-700 underline">
                    {m.overview.allDomains}
                  </Link>
                </p>
              </Card>
            ) : null}
            {lead ? null : instancesCard}
            {/* Before the first address the family setup gets one; one form asking for an address is enough. */}
            {baseDomain && !lead ? <FreeAddressCard tenantId={tenantId} baseDomain={baseDomain} /> : null}
            {lead ? instancesCard : null}
          </div>
          <div className={`space-y-6 ${lead ? "" : "lg:col-span-2"}`}>
            {lead ? <OwnDomainCard tenantId={tenantId} /> : null}
            {lead && operations.items.length === 0 ? null : (
              <Card title={m.overview.recent}>
                {operations.items.length === 0 ? (
                  <p className="text-sm text-zinc-600">{m.overview.noActivity}</p>
                ) : (
                  <OperationsTable items={operations.items} m={m} locale={locale} />
                )}
              </Card>
            )}
          </div>
        </div>
      )}
    </>
  );
}
