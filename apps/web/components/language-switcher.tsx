"use client";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useI18n } from "../lib/i18n/client";

/** Remembers the chosen language in a cookie; the server renders every page in it from then on. */
export function LanguageSwitcher() {
  const { locale, m } = useI18n();
  const router = useRouter();
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="sr-only">
        {m.app.language}
      </label>
      <select
        id={id}
        value={locale}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1"
        onChange={(e) => {
          // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server
          document.cookie = `locale=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="fr" lang="fr">
          Français
        </option>
      </select>
    </div>
  );
}
