import { describe, expect, it } from "vitest";
import { platformOf } from "../apps/web/lib/clients.ts";
import { formatBytes, interpolate, negotiateLocale } from "../apps/web/lib/i18n/format.ts";

describe("the dashboard's language and formatting helpers", () => {
  it("picks French or English from Accept-Language by preference, English otherwise", () => {
    expect(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,en-GB;q=0.8,fr;q=0.7")).toBe("en");
    expect(negotiateLocale("de;q=0.9,fr;q=0.95")).toBe("fr");
    expect(negotiateLocale("es")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("Welcome, {jid}! {missing}", { jid: "anna@smiths.example" })).toBe(
      "Welcome, anna@smiths.example! {missing}",
    );
  });

  it("formats sizes in the visitor's language", () => {
    expect(formatBytes("en", 2048)).toBe("2 kB");
    expect(formatBytes("en", 5.5 * 1048576)).toBe("5.5 MB");
    expect(formatBytes("fr", 5.5 * 1048576)).toBe("5,5 Mo");
  });

  it("recognises the visitor's system for the invite page's app list", () => {
    expect(platformOf("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/130.0 Mobile Safari/537.36")).toBe("android");
    expect(platformOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1")).toBe("ios");
    expect(platformOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15")).toBe("mac");
    expect(platformOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0")).toBe("windows");
    expect(platformOf("Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0")).toBe("linux");
    expect(platformOf("curl/8.0")).toBeNull();
  });
});
