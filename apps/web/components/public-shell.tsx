import Link from "next/link";
import type { ReactNode } from "react";
import { getI18n } from "../lib/i18n/server";
import { LanguageSwitcher } from "./language-switcher";

/** The product's name, which leads home from every page. */
export function HomeLink({ name }: { name: string }) {
  return (
    <Link href="/" className="font-semibold text-brand-700">
      {name}
    </Link>
  );
}

/** The frame of pages seen by people who are not signed in: sign-in, sign-up, invites. */
export async function PublicShell({ children, narrow = true }: { children: ReactNode; narrow?: boolean }) {
  const { m } = await getI18n();
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <HomeLink name={m.app.name} />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="content" className={`mx-auto px-4 py-8 ${narrow ? "max-w-md" : "max-w-3xl"}`}>
        {children}
      </main>
    </div>
  );
}
