// An invite as the people it is sent to meet it: on an Android phone and an iPhone the page leads with the button that
// hands the invite to the app and with the app's store links; a computer gets a QR code for the phone; registering on
// the web ends with what to do next. The admin sees that links to a loopback address only work on their machine.

import type { BrowserContext, Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { isLoopbackUrl } from "../../apps/web/lib/local-url.ts";
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

const DOMAIN = "phones.example";
const OPEN = "walk-in.example";
const ROOM_TITLE = "Sunday lunch";
const PLAY = "https://play.google.com/store/apps/details?id=eu.siacs.conversations";
const FDROID = "https://f-droid.org/packages/eu.siacs.conversations/";
const MONAL = "https://apps.apple.com/app/monal-free-xmpp-chat/id317711500";
const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

let stack: WebStack;
let call: Call;
let tenantId: string;
let domainId: string;
let invite: { token: string; url: string; uri: string };
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `invite-phone-${name}`)));
}

function iphone(locale = "en-GB"): Promise<BrowserContext> {
  return stack.browser.newContext({
    baseURL: stack.webUrl,
    locale,
    extraHTTPHeaders: { "accept-language": locale },
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    userAgent: IPHONE_UA,
  });
}

/** Every link of the page's main content, in document order, with whether it is shown. */
async function mainLinks(page: Page): Promise<{ href: string; text: string; visible: boolean }[]> {
  return page.locator("main a").evaluateAll((links) =>
    links.map((a) => ({
      href: a.getAttribute("href") ?? "",
      text: (a.textContent ?? "").trim(),
      // checkVisibility also sees content folded away in a closed <details>.
      visible: a.checkVisibility(),
    })),
  );
}

beforeAll(async () => {
  stack = await startWebStack();
  const signup = await signupWithToken(stack.platform.app, "phones");
  call = signup.call;
  tenantId = signup.tenantId;
  const made = await serverWithDomains(call, tenantId, "phones", [
    { name: DOMAIN, registration: "invite" },
    { name: OPEN, registration: "open" },
  ]);
  domainId = made.domainIds[0] as string;
  const room = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
    name: "lunch",
    title: ROOM_TITLE,
    membersOnly: true,
  });
  expect(room.status, room.text).toBe(201);
  const created = await call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, {
    maxUses: 5,
    rooms: [room.json.room.id],
  });
  expect(created.status, created.text).toBe(201);
  invite = created.json.invite;
  expect(invite.uri).toBe(`xmpp:${DOMAIN}?register;preauth=${invite.token}`);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("the invite page on a phone", () => {
  it("on Android leads with the open-in-app button, then Google Play and F-Droid, and no QR code", async () => {
    const context = await newContext(stack, { phone: true });
    const page = await context.newPage();
    await page.goto(`/join/${invite.token}`);
    await page.getByRole("heading", { level: 1, name: en.join.title.replace("{domain}", DOMAIN) }).waitFor();

    const links = await mainLinks(page);
    // The first three links of the page's content: the XEP-0401 URI, then the two stores.
    expect(links[0]).toEqual({ href: invite.uri, text: "Open in Conversations", visible: true });
    expect(links[1]).toEqual({
      href: `${PLAY}&referrer=${encodeURIComponent(invite.uri)}`,
      text: en.join.stores.googlePlay,
      visible: true,
    });
    expect(links[2]).toEqual({ href: FDROID, text: en.join.stores.fdroid, visible: true });
    // The button is the largest thing on the screen above the stores, and both come before the form.
    const button = await page.locator("main a[data-open-in-app]").boundingBox();
    const play = await page.locator('main a[data-store="googlePlay"]').first().boundingBox();
    const form = await page.getByLabel(en.join.username).boundingBox();
    // Each is laid out (a hidden element has no box), in this order down the page.
    if (!button || !play || !form) throw new Error(`not laid out: ${JSON.stringify({ button, play, form })}`);
    expect(button.y).toBeLessThan(play.y);
    expect(play.y).toBeLessThan(form.y);
    expect(button.height).toBeGreaterThanOrEqual(48);
    expect(button.width).toBeGreaterThan(300);

    // Other systems wait behind "Other devices": no App Store or desktop link shows until it is opened.
    expect(links.filter((l) => l.visible && l.href.startsWith("https://apps.apple.com/"))).toEqual([]);
    expect(links.some((l) => l.href === MONAL)).toBe(true);
    const others = page.locator("details[data-other-devices]");
    expect(await others.getAttribute("open")).toBeNull();
    await others.locator("summary", { hasText: en.join.otherDevices }).click();
    expect(await others.getByRole("link", { name: en.join.stores.appStore }).first().isVisible()).toBe(true);
    expect(await others.locator('a[href="https://gajim.org/download/"]').first().isVisible()).toBe(true);

    // A phone cannot scan its own screen.
    expect(await page.locator("main svg[role=img]").count()).toBe(0);
    expect(await page.getByText(en.join.scanTitle).count()).toBe(0);
    await page.getByRole("heading", { name: en.join.fallbackTitle }).waitFor();
    await expectNoSideways(page);
    await inspect(page, "android");
    await context.close();
  });

  it("on an iPhone offers Monal from the App Store, in French as well", async () => {
    for (const [locale, m] of [
      ["en-GB", en],
      ["fr-FR", fr],
    ] as const) {
      const context = await iphone(locale);
      const page = await context.newPage();
      await page.goto(`/join/${invite.token}`);
      const open = page.getByRole("link", { name: m.join.openIn.replace("{app}", "Monal") });
      expect(await open.getAttribute("href")).toBe(invite.uri);
      const links = (await mainLinks(page)).filter((l) => l.visible);
      expect(links.slice(0, 2).map((l) => l.href)).toEqual([invite.uri, MONAL]);
      expect(links.some((l) => l.href.startsWith("https://play.google.com/"))).toBe(false);
      expect(await page.locator("main svg[role=img]").count()).toBe(0);
      await page.getByRole("heading", { name: m.join.fallbackTitle }).waitFor();
      await expectNoSideways(page);
      await inspect(page, `iphone-${locale.slice(0, 2)}`);
      await context.close();
    }
  });

  it("on a computer shows the invite page's own link as a QR code to scan with a phone", async () => {
    const context = await newContext(stack);
    const page = await context.newPage();
    await page.goto(`/join/${invite.token}`);
    await page.getByRole("heading", { name: en.join.scanTitle }).waitFor();
    const qr = page.getByRole("img", { name: en.join.scanQr });
    expect(await qr.count()).toBe(1);
    // The code carries this page (which leads a phone to its app), drawn module for module as the server does.
    const { modules } = QRCode.create(invite.url, { errorCorrectionLevel: "M" });
    let expected = "";
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) expected += `M${x + 1} ${y + 1}h1v1h-1z`;
    }
    expect(await qr.locator("path").getAttribute("d")).toBe(expected);
    // This computer runs Linux: Gajim first, and the one-step link for an app already installed.
    expect(await page.locator('main a[data-store="download"]').first().getAttribute("href")).toBe(
      "https://gajim.org/download/",
    );
    expect(await page.getByRole("link", { name: en.join.openInApp }).getAttribute("href")).toBe(invite.uri);
    await inspect(page, "desktop");
    await context.close();
  });

  it("after registering on the web shows what to do next, with the address and the group chat's title", async () => {
    const context = await newContext(stack, { phone: true });
    const page = await context.newPage();
    await page.goto(`/join/${invite.token}`);
    await page.getByLabel(en.join.username).fill("nana");
    await page.getByLabel(en.join.password).fill("sunny balcony evening");
    await page.getByRole("button", { name: en.join.submit }).click();
    const done = page.getByTestId("join-success");
    await done.waitFor({ timeout: 60_000 });

    const jid = `nana@${DOMAIN}`;
    await done.getByRole("heading", { name: en.join.successTitle.replace("{jid}", jid) }).waitFor();
    await done.getByRole("heading", { name: en.join.nextTitle }).waitFor();
    expect(await done.locator("ol > li").nth(1).textContent()).toBe(en.join.nextSignIn.replace("{jid}", jid));
    expect(await done.getByTestId("join-rooms").locator("li").allTextContents()).toEqual([ROOM_TITLE]);
    // The store link to install the app, without the invite this time: the account exists.
    expect(await done.locator('a[data-store="googlePlay"]').getAttribute("href")).toBe(PLAY);
    // No second account on offer: neither the form nor the one-step button.
    expect(await page.getByLabel(en.join.username).count()).toBe(0);
    expect(await page.locator("a[data-open-in-app]").count()).toBe(0);
    expect(await page.getByRole("button", { name: en.join.submit }).count()).toBe(0);
    await expectNoSideways(page);
    await inspect(page, "joined");
    await context.close();

    const account = await stack.platform.app.core.db.account.findFirst({
      where: { localpart: "nana", domain: { name: DOMAIN } },
    });
    expect(account?.state).toBe("active");
  }, 120_000);

  it("registers with JavaScript off, from an invite and on an open domain, and the new account logs in", async () => {
    const weak = "password";
    const good = "copper meadow kettle";
    const record = { posts: 0, urls: [] as string[] };
    const context = await newContext(stack, { phone: true, javaScriptEnabled: false });
    context.on("request", (request) => {
      record.urls.push(request.url());
      if (request.resourceType() === "document" && request.method() === "POST") record.posts++;
    });
    const page = await context.newPage();
    await page.goto(`/join/${invite.token}`);
    // Typed in capitals on a phone keyboard: the address is case-insensitive and comes out in lower case.
    await page.getByLabel(en.join.username).fill("Sami");
    await page.getByLabel(en.join.password).fill(weak);
    await page.getByRole("button", { name: en.join.submit }).click();
    // Refused by the password rules: the form again, with the name kept and no password.
    await page.locator("#password-error").waitFor();
    expect(await page.getByLabel(en.join.username).inputValue()).toBe("sami");
    expect(await page.getByLabel(en.join.password).inputValue()).toBe("");
    await page.getByLabel(en.join.password).fill(good);
    await page.getByRole("button", { name: en.join.submit }).click();
    const jid = `sami@${DOMAIN}`;
    await page
      .getByTestId("join-success")
      .getByRole("heading", { name: en.join.successTitle.replace("{jid}", jid) })
      .waitFor({ timeout: 60_000 });
    await expectNoSideways(page);

    await page.goto(`/register/${OPEN}`);
    await page.getByLabel(en.join.username).fill("walker");
    await page.getByLabel(en.join.password).fill(good);
    await page.getByRole("button", { name: en.join.submit }).click();
    await page
      .getByTestId("join-success")
      .getByRole("heading", { name: en.join.successTitle.replace("{jid}", `walker@${OPEN}`) })
      .waitFor({ timeout: 60_000 });
    await context.close();

    // Posted by the browser itself, as pages, and never with a password in a URL.
    expect(record.posts).toBe(3);
    expect(record.urls.filter((url) => [weak, good, encodeURIComponent(good)].some((p) => url.includes(p)))).toEqual(
      [],
    );
    // An independent client logs in with what was typed.
    const server = await stack.platform.app.core.db.instance.findFirstOrThrow({
      where: { domains: { some: { name: DOMAIN } } },
    });
    const caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
    for (const address of [jid, `walker@${OPEN}`]) {
      const login = await xmppClient(["login", address, good, server.host, String(server.c2sPort), caFile]);
      expect(login, address).toEqual({ code: 0, out: { result: "ok" } });
    }
  }, 180_000);

  it("leads the open sign-up page with the phone's own store", async () => {
    const context = await iphone();
    const page = await context.newPage();
    await page.goto(`/register/${OPEN}`);
    await page.getByRole("heading", { level: 1, name: en.register.title.replace("{domain}", OPEN) }).waitFor();
    const links = (await mainLinks(page)).filter((l) => l.visible);
    expect(links[0]?.href).toBe(MONAL);
    expect(links.some((l) => l.href.startsWith("https://play.google.com/"))).toBe(false);
    await expectNoSideways(page);
    await inspect(page, "register-open");
    await context.close();
  });
});

describe("invite links on the admin's side", () => {
  it("warns that links to a loopback address only work on this machine, and shares or copies them", async () => {
    // startWebStack gives the platform the web app's own address, http://127.0.0.1:PORT.
    expect(stack.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const context = await newContext(stack, { phone: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel(en.auth.email).fill("phones@test.example");
    await page.getByLabel(en.auth.password).fill("correct horse battery");
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL(/\/t\/[^/]+$/);
    await page.goto(`/t/${tenantId}/domains/${domainId}?tab=invites`);

    const link = page.locator("[data-invite-link]").first();
    expect(await link.getAttribute("href")).toBe(invite.url);
    const warning = page.locator("[data-local-link]").first();
    expect(await warning.textContent()).toBe(en.invites.localOnly);
    expect(await warning.isVisible()).toBe(true);

    // The system's share sheet where the browser has one, else a copy to the clipboard.
    const canShare = await page.evaluate('typeof navigator.share === "function"');
    const share = page.locator("button[data-share]").first();
    await page
      .locator(`button[data-share="${canShare ? "share" : "copy"}"]`)
      .first()
      .waitFor();
    if (!canShare) {
      expect(await share.textContent()).toBe(en.app.copy);
      await share.click();
      await page.getByRole("button", { name: en.app.copied }).first().waitFor();
      // The dashboard's own pages may not read the clipboard (Permissions-Policy): read it on the API's origin.
      const reader = await context.newPage();
      await reader.goto(`${stack.apiUrl}/api/v1/platform`);
      await reader.bringToFront();
      expect(await reader.evaluate("navigator.clipboard.readText()")).toBe(invite.url);
    }
    await expectNoSideways(page);
    await inspect(page, "admin-invites");
    await context.close();
  });

  it("tells loopback addresses from the others", () => {
    for (const url of [
      "http://localhost:3000/join/x",
      "http://127.0.0.1:8080",
      "http://127.8.9.10",
      "http://[::1]:3000",
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of ["https://chat.example.org/join/x", "http://10.0.0.2:3000", "http://127.example.org", "nope"]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on any page visited", () => {
    expect(inspected).toEqual([
      "android",
      "iphone-en",
      "iphone-fr",
      "desktop",
      "joined",
      "register-open",
      "admin-invites",
    ]);
    expect(findings).toEqual([]);
  });
});
