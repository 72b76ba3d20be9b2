import { AppShell } from "../../../components/app-shell";
import { CreateTenantForm } from "../../../components/forms/create-tenant";
import { Card, PageHeader } from "../../../components/ui/card";
import { currentUser } from "../../../lib/api/server";
import { getI18n, titled } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";
export const generateMetadata = titled((m) => m.app.newTenant);

/** Another organisation for the same person, e.g. a family and an association. */
export default async function NewTenantPage() {
  const { m } = await getI18n();
  const me = await currentUser();
  return (
    <AppShell user={me}>
      <PageHeader title={m.app.newTenant} lead={m.app.newTenantLead} />
      <div className="max-w-md">
        <Card>
          <CreateTenantForm />
        </Card>
      </div>
    </AppShell>
  );
}
