import { headers } from "next/headers";
import { BrandHeader } from "../../../components/brand-header";
import { AlsoWorks, InstallStep, OtherDevices, StoreButtons } from "../../../components/client-list";
import { JoinForm } from "../../../components/join-form";
import { PublicShell } from "../../../components/public-shell";
import { QrCode } from "../../../components/qr-code";
import { buttonClass } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { serverApi } from "../../../lib/api/server";
import { chatApps, isPhone, platformOf } from "../../../lib/clients";
import { accentOf, readableOn } from "../../../lib/colour";
import { formatDateTime, interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const { m } = await getI18n();
  return { title: m.invites.title, robots: { index: false } };
}

/**
 * The invite landing page, mostly opened on phones: one button that hands the invite to the app (XEP-0401), where to
 * get that app, and the web form as a fallback. Computers get a QR code to carry the invite over to a phone.
 */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const { data: invite } = await api.GET("/api/v1/public/invites/{token}", { params: { path: { token } } });

  // The community's own name, logo and colour, when it chose them: people know whose invite this is.
  const branding = invite?.branding;
  const brand =
    invite && branding && (branding.name || branding.logoUrl || branding.accentColor) ? (
      <BrandHeader
        name={branding.name}
        domain={invite.domain}
        accentColor={branding.accentColor}
        logoUrl={branding.logoUrl}
        logoAlt={interpolate(m.join.logoAlt, { name: branding.name ?? invite.domain })}
      />
    ) : null;

  if (invite?.status !== "active") {
    const [title, body] = !invite
      ? [m.join.unknownTitle, m.join.unknownBody]
      : invite.status === "expired"
        ? [m.join.expiredTitle, m.join.expiredBody]
        : invite.status === "used_up"
          ? [m.join.usedUpTitle, m.join.usedUpBody]
          : [m.join.revokedTitle, m.join.revokedBody];
    return (
      <PublicShell>
        {brand}
        <Card>
          <h1 className="text-xl font-semibold" data-invite-status={invite?.status ?? "unknown"}>
            {title}
          </h1>
          <p className="mt-2 text-sm text-zinc-700">{body}</p>
        </Card>
      </PublicShell>
    );
  }

  const mine = platformOf((await headers()).get("user-agent"));
  const app = mine ? chatApps[mine][0] : undefined;
  const rooms = invite.rooms.map((r) => ({ jid: r.jid, title: r.title || r.name }));
  const form = { target: { kind: "invite", token } as const, domain: invite.domain, rooms };
  const install = <InstallStep m={m} app={app} />;

  const title = invite.branding.name
    ? interpolate(m.join.brandedTitle, { name: invite.branding.name })
    : interpolate(m.join.title, { domain: invite.domain });
  // The main button in the community's colour, its text black or white, whichever reads better on it.
  const accent = accentOf(invite.branding.accentColor);
  const accentStyle = accent ? { backgroundColor: accent, color: readableOn(accent) } : undefined;
  const intro = (
    <>
      {brand}
      <h1 className="break-words text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 text-sm text-zinc-700">{interpolate(m.join.lead, { tenant: invite.tenantName })}</p>
      {rooms.length ? (
        <p className="mt-1 text-sm text-zinc-700">
          {interpolate(m.join.roomsLead, { rooms: rooms.map((r) => r.title).join(", ") })}
        </p>
      ) : null}
      <p className="mt-1 text-xs text-zinc-600">
        {interpolate(m.join.expiresOn, { date: formatDateTime(locale, invite.expiresAt) })}
      </p>
    </>
  );

  // The address's server cannot take the invite in an app (no in-band invites): the web form is the way in.
  if (!invite.uri) {
    return (
      <PublicShell>
        {intro}
        <JoinForm {...form} formTitle={m.join.webOnlyTitle} install={install}>
          <p className="mt-4 text-sm text-zinc-700" data-testid="web-only">
            {m.join.webOnly}
          </p>
        </JoinForm>
      </PublicShell>
    );
  }

  if (isPhone(mine) && app) {
    return (
      <PublicShell>
        {intro}
        <JoinForm {...form} formTitle={m.join.fallbackTitle} install={install}>
          <section className="mt-6 space-y-3" aria-label={m.join.oneStepTitle}>
            <a
              href={invite.uri}
              data-open-in-app
              style={accentStyle}
              className={`flex min-h-14 w-full items-center justify-center rounded-lg px-4 py-3 text-center text-lg font-semibold ${
                accent
                  ? "ring-1 ring-inset ring-black/20 hover:underline"
                  : "bg-brand-600 text-white hover:bg-brand-700"
              }`}
            >
              {interpolate(m.join.openIn, { app: app.name })}
            </a>
            <p className="text-sm text-zinc-700">{m.join.oneStep}</p>
            <p className="text-sm text-zinc-700">{interpolate(m.join.notInstalled, { app: app.name })}</p>
            <StoreButtons m={m} app={app} uri={invite.uri} />
            <AlsoWorks m={m} mine={mine} uri={invite.uri} />
          </section>
          <div className="mt-6">
            <OtherDevices m={m} mine={mine} uri={invite.uri} />
          </div>
        </JoinForm>
      </PublicShell>
    );
  }

  return (
    <PublicShell narrow={false}>
      {intro}
      <JoinForm {...form} formTitle={m.join.fallbackTitle} install={install}>
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          <Card title={m.join.scanTitle}>
            <div data-testid="scan-with-phone">
              <p className="mb-3 text-sm text-zinc-700">{m.join.scanLead}</p>
              <QrCode value={invite.url} label={m.join.scanQr} />
            </div>
          </Card>
          <Card title={m.join.thisComputer}>
            <div className="space-y-4 text-sm">
              {app && mine ? (
                <>
                  <InstallStep m={m} app={app} uri={invite.uri} />
                  <AlsoWorks m={m} mine={mine} uri={invite.uri} />
                </>
              ) : null}
              <div className="space-y-2">
                <p className="text-zinc-700">{m.join.haveApp}</p>
                <a href={invite.uri} data-open-in-app className={`${buttonClass("secondary")} w-full`}>
                  {m.join.openInApp}
                </a>
              </div>
              <OtherDevices m={m} mine={mine} uri={invite.uri} />
            </div>
          </Card>
        </div>
      </JoinForm>
    </PublicShell>
  );
}
