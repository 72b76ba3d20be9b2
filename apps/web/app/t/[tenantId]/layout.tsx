import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "../../../components/app-shell";
import { ReadOnlyRegion } from "../../../components/read-only-region";
import { currentUser, must, serverApi } from "../../../lib/api/server";
import { interpolate } from "../../../lib/i18n/format";
import { getI18n } from "../../../lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenantId: string }>;
}) {
  const { tenantId } = await params;
  const me = await currentUser();
  if (me.tenants.some((t) => t.id === tenantId)) {
    return (
      <AppShell user={me} tenantId={tenantId}>
        {children}
      </AppShell>
    );
  }
  if (!me.isOperator) notFound();
  // An operator outside the tenant gets its pages read only (the API refuses their writes anyway), and the visit is
  // audited by the API before anything of the tenant is shown.
  const api = await serverApi();
  const view = must(
    await api.POST("/api/v1/fleet/tenants/{tenantId}/support-view", { params: { path: { tenantId } } }),
  );
  const { m } = await getI18n();
  return (
    <AppShell user={me} tenantId={tenantId} tenantName={view.tenant.name}>
      <div
        role="note"
        data-support-view
        className="mb-6 flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      >
        <p>
          <strong className="font-semibold">{m.support.banner}</strong>{" "}
          {interpolate(m.support.body, { tenant: view.tenant.name })}
        </p>
        <Link href="/fleet" className="font-medium underline">
          {m.support.back}
        </Link>
      </div>
      {/* Every form control of the pages below is disabled at once: nothing here can change the tenant. */}
      <ReadOnlyRegion>{children}</ReadOnlyRegion>
    </AppShell>
  );
}
