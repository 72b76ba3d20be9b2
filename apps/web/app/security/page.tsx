import { AppShell } from "../../components/app-shell";
import { TwoFactorSetup } from "../../components/forms/two-factor";
import { Card, PageHeader } from "../../components/ui/card";
import { currentUser, must, serverApi } from "../../lib/api/server";
import { getI18n, titled } from "../../lib/i18n/server";

export const dynamic = "force-dynamic";
export const generateMetadata = titled((m) => m.security.title);

/** The signed-in person's own sign-in: two-step sign-in with an authenticator app, and recovery codes. */
export default async function SecurityPage() {
  const { m } = await getI18n();
  const me = await currentUser();
  const api = await serverApi();
  const status = must(await api.GET("/api/v1/me/two-factor"));
  return (
    <AppShell user={me}>
      <PageHeader title={m.security.title} lead={m.security.lead} />
      <div className="max-w-md">
        <Card>
          <TwoFactorSetup enabled={status.enabled} codesLeft={status.recoveryCodesLeft} />
        </Card>
      </div>
    </AppShell>
  );
}
