import { describe, expect, it } from "vitest";
import { operationErrorText } from "../apps/web/lib/api/problem.ts";
import { platformOf } from "../apps/web/lib/clients.ts";
import { alertMessage, reasonText } from "../apps/web/lib/i18n/codes.ts";
import { en } from "../apps/web/lib/i18n/en.ts";
import { formatBytes, interpolate, negotiateLocale } from "../apps/web/lib/i18n/format.ts";
import { fr } from "../apps/web/lib/i18n/fr.ts";

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

  it("says why an operation failed in the reader's language when core gave a reason, in its words otherwise", () => {
    const refused = {
      message: "no free ports left in the instance port range",
      kind: "AppError",
      reason: "no_free_ports",
    };
    expect(operationErrorText(refused, fr)).toBe(fr.problems.reasons.no_free_ports);
    expect(operationErrorText(refused, en)).toBe(en.problems.reasons.no_free_ports);
    expect(fr.problems.reasons.no_free_ports).not.toBe(en.problems.reasons.no_free_ports);
    const crashed = { message: "the server did not answer", kind: "Error" };
    expect(operationErrorText(crashed, fr)).toBe("the server did not answer");
    expect(operationErrorText(null, fr)).toBe("");
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

describe("the dashboard's words for health reasons and alerts", () => {
  const memory = { bytes: 30 * 1048576, limitBytes: 1048576 };

  it("formats each measurement for the locale", () => {
    const slow = {
      code: "login_slow",
      message: "Login took 2.3 s (limit 2.0 s)",
      params: { loginMs: 2345, limitMs: 2000 },
    };
    expect(reasonText(fr, "fr", slow)).toBe("La connexion a pris 2,3 s (limite 2,0 s)");
    expect(reasonText(en, "en", slow)).toBe("Signing in took 2.3 s (limit 2.0 s)");
    expect(
      reasonText(fr, "fr", { code: "certificate_expiring", message: "", params: { days: 1, limitDays: 14 } }),
    ).toBe("Le certificat expire dans 1 jour (limite 14 jours)");
    expect(reasonText(fr, "fr", { code: "c2s_timeout", message: "", params: { step: "login" } })).toContain(
      "authentification",
    );
    expect(
      alertMessage(fr, "fr", {
        rule: "memory_high",
        subjectName: "maison",
        message: "",
        code: "memory_high",
        params: memory,
      }),
    ).toBe("maison utilise 30 Mo de mémoire (limite 1 Mo)");
  });

  it("words an alert's reasons and the fleet's alert_<rule> reasons", () => {
    const down = {
      rule: "instance_down",
      subjectName: "maison",
      message: "maison is down: The client port does not accept connections: refused",
      code: "instance_down",
      params: {
        reasons: [{ code: "c2s_unreachable", message: "The client port does not accept connections: refused" }],
      },
    };
    expect(alertMessage(fr, "fr", down)).toBe(
      "maison est hors service : Le port des clients n’accepte pas de connexions",
    );
    expect(alertMessage(fr, "fr", { ...down, params: { reasons: [] } })).toBe(
      "maison est hors service : pas de réponse",
    );
    expect(reasonText(fr, "fr", { code: "alert_memory_high", message: "", params: { name: "maison" } })).toBe(
      "maison utilise trop de mémoire",
    );
  });

  it("falls back to the title for an alert without a code, and to English for a code it does not know", () => {
    const legacy = {
      rule: "memory_high",
      subjectName: "maison",
      message: "maison uses 30 MiB",
      code: null,
      params: {},
    };
    expect(alertMessage(fr, "fr", legacy)).toBe("maison utilise trop de mémoire");
    // Values missing (stored before reasons had them): never a template with its placeholders showing.
    expect(alertMessage(fr, "fr", { ...legacy, code: "memory_high" })).toBe("maison utilise trop de mémoire");
    expect(reasonText(fr, "fr", { code: "brand_new", message: "Something new" })).toBe("Something new");
  });
});
