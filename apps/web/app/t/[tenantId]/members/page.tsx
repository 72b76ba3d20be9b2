import { Pager } from "../../../../components/pager";
import { Badge } from "../../../../components/ui/badge";
import { Card, PageHeader } from "../../../../components/ui/card";
import { must, serverApi } from "../../../../lib/api/server";
import { getI18n } from "../../../../lib/i18n/server";

export async function generateMetadata() {
  const { m } = await getI18n();
  return { title: m.members.title };
}

export default async function MembersPage({
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
  const members = must(
    await api.GET("/api/v1/tenants/{tenantId}/members", {
      params: { path: { tenantId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );
  return (
    <>
      <PageHeader title={m.members.title} lead={m.members.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <ul className="divide-y divide-zinc-200">
            {members.items.map((member) => (
              <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-medium">{member.name}</p>
                  <p className="text-xs text-zinc-600">{member.email}</p>
                </div>
                <Badge tone={member.role === "owner" ? "blue" : "zinc"}>{m.members.roles[member.role]}</Badge>
              </li>
            ))}
          </ul>
          <Pager nextCursor={members.nextCursor} />
        </Card>
      </div>
    </>
  );
}
