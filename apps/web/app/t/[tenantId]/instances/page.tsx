import Link from "next/link";
import { CreateInstanceForm } from "../../../../components/forms/create-instance";
import { Pager } from "../../../../components/pager";
import { StatusBadge } from "../../../../components/ui/badge";
import { Card, EmptyState, PageHeader } from "../../../../components/ui/card";
import { must, serverApi } from "../../../../lib/api/server";
import { formatDate } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.instances.title);

export default async function InstancesPage({
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
    await api.GET("/api/v1/tenants/{tenantId}/instances", {
      params: { path: { tenantId }, query: { limit: 25, ...(cursor ? { cursor } : {}) } },
    }),
  );
  return (
    <>
      <PageHeader title={m.instances.title} lead={m.instances.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {page.items.length === 0 ? (
            <EmptyState title={m.instances.emptyTitle} body={m.instances.emptyBody} />
          ) : (
            <Card>
              <ul className="divide-y divide-zinc-200">
                {page.items.map((instance) => (
                  <li key={instance.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
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
                  </li>
                ))}
              </ul>
              <Pager nextCursor={page.nextCursor} />
            </Card>
          )}
        </div>
        <Card title={m.instances.create}>
          <CreateInstanceForm tenantId={tenantId} />
        </Card>
      </div>
    </>
  );
}
