import { CreateTokenForm } from "../../../../components/forms/tokens";
import { Card, PageHeader } from "../../../../components/ui/card";
import { getI18n } from "../../../../lib/i18n/server";

export async function generateMetadata() {
  const { m } = await getI18n();
  return { title: m.tokens.title };
}

export default async function TokensPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const { m } = await getI18n();
  return (
    <>
      <PageHeader title={m.tokens.title} lead={m.tokens.lead} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={m.tokens.create}>
          <CreateTokenForm tenantId={tenantId} />
        </Card>
        <p className="text-sm text-zinc-600">{m.tokens.emptyBody}</p>
      </div>
    </>
  );
}
