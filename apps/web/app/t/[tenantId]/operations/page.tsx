import { ListPage } from "../../../../components/list-page";
import { OperationsTable } from "../../../../components/operations-table";
import { must } from "../../../../lib/api/server";
import { titled } from "../../../../lib/i18n/server";
import { openTenantList, type TenantListProps } from "../../../../lib/tenant-page";

export const generateMetadata = titled((m) => m.operations.title);

export default async function OperationsPage(props: TenantListProps) {
  const { tenantId, m, locale, api, paging } = await openTenantList(props);
  const page = must(
    await api.GET("/api/v1/tenants/{tenantId}/operations", { params: { path: { tenantId }, query: paging(50) } }),
  );
  return (
    <ListPage texts={m.operations} page={page}>
      <OperationsTable items={page.items} m={m} locale={locale} />
    </ListPage>
  );
}
