// A domain's settings tab in the dashboard: an admin on a phone keeps message history a month and turns shared files
// off, sees both saved, and puts one back to its default; the French tab, with a refusal worded under its field; a
// viewer who reads every setting with nothing to press; a free address offered only what its shared server keeps;
// and the branding chosen there (name, colour, logo) on the invite and sign-up pages, in English and in French.
import type { Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableOn } from "../../apps/web/lib/colour.ts";
import { en, type Messages } from "../../apps/web/lib/i18n/en.ts";
import { interpolate, plural } from "../../apps/web/lib/i18n/format.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, client, serverWithDomains, signupWithToken } from "../helpers/api.ts";
import {
  type AxeFinding,
  englishIn,
  englishTexts,
  expectNoSideways,
  inspectPage,
  newContext,
  signedInPage,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";

const DOMAIN = "settings-web.example";
const BASE = "chat.test";
const BRAND = "The Smiths’ chat";
// A light colour: white text on it would be unreadable, so the page must pick black.
const COLOUR = "#ffd400";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let domainId: string;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `domain-settings-${name}`)));
}

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000", PLATFORM_BASE_DOMAIN: BASE } });
  owner = await signupWithToken(stack.platform.app, "settingsweb");
  const made = await serverWithDomains(owner.call, owner.tenantId, "family", [
    { name: DOMAIN, registration: "invite" },
  ]);
  domainId = made.domainIds[0] as string;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const signedIn = (cookie: string, opts: { locale?: string; phone?: boolean } = {}) => signedInPage(stack, cookie, opts);

async function settingsOf(call: Call, id = domainId) {
  const res = await call("GET", `/api/v1/domains/${id}/settings`);
  expect(res.status, res.text).toBe(200);
  return res.json as {
    settings: Record<string, unknown>;
    defaults: Record<string, unknown>;
    changed: string[];
    ceilings: { fileMaxBytes: number; maxDays: number | null };
    logoUrl: string | null;
  };
}

const settingsTab = (id = domainId) => `/t/${owner.tenantId}/domains/${id}?tab=settings`;

/**
 * A section's save, ending well: the progress of the change it started on the server, or, for what only the
 * platform's pages use (branding), the plain "Saved".
 */
async function save(page: Page, section: string, m: Messages): Promise<void> {
  const card = page.locator(`[data-section="${section}"]`);
  await card.getByRole("button", { name: m.app.save, exact: true }).click();
  const done = card
    .locator('[data-operation-status="succeeded"]')
    .or(card.getByText(m.settings.saved, { exact: true }));
  await done.first().waitFor({ timeout: 60_000 });
}

/** One computed style of the element `selector` finds, evaluated in the page (the tests have no DOM types). */
async function styleOf(page: Page, selector: string, property: string): Promise<string> {
  const value = await page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`,
  );
  return String(value);
}

// What a colour scheme reads as, computed here from the rendered page (WCAG 2), not with the page's own helper.
function rgb(css: string): [number, number, number] {
  const parts = css
    .match(/\d+(\.\d+)?/g)
    ?.slice(0, 3)
    .map(Number);
  if (!parts || parts.length < 3) throw new Error(`not a colour: ${css}`);
  return parts as [number, number, number];
}
function lum([r, g, b]: [number, number, number]): number {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const english = englishTexts(en, fr);

describe("the colour of text set on an accent colour", () => {
  it("reads at 4.5:1 at least on any colour an admin may choose", () => {
    const worst: string[] = [];
    for (let r = 0; r <= 255; r += 15) {
      for (let g = 0; g <= 255; g += 15) {
        for (let b = 0; b <= 255; b += 15) {
          const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
          const text = readableOn(hex);
          if (contrast([r, g, b], rgb(text === "#000000" ? "0,0,0" : "255,255,255")) < 4.5) worst.push(hex);
        }
      }
    }
    expect(worst).toEqual([]);
    expect(readableOn(COLOUR)).toBe("#000000");
    expect(readableOn("#1d5fd1")).toBe("#ffffff");
  });
});

describe("the settings tab", () => {
  it("keeps history a month and turns shared files off from a phone, then puts history back to its default", async () => {
    const m = en;
    const before = await settingsOf(owner.call);
    expect(before.changed).toEqual([]);
    expect(before.settings).toMatchObject({ historyEnabled: true, historyRetention: "1y", filesEnabled: true });

    const page = await signedIn(owner.cookie, { phone: true });
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}`);
    await page.getByRole("link", { name: m.domains.settingsTab }).click();
    await page.waitForURL(/tab=settings/);
    for (const title of [
      m.domains.registration,
      m.settings.history.title,
      m.settings.files.title,
      m.settings.push.title,
      m.settings.security.title,
      m.settings.welcome.title,
      m.settings.contacts.title,
      m.settings.branding.title,
    ]) {
      await page.getByRole("heading", { name: title, exact: true }).waitFor();
    }
    // Nothing changed yet: no setting offers to go back to its default.
    expect(await page.locator('[data-changed="true"]').count()).toBe(0);
    expect(await page.getByRole("button", { name: new RegExp(`^${m.settings.reset}`) }).count()).toBe(0);
    await expectNoSideways(page);
    await inspect(page, "tab-phone");

    const history = page.locator('[data-section="history"]');
    const retention = history.getByLabel(m.settings.history.retention);
    expect(await retention.inputValue()).toBe("1y");
    await retention.selectOption("1m");
    await save(page, "history", m);

    const files = page.locator('[data-section="files"]');
    const sharing = files.getByLabel(m.settings.files.enabled);
    expect(await sharing.isChecked()).toBe(true);
    await sharing.uncheck();
    await save(page, "files", m);

    const after = await settingsOf(owner.call);
    expect(after.settings).toMatchObject({ historyRetention: "1m", filesEnabled: false, historyEnabled: true });
    expect(after.changed.sort()).toEqual(["filesEnabled", "historyRetention"]);

    // Saved: a fresh page shows both, each with its default and the way back to it.
    await page.reload();
    expect(await page.locator('[data-section="history"]').getByLabel(m.settings.history.retention).inputValue()).toBe(
      "1m",
    );
    expect(await page.locator('[data-section="files"]').getByLabel(m.settings.files.enabled).isChecked()).toBe(false);
    const retentionSetting = page.locator('[data-setting="historyRetention"]');
    await retentionSetting
      .getByText(interpolate(m.settings.defaultIs, { value: m.settings.retentions["1y"] }), { exact: true })
      .waitFor();
    await page
      .locator('[data-setting="filesEnabled"]')
      .getByText(interpolate(m.settings.defaultIs, { value: m.settings.on }), { exact: true })
      .waitFor();
    expect(await page.locator('[data-changed="true"]').count()).toBe(2);
    await expectNoSideways(page);
    await inspect(page, "tab-phone-changed");

    // Back to the default: the setting is forgotten, and the form shows the default again.
    await retentionSetting.getByRole("button", { name: new RegExp(`^${m.settings.reset}`) }).click();
    await page.locator('[data-setting="historyRetention"][data-changed="false"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-section="history"] [data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-section="history"]').getByLabel(m.settings.history.retention).inputValue()).toBe(
      "1y",
    );
    const reset = await settingsOf(owner.call);
    expect(reset.settings).toMatchObject({ historyRetention: "1y", filesEnabled: false });
    expect(reset.changed).toEqual(["filesEnabled"]);
    await page.context().close();
  }, 180_000);

  it("is in French on the French page, with the API's refusal worded under its field", async () => {
    const m = fr;
    const page = await signedIn(owner.cookie, { locale: "fr-FR" });
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}`);
    await page.getByRole("link", { name: m.domains.settingsTab }).click();
    await page.waitForURL(/tab=settings/);
    await page.getByRole("heading", { name: m.settings.history.title, exact: true }).waitFor();
    await page.getByLabel(m.settings.history.retention).waitFor();
    await page.getByLabel(m.settings.files.enabled).waitFor();
    await page.getByLabel(m.settings.push.body).waitFor();
    await page.getByLabel(m.settings.security.intermediate).waitFor();
    await page.getByText(m.settings.push.lead).waitFor();
    // Shared files were turned off above: its way back to the default is in French too.
    await page
      .locator('[data-setting="filesEnabled"]')
      .getByText(interpolate(m.settings.defaultIs, { value: m.settings.on }), { exact: true })
      .waitFor();
    await page
      .locator('[data-setting="filesEnabled"]')
      .getByRole("button", { name: new RegExp(`^${m.settings.reset}`) })
      .waitFor();
    const retentions = await page.getByLabel(m.settings.history.retention).locator("option").allInnerTexts();
    expect(retentions).toEqual(["Pour toujours", "1 an", "6 mois", "1 mois"]);

    await page.waitForLoadState("networkidle");
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
    const shown = await page.locator("body").innerText();
    const left = englishIn(shown, english);
    expect(left, `the French settings tab shows English: "${left}"`).toBeUndefined();
    await inspect(page, "tab-fr");

    // An address the API refuses: its words come from the field's own, in French, under that field.
    const abuseBefore = (await settingsOf(owner.call)).settings.abuseAddresses;
    const contacts = page.locator('[data-section="contacts"]');
    const refusal = contacts.locator("#abuseAddresses-error");
    const refused = refusal.getByText(m.problems.byField.abuseAddresses.invalid_url);
    // Typed before the section hydrated, the text is put back by React and the save sends nothing (seen once in a
    // loaded full run): type and save again, up to three times, until the refusal shows.
    for (let attempt = 1; ; attempt++) {
      await contacts.getByLabel(m.settings.contacts.abuse).fill("pas une adresse");
      await contacts.getByRole("button", { name: m.app.save, exact: true }).click();
      const shown = await refused.waitFor({ timeout: 10_000 }).then(
        () => true,
        (err: unknown) => {
          if (attempt >= 3) throw err;
          return false;
        },
      );
      if (shown) break;
    }
    expect(await contacts.getByLabel(m.settings.contacts.abuse).getAttribute("aria-invalid")).toBe("true");
    expect((await settingsOf(owner.call)).settings.abuseAddresses).toEqual(abuseBefore);
    // Edited, the field drops its refusal.
    await contacts.getByLabel(m.settings.contacts.abuse).fill("aide@settings-web.example");
    expect(await refusal.count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it("shows a viewer every setting, read only, with nothing to press", async () => {
    const viewer = await signupWithToken(stack.platform.app, "settingsviewer");
    const invited = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/members`, {
      email: "settingsviewer@test.example",
      role: "viewer",
    });
    expect(invited.status, invited.text).toBe(202);
    const accepted = await client(stack.platform.app, { cookie: viewer.cookie })(
      "POST",
      `/api/v1/member-invites/${invited.json.token}/accept`,
    );
    expect(accepted.status, accepted.text).toBe(200);

    const m = en;
    const page = await signedIn(viewer.cookie);
    await page.goto(settingsTab());
    const panel = page.locator('[data-domain-settings="read-only"]');
    await panel.getByText(m.settings.readOnly).waitFor();
    // Every value is there, as set: files off (changed above), history a year.
    expect(await panel.getByLabel(m.settings.files.enabled).isChecked()).toBe(false);
    expect(await panel.getByLabel(m.settings.history.retention).inputValue()).toBe("1y");
    await panel
      .locator('[data-setting="filesEnabled"]')
      .getByText(interpolate(m.settings.defaultIs, { value: m.settings.on }), { exact: true })
      .waitFor();
    // Once the page's script ran, each control is disabled on its own, and nothing can be pressed.
    await page.waitForLoadState("networkidle");
    const enabled = await panel
      .locator("input, select, textarea, button")
      .evaluateAll((controls) => controls.filter((c) => !c.matches(":disabled")).length);
    expect(enabled).toBe(0);
    expect(await panel.getByRole("button").count()).toBe(0);
    expect(await panel.locator('input[type="file"]').count()).toBe(0);
    await inspect(page, "viewer");
    await page.context().close();

    // The API refuses a viewer's change anyway.
    const refused = await client(stack.platform.app, { cookie: viewer.cookie })(
      "PATCH",
      `/api/v1/domains/${domainId}/settings`,
      { filesEnabled: true },
    );
    expect(refused.status, refused.text).toBe(403);
  }, 60_000);

  it("offers a free address only the retentions its shared server keeps", async () => {
    const created = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/domains?wait=60`, { name: "smiths" });
    expect(created.status, created.text).toBe(201);
    const freeId = created.json.domain.id as string;
    const { ceilings, settings } = await settingsOf(owner.call, freeId);
    const maxDays = ceilings.maxDays;
    if (maxDays === null) throw new Error("a shared server's domain has no ceiling");
    // The days each choice means, as the API counts them; what is set stays offered.
    const within = (days: Record<string, number | null>, current: unknown) =>
      Object.entries(days)
        .filter(([k, d]) => k === current || (d !== null && d <= maxDays))
        .map(([k]) => en.settings.retentions[k as keyof typeof en.settings.retentions]);

    const page = await signedIn(owner.cookie);
    await page.goto(settingsTab(freeId));
    const history = page.locator('[data-section="history"]').getByLabel(en.settings.history.retention);
    const files = page.locator('[data-section="files"]').getByLabel(en.settings.files.retention);
    expect(await history.locator("option").allInnerTexts()).toEqual(
      within({ forever: null, "1y": 365, "6m": 182, "1m": 30 }, settings.historyRetention),
    );
    expect(await files.locator("option").allInnerTexts()).toEqual(
      within({ forever: null, "1y": 365, "6m": 182, "1m": 30, "1w": 7 }, settings.fileRetention),
    );
    expect(await history.locator("option").allInnerTexts()).not.toContain(en.settings.retentions.forever);
    expect(await files.locator("option").allInnerTexts()).not.toContain(en.settings.retentions.forever);
    await page
      .getByText(plural("en", maxDays, en.settings.ceiling))
      .first()
      .waitFor();
    // And the API refuses what the form does not offer.
    const refused = await owner.call("PATCH", `/api/v1/domains/${freeId}/settings`, { historyRetention: "forever" });
    expect(refused.status, refused.text).toBe(400);
    await page.context().close();
  }, 120_000);

  it("lets people invite others from their chat app, up to a number a week, and turns it off again", async () => {
    const m = en;
    expect((await settingsOf(owner.call)).settings.memberInvitesPerWeek).toBe(0);
    const page = await signedIn(owner.cookie);
    await page.goto(settingsTab());
    const card = page.locator('[data-section="invites"]');
    await card.getByRole("heading", { name: m.settings.invites.title, exact: true }).waitFor();
    const allowed = card.getByLabel(m.settings.invites.enabled);
    expect(await allowed.isChecked()).toBe(false);
    expect(await card.getByLabel(m.settings.invites.count).count()).toBe(0);
    await allowed.check();
    const count = card.getByLabel(m.settings.invites.count);
    expect(await count.inputValue()).toBe("3");
    await count.fill("2");
    await save(page, "invites", m);
    const on = await settingsOf(owner.call);
    expect(on.settings.memberInvitesPerWeek).toBe(2);
    expect(on.changed).toContain("memberInvitesPerWeek");

    // Saved: a fresh page shows it, with the default to go back to.
    await page.reload();
    const setting = page.locator('[data-setting="memberInvitesPerWeek"]');
    expect(await setting.getByLabel(m.settings.invites.count).inputValue()).toBe("2");
    await setting.getByText(interpolate(m.settings.defaultIs, { value: m.settings.off }), { exact: true }).waitFor();
    await inspect(page, "member-invites");

    await setting.getByLabel(m.settings.invites.enabled).uncheck();
    await save(page, "invites", m);
    const off = await settingsOf(owner.call);
    expect(off.settings.memberInvitesPerWeek).toBe(0);
    expect(off.changed).not.toContain("memberInvitesPerWeek");
    await page.context().close();
  }, 60_000);
});

describe("branding on the public pages", () => {
  it("a name, colour and logo chosen in the dashboard show on the invite page in English and in French", async () => {
    const m = en;
    const page = await signedIn(owner.cookie);
    await page.goto(settingsTab());
    const branding = page.locator('[data-section="branding"]');
    await branding.getByLabel(m.settings.branding.name).fill(BRAND);
    await branding.getByLabel(m.settings.branding.color).fill(COLOUR);
    // The preview follows what is typed, before anything is saved.
    await branding.locator("[data-brand-preview] [data-brand-name]").getByText(BRAND).waitFor();
    expect(await branding.locator("[data-brand-preview] [data-brand]").getAttribute("data-accent")).toBe(COLOUR);
    await save(page, "branding", m);

    // A drawing is refused by the API, said under the field in the reader's words.
    const file = branding.getByLabel(m.settings.branding.choose);
    const upload = branding.getByRole("button", { name: m.settings.branding.upload });
    await file.setInputFiles({
      name: "logo.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'),
    });
    await upload.click();
    await branding.locator("#logo-error").getByText(m.problems.byField.logo.not_allowed).waitFor();
    expect((await settingsOf(owner.call)).logoUrl).toBeNull();

    // A PNG: previewed, then sent, then shown as the current logo.
    const png = await QRCode.toBuffer("https://smiths.example", { type: "png", width: 96, margin: 1 });
    await file.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
    await branding.locator("img[data-logo-preview]").waitFor();
    await upload.click();
    await branding.getByText(m.settings.branding.logoSaved).waitFor();
    const saved = await settingsOf(owner.call);
    expect(saved.settings).toMatchObject({ brandName: BRAND, brandColor: COLOUR });
    expect(saved.logoUrl).toMatch(/^\/api\/v1\/public\/domains\/settings-web\.example\/logo\?v=/);
    expect(await branding.locator("img[data-current-logo]").getAttribute("src")).toBe(saved.logoUrl);
    await branding.getByRole("button", { name: m.settings.branding.remove }).waitFor();
    await inspect(page, "branding");
    await page.context().close();

    const created = await owner.call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, { maxUses: 3 });
    expect(created.status, created.text).toBe(201);
    const token = created.json.invite.token as string;

    for (const [locale, words] of [
      ["en-GB", en],
      ["fr-FR", fr],
    ] as const) {
      const context = await newContext(stack, { locale, phone: true });
      const invitePage = await context.newPage();
      await invitePage.goto(`/join/${token}`);
      await invitePage
        .getByRole("heading", { level: 1, name: interpolate(words.join.brandedTitle, { name: BRAND }) })
        .waitFor();
      const brand = invitePage.locator("main [data-brand]");
      expect(await brand.locator("[data-brand-name]").textContent()).toBe(BRAND);
      await brand.getByText(DOMAIN, { exact: true }).waitFor();
      expect(await brand.getAttribute("data-accent")).toBe(COLOUR);
      expect(rgb(await styleOf(invitePage, "main [data-brand]", "borderTopColor"))).toEqual([255, 212, 0]);
      const logo = brand.locator("img[data-brand-logo]");
      expect(await logo.getAttribute("alt")).toBe(interpolate(words.join.logoAlt, { name: BRAND }));
      expect(await logo.getAttribute("src")).toBe(saved.logoUrl);
      // The picture arrives, through the web app's own /api, at its fixed size.
      await invitePage.waitForFunction(
        "document.querySelector('main img[data-brand-logo]')?.complete && document.querySelector('main img[data-brand-logo]').naturalWidth > 0",
      );
      const box = await logo.boundingBox();
      expect([box?.width, box?.height]).toEqual([56, 56]);
      // The main button wears the colour, its text in whichever of black and white reads on it.
      const background = await styleOf(invitePage, "main a[data-open-in-app]", "backgroundColor");
      const text = await styleOf(invitePage, "main a[data-open-in-app]", "color");
      expect(rgb(background)).toEqual([255, 212, 0]);
      expect(contrast(rgb(background), rgb(text))).toBeGreaterThanOrEqual(4.5);
      await expectNoSideways(invitePage);
      await inspect(invitePage, `invite-${locale}`);
      await context.close();
    }

    // The sign-up page of an open domain shows the same.
    const open = await owner.call("PATCH", `/api/v1/domains/${domainId}?wait=30`, { registration: "open" });
    expect(open.status, open.text).toBeLessThan(300);
    const context = await newContext(stack, { locale: "fr-FR" });
    const signup = await context.newPage();
    await signup.goto(`/register/${DOMAIN}`);
    await signup
      .getByRole("heading", { level: 1, name: interpolate(fr.register.brandedTitle, { name: BRAND }) })
      .waitFor();
    expect(await signup.locator("main [data-brand] img[data-brand-logo]").getAttribute("alt")).toBe(
      interpolate(fr.join.logoAlt, { name: BRAND }),
    );
    await inspect(signup, "register-fr");
    await context.close();

    // Removed from the dashboard, the logo is gone from the invite page; the name stays.
    const again = await signedIn(owner.cookie);
    await again.goto(settingsTab());
    await again.locator('[data-section="branding"]').getByRole("button", { name: m.settings.branding.remove }).click();
    await again.locator('[data-section="branding"]').getByText(m.settings.branding.noLogo).waitFor();
    expect((await settingsOf(owner.call)).logoUrl).toBeNull();
    await again.goto(`/join/${token}`);
    await again.getByRole("heading", { level: 1, name: interpolate(m.join.brandedTitle, { name: BRAND }) }).waitFor();
    expect(await again.locator("main img[data-brand-logo]").count()).toBe(0);
    await again.context().close();
  }, 180_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(inspected).toEqual(
      expect.arrayContaining(["tab-phone", "tab-fr", "viewer", "branding", "invite-en-GB", "invite-fr-FR"]),
    );
    expect(findings).toEqual([]);
  });
});
