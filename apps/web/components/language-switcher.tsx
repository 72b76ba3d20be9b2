"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "../lib/i18n/client";
import { HeaderSelect } from "./header-select";

/** Remembers the chosen language in a cookie; the server renders every page in it from then on. */
export function LanguageSwitcher() {
  const { locale, m } = useI18n();
  const router = useRouter();
  return (
    <HeaderSelect
      label={m.app.language}
      value={locale}
      onChange={(value) => {
        // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server
        document.cookie = `locale=${value}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      <option value="en" lang="en">
        English
      </option>
      <option value="fr" lang="fr">
        Français
      </option>
    </HeaderSelect>
  );
}
