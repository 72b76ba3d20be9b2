// A password reset link as the member meets it, on a phone, in English and in French: one password field, a weak
// password refused on the spot, then the success words; a link used, expired or cancelled says which. The admin
// makes the link from the account's row and gets it with a QR code to scan and a button to share or copy it.

import type { Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, serverWithDomains, signupWithToken } from "../helpers/api.ts";
import {
  type AxeFinding,
  expectNoSideways,
  inspectPage,
  newContext,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";
import { writeCa, xmppClient } from "../helpers/xmpp.ts";

const DOMAIN = "reset-phones.example";
const OLD_PASSWORD = "amber-orchard-lamp";

let stack: WebStack;
let call: Call;
let tenantId: string;
let domainId: string;
let accountId: string;
let caFile: string;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `account-reset-${name}`)));
}

async function newLink(): Promise<{ id: string; url: string; token: string }> {
  const res = await call("POST", `/api/v1/accounts/${accountId}/reset-links`, {});
  expect(res.status, res.text).toBe(201);
  const url = res.json.url as string;
  return { id: res.json.link.id, url, token: url.slice(url.lastIndexOf("/") + 1) };
}

async function login(password: string) {
  const server = await stack.platform.app.core.db.instance.findFirstOrThrow({
    where: { domains: { some: { name: DOMAIN } } },
  });
  return xmppClient(["login", `nana@${DOMAIN}`, password, server.host, String(server.c2sPort), caFile]);
}

beforeAll(async () => {
  stack = await startWebStack();
  const signup = await signupWithToken(stack.platform.app, "resets");
  call = signup.call;
  tenantId = signup.tenantId;
  const made = await serverWithDomains(call, tenantId, "resets", [{ name: DOMAIN, registration: "closed" }]);
  domainId = made.domainIds[0] as string;
  const account = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "nana",
    password: OLD_PASSWORD,
  });
  expect(account.status, account.text).toBe(201);
  accountId = account.json.account.id;
  caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("the reset page on a phone", () => {
  const used: string[] = [];

  for (const [locale, m, password] of [
    ["en-GB", en, "copper meadow kettle"],
    ["fr-FR", fr, "lanterne prairie cerise"],
  ] as const) {
    it(`sets a new password (${locale}): a weak one is refused, the new one logs in and the old one no longer does`, async () => {
      const link = await newLink();
      const context = await newContext(stack, { phone: true, locale });
      const page = await context.newPage();
      await page.goto(`/reset/${link.token}`);
      await page.getByRole("heading", { level: 1, name: m.resetLink.title }).waitFor();
      expect(await page.locator("main strong").first().textContent()).toBe(`nana@${DOMAIN}`);

      // Refused by the password rules: the field says why, and the link still works.
      await page.getByLabel(m.resetLink.password).fill("password");
      await page.getByRole("button", { name: m.resetLink.submit }).click();
      await page.locator("#password-error").waitFor();
      expect(await page.getByTestId("reset-success").count()).toBe(0);

      await page.getByLabel(m.resetLink.password).fill(password);
      // The strength meter, from the API's own rules, agrees before anything is sent.
      await page.getByTestId("password-strength").getByText(m.passwordStrength.ok).waitFor();
      const button = await page.getByRole("button", { name: m.resetLink.submit }).boundingBox();
      if (!button) throw new Error("the submit button is not laid out");
      expect(button.height).toBeGreaterThanOrEqual(36);
      expect(button.width).toBeGreaterThan(300);
      await page.getByRole("button", { name: m.resetLink.submit }).click();
      const done = page.getByTestId("reset-success");
      await done.waitFor({ timeout: 60_000 });
      await done.getByRole("heading", { name: m.resetLink.successTitle }).waitFor();
      expect(await done.locator("p").first().textContent()).toBe(
        m.resetLink.successBody.replace("{jid}", `nana@${DOMAIN}`),
      );
      expect(await page.getByLabel(m.resetLink.password).count()).toBe(0);
      await expectNoSideways(page);
      await inspect(page, `done-${locale.slice(0, 2)}`);
      await context.close();

      // The independent client: the new password logs in, the one before it does not.
      expect(await login(password)).toEqual({ code: 0, out: { result: "ok" } });
      const before = used.length ? "copper meadow kettle" : OLD_PASSWORD;
      expect(await login(before)).toEqual({ code: 2, out: { result: "auth" } });
      used.push(link.token);
    }, 180_000);
  }

  it("tells a used link apart, in English and in French", async () => {
    expect(used).toHaveLength(2);
    for (const [locale, m] of [
      ["en-GB", en],
      ["fr-FR", fr],
    ] as const) {
      const context = await newContext(stack, { phone: true, locale });
      const page = await context.newPage();
      await page.goto(`/reset/${used[0]}`);
      const heading = page.getByRole("heading", { level: 1, name: m.resetLink.usedTitle });
      await heading.waitFor();
      expect(await heading.getAttribute("data-reset-status")).toBe("used");
      await page.getByText(m.resetLink.usedBody).waitFor();
      expect(await page.getByLabel(m.resetLink.password).count()).toBe(0);
      await expectNoSideways(page);
      await inspect(page, `used-${locale.slice(0, 2)}`);
      await context.close();
    }
  });

  it("says an expired, a cancelled and an unknown link each in its own words", async () => {
    const expired = await newLink();
    await stack.platform.app.core.db.accountPasswordReset.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await newLink();
    expect((await call("DELETE", `/api/v1/reset-links/${revoked.id}`)).status).toBe(200);
    const context = await newContext(stack, { phone: true });
    const page = await context.newPage();
    for (const [token, status, title] of [
      [expired.token, "expired", en.resetLink.expiredTitle],
      [revoked.token, "revoked", en.resetLink.revokedTitle],
      ["Z".repeat(43), "unknown", en.resetLink.unknownTitle],
    ] as const) {
      await page.goto(`/reset/${token}`);
      const heading = page.getByRole("heading", { level: 1, name: title });
      await heading.waitFor();
      expect(await heading.getAttribute("data-reset-status")).toBe(status);
    }
    await context.close();
  });

  it("works with JavaScript off, posting the password in a body and never in an address", async () => {
    const link = await newLink();
    const good = "walnut lighthouse drizzle";
    const record = { posts: 0, urls: [] as string[] };
    const context = await newContext(stack, { phone: true, javaScriptEnabled: false });
    context.on("request", (request) => {
      record.urls.push(request.url());
      if (request.resourceType() === "document" && request.method() === "POST") record.posts++;
    });
    const page = await context.newPage();
    await page.goto(`/reset/${link.token}`);
    await page.getByLabel(en.resetLink.password).fill("nana-reset-phones");
    await page.getByRole("button", { name: en.resetLink.submit }).click();
    await page.locator("#password-error").waitFor();
    await page.getByLabel(en.resetLink.password).fill(good);
    await page.getByRole("button", { name: en.resetLink.submit }).click();
    await page
      .getByTestId("reset-success")
      .getByRole("heading", { name: en.resetLink.successTitle })
      .waitFor({ timeout: 60_000 });
    await context.close();
    expect(record.posts).toBe(2);
    expect(record.urls.filter((url) => url.includes("walnut") || url.includes("nana-reset"))).toEqual([]);
    expect(await login(good)).toEqual({ code: 0, out: { result: "ok" } });
  }, 90_000);

  it("shows the link's own message when it was used while the page was open", async () => {
    const link = await newLink();
    const context = await newContext(stack, { phone: true, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`/reset/${link.token}`);
    await page.getByLabel(fr.resetLink.password).fill("tartine orage violon");
    // Used from another tab meanwhile.
    const other = await stack.platform.app.inject({
      method: "POST",
      url: `/api/v1/public/reset-links/${link.token}`,
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.77" },
      payload: JSON.stringify({ password: "copper meadow kettle" }),
    });
    expect(other.statusCode, other.body).toBe(200);
    await page.getByRole("button", { name: fr.resetLink.submit }).click();
    const heading = page.getByRole("heading", { name: fr.resetLink.usedTitle });
    await heading.waitFor({ timeout: 30_000 });
    expect(await heading.getAttribute("data-reset-status")).toBe("reset_link_used");
    expect(await login("copper meadow kettle")).toEqual({ code: 0, out: { result: "ok" } });
    await context.close();
  }, 90_000);
});

describe("the admin's reset link", () => {
  it("is made from the account's row and shown with a QR code and a share or copy button", async () => {
    const context = await newContext(stack, { phone: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel(en.auth.email).fill("resets@test.example");
    await page.getByLabel(en.auth.password).fill("correct horse battery");
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL(/\/t\/[^/]+$/);
    await page.goto(`/t/${tenantId}/domains/${domainId}?tab=accounts`);

    const row = page.locator("li", { hasText: `nana@${DOMAIN}` });
    await row.getByRole("button", { name: en.resetLink.action }).click();
    const dialog = page.getByRole("dialog", { name: en.resetLink.actionTitle.replace("{jid}", `nana@${DOMAIN}`) });
    await dialog.getByRole("button", { name: en.resetLink.create }).click();
    const made = row.getByTestId("reset-link-made");
    await made.waitFor();

    const url = (await made.locator("[data-invite-link]").getAttribute("href")) ?? "";
    expect(url).toMatch(new RegExp(`^${stack.webUrl}/reset/[A-Za-z0-9_-]{43}$`));
    // The QR code carries the link, drawn module for module.
    const qr = made.getByRole("img", { name: en.resetLink.qr.replace("{jid}", `nana@${DOMAIN}`) });
    const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
    let expected = "";
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) expected += `M${x + 1} ${y + 1}h1v1h-1z`;
    }
    expect(await qr.locator("path").getAttribute("d")).toBe(expected);
    const canShare = await page.evaluate('typeof navigator.share === "function"');
    await made.locator(`button[data-share="${canShare ? "share" : "copy"}"]`).waitFor();
    await expectNoSideways(page);
    await inspect(page, "admin-row");

    // The link works: it is the account's only active one, and its page asks for the new password.
    const list = await call("GET", `/api/v1/accounts/${accountId}/reset-links`);
    expect(list.json.items).toHaveLength(1);
    const visitor = await newContext(stack, { phone: true });
    const reset = await visitor.newPage();
    await reset.goto(url.replace(stack.webUrl, ""));
    await reset.getByRole("heading", { level: 1, name: en.resetLink.title }).waitFor();
    await visitor.close();
    await context.close();
  }, 90_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on any page visited", () => {
    expect(inspected).toEqual(["done-en", "done-fr", "used-en", "used-fr", "admin-row"]);
    expect(findings).toEqual([]);
  });
});
