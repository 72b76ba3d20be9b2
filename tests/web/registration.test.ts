// Sign-ups that wait for approval, as the applicant and the admins meet them: the public sign-up page on a phone
// says the account waits, the status page follows it; the domain page's "Sign-ups" tab accepts or turns down (each
// after a confirmation) and blocks addresses; in English and in French. The independent client proves the outcome.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, signupWithToken } from "../helpers/api.ts";
import {
  type AxeFinding,
  inspectPage,
  newContext,
  signedInPage,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";
import { writeCa, xmppClient } from "../helpers/xmpp.ts";

const DOMAIN = "approve-web.example";
const PASSWORD = "harbour lantern velvet";

let stack: WebStack;
let call: Call;
let cookie: string;
let tenantId: string;
let domainId: string;
let caFile: string;
let c2s: { host: string; port: number };
const findings: AxeFinding[] = [];
const fill = (text: string, values: Record<string, string>) =>
  Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, v), text);

async function signupRow(localpart: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = await stack.platform.app.core.db.signupRequest.findFirst({ where: { localpart } });
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no sign-up for ${localpart}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function decided(localpart: string, status: "approved" | "rejected") {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = await signupRow(localpart);
    const account = await stack.platform.app.core.db.account.findFirst({ where: { localpart } });
    if (row.status === status && (status === "rejected" || account?.state === "active")) return row;
    if (Date.now() > deadline) throw new Error(`${localpart} was not ${status}: ${JSON.stringify({ row, account })}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  stack = await startWebStack();
  ({ call, cookie, tenantId } = await signupWithToken(stack.platform.app, "gatekeeper"));
  const instance = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "approvals" });
  expect(instance.status, instance.text).toBe(201);
  c2s = { host: instance.json.instance.endpoints.host, port: instance.json.instance.endpoints.c2sPort };
  const domain = await call("POST", `/api/v1/instances/${instance.json.instance.id}/domains?wait=30`, {
    name: DOMAIN,
    registration: "approval",
  });
  expect(domain.status, domain.text).toBe(201);
  domainId = domain.json.domain.id;
  caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("sign-ups waiting for approval, in the browser", () => {
  for (const [locale, m, localpart, decision] of [
    ["en-GB", en, "nora", "approved"],
    ["fr-FR", fr, "oscar", "rejected"],
  ] as const) {
    it(`asks on a phone, waits, and learns the admins' decision (${locale})`, async () => {
      const jid = `${localpart}@${DOMAIN}`;
      // The applicant, on a phone.
      const phone = await (await newContext(stack, { locale, phone: true })).newPage();
      await phone.goto(`/register/${DOMAIN}`);
      await phone.getByText(fill(m.register.approvalLead, { domain: DOMAIN })).waitFor();
      await phone.getByLabel(m.join.username).fill(localpart);
      await phone.getByLabel(m.join.password, { exact: true }).fill(PASSWORD);
      await phone.getByLabel(m.register.email).fill(`${localpart}@mail.example`);
      await phone.getByRole("button", { name: m.join.submit }).click();
      await phone.getByRole("heading", { name: fill(m.register.pendingTitle, { jid }) }).waitFor();
      findings.push(...(await inspectPage(phone, `signup-pending-${locale.slice(0, 2)}`)));
      const statusLink = phone.getByRole("link", { name: /\/register\/status\// });
      await statusLink.click();
      await phone.getByText(m.signupStatus.pending).waitFor();
      const statusUrl = phone.url();
      expect(await xmppClient(["login", jid, PASSWORD, c2s.host, String(c2s.port), caFile])).toEqual({
        code: 2,
        out: { result: "auth" },
      });

      // An admin, on the domain page's sign-ups tab.
      const admin = await signedInPage(stack, cookie, { locale });
      await admin.goto(`/t/${tenantId}/domains/${domainId}?tab=signups`);
      const row = admin.locator("li", { hasText: jid });
      await row.waitFor();
      findings.push(...(await inspectPage(admin, `signups-tab-${locale.slice(0, 2)}`)));
      if (decision === "approved") {
        await row.getByRole("button", { name: m.signups.approve, exact: true }).click();
        const dialog = admin.getByRole("dialog", { name: m.signups.approve });
        await dialog.getByText(fill(m.signups.approveConfirm, { jid })).waitFor();
        await dialog.getByRole("button", { name: m.signups.approve, exact: true }).click();
      } else {
        await row.getByLabel(m.signups.reason).fill("Nous ne vous connaissons pas");
        await row.getByRole("button", { name: m.signups.reject, exact: true }).click();
        const dialog = admin.getByRole("dialog", { name: m.signups.reject });
        await dialog.getByText(fill(m.signups.rejectConfirm, { jid })).waitFor();
        await dialog.getByRole("button", { name: m.signups.reject, exact: true }).click();
      }
      await decided(localpart, decision);
      await admin.reload();
      await admin.getByText(m.signups.emptyTitle).waitFor();
      expect(await xmppClient(["login", jid, PASSWORD, c2s.host, String(c2s.port), caFile])).toEqual(
        decision === "approved" ? { code: 0, out: { result: "ok" } } : { code: 2, out: { result: "auth" } },
      );

      // The applicant's status page now says so.
      await phone.goto(statusUrl);
      await phone.getByText(fill(m.signupStatus[decision], { jid, domain: DOMAIN })).waitFor();
      if (decision === "rejected")
        await phone.getByText(fill(m.signupStatus.reason, { reason: "Nous ne vous connaissons pas" })).waitFor();
      await phone.context().close();
      await admin.context().close();
    }, 150_000);

    it(`blocks and unblocks an address after a confirmation (${locale})`, async () => {
      const page = await signedInPage(stack, cookie, { locale });
      await page.goto(`/t/${tenantId}/domains/${domainId}?tab=signups`);
      const panel = page.getByTestId("blocks-panel");
      await panel.getByText(m.signups.blocksEmptyTitle).waitFor();
      await panel.getByLabel(m.signups.cidr).fill("not an address");
      await panel.getByRole("button", { name: m.signups.add, exact: true }).click();
      await panel.getByText(m.problems.fields.invalid).waitFor();
      await panel.getByLabel(m.signups.cidr).fill("198.51.100.7");
      await panel.getByRole("button", { name: m.signups.add, exact: true }).click();
      const db = stack.platform.app.core.db;
      const deadline = Date.now() + 30_000;
      while ((await db.registrationBlock.count({ where: { domainId } })) === 0) {
        if (Date.now() > deadline) throw new Error("the block was not added");
        await new Promise((r) => setTimeout(r, 200));
      }
      await page.reload();
      const block = panel.locator("li", { hasText: "198.51.100.7/32" });
      await block.waitFor();
      findings.push(...(await inspectPage(page, `blocks-${locale.slice(0, 2)}`)));
      await block.getByRole("button", { name: m.signups.remove, exact: true }).click();
      const dialog = page.getByRole("dialog", { name: m.signups.remove });
      await dialog.getByText(fill(m.signups.removeConfirm, { cidr: "198.51.100.7/32" })).waitFor();
      await dialog.getByRole("button", { name: m.signups.remove, exact: true }).click();
      while ((await db.registrationBlock.count({ where: { domainId } })) !== 0) {
        if (Date.now() > deadline) throw new Error("the block was not removed");
        await new Promise((r) => setTimeout(r, 200));
      }
      await page.reload();
      await panel.getByText(m.signups.blocksEmptyTitle).waitFor();
      await page.context().close();
    }, 120_000);
  }

  it("has no serious accessibility finding on what it showed", () => {
    expect(findings).toEqual([]);
  });
});
