import Link from "next/link";
import type { FederationReply, SettingsReply } from "../lib/domain-settings";
import { interpolate } from "../lib/i18n/format";
import { getI18n } from "../lib/i18n/server";
import { FederationCheck, FederationPeers } from "./federation-panel";
import { DeleteDomainButton, RegistrationPolicyForm } from "./forms/domain-settings";
import { SettingsSections } from "./forms/settings-sections";
import { Card } from "./ui/card";
import { Alert } from "./ui/field";

/**
 * A domain's settings tab: who may create accounts, then each thing a family or community chooses about its chat,
 * then deleting the domain. `canChange` (owners and admins) shows the buttons; the others see every value read only.
 */
export async function DomainSettingsPanel({
  domain,
  settings,
  federation,
  platformBase,
  server,
  back,
  canChange,
}: {
  domain: { id: string; name: string; registration: "closed" | "invite" | "open" | "approval" };
  settings: SettingsReply;
  /** Who the domain talks to on other servers, and how that went lately; shown in the section of its policy. */
  federation: FederationReply;
  /** Where the platform's free addresses live; null when it offers none. */
  platformBase: string | null;
  /** The software of the domain's own server; null on a shared one, which tenants are not told about. */
  server: "prosody" | "ejabberd" | null;
  /** Where to go once the domain is deleted. */
  back: string;
  canChange: boolean;
}) {
  const { m, locale } = await getI18n();
  return (
    <div className="max-w-3xl space-y-6" data-domain-settings={canChange ? "editable" : "read-only"}>
      <p className="text-sm text-zinc-700">{interpolate(m.settings.lead, { domain: domain.name })}</p>
      {canChange ? null : <Alert tone="info">{m.settings.readOnly}</Alert>}
      <div id="registration" data-section="registration">
        <Card title={m.domains.registration}>
          <RegistrationPolicyForm domainId={domain.id} current={domain.registration} canChange={canChange} />
          {domain.registration === "open" ? (
            <p className="mt-3 text-sm">
              <Link className="text-brand-700 underline" href={`/register/${domain.name}`}>
                {m.domains.openSignupPage}
              </Link>
            </p>
          ) : null}
        </Card>
      </div>
      <SettingsSections
        domainId={domain.id}
        domain={domain.name}
        view={{
          settings: settings.settings,
          defaults: settings.defaults,
          changed: settings.changed,
          ceilings: settings.ceilings,
          logoUrl: settings.logoUrl,
        }}
        canChange={canChange}
        serverWide={server === "ejabberd"}
        invites={{ offered: server !== "ejabberd", registration: domain.registration }}
        federation={{
          platformBase,
          check: <FederationCheck check={federation.check} domain={domain.name} m={m} locale={locale} />,
          peers: <FederationPeers federation={federation} m={m} locale={locale} />,
        }}
      />
      {canChange ? (
        <Card title={m.domains.delete}>
          <DeleteDomainButton domainId={domain.id} name={domain.name} back={back} />
        </Card>
      ) : null}
    </div>
  );
}
