import { notFound } from "next/navigation";
import { AppShell } from "../../../../../components/app-shell";
import { DetailHeader } from "../../../../../components/detail-header";
import { MoveDomainForm } from "../../../../../components/forms/domain-move";
import { Card } from "../../../../../components/ui/card";
import { currentUser, must, serverApi } from "../../../../../lib/api/server";
import { interpolate } from "../../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../../lib/i18n/server";
import { moveTargetLabel } from "../../../../../lib/move-targets";

export const dynamic = "force-dynamic";

export const generateMetadata = titled((m) => m.fleet.title);

/**
 * Operators: "Move to…" for one address, to empty a server. The targets are the running servers of the same software
 * that the API lets an operator choose: shared ones, and the other servers of the address's own organisation.
 */
export default async function FleetDomainMovePage({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  const me = await currentUser();
  if (!me.isOperator) notFound();
  const { m } = await getI18n();
  const t = m.moves;
  const api = await serverApi();
  const domain = must(await api.GET("/api/v1/domains/{domainId}", { params: { path: { domainId } } }));
  const { instanceId } = domain;
  // Every domain has a server; an operator reads any of them.
  if (!instanceId) notFound();
  const current = must(await api.GET("/api/v1/instances/{instanceId}", { params: { path: { instanceId } } }));
  const back = `/fleet/servers/${instanceId}`;
  const fleet = (query: { placement: "shared" | "dedicated"; tenantId?: string }) =>
    api.GET("/api/v1/fleet", { params: { query: { limit: 200, ...query } } }).then(must);
  // Any running server takes the address: between server software, its data is converted on the way.
  const [shared, own] = await Promise.all([
    fleet({ placement: "shared" }),
    fleet({ placement: "dedicated", tenantId: domain.tenantId }),
  ]);
  const targets = [...own.items, ...shared.items]
    .filter((row) => row.instance.id !== instanceId && row.instance.status === "running")
    .map((row) => {
      const name = row.tenant
        ? interpolate(t.tenantTarget, { name: row.instance.name, tenant: row.tenant.name })
        : interpolate(t.sharedTarget, { name: row.instance.name });
      const same = row.instance.server === current.server;
      return { id: row.instance.id, label: moveTargetLabel(m, name, row.instance.server, same) };
    });
  return (
    <AppShell user={me}>
      <DetailHeader
        back={back}
        backLabel={t.fleetBack}
        title={interpolate(t.fleetTitle, { name: domain.name })}
        status={domain.chat}
        lead={t.fleetLead}
      />
      <Card title={t.fleetAction} className="max-w-3xl">
        <div className="space-y-3 text-sm" data-section="move">
          <p className="text-zinc-700" data-current-server={current.name}>
            {interpolate(t.nowOn, { server: current.name })}
          </p>
          {targets.length ? (
            <MoveDomainForm
              domainId={domain.id}
              name={domain.name}
              targets={targets}
              label={interpolate(t.fleetTarget, { name: domain.name })}
            />
          ) : (
            <p className="text-zinc-700" data-move-empty>
              {t.fleetNone}
            </p>
          )}
        </div>
      </Card>
    </AppShell>
  );
}
