// A family gets a free address from the dashboard, on a phone: the name is checked as it is typed, the address is
// created on a shared server (which the family never sees), and backed up from its own page. English, then French.

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type AxeFinding, inspectPage, newContext, startWebStack, type WebStack } from "../helpers/web.ts";

const BASE = "chat.test";
let stack: WebStack;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `free-address-${name}`)));
}

beforeAll(async () => {
  // No DNS provider: the platform's zone is not published in this test, which the dashboard does not need.
  stack = await startWebStack({
    workerEnv: {
      PLATFORM_BASE_DOMAIN: BASE,
      SHARED_INSTANCE_MAX_DOMAINS: "40",
      SHARED_DOMAIN_MAX_ACCOUNTS: "25",
      BACKUP_VERIFY: "false",
    },
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe("a free address from the dashboard", () => {
  it("checks names as they are typed, creates NAME.BASE, and backs it up from the domain page", async () => {
    const context = await newContext(stack, { phone: true });
    const page = await context.newPage();

    await page.goto("/signup");
    await page.getByLabel(en.auth.name).fill("Anna");
    await page.getByLabel(en.auth.tenantName).fill("The Smiths");
    await page.getByLabel(en.auth.email).fill("anna@example.org");
    await page.getByLabel(en.auth.password).fill("a long enough password");
    await page.getByRole("button", { name: en.auth.signup }).click();
    await page.waitForURL(/\/t\/[^/]+$/);
    const tenantPath = new URL(page.url()).pathname;

    // No domain yet: the overview leads with the family setup (its one address field), and keeps the own-domain
    // path as the advanced one; the free address alone is on the Domains page.
    await page.getByRole("heading", { name: en.family.title }).waitFor();
    await page.getByRole("heading", { name: en.freeAddress.advancedTitle }).waitFor();
    expect(await page.getByRole("link", { name: en.freeAddress.advancedAction }).getAttribute("href")).toBe(
      `${tenantPath}/instances`,
    );
    expect(await page.getByRole("heading", { name: en.freeAddress.title }).count()).toBe(0);
    await page.goto(`${tenantPath}/domains`);
    await page.getByRole("heading", { name: en.freeAddress.title }).waitFor();
    const field = page.getByLabel(en.freeAddress.name, { exact: true });
    const create = page.getByRole("button", { name: en.freeAddress.create });

    await field.fill("admin");
    await page.locator('[data-address-check="refused"]', { hasText: en.freeAddress.refusals.reserved }).waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await create.isDisabled()).toBe(true);
    await inspect(page, "01-overview-refused");

    await field.fill("Smiths");
    await page
      .locator('[data-address-check="available"]', {
        hasText: en.freeAddress.available.replace("{address}", `smiths.${BASE}`),
      })
      .waitFor();
    expect(await create.isDisabled()).toBe(false);
    await inspect(page, "02-overview-available");
    await create.click();

    // Progress, then the new domain's page.
    await page.waitForURL(/\/domains\/[^/?]+$/, { timeout: 60_000 });
    await page.getByRole("heading", { name: new RegExp(`smiths\\.${BASE.replace(".", "\\.")}`), level: 1 }).waitFor();
    await page.getByText(en.freeAddress.hosted).waitFor();
    await page.getByText(en.freeAddress.maxAccounts.other.replace("{n}", "25")).waitFor();
    await page.getByRole("heading", { name: en.domains.health }).waitFor();
    // Tenants never see shared servers: nothing on the page leads to one.
    expect(await page.locator('main a[href*="/instances/"]').count()).toBe(0);
    const domain = await stack.platform.app.core.db.domain.findUniqueOrThrow({
      where: { name: `smiths.${BASE}` },
      include: { instance: true },
    });
    expect(new URL(page.url()).pathname).toBe(`${tenantPath}/domains/${domain.id}`);
    expect(domain.instance.placement).toBe("shared");
    expect(domain.instance.tenantId).toBeNull();
    await inspect(page, "03-domain");

    // A backup of this address alone, taken from its page.
    await page.getByRole("link", { name: en.backups.title, exact: true }).click();
    await page.waitForURL(/tab=backups/);
    await page.getByText(en.backups.domainEmpty).waitFor();
    await page.getByRole("button", { name: en.backups.now }).click();
    await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    const listed = page.locator('li[data-backup-status="succeeded"]');
    await listed.waitFor();
    expect(await listed.count()).toBe(1);
    expect(await listed.textContent()).toContain(en.status.succeeded);
    expect(await listed.getByRole("link", { name: en.backups.download }).getAttribute("href")).toMatch(
      /^\/api\/v1\/backups\/[^/]+\/download$/,
    );
    // Restoring warns that people on this address are disconnected and later changes are lost; cancelled here.
    await listed.getByRole("button", { name: en.backups.restore }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain(`Put smiths.${BASE} back as it was on`);
    expect(await dialog.textContent()).toContain("disconnected for a moment");
    await inspect(page, "04-domain-restore-dialog");
    await dialog.getByRole("button", { name: en.app.cancel }).click();
    await inspect(page, "05-domain-backups");
    const backups = await stack.platform.app.core.db.backup.findMany({ where: { domainId: domain.id } });
    expect(backups.map((b) => b.status)).toEqual(["succeeded"]);

    // The same pages in French, chosen with the language cookie.
    await context.addCookies([{ name: "locale", value: "fr", url: stack.webUrl }]);
    await page.reload();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByRole("heading", { name: fr.backups.title, exact: true }).waitFor();
    await page.getByText(fr.freeAddress.hosted).waitFor();
    await page.getByText(fr.backups.domainLead).waitFor();
    await inspect(page, "06-domain-backups-fr");
    // On a phone the main menu is one button that opens the list of sections.
    await page.getByTestId("mobile-menu").locator("summary").click();
    await page
      .getByRole("navigation", { name: fr.nav.main })
      .getByRole("link", { name: fr.nav.domains, exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === `${tenantPath}/domains`);
    const row = page.locator(`li[data-domain="smiths.${BASE}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(fr.freeAddress.hosted);
    expect(await row.locator('a[href*="/instances/"]').count()).toBe(0);
    // The live check speaks French too: the address just taken is refused in plain words.
    await page.getByLabel(fr.freeAddress.name, { exact: true }).fill("smiths");
    await page.locator('[data-address-check="refused"]', { hasText: fr.freeAddress.refusals.taken }).waitFor();
    await inspect(page, "07-domains-fr");

    // Operators see the shared server in the fleet, with how full it is.
    await stack.platform.app.core.db.user.update({ where: { email: "anna@example.org" }, data: { isOperator: true } });
    await page.goto("/fleet");
    const shared = page.locator('tr[data-placement="shared"]');
    await shared.waitFor();
    const text = await shared.textContent();
    expect(text).toContain(fr.fleet.placements.shared);
    expect(text).toContain(fr.fleet.addresses.replace("{n}", "1").replace("{capacity}", "40"));
    expect(text).not.toContain(`smiths.${BASE}`);
    await inspect(page, "08-fleet-fr");
    await context.close();
  }, 120_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on any page visited", () => {
    expect(inspected).toHaveLength(8);
    expect(findings).toEqual([]);
  });
});
