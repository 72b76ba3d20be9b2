import { BrandHeader } from "../../../components/brand-header";
import { PublicShell } from "../../../components/public-shell";
import { ResetForm } from "../../../components/reset-form";
import { Card } from "../../../components/ui/card";
import { serverApi } from "../../../lib/api/server";
import { formatDateTime, interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const { m } = await getI18n();
  return { title: m.resetLink.pageTitle, robots: { index: false } };
}

/**
 * A password reset link, mostly opened on a phone: whose address it is for, one password field, and once saved, what
 * to do in the chat app. A link that no longer works says why (used, expired, cancelled) and what to do instead.
 */
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const { data: link } = await api.GET("/api/v1/public/reset-links/{token}", { params: { path: { token } } });

  // The community's own name, logo and colour, when it chose them: people know whose link this is.
  const branding = link?.branding;
  const brand =
    link && branding && (branding.name || branding.logoUrl || branding.accentColor) ? (
      <BrandHeader
        name={branding.name}
        domain={link.domain}
        accentColor={branding.accentColor}
        logoUrl={branding.logoUrl}
        logoAlt={interpolate(m.join.logoAlt, { name: branding.name ?? link.domain })}
      />
    ) : null;

  if (!link) {
    return (
      <PublicShell>
        <Card>
          <h1 className="text-xl font-semibold" data-reset-status="unknown">
            {m.resetLink.unknownTitle}
          </h1>
          <p className="mt-2 text-sm text-zinc-700">{m.resetLink.unknownBody}</p>
        </Card>
      </PublicShell>
    );
  }

  // The form, the outcome of a submission, or why the link no longer works: one client component decides, since
  // without JavaScript the page is drawn again after the submission, when the link already reads as used.
  return (
    <PublicShell>
      {brand}
      <ResetForm
        token={token}
        jid={link.jid}
        status={link.status}
        expiresOn={interpolate(m.resetLink.expiresOn, { date: formatDateTime(locale, link.expiresAt) })}
      />
    </PublicShell>
  );
}
