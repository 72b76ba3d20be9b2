import type { ReactNode } from "react";
import "./globals.css";
import { I18nProvider } from "../lib/i18n/client";
import { getI18n } from "../lib/i18n/server";

export async function generateMetadata() {
  const { m } = await getI18n();
  return { title: { default: m.app.name, template: `%s · ${m.app.name}` }, description: m.app.tagline };
}

export const viewport = { width: "device-width", initialScale: 1, themeColor: "#1d5fd1" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, m } = await getI18n();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {m.app.skipToContent}
        </a>
        <I18nProvider locale={locale} m={m}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
