import { headers } from "next/headers";
import { ClientList } from "../../../components/client-list";
import { JoinForm } from "../../../components/join-form";
import { PublicShell } from "../../../components/public-shell";
import { Card } from "../../../components/ui/card";
import { serverApi } from "../../../lib/api/server";
import { platformOf } from "../../../lib/clients";
import { interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

/** The public sign-up page of a domain whose registration policy is open. */
export default async function RegisterPage({ params }: { params: Promise<{ domain: string }> }) {
  const { domain: name } = await params;
  const { m } = await getI18n();
  const api = await serverApi();
  const { data: domain } = await api.GET("/api/v1/public/domains/{domain}", { params: { path: { domain: name } } });
  if (domain?.registration !== "open") {
    return (
      <PublicShell>
        <Card>
          <h1 className="text-xl font-semibold">{m.register.closedTitle}</h1>
          <p className="mt-2 text-sm text-zinc-700">{interpolate(m.register.closedBody, { domain: name })}</p>
        </Card>
      </PublicShell>
    );
  }
  const mine = platformOf((await headers()).get("user-agent"));
  return (
    <PublicShell narrow={false}>
      <h1 className="text-2xl font-semibold tracking-tight">
        {interpolate(m.register.title, { domain: domain.domain })}
      </h1>
      <p className="mt-1 text-sm text-zinc-700">
        {interpolate(m.register.lead, { domain: domain.domain, tenant: domain.tenantName })}
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card title={m.join.step1}>
          <ClientList m={m} mine={mine} />
        </Card>
        <Card title={m.join.step2}>
          <JoinForm target={{ kind: "open", domain: domain.domain }} domain={domain.domain} />
        </Card>
      </div>
    </PublicShell>
  );
}
