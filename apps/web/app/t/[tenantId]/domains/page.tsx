import Link from "next/link";
import { FreeAddressCard, OwnDomainCard } from "../../../../components/free-address-card";
import { Pager } from "../../../../components/pager";
import { StatusBadge } from "../../../../components/ui/badge";
import { Card, EmptyState, PageHeader } from "../../../../components/ui/card";
import { must, serverApi } from "../../../../lib/api/server";
import { interpolate } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.domains.title);

/** Every domain of the tenant: free addresses hosted by the platform and domains on its own chat servers. */
export default async function DomainsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenantId } = await params;
  const { cursor } = await searchParams;
  const { m } = await getI18n();
  const api = await serverApi();
  const [page, instances, platform] = await Promise.all([
    api
      .GET("/api/v1/tenants/{tenantId}/domains", {
        params: { path: { tenantId }, query: { limit: 25, ...(cursor ? { cursor } : {}) } },
      })
      .then(must),
    api
      .GET("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId }, query: { limit: 200 } } })
      .then(must),
    api.GET("/api/v1/platform").then(must),
  ]);
  const serverNames = new Map(instances.items.map((i) => [i.id, i.name]));
  return (
    <>
      <PageHeader title={m.domains.title} lead={m.domains.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {page.items.length === 0 ? (
            <EmptyState title={m.domains.emptyTitle} body={m.domains.emptyBody} />
          ) : (
            <Card>
              <ul className="divide-y divide-zinc-200">
                {page.items.map((domain) => (
                  <li
                    key={domain.id}
                    data-domain={domain.name}
                    className="flex flex-wrap items-center justify-between gap-2 py-3"
                  >
                    <div className="min-w-0">
                      <Link
                        href={`/t/${tenantId}/domains/${domain.id}`}
                        className="break-all font-medium text-brand-700 underline-offset-2 hover:underline"
                      >
                        {domain.name}
                      </Link>
                      <p className="text-xs text-zinc-600">
                        <span className="sr-only">{m.domains.hostedOn}: </span>
                        {domain.instanceId === null ? (
                          m.freeAddress.hosted
                        ) : (
                          <Link href={`/t/${tenantId}/instances/${domain.instanceId}`} className="underline">
                            {interpolate(m.domains.onServer, {
                              name: serverNames.get(domain.instanceId) ?? domain.instanceId,
                            })}
                          </Link>
                        )}
                      </p>
                    </div>
                    <StatusBadge status={domain.chat} labels={m.status} />
                  </li>
                ))}
              </ul>
              <Pager nextCursor={page.nextCursor} />
            </Card>
          )}
        </div>
        <div className="space-y-6">
          {platform.baseDomain ? <FreeAddressCard tenantId={tenantId} baseDomain={platform.baseDomain} /> : null}
          <OwnDomainCard tenantId={tenantId} />
        </div>
      </div>
    </>
  );
}
