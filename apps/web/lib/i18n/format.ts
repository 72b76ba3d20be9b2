export type Locale = "en" | "fr";
export const locales: readonly Locale[] = ["en", "fr"];

/** Replaces {name} placeholders. */
export function interpolate(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** A message's forms by Intl.PluralRules category; "other" is the fallback for the categories a text leaves out. */
export interface PluralForms {
  one: string;
  other: string;
}

/** "1 day", "3 days", "0 jour": the form the locale's rules pick for n, with {n} formatted for the locale. */
export function plural(
  locale: Locale,
  n: number,
  forms: PluralForms,
  vars: Record<string, string | number> = {},
): string {
  const form = new Intl.PluralRules(locale).select(n) === "one" ? forms.one : forms.other;
  return interpolate(form, { n: formatNumber(locale, n), ...vars });
}

export function formatDateTime(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export function formatDate(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** "in 3 days", "il y a 5 minutes". */
export function formatRelative(locale: Locale, value: string | Date, now: Date = new Date()): string {
  const seconds = Math.round((new Date(value).getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, "second");
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((l) => l.tag && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (base === "fr" || base === "en") return base;
  }
  return "en";
}

/** "812 kB", "3.4 MB", "1 GB" (binary multiples, as servers and archives are measured). */
export function formatBytes(locale: Locale, bytes: number): string {
  const [value, unit] =
    bytes < 1048576
      ? [bytes / 1024, locale === "fr" ? "ko" : "kB"]
      : bytes < 1073741824
        ? [bytes / 1048576, locale === "fr" ? "Mo" : "MB"]
        : [bytes / 1073741824, locale === "fr" ? "Go" : "GB"];
  return `${formatNumber(locale, value, { maximumFractionDigits: value < 10 ? 1 : 0 })} ${unit}`;
}
