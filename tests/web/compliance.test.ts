// Compatibility with chat apps in the dashboard: before any check, what the tab is for; "Check now" on a phone runs a
// real check against the domain's server (no TURN server here, so calls fail) and shows the score, each suite's, what
// does not work with its fix, and every test; the header's badge; the French page; the owner's public badge.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { interpolate } from "../../apps/web/lib/i18n/format.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { serverWithDomains, signupWithToken } from "../helpers/api.ts";
import {
  type AxeFinding,
  englishIn,
  englishTexts,
  expectNoSideways,
  inspectPage,
  signedInPage,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";

const DOMAIN = "compliance-web.example";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let domainId: string;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `compliance-${name}`)));
}

beforeAll(async () => {
  stack = await startWebStack({
    workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000", CONTACT_ABUSE_ADDRESS: "mailto:abuse@compliance-web.example" },
  });
  owner = await signupWithToken(stack.platform.app, "complianceweb");
  const made = await serverWithDomains(owner.call, owner.tenantId, "family", [
    { name: DOMAIN, registration: "invite" },
  ]);
  domainId = made.domainIds[0] as string;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const signedIn = (opts: { locale?: string; phone?: boolean } = {}) => signedInPage(stack, owner.cookie, opts);

const tab = () => `/t/${owner.tenantId}/domains/${domainId}?tab=compliance`;

describe("compatibility with chat apps", () => {
  it("says what the tab is for before the first check, then checks on request and shows what to fix", async () => {
    const c = en.compliance;
    const page = await signedIn({ phone: true });
    await page.goto(tab());
    await page.locator("[data-compliance-empty]").getByText(c.emptyTitle).waitFor();
    await page.getByText(c.emptyBody).waitFor();
    await expectNoSideways(page);
    await inspect(page, "empty-phone");

    await page.getByRole("button", { name: c.checkNow }).click();
    // The operation's progress, then the page with its result.
    const score = page.locator("[data-score]");
    await score.waitFor({ timeout: 90_000 });
    const api = await owner.call("GET", `/api/v1/domains/${domainId}/compliance`);
    const latest = api.json.latest as {
      score: number;
      results: { id: string; status: string; fix?: { module: string } }[];
    };
    expect(Number(await score.getAttribute("data-score"))).toBe(latest.score);
    // No TURN server on this platform: calls cannot get through firewalls, and the page says what to do.
    expect(latest.score).toBeLessThan(100);
    const calls = latest.results.find((r) => r.id === "external-services");
    expect(calls?.status).toBe("fail");
    const failing = page.locator('[data-test="external-services"]');
    await failing.getByText(c.tests["external-services"] as string).waitFor();
    await failing
      .getByText(interpolate(c.fixes["external-services"] as string, { module: calls?.fix?.module ?? "" }))
      .waitFor();
    // Everything else a server can do works: only calls and the own domain's direct TLS record are missing.
    const shownFailing = ((await page.locator("[data-failing]").getAttribute("data-failing")) ?? "").split(" ").sort();
    expect(shownFailing).toEqual(
      latest.results
        .filter((r) => r.status === "fail" && r.id !== "socks5-proxy")
        .map((r) => r.id)
        .sort(),
    );
    expect(shownFailing).toContain("external-services");
    for (const suite of ["core", "im", "mobile", "av", "web"]) await page.locator(`[data-suite="${suite}"]`).waitFor();
    expect(await page.locator("[data-result]").count()).toBe(latest.results.length);
    // Every test is one press away, folded so that a phone does not scroll for ever.
    expect(await page.locator('[data-result="mam"]').isVisible()).toBe(false);
    await page.getByText(interpolate(c.showAll, { n: latest.results.length })).click();
    await page.locator('[data-result="mam"][data-status="pass"]').waitFor();
    // The header's badge, on every tab of the domain.
    await page
      .locator(`[data-compliance-badge="${latest.score}"]`)
      .getByText(interpolate(en.compliance.headerBadge, { score: latest.score }))
      .waitFor();
    await expectNoSideways(page);
    await inspect(page, "result-phone");
    await page.context().close();
  }, 120_000);

  it("speaks French throughout", async () => {
    const page = await signedIn({ locale: "fr-FR" });
    await page.goto(tab());
    await page.locator("[data-score]").waitFor();
    await page.getByRole("heading", { name: fr.compliance.title }).waitFor();
    await page
      .locator('[data-test="external-services"]')
      .getByText(fr.compliance.tests["external-services"] as string)
      .waitFor();
    await page.waitForLoadState("networkidle");
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
    const shown = await page.locator("main").innerText();
    const left = englishIn(shown, englishTexts(en, fr));
    expect(left, `the French page shows English: "${left}"`).toBeUndefined();
    await inspect(page, "result-fr");
    await page.context().close();
  }, 60_000);

  it("lets the owner publish the badge, which anyone can then load, and hide it again", async () => {
    const c = en.compliance;
    const page = await signedIn();
    await page.goto(tab());
    const card = page.locator("[data-badge-public]");
    await card.getByText(c.badgeOff).waitFor();
    await card.getByRole("button", { name: c.publishBadge }).click();
    await page.locator('[data-badge-public="true"]').getByText(c.badgeOn).waitFor();
    const image = page.getByRole("img", { name: c.badgeAlt });
    await image.waitFor();
    const url = (await image.getAttribute("src")) as string;
    const loaded = await fetch(url);
    expect(loaded.status).toBe(200);
    expect(loaded.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    await inspect(page, "badge");
    await page.getByRole("button", { name: c.hideBadge }).click();
    await page.locator('[data-badge-public="false"]').waitFor();
    expect((await fetch(url)).status).toBe(404);
    await page.context().close();
  }, 60_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(inspected).toEqual(["empty-phone", "result-phone", "result-fr", "badge"]);
    expect(findings).toEqual([]);
  });
});
