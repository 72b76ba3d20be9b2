import { headers } from "next/headers";
import { BrandHeader } from "../../../components/brand-header";
import { AlsoWorks, InstallStep, OtherDevices } from "../../../components/client-list";
import { JoinForm } from "../../../components/join-form";
import { PublicShell } from "../../../components/public-shell";
import { Card } from "../../../components/ui/card";
import { serverApi } from "../../../lib/api/server";
import { chatApps, platformOf } from "../../../lib/clients";
import { interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

/**
 * The public sign-up page of a domain whose registration policy is open (or approval: the sign-up then waits for an
 * admin): the app for this device, then the form.
 */
export default async function RegisterPage({ params }: { params: Promise<{ domain: string }> }) {
  const { domain: name } = await params;
  const { m } = await getI18n();
  const api = await serverApi();
  const { data: domain } = await api.GET("/api/v1/public/domains/{domain}", { params: { path: { domain: name } } });
  const approval = domain?.registration === "approval";
  if (!domain || (domain.registration !== "open" && !approval)) {
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
  const app = mine ? chatApps[mine][0] : undefined;
  const install = <InstallStep m={m} app={app} />;
  const { branding } = domain;
  return (
    <PublicShell>
      {branding.name || branding.logoUrl || branding.accentColor ? (
        <BrandHeader
          name={branding.name}
          domain={domain.domain}
          accentColor={branding.accentColor}
          logoUrl={branding.logoUrl}
          logoAlt={interpolate(m.join.logoAlt, { name: branding.name ?? domain.domain })}
        />
      ) : null}
      <h1 className="break-words text-2xl font-semibold tracking-tight">
        {branding.name
          ? interpolate(m.register.brandedTitle, { name: branding.name })
          : interpolate(m.register.title, { domain: domain.domain })}
      </h1>
      <p className="mt-1 text-sm text-zinc-700">
        {interpolate(m.register.lead, { domain: domain.domain, tenant: domain.tenantName })}
      </p>
      {approval ? (
        <p className="mt-1 text-sm text-zinc-700" data-testid="approval-lead">
          {interpolate(m.register.approvalLead, { domain: domain.domain })}
        </p>
      ) : null}
      <JoinForm
        target={{ kind: approval ? "signup" : "open", domain: domain.domain }}
        domain={domain.domain}
        formTitle={m.join.step2}
        install={install}
      >
        <Card title={m.join.step1} className="mt-6">
          <div className="space-y-4 text-sm">
            {app && mine ? (
              <>
                {install}
                <AlsoWorks m={m} mine={mine} />
              </>
            ) : null}
            <OtherDevices m={m} mine={mine} />
          </div>
        </Card>
      </JoinForm>
    </PublicShell>
  );
}
