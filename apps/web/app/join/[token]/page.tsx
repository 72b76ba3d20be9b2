import { headers } from "next/headers";
import { ClientList } from "../../../components/client-list";
import { JoinForm } from "../../../components/join-form";
import { PublicShell } from "../../../components/public-shell";
import { QrCode } from "../../../components/qr-code";
import { buttonClass } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { serverApi } from "../../../lib/api/server";
import { platformOf } from "../../../lib/clients";
import { formatDateTime, interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const { m } = await getI18n();
  return { title: m.invites.title, robots: { index: false } };
}

/** The invite landing page, mostly opened on phones: what to install, then a form or a QR code. */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const { data: invite } = await api.GET("/api/v1/public/invites/{token}", { params: { path: { token } } });

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
  const roomNames = invite.rooms.map((r) => r.title || r.name);
  return (
    <PublicShell narrow={false}>
      <h1 className="text-2xl font-semibold tracking-tight">{interpolate(m.join.title, { domain: invite.domain })}</h1>
      <p className="mt-1 text-sm text-zinc-700">{interpolate(m.join.lead, { tenant: invite.tenantName })}</p>
      {roomNames.length ? (
        <p className="mt-1 text-sm text-zinc-700">{interpolate(m.join.roomsLead, { rooms: roomNames.join(", ") })}</p>
      ) : null}
      <p className="mt-1 text-xs text-zinc-600">
        {interpolate(m.join.expiresOn, { date: formatDateTime(locale, invite.expiresAt) })}
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card title={m.join.step1}>
          <ClientList m={m} mine={mine} />
        </Card>
        <div className="space-y-6">
          <Card title={m.join.step2}>
            <JoinForm target={{ kind: "invite", token }} domain={invite.domain} />
          </Card>
          <Card title={m.join.scanTitle}>
            <p className="mb-3 text-sm text-zinc-700">{m.join.scanLead}</p>
            <QrCode value={invite.uri} label={m.invites.qr} />
            <p className="mt-3 text-center">
              <a href={invite.uri} className={buttonClass("secondary")}>
                {m.join.openInApp}
              </a>
            </p>
          </Card>
        </div>
      </div>
    </PublicShell>
  );
}
