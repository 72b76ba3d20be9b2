// Suspending an account from its row on the domain page: a confirmation that says the person is signed out at once
// and keeps their data, then a "Suspended" badge with the reason and a Restore action; in English and in French. The
// independent client proves what each click did on the server.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, serverWithDomains, signupWithToken } from "../helpers/api.ts";
import { type AxeFinding, inspectPage, signedInPage, startWebStack, type WebStack } from "../helpers/web.ts";
import { writeCa, xmppClient } from "../helpers/xmpp.ts";

const DOMAIN = "suspend-web.example";
const JID = `mia@${DOMAIN}`;
const PASSWORD = "harbour lantern velvet";

let stack: WebStack;
let call: Call;
let cookie: string;
let tenantId: string;
let domainId: string;
let accountId: string;
let caFile: string;
const findings: AxeFinding[] = [];

async function login() {
  const server = await stack.platform.app.core.db.instance.findFirstOrThrow({
    where: { domains: { some: { name: DOMAIN } } },
  });
  return xmppClient(["login", JID, PASSWORD, server.host, String(server.c2sPort), caFile]);
}

/** Waits until the account's suspension in PostgreSQL is as expected, and its operation has run. */
async function settled(suspended: boolean, type: "account.suspend" | "account.restore") {
  const db = stack.platform.app.core.db;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
    const op = await db.operation.findFirst({ where: { resourceId: accountId, type }, orderBy: { createdAt: "desc" } });
    if ((account.suspendedAt !== null) === suspended && op?.status === "succeeded") return account;
    if (Date.now() > deadline) throw new Error(`the ${type} did not finish: ${JSON.stringify({ account, op })}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  stack = await startWebStack();
  const signup = await signupWithToken(stack.platform.app, "suspender");
  ({ call, cookie, tenantId } = signup);
  const made = await serverWithDomains(call, tenantId, "suspend", [{ name: DOMAIN, registration: "closed" }]);
  domainId = made.domainIds[0] as string;
  const account = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "mia",
    password: PASSWORD,
  });
  expect(account.status, account.text).toBe(201);
  accountId = account.json.account.id;
  caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("suspending from the accounts list", () => {
  for (const [locale, m, reason] of [
    ["en-GB", en, "Lost her phone"],
    ["fr-FR", fr, "Téléphone perdu"],
  ] as const) {
    it(`suspends after a confirmation, shows it, and restores (${locale})`, async () => {
      const page = await signedInPage(stack, cookie, { locale });
      await page.goto(`/t/${tenantId}/domains/${domainId}`);
      const row = page.locator("li", { hasText: JID });
      await row.getByRole("button", { name: m.accounts.suspend, exact: true }).click();

      const dialog = page.getByRole("dialog", { name: m.accounts.suspendTitle.replace("{jid}", JID) });
      await dialog.waitFor();
      expect(await dialog.getByText(m.accounts.suspendConfirm.replace("{jid}", JID)).count()).toBe(1);
      await dialog.getByLabel(m.accounts.suspendReason).fill(reason);
      findings.push(...(await inspectPage(page, `account-suspension-dialog-${locale.slice(0, 2)}`)));
      await dialog.getByRole("button", { name: m.accounts.suspend, exact: true }).click();

      const account = await settled(true, "account.suspend");
      expect(account.suspendedReason).toBe(reason);
      expect(await login()).toEqual({ code: 2, out: { result: "auth" } });

      await page.reload();
      await row.getByText(m.accounts.suspended, { exact: true }).waitFor();
      await row.getByText(reason, { exact: false }).waitFor();
      findings.push(...(await inspectPage(page, `account-suspension-suspended-${locale.slice(0, 2)}`)));

      await row.getByRole("button", { name: m.accounts.restore, exact: true }).click();
      const confirm = page.getByRole("dialog", { name: m.accounts.restoreTitle.replace("{jid}", JID) });
      await confirm.getByRole("button", { name: m.accounts.restore, exact: true }).click();
      await settled(false, "account.restore");
      expect(await login()).toEqual({ code: 0, out: { result: "ok" } });
      await page.reload();
      await row.getByRole("button", { name: m.accounts.suspend, exact: true }).waitFor();
      expect(await row.getByText(m.accounts.suspended, { exact: true }).count()).toBe(0);
      await page.context().close();
    }, 120_000);
  }

  it("has no serious accessibility finding on what it showed", () => {
    expect(findings).toEqual([]);
  });
});
