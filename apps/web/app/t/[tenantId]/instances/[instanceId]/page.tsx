import Link from "next/link";
import { BackupsCard } from "../../../../../components/backups-card";
import { DetailHeader } from "../../../../../components/detail-header";
import { CreateDomainForm } from "../../../../../components/forms/create-domain";
import { InstanceActions } from "../../../../../components/forms/instance-actions";
import { Row, Rows } from "../../../../../components/list-page";
import { StatusBadge } from "../../../../../components/ui/badge";
import { buttonClass } from "../../../../../components/ui/button";
import { Card, EmptyState } from "../../../../../components/ui/card";
import { currentUser, must, roleIn, serverApi } from "../../../../../lib/api/server";
import type { Messages } from "../../../../../lib/i18n/en";
import { formatDateTime, interpolate } from "../../../../../lib/i18n/format";
import { getI18n } from "../../../../../lib/i18n/server";

/** How a chat server is reached, in the order the advanced section lists it; the dictionary names each. */
const endpoints = ["host", "c2sPort", "directTlsPort", "s2sPort", "httpPort", "httpsPort"] as const;

export default async function InstancePage({ params }: { params: Promise<{ tenantId: string; instanceId: string }> }) {
  const { tenantId, instanceId } = await params;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const [instance, domains, platform, backups] = await Promise.all([
    api.GET("/api/v1/instances/{instanceId}", { params: { path: { instanceId } } }).then(must),
    api
      .GET("/api/v1/instances/{instanceId}/domains", { params: { path: { instanceId }, query: { limit: 200 } } })
      .then(must),
    api.GET("/api/v1/platform").then(must),
    api
      .GET("/api/v1/instances/{instanceId}/backups", { params: { path: { instanceId }, query: { limit: 10 } } })
      .then(must),
  ]);
  const me = await currentUser();
  return (
    <>
      <DetailHeader
        back={`/t/${tenantId}/instances`}
        backLabel={m.instances.title}
        title={instance.name}
        status={instance.status}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/t/${tenantId}/instances/${instanceId}/health`} className={buttonClass("secondary", "sm")}>
              {m.instances.health}
            </Link>
            <InstanceActions
              tenantId={tenantId}
              instanceId={instanceId}
              name={instance.name}
              status={instance.status}
              domains={domains.items.map((d) => d.name)}
            />
          </div>
        }
      />
      {instance.status === "stopped" ? (
        <div role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {interpolate(m.instances.stoppedBanner, {
            name: instance.name,
            domains: domains.items.length ? domains.items.map((d) => d.name).join(", ") : m.instances.noDomains,
          })}
        </div>
      ) : null}
      {instance.lastError ? <p className="mb-4 text-sm text-red-700">{instance.lastError}</p> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={m.instances.domains}>
            {domains.items.length === 0 ? (
              <EmptyState title={m.domains.emptyTitle} body={m.domains.emptyBody} />
            ) : (
              <Rows>
                {domains.items.map((domain) => (
                  <Row key={domain.id}>
                    <Link
                      href={`/t/${tenantId}/domains/${domain.id}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {domain.name}
                    </Link>
                    <StatusBadge status={domain.chat} labels={m.status} />
                  </Row>
                ))}
              </Rows>
            )}
          </Card>
          <details className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm" data-testid="advanced">
            <summary className="cursor-pointer font-semibold">{m.instances.advanced}</summary>
            <p className="mt-2 text-sm text-zinc-700">{m.instances.advancedLead}</p>
            <h3 className="mt-3 text-sm font-semibold">{m.instances.endpoints}</h3>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
              {endpoints.map((key) => (
                <div key={key}>
                  <dt className="text-zinc-600">{m.instances[key]}</dt>
                  <dd className="font-mono">{instance.endpoints[key] ?? "—"}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-zinc-600">
              {instance.server} {instance.version ?? ""} · {m.instances.createdAt}{" "}
              {formatDateTime(locale, instance.createdAt)}
            </p>
          </details>
          <ServerLimits instance={instance} m={m} />
          <BackupsCard target={{ instanceId }} backups={backups} isOwner={roleIn(me, tenantId) === "owner"} />
        </div>
        <Card title={m.domains.add}>
          <CreateDomainForm tenantId={tenantId} instanceId={instanceId} />
          {platform.baseDomain ? (
            <p className="mt-4 border-t border-zinc-200 pt-3 text-sm text-zinc-700">
              {m.freeAddress.instanceNote}{" "}
              <Link href={`/t/${tenantId}`} className="text-brand-700 underline">
                {m.freeAddress.title}
              </Link>
            </p>
          ) : null}
        </Card>
      </div>
    </>
  );
}

/** Says, in plain words, what this server's software cannot do on the platform; nothing when it does it all. */
function ServerLimits({
  instance,
  m,
}: {
  instance: { server: string; features: { inBandInvites: boolean; domainBackups: boolean } };
  m: Messages;
}) {
  const gaps = [
    instance.features.inBandInvites ? null : m.instances.noInBandInvites,
    instance.features.domainBackups ? null : m.instances.noDomainBackups,
  ].filter((x): x is string => x !== null);
  if (gaps.length === 0) return null;
  return (
    <Card title={interpolate(m.instances.limitsTitle, { server: instance.server })}>
      <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-700" data-testid="server-limits">
        {gaps.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
    </Card>
  );
}
