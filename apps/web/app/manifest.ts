import type { MetadataRoute } from "next";
import { getI18n } from "../lib/i18n/server";

/** Lets a phone keep the dashboard on its home screen, named in the visitor's language. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const { locale, m } = await getI18n();
  return {
    name: m.app.name,
    short_name: m.app.name,
    description: m.app.tagline,
    lang: locale,
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#1d5fd1",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
