import { CreateTokenForm, RevokeTokenButton } from "../../../../components/forms/tokens";
import { ListPage, Row, Rows } from "../../../../components/list-page";
import { Badge } from "../../../../components/ui/badge";
import { Card } from "../../../../components/ui/card";
import { must } from "../../../../lib/api/server";
import { formatDateTime } from "../../../../lib/i18n/format";
import { titled } from "../../../../lib/i18n/server";
import { openTenantList, type TenantListProps } from "../../../../lib/tenant-page";

export const generateMetadata = titled((m) => m.tokens.title);

export default async function TokensPage(props: TenantListProps) {
  const { tenantId, m, locale, api, paging } = await openTenantList(props);
  const tokens = must(
    await api.GET("/api/v1/tenants/{tenantId}/api-tokens", { params: { path: { tenantId }, query: paging(50) } }),
  );
  const aside = (
    <Card title={m.tokens.create}>
      <CreateTokenForm tenantId={tenantId} />
    </Card>
  );
  return (
    <ListPage texts={m.tokens} page={tokens} aside={aside}>
      <Rows>
        {tokens.items.map((token) => (
          <Row key={token.id}>
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
          </Row>
        ))}
      </Rows>
    </ListPage>
  );
}
