import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "../../../components/app-shell";
import { currentUser } from "../../../lib/api/server";

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
  if (!me.tenants.some((t) => t.id === tenantId)) notFound();
  return (
    <AppShell user={me} tenantId={tenantId}>
      {children}
    </AppShell>
  );
}
