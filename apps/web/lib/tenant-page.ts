import { serverApi } from "./api/server";
import { getI18n } from "./i18n/server";

/** What Next.js hands a tenant's paged list page: its tenant, and the page asked for (none: the first). */
export interface TenantListProps {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ cursor?: string }>;
}

/** What a tenant's list page starts from; `paging(limit)` is the API query for the page the address asks for. */
export async function openTenantList({ params, searchParams }: TenantListProps) {
  const { tenantId } = await params;
  const { cursor } = await searchParams;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  return { tenantId, m, locale, api, paging: (limit: number) => ({ limit, ...(cursor ? { cursor } : {}) }) };
}
