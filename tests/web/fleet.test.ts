// The operator's fleet in the browser: the list with its total, a search form that works without script, every row
// opening a page (a tenant's pages in the read-only support view, or a shared server's page), the support view's
// banner with nothing left to press, and the queue dashboard reached through the web app's own origin.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { signupWithToken } from "../helpers/platform.ts";
import {
  type AxeFinding,
  expectNoSideways,
  inspectPage,
  newContext,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";

let stack: WebStack;
let smith: Awaited<ReturnType<typeof signupWithToken>>;
let jones: Awaited<ReturnType<typeof signupWithToken>>;
let opsCookie = "";
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `fleet-${name}`)));
}

/** Form controls in the page's main content that a click would still act on. */
function enabledControls(page: Page) {
  return page.locator(
    "main button:enabled, main input:enabled, main select:enabled, main textarea:enabled, main [role=button]:not([aria-disabled=true])",
  );
}

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { PLATFORM_BASE_DOMAIN: "fleet.test" } });
  const app = stack.platform.app;
  smith = await signupWithToken(app, "smith");
  jones = await signupWithToken(app, "jones");
  for (const [owner, name] of [
    [smith, "smiths-chat"],
    [jones, "jones-chat"],
  ] as const) {
    const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances`, { name });
    expect(res.status, res.text).toBe(202);
  }
  // The free address puts a shared server, which belongs to no tenant, into the fleet.
  const free = await jones.call("POST", `/api/v1/tenants/${jones.tenantId}/domains`, { name: "joneses" });
  expect(free.status, free.text).toBe(202);
  const ops = await signupWithToken(app, "ops");
  await app.core.db.user.update({ where: { email: "ops@test.example" }, data: { isOperator: true } });
  opsCookie = ops.cookie;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe("the operator's fleet", () => {
  it("lists, searches and opens every server read only, and reaches the queue dashboard", async () => {
    const db = stack.platform.app.core.db;
    const context = await newContext(stack);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel(en.auth.email).fill("ops@test.example");
    await page.getByLabel(en.auth.password).fill("correct horse battery");
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL(/\/t\/[^/]+$/);

    await page.goto("/fleet");
    const total = page.locator("[data-total]");
    await total.waitFor();
    expect(await total.getAttribute("data-total")).toBe("3");
    expect(await total.textContent()).toBe(en.fleet.total.other.replace("{n}", "3"));
    const shared = await db.instance.findFirstOrThrow({ where: { placement: "shared" } });
    expect(
      (
        await page.locator("tr[data-instance]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-instance")))
      ).sort(),
    ).toEqual(["jones-chat", "smiths-chat", shared.name].sort());
    await inspect(page, "list");

    // The search is a plain GET form: its answer is a page of its own, with the filters kept in the address.
    await page.getByLabel(en.fleet.search, { exact: true }).fill("SMITH");
    await page.getByRole("button", { name: en.fleet.apply }).click();
    await page.waitForURL((url) => url.searchParams.get("search") === "SMITH");
    await page.locator('[data-total="1"]').waitFor();
    expect(
      await page.locator("tr[data-instance]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-instance"))),
    ).toEqual(["smiths-chat"]);
    expect(await page.getByLabel(en.fleet.search, { exact: true }).inputValue()).toBe("SMITH");
    await page.getByRole("link", { name: en.fleet.clear }).click();
    await page.waitForURL((url) => url.pathname === "/fleet" && url.search === "");
    await page.getByLabel(en.fleet.placement, { exact: true }).selectOption("shared");
    await page.getByRole("button", { name: en.fleet.apply }).click();
    await page.waitForURL((url) => url.searchParams.get("placement") === "shared");
    await page.locator('[data-total="1"]').waitFor();
    expect(await page.locator("tr[data-instance]").getAttribute("data-instance")).toBe(shared.name);
    // An empty search and "all" in the other selects are sent too, and mean no filter.
    expect(page.url()).toContain("search=&");
    await inspect(page, "filtered");

    await page.goto("/fleet");
    await total.waitFor();
    const links = await page
      .locator("a[data-row-link]")
      .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })));
    expect(links).toHaveLength(3);
    for (const link of links) {
      const answer = await page.goto(link.href);
      expect(answer?.status(), link.href).toBe(200);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(link.text);
      if (link.href.startsWith("/t/")) {
        await page.getByText(en.support.banner).waitFor();
      } else {
        expect(link.href).toBe(`/fleet/servers/${shared.id}`);
        expect(await page.getByText(en.support.banner).count()).toBe(0);
      }
      expect(await enabledControls(page).count(), link.href).toBe(0);
      await inspect(page, link.text);
    }

    // The server's own page in the support view has buttons, none of which can be pressed.
    const smiths = await db.instance.findFirstOrThrow({ where: { name: "smiths-chat" } });
    expect((await page.goto(`/t/${smith.tenantId}/instances/${smiths.id}`))?.status()).toBe(200);
    await page.getByText(en.support.banner).waitFor();
    expect(await page.locator("main button").count()).toBeGreaterThan(0);
    expect(await enabledControls(page).count()).toBe(0);
    expect((await page.goto(`/t/${smith.tenantId}`))?.status()).toBe(200);
    await page.getByText(en.support.banner).waitFor();
    expect(await enabledControls(page).count()).toBe(0);
    await inspect(page, "support-overview");
    // Every link of the support view's menu and of a domain's tabs opens a page. Invite links and API tokens are
    // secrets, which only the tenant's admins see: no link leads to them.
    const menu = await page.locator("header nav a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(menu).toContain(`/t/${smith.tenantId}/members`);
    expect(menu).not.toContain(`/t/${smith.tenantId}/tokens`);
    const joneses = await db.domain.findFirstOrThrow({ where: { tenantId: jones.tenantId } });
    expect((await page.goto(`/t/${jones.tenantId}/domains/${joneses.id}`))?.status()).toBe(200);
    const tabs = await page
      .getByRole("navigation", { name: en.domains.tabs })
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(tabs.length).toBe(7);
    expect(tabs.some((href) => href.endsWith("tab=invites"))).toBe(false);
    expect(tabs.some((href) => href.endsWith("tab=compliance"))).toBe(true);
    expect(tabs.some((href) => href.endsWith("tab=irc"))).toBe(true);
    for (const href of [...menu.filter((h): h is string => h?.startsWith("/t/") ?? false), ...tabs]) {
      expect((await page.goto(href))?.status(), href).toBe(200);
    }
    // Asked for by its address all the same, the invites tab shows the accounts instead of a dead end.
    expect((await page.goto(`/t/${jones.tenantId}/domains/${joneses.id}?tab=invites`))?.status()).toBe(200);
    expect(await page.locator('a[aria-current="page"]', { hasText: en.accounts.title }).count()).toBe(1);

    // Each tenant's visit was audited once, however many of its pages were opened.
    const views = await db.auditEvent.findMany({ where: { action: "support.viewed" } });
    expect(views.map((v) => v.tenantId).sort()).toEqual([jones.tenantId, smith.tenantId].sort());
    const operator = await db.user.findUniqueOrThrow({ where: { email: "ops@test.example" } });
    expect(new Set(views.map((v) => v.actorUserId))).toEqual(new Set([operator.id]));
    // The API refuses the support view's writes whatever the page shows.
    expect(await db.instance.count({ where: { tenantId: smith.tenantId } })).toBe(1);

    // The queue dashboard, its assets and its data come through the web app's origin.
    await page.goto("/fleet");
    const queues = page.getByRole("link", { name: en.fleet.queues });
    expect(await queues.getAttribute("href")).toBe("/admin/queues");
    const assets: { url: string; status: number }[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/admin/queues/")) assets.push({ url: r.url(), status: r.status() });
    });
    const [dashboard] = await Promise.all([
      page.waitForEvent("response", (r) => new URL(r.url()).pathname === "/admin/queues"),
      queues.click(),
    ]);
    expect(dashboard.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    expect(assets.some((a) => a.url.includes("/static/"))).toBe(true);
    expect(assets.some((a) => a.url.includes("/api/queues"))).toBe(true);
    expect(assets.filter((a) => a.status !== 200 && a.status !== 304)).toEqual([]);
    await context.close();
  }, 180_000);

  it("keeps the queue dashboard from everyone but operators, through the web app too", async () => {
    const get = (cookie?: string) =>
      fetch(`${stack.webUrl}/admin/queues`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    expect((await get(smith.cookie)).status).toBe(404);
    expect((await fetch(`${stack.webUrl}/admin/queues/api/queues`, { headers: { cookie: smith.cookie } })).status).toBe(
      404,
    );
    const operator = await get(opsCookie);
    expect(operator.status).toBe(200);
    expect(operator.headers.get("content-type")).toContain("text/html");
    // A tenant's own owner does not get the support view of another tenant, nor the fleet's server pages.
    const other = await fetch(`${stack.webUrl}/t/${jones.tenantId}`, { headers: { cookie: smith.cookie } });
    expect(other.status).toBe(404);
  });

  it("searches without JavaScript", async () => {
    const context = await stack.browser.newContext({ baseURL: stack.webUrl, javaScriptEnabled: false });
    const at = opsCookie.indexOf("=");
    await context.addCookies([{ name: opsCookie.slice(0, at), value: opsCookie.slice(at + 1), url: stack.webUrl }]);
    const page = await context.newPage();
    await page.goto("/fleet");
    await page.locator('[data-total="3"]').waitFor();
    await page.getByLabel(en.fleet.search, { exact: true }).fill("jones-chat");
    await page.getByRole("button", { name: en.fleet.apply }).click();
    await page.waitForURL((url) => url.searchParams.get("search") === "jones-chat");
    await page.locator('[data-total="1"]').waitFor();
    expect(await page.locator("tr[data-instance]").getAttribute("data-instance")).toBe("jones-chat");
    // Without script the support view's controls are disabled all the same.
    await page.getByRole("link", { name: "jones-chat" }).click();
    await page.getByText(en.support.banner).waitFor();
    await page.goto(`/t/${jones.tenantId}/instances/${new URL(page.url()).pathname.split("/")[4]}`);
    await page.getByText(en.support.banner).waitFor();
    expect(await page.locator("main button").count()).toBeGreaterThan(0);
    expect(await enabledControls(page).count()).toBe(0);
    await context.close();
  });

  it("speaks French and fits a phone's width", async () => {
    const context = await newContext(stack, { locale: "fr-FR", phone: true });
    const at = opsCookie.indexOf("=");
    await context.addCookies([{ name: opsCookie.slice(0, at), value: opsCookie.slice(at + 1), url: stack.webUrl }]);
    const page = await context.newPage();
    await page.goto("/fleet");
    const total = page.locator("[data-total]");
    await total.waitFor();
    expect(await total.textContent()).toBe(fr.fleet.total.other.replace("{n}", "3"));
    await page.getByLabel(fr.fleet.search, { exact: true }).waitFor();
    await expectNoSideways(page);
    await inspect(page, "fr-phone-list");
    const smiths = await stack.platform.app.core.db.instance.findFirstOrThrow({ where: { name: "smiths-chat" } });
    await page.goto(`/t/${smith.tenantId}/instances/${smiths.id}`);
    await page.getByText(fr.support.banner).waitFor();
    await expectNoSideways(page);
    await inspect(page, "fr-phone-support");
    await context.close();
  }, 60_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on any page visited", () => {
    expect(inspected).toHaveLength(8);
    expect(findings).toEqual([]);
  });
});
