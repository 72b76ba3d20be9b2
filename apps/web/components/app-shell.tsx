import Link from "next/link";
import type { ReactNode } from "react";
import { roleIn, seesSecrets } from "../lib/api/server";
import { getI18n } from "../lib/i18n/server";
import { NavLinks, SignOutButton, TenantSwitcher } from "./app-nav";
import { LanguageSwitcher } from "./language-switcher";
import { HomeLink } from "./public-shell";

export interface ShellUser {
  name: string;
  isOperator: boolean;
  tenants: { id: string; name: string; role: string }[];
}

/**
 * The signed-in frame: brand, organisation switcher, language, sign-out and the main navigation. `tenantName` names
 * a tenant the person is not a member of (an operator's support view).
 */
export async function AppShell({
  user,
  tenantId,
  tenantName,
  children,
}: {
  user: ShellUser;
  tenantId?: string;
  tenantName?: string;
  children: ReactNode;
}) {
  const { m } = await getI18n();
  const tenant = user.tenants.find((t) => t.id === tenantId);
  const shownName = tenant?.name ?? tenantName;
  const base = tenantId ? `/t/${tenantId}` : null;
  const links = [
    ...(base
      ? [
          { href: base, label: m.nav.overview, exact: true },
          { href: `${base}/domains`, label: m.nav.domains },
          { href: `${base}/instances`, label: m.nav.instances },
          { href: `${base}/operations`, label: m.nav.operations },
          // The audit log is for owners and admins, and operators' support (the API refuses viewers).
          ...(tenantId && (seesSecrets(roleIn(user, tenantId)) || user.isOperator)
            ? [{ href: `${base}/audit`, label: m.nav.audit }]
            : []),
          { href: `${base}/alerts`, label: m.nav.alerts },
          { href: `${base}/members`, label: m.nav.members },
          ...(tenantId && seesSecrets(roleIn(user, tenantId)) ? [{ href: `${base}/tokens`, label: m.nav.tokens }] : []),
        ]
      : []),
    ...(user.isOperator ? [{ href: "/fleet", label: m.nav.fleet }] : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 pt-3">
          <div className="flex items-center gap-3">
            <HomeLink name={m.app.name} />
            {shownName ? <span className="text-sm text-zinc-700">{shownName}</span> : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {tenant ? <TenantSwitcher current={tenant.id} tenants={user.tenants} /> : null}
            <Link href="/tenants/new" className="text-sm text-brand-700 underline">
              {m.app.newTenant}
            </Link>
            <Link href="/security" className="text-sm text-brand-700 underline">
              {m.security.link}
            </Link>
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 pt-2">
          <NavLinks links={links} />
        </div>
      </header>
      <main id="content" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
