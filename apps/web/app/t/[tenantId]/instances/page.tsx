import Link from "next/link";
import { CreateInstanceForm } from "../../../../components/forms/create-instance";
import { ListPage, Row, Rows } from "../../../../components/list-page";
import { StatusBadge } from "../../../../components/ui/badge";
import { Card } from "../../../../components/ui/card";
import { must } from "../../../../lib/api/server";
import { formatDate } from "../../../../lib/i18n/format";
import { titled } from "../../../../lib/i18n/server";
import { openTenantList, type TenantListProps } from "../../../../lib/tenant-page";

export const generateMetadata = titled((m) => m.instances.title);

export default async function InstancesPage(props: TenantListProps) {
  const { tenantId, m, locale, api, paging } = await openTenantList(props);
  const page = must(
    await api.GET("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId }, query: paging(25) } }),
  );
  const aside = (
    <Card title={m.instances.create}>
      <CreateInstanceForm tenantId={tenantId} />
    </Card>
  );
  return (
    <ListPage texts={m.instances} page={page} aside={aside}>
      <Rows>
        {page.items.map((instance) => (
          <Row key={instance.id}>
            <div>
              <Link
                href={`/t/${tenantId}/instances/${instance.id}`}
                className="font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {instance.name}
              </Link>
              <p className="text-xs text-zinc-600">
                {instance.server} · {m.instances.createdAt} {formatDate(locale, instance.createdAt)}
              </p>
            </div>
            <StatusBadge status={instance.status} labels={m.status} />
          </Row>
        ))}
      </Rows>
    </ListPage>
  );
}
