import { CreateTokenForm, RevokeTokenButton } from "../../../../components/forms/tokens";
import { Pager } from "../../../../components/pager";
import { Badge } from "../../../../components/ui/badge";
import { Card, EmptyState, PageHeader } from "../../../../components/ui/card";
import { must, serverApi } from "../../../../lib/api/server";
import { formatDateTime } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.tokens.title);

export default async function TokensPage({
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
  const tokens = must(
    await api.GET("/api/v1/tenants/{tenantId}/api-tokens", {
      params: { path: { tenantId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );
  return (
    <>
      <PageHeader title={m.tokens.title} lead={m.tokens.lead} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {tokens.items.length === 0 ? (
            <EmptyState title={m.tokens.emptyTitle} body={m.tokens.emptyBody} />
          ) : (
            <Card>
              <ul className="divide-y divide-zinc-200">
                {tokens.items.map((token) => (
                  <li key={token.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                    <div>
                      <p className="font-medium">
                        {token.name} <Badge>{m.members.roles[token.role]}</Badge>
                      </p>
                      <p className="text-xs text-zinc-600">
                        <code>{token.prefix}…</code> · {m.tokens.lastUsed}:{" "}
                        {token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt) : m.tokens.never}
                      </p>
                    </div>
                    <RevokeTokenButton tokenId={token.id} name={token.name} />
                  </li>
                ))}
              </ul>
              <Pager nextCursor={tokens.nextCursor} />
            </Card>
          )}
        </div>
        <Card title={m.tokens.create}>
          <CreateTokenForm tenantId={tenantId} />
        </Card>
      </div>
    </>
  );
}
