// "Import members" on the domain page: a CSV file and the mode, the progress, the report of the rows done and not
// done with why, and the one-time download of the passwords; in English and in French.

import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { parseCsv } from "../../packages/core/src/imports/csv.ts";
import { type Call, serverWithDomains, signupWithToken } from "../helpers/api.ts";
import { type AxeFinding, inspectPage, signedInPage, startWebStack, type WebStack } from "../helpers/web.ts";

const DOMAIN = "import-web.example";
let stack: WebStack;
let call: Call;
let cookie: string;
let tenantId: string;
let domainId: string;
const findings: AxeFinding[] = [];

beforeAll(async () => {
  stack = await startWebStack();
  ({ call, cookie, tenantId } = await signupWithToken(stack.platform.app, "webimporter"));
  const made = await serverWithDomains(call, tenantId, "imports", [{ name: DOMAIN, registration: "invite" }]);
  domainId = made.domainIds[0] as string;
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("importing members from the domain page", () => {
  for (const [locale, m, prefix] of [
    ["en-GB", en, "ann"],
    ["fr-FR", fr, "zoe"],
  ] as const) {
    it(`imports a file, reports the bad row and gives the passwords once (${locale})`, async () => {
      const page = await signedInPage(stack, cookie, { locale });
      await page.goto(`/t/${tenantId}/domains/${domainId}`);
      const form = page.locator("[data-import-form]");
      const csv = `username,display name\n${prefix}1,One\n${prefix}2,Two\nbad name,Bad\n`;
      await form.getByLabel(m.imports.file).setInputFiles({
        name: "members.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await form.getByLabel(m.imports.modes.accounts).check();
      await form.getByRole("button", { name: m.imports.start, exact: true }).click();

      const report = form.locator("[data-import-report]");
      await report.waitFor({ timeout: 60_000 });
      await report.locator("[data-code='invalid_username']").getByText(m.imports.codes.invalid_username).waitFor();
      expect(await report.locator("[data-import-failed] tbody tr").count()).toBe(1);
      findings.push(...(await inspectPage(page, `bulk-import-report-${locale.slice(0, 2)}`)));

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        form.getByRole("button", { name: m.imports.downloadPasswords, exact: true }).click(),
      ]);
      const file = await download.path();
      const rows = parseCsv(readFileSync(file, "utf8")).flatMap((r) => ("fields" in r ? [r.fields] : []));
      expect(rows.map((r) => r.slice(0, 2))).toEqual([
        ["username", "address"],
        [`${prefix}1`, `${prefix}1@${DOMAIN}`],
        [`${prefix}2`, `${prefix}2@${DOMAIN}`],
      ]);
      expect(path.basename(download.suggestedFilename())).toBe("members-passwords.csv");
      await form.getByText(m.imports.downloaded).waitFor();
      expect(await form.getByRole("button", { name: m.imports.downloadPasswords }).count()).toBe(0);

      const accounts = await stack.platform.app.core.db.account.findMany({
        where: { domainId, localpart: { startsWith: prefix } },
      });
      expect(accounts.map((a) => a.localpart).sort()).toEqual([`${prefix}1`, `${prefix}2`]);
      await page.context().close();
    }, 120_000);
  }

  it("has no serious accessibility finding on what it showed", () => {
    expect(findings).toEqual([]);
  });
});
