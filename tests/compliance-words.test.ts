import { COMPLIANCE_TESTS } from "@xmpp-host/compliance";
import { describe, expect, it } from "vitest";
import { alertMessage } from "../apps/web/lib/i18n/codes.ts";
import { en } from "../apps/web/lib/i18n/en.ts";
import { fr } from "../apps/web/lib/i18n/fr.ts";

describe("the dashboard's words for the compliance checker", () => {
  it("name every test of the catalogue and say how to fix it, in English and French, naming the module", () => {
    const ids = COMPLIANCE_TESTS.map((t) => t.id).sort();
    for (const m of [en, fr]) {
      expect(Object.keys(m.compliance.tests).sort()).toEqual(ids);
      expect(Object.keys(m.compliance.fixes).sort()).toEqual(ids);
    }
    // Every fix that is about the server names its module, so that an operator knows what to look at.
    for (const t of COMPLIANCE_TESTS) {
      if (t.id === "direct-tls-srv" || t.id === "contact-addresses" || t.id === "tls-version") continue;
      expect(en.compliance.fixes[t.id], t.id).toContain("{module}");
      expect(fr.compliance.fixes[t.id], t.id).toContain("{module}");
    }
  });

  it("word the score-drop alert with its figures", () => {
    const alert = {
      rule: "compliance_dropped",
      subjectName: "smiths.chat.test",
      message: "Compliance of smiths.chat.test dropped from 100% to 96%",
      code: "compliance_dropped",
      params: { score: 96, previous: 100, failing: "http-upload" },
    };
    expect(alertMessage(en, "en", alert)).toBe(
      "Compatibility of smiths.chat.test with chat apps dropped from 100% to 96%",
    );
    expect(alertMessage(fr, "fr", alert)).toBe(
      "La compatibilité de smiths.chat.test avec les applis est passée de 100 % à 96 %",
    );
  });
});
