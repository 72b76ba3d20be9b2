import { cookies, headers } from "next/headers";
import { en, type Messages } from "./en";
import { type Locale, negotiateLocale } from "./format";
import { fr } from "./fr";

const dictionaries: Record<Locale, Messages> = { en, fr };

/** The person's language: their explicit choice (cookie), else their browser's. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get("locale")?.value;
  if (chosen === "en" || chosen === "fr") return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export async function getI18n(): Promise<{ locale: Locale; m: Messages }> {
  const locale = await getLocale();
  return { locale, m: dictionaries[locale] };
}

/** A page's `generateMetadata` whose title comes from the dictionary, in the visitor's language. */
export function titled(pick: (m: Messages) => string) {
  return async () => {
    const { m } = await getI18n();
    return { title: pick(m) };
  };
}
