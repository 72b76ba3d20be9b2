"use client";
import { createContext, type ReactNode, useContext } from "react";
import type { Messages } from "./en";
import type { Locale } from "./format";

const I18nContext = createContext<{ locale: Locale; m: Messages } | null>(null);

export function I18nProvider({ locale, m, children }: { locale: Locale; m: Messages; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, m }}>{children}</I18nContext.Provider>;
}

export function useI18n(): { locale: Locale; m: Messages } {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
