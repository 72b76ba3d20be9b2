import { ForgotPasswordForm } from "../../components/password-reset-forms";
import { PublicShell } from "../../components/public-shell";
import { Card } from "../../components/ui/card";
import { getI18n, titled } from "../../lib/i18n/server";

export const generateMetadata = titled((m) => m.auth.forgotTitle);

export default async function Page() {
  const { m } = await getI18n();
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold tracking-tight">{m.auth.forgotTitle}</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">{m.auth.forgotLead}</p>
      <Card>
        <ForgotPasswordForm />
      </Card>
    </PublicShell>
  );
}
