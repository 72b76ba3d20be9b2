import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "../../../components/app-shell";
import { must, serverApi } from "../../../lib/api/server";

export const dynamic = "force-dynamic";

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenantId: string }>;
}) {
  const { tenantId } = await params;
  const api = await serverApi();
  const me = must(await api.GET("/api/v1/me"));
  if (!me.tenants.some((t) => t.id === tenantId)) notFound();
  return (
    <AppShell user={me} tenantId={tenantId}>
      {children}
    </AppShell>
  );
}
