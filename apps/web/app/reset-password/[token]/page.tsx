import { NewPasswordForm } from "../../../components/password-reset-forms";
import { PublicShell } from "../../../components/public-shell";
import { Card } from "../../../components/ui/card";
import { getI18n, titled } from "../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.auth.newPasswordTitle);

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { m } = await getI18n();
  const { token } = await params;
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold tracking-tight">{m.auth.newPasswordTitle}</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">{m.auth.newPasswordLead}</p>
      <Card>
        <NewPasswordForm token={token} />
      </Card>
    </PublicShell>
  );
}
