"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { api } from "../lib/api/client";
import { useI18n } from "../lib/i18n/client";
import { HeaderSelect } from "./header-select";

export function NavLinks({ links }: { links: { href: string; label: string; exact?: boolean }[] }) {
  const pathname = usePathname();
  const { m } = useI18n();
  const isActive = (link: { href: string; exact?: boolean }) =>
    link.exact ? pathname === link.href : pathname.startsWith(link.href);
  const current = links.find(isActive);
  return (
    <>
      {/* Phones: one "menu" button that opens the links as a list, so none is cut off at the screen's edge. */}
      <details className="group pb-2 sm:hidden" data-testid="mobile-menu">
        <summary className="flex cursor-pointer list-none items-center justify-between rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium">
          <span>
            {m.nav.menu}
            {current ? <span className="font-normal text-zinc-600"> · {current.label}</span> : null}
          </span>
          <span aria-hidden="true" className="group-open:rotate-180">
            ▾
          </span>
        </summary>
        <nav aria-label={m.nav.main} className="mt-1 flex flex-col">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              aria-current={isActive(link) ? "page" : undefined}
              className={`rounded-md px-3 py-2 text-sm ${isActive(link) ? "bg-zinc-100 font-medium text-brand-700" : "text-zinc-800"}`}
            >
              {link.label}
            </Link>
          ))}
        </nav>
      </details>
      <nav aria-label={m.nav.main} className="-mb-px hidden gap-1 overflow-x-auto sm:flex">
        {links.map((link) => {
          const active = isActive(link);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                active ? "border-brand-600 text-brand-700" : "border-transparent text-zinc-700 hover:text-zinc-900"
              }`}
            >
              {link.label}
            </Link>
          );
        })}
      </nav>
    </>
  );
}

export function TenantSwitcher({ current, tenants }: { current: string; tenants: { id: string; name: string }[] }) {
  const { m } = useI18n();
  const router = useRouter();
  if (tenants.length < 2) return null;
  return (
    <HeaderSelect label={m.app.switchTenant} value={current} onChange={(id) => router.push(`/t/${id}`)}>
      {tenants.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </HeaderSelect>
  );
}

export function SignOutButton() {
  const { m } = useI18n();
  const router = useRouter();
  return (
    <button
      type="button"
      className="rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100"
      onClick={async () => {
        await api.POST("/api/v1/auth/logout");
        router.push("/login");
        router.refresh();
      }}
    >
      {m.app.signOut}
    </button>
  );
}
