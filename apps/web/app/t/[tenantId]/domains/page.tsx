import Link from "next/link";
import { FreeAddressCard, OwnDomainCard } from "../../../../components/free-address-card";
import { ListPage, Row, Rows } from "../../../../components/list-page";
import { StatusBadge } from "../../../../components/ui/badge";
import { must } from "../../../../lib/api/server";
import { interpolate } from "../../../../lib/i18n/format";
import { titled } from "../../../../lib/i18n/server";
import { openTenantList, type TenantListProps } from "../../../../lib/tenant-page";

export const generateMetadata = titled((m) => m.domains.title);

/** Every domain of the tenant: free addresses hosted by the platform and domains on its own chat servers. */
export default async function DomainsPage(props: TenantListProps) {
  const { tenantId, m, api, paging } = await openTenantList(props);
  const [page, instances, platform] = await Promise.all([
    api.GET("/api/v1/tenants/{tenantId}/domains", { params: { path: { tenantId }, query: paging(25) } }).then(must),
    api
      .GET("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId }, query: { limit: 200 } } })
      .then(must),
    api.GET("/api/v1/platform").then(must),
  ]);
  const serverNames = new Map(instances.items.map((i) => [i.id, i.name]));
  const aside = (
    <div className="space-y-6">
      {platform.baseDomain ? <FreeAddressCard tenantId={tenantId} baseDomain={platform.baseDomain} /> : null}
      <OwnDomainCard tenantId={tenantId} />
    </div>
  );
  return (
    <ListPage texts={m.domains} page={page} aside={aside}>
      <Rows>
        {page.items.map((domain) => (
          <Row key={domain.id} data-domain={domain.name}>
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
          </Row>
        ))}
      </Rows>
    </ListPage>
  );
}
