import { OperationsTable } from "../../../../components/operations-table";
import { Pager } from "../../../../components/pager";
import { Card, EmptyState, PageHeader } from "../../../../components/ui/card";
import { must, serverApi } from "../../../../lib/api/server";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.operations.title);

export default async function OperationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenantId } = await params;
  const { cursor } = await searchParams;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const page = must(
    await api.GET("/api/v1/tenants/{tenantId}/operations", {
      params: { path: { tenantId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );
  return (
    <>
      <PageHeader title={m.operations.title} lead={m.operations.lead} />
      {page.items.length === 0 ? (
        <EmptyState title={m.operations.emptyTitle} body={m.operations.emptyBody} />
      ) : (
        <Card>
          <OperationsTable items={page.items} m={m} locale={locale} />
          <Pager nextCursor={page.nextCursor} />
        </Card>
      )}
    </>
  );
}
