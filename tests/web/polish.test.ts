// The dashboard's finish as a family meets it: forms that empty once they worked and drop a field's error as soon as
// it is edited, health charts that say when there is nothing to show yet, tables that become cards on a phone, and
// a not-found page in the app's own frame and language.

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { signupWithToken } from "../helpers/platform.ts";
import {
  type AxeFinding,
  inspectPage,
  newContext,
  recordBrowsing,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let instanceId: string;
const findings: AxeFinding[] = [];

beforeAll(async () => {
  stack = await startWebStack();
  // No health check runs in this file, so that the new server's health page has no measurement at all.
  await stack.platform.workerCtx.queues.queues.probes.pause();
  owner = await signupWithToken(stack.platform.app, "polish");
  const made = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=60`, { name: "Home" });
  expect(made.json.operation?.status, made.text).toBe("succeeded");
  instanceId = made.json.instance.id;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** A browser signed in as the owner, in `locale`, on a phone or a wide screen. */
async function signedIn(opts: { locale?: string; phone?: boolean } = {}) {
  const context = await newContext(stack, opts);
  const [name, value] = owner.cookie.split("=");
  await context.addCookies([{ name: name ?? "", value: value ?? "", url: stack.webUrl }]);
  return context;
}

/** How the first row of the page's first data table is laid out (evaluated in the page: tests have no DOM types). */
async function firstRowLayout(page: Page) {
  return (await page.evaluate(`(() => {
    const row = document.querySelector("main table tbody tr");
    const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; };
    const cells = [...row.cells].map((cell) => ({
      ...box(cell),
      label: getComputedStyle(cell, "::before").content,
    }));
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const scrolls = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        return r.width > 0 && (r.right > innerWidth + 1 || scrolls);
      })
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
    return {
      display: getComputedStyle(row).display,
      row: box(row),
      head: box(document.querySelector("main table thead")),
      cells,
      wide,
      innerWidth,
    };
  })()`)) as {
    display: string;
    row: { top: number; bottom: number; left: number; right: number; width: number; height: number };
    head: { height: number };
    cells: { top: number; bottom: number; left: number; right: number; label: string }[];
    wide: string[];
    innerWidth: number;
  };
}

describe("forms", () => {
  it("drop a field's error as soon as it is edited, and empty once they worked", async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`/t/${owner.tenantId}/alerts`);
    const name = page.getByLabel(en.alerts.channelName);
    const target = page.getByLabel(en.alerts.target);
    const error = page.locator("#channelTarget-error");

    await name.fill("Phone");
    await target.fill("not an address");
    await page.getByRole("button", { name: en.alerts.addChannel }).click();
    await error.filter({ hasText: en.problems.fields.invalid_email }).waitFor();
    expect(await target.getAttribute("aria-invalid")).toBe("true");

    // One keystroke in the field, no new submit: its error is gone.
    await target.press("End");
    await target.press("s");
    await error.waitFor({ state: "detached", timeout: 2_000 });
    expect(await target.getAttribute("aria-invalid")).toBeNull();

    await target.fill("family@example.org");
    await page.getByRole("button", { name: en.alerts.addChannel }).click();
    await page.locator("main li", { hasText: "family@example.org" }).waitFor();
    expect(await name.inputValue()).toBe("");
    expect(await target.inputValue()).toBe("");
    const channels = await owner.call("GET", `/api/v1/tenants/${owner.tenantId}/alert-channels`);
    expect(channels.json.items.map((c: { name: string; target: string }) => [c.name, c.target])).toEqual([
      ["Phone", "family@example.org"],
    ]);
    await context.close();
  }, 30_000);

  it("the new chat account form drops a refused password's error as it is edited, and empties once it worked", async () => {
    const made = await owner.call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, {
      name: "polish.example",
    });
    expect(made.json.operation?.status, made.text).toBe("succeeded");
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`/t/${owner.tenantId}/domains/${made.json.domain.id}`);
    const localpart = page.getByLabel(en.accounts.localpart);
    const password = page.getByLabel(`${en.accounts.password} (${en.app.optional})`);
    const error = page.locator("#accountPassword-error");

    await localpart.fill("grandpa");
    await password.fill("password");
    await page.getByRole("button", { name: en.accounts.create }).click();
    await error.waitFor();
    await password.press("End");
    await password.press("x");
    await error.waitFor({ state: "detached", timeout: 2_000 });

    await password.fill("orchard lantern quietly");
    await page.getByRole("button", { name: en.accounts.create }).click();
    await page.locator("main li", { hasText: "grandpa@polish.example" }).waitFor({ timeout: 30_000 });
    expect(await localpart.inputValue()).toBe("");
    expect(await password.inputValue()).toBe("");
    await context.close();
  }, 90_000);
});

describe("health charts", () => {
  it.each([
    ["en-GB", en],
    ["fr-FR", fr],
  ] as const)(
    "say there is no data yet on a new server's health page (%s)",
    async (locale, m) => {
      expect(await stack.platform.app.core.db.healthSample.count({ where: { instanceId } })).toBe(0);
      const context = await signedIn({ locale });
      const page = await context.newPage();
      await page.goto(`/t/${owner.tenantId}/instances/${instanceId}/health`);
      await page.getByText(m.health.empty, { exact: true }).waitFor();
      await page.getByText(m.health.emptyHint, { exact: true }).waitFor();
      // No empty axes: no chart is drawn at all.
      expect(await page.locator("main svg.recharts-surface").count()).toBe(0);
      findings.push(...(await inspectPage(page, `polish-health-empty-${locale}`)));
      await context.close();
    },
    30_000,
  );
});

describe("tables", () => {
  const columns = [en.operations.type, en.operations.status, en.operations.progress, en.operations.started];

  it("are stacked cards on a 390 px phone, each cell under its column's name", async () => {
    const context = await signedIn({ phone: true });
    const page = await context.newPage();
    await page.goto(`/t/${owner.tenantId}/operations`);
    await page.locator("main table tbody tr").first().waitFor();
    const layout = await firstRowLayout(page);
    expect(layout.innerWidth).toBe(390);
    expect(layout.display).toBe("block");
    expect(layout.cells.map((c) => c.label)).toEqual(columns.map((c) => JSON.stringify(c)));
    // One cell under the other, all as wide as the card, which fits the screen.
    for (const [i, cell] of layout.cells.entries()) {
      expect(cell.left).toBeCloseTo(layout.cells[0]?.left ?? -1, 0);
      if (i > 0) expect(cell.top).toBeGreaterThanOrEqual((layout.cells[i - 1]?.bottom ?? Infinity) - 1);
    }
    expect(layout.row.left).toBeGreaterThanOrEqual(0);
    expect(layout.row.right).toBeLessThanOrEqual(390);
    expect(layout.head.height).toBeLessThanOrEqual(1);
    expect(layout.wide).toEqual([]);
    findings.push(...(await inspectPage(page, "polish-operations-phone")));
    await context.close();
  }, 30_000);

  it("are plain tables at 1280 px", async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`/t/${owner.tenantId}/operations`);
    await page.locator("main table tbody tr").first().waitFor();
    const layout = await firstRowLayout(page);
    expect(layout.innerWidth).toBe(1280);
    expect(layout.display).toBe("table-row");
    expect(layout.head.height).toBeGreaterThan(10);
    expect(layout.cells.map((c) => c.label)).toEqual(columns.map(() => "none"));
    // The cells side by side on one line, the row wider than tall.
    expect(new Set(layout.cells.map((c) => Math.round(c.top))).size).toBe(1);
    expect(layout.row.width).toBeGreaterThan(layout.row.height);
    await context.close();
  }, 30_000);
});

describe("the not-found page", () => {
  it.each([
    ["en-GB", en],
    ["fr-FR", fr],
  ] as const)(
    "is the app's own, translated, with a 404 and the security headers (%s)",
    async (locale, m) => {
      const context = await signedIn({ locale });
      const browsing = recordBrowsing(context);
      const page = await context.newPage();

      // Something of the organisation that does not exist: said within its pages, with its menu.
      const domain = await page.goto(`/t/${owner.tenantId}/domains/no-such-domain`);
      expect(domain?.status()).toBe(404);
      await page.getByRole("heading", { level: 1, name: m.app.notFoundTitle }).waitFor();
      await page.getByText(m.app.notFound).waitFor();
      expect(await page.getByRole("link", { name: m.app.backToOverview }).getAttribute("href")).toBe(
        `/t/${owner.tenantId}`,
      );
      await page.getByRole("navigation", { name: m.nav.main }).getByRole("link", { name: m.nav.domains }).waitFor();
      findings.push(...(await inspectPage(page, `polish-not-found-domain-${locale}`)));
      // An id that cannot exist (the API refuses its shape) is no page either, rather than an error.
      const malformed = await page.goto(`/t/${owner.tenantId}/instances/bad.id`);
      expect(malformed?.status()).toBe(404);
      await page.getByRole("heading", { level: 1, name: m.app.notFoundTitle }).waitFor();

      // An address that leads nowhere.
      const unknown = await page.goto("/no/such/page");
      expect(unknown?.status()).toBe(404);
      await page.getByRole("heading", { level: 1, name: m.app.notFoundTitle }).waitFor();
      expect(await page.getByRole("link", { name: m.app.backToOverview }).getAttribute("href")).toBe("/");
      expect(await page.title()).toContain(m.app.notFoundTitle);
      findings.push(...(await inspectPage(page, `polish-not-found-path-${locale}`)));

      // Following the link leads back to the organisation's overview.
      await page.getByRole("link", { name: m.app.backToOverview }).click();
      await page.waitForURL((url) => url.pathname === `/t/${owner.tenantId}`);
      expect(browsing.cspReports).toEqual([]);
      expect(browsing.missing).toEqual([]);
      await context.close();
    },
    30_000,
  );
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages above", () => {
    expect(findings).toEqual([]);
  });
});
