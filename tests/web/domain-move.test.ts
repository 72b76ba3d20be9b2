// Moving a domain to another server from the dashboard: the owner picks another running server of the family's, reads
// what people will notice, confirms, follows the progress and sees the new server named; then back again in French
// on a phone. A free address with no server of its own is told what to do first. An operator moves the domain from
// the fleet's server page ("Move to…").
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { serverWithDomains, signupWithToken } from "../helpers/api.ts";
import {
  type AxeFinding,
  expectNoSideways,
  inspectPage,
  newContext,
  signedInPage,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";

const BASE = "move.test";
const DOMAIN = "move-web.example";
let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let domainId: string;
let homeId: string;
let biggerId: string;
/** A free address on the shared server, of another family. */
let freeId = "";
let freeFamily: Awaited<ReturnType<typeof signupWithToken>> | undefined;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `domain-move-${name}`)));
}

/** The server the domain is on in PostgreSQL, once its move has ended. */
async function movedTo(): Promise<string> {
  const db = stack.platform.app.core.db;
  const op = await db.operation.findFirstOrThrow({
    where: { resourceId: domainId, type: "domain.move" },
    orderBy: { createdAt: "desc" },
  });
  expect(op.status, JSON.stringify(op.error)).toBe("succeeded");
  return (await db.domain.findUniqueOrThrow({ where: { id: domainId } })).instanceId;
}

/** Confirms the move in its dialog, then waits for its progress bar to say it is done. */
async function confirmAndFollow(page: Page, m: typeof en, server: string, domain = DOMAIN): Promise<void> {
  const dialog = page.getByRole("dialog", {
    name: m.moves.confirmTitle.replace("{name}", domain).replace("{server}", server),
  });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(m.moves.confirmBody.replace("{name}", domain));
  await dialog.getByRole("button", { name: m.moves.confirm }).click();
  await page.locator("[data-operation-status] progress").waitFor();
  await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 120_000 });
  // How long people could not sign in, as the move measured it, in the reader's words and number format.
  const [before, after] = m.moves.paused.split("{seconds}").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  expect(await page.locator("[data-operation-summary]").textContent()).toMatch(
    new RegExp(`^${before}\\d+[.,]\\d${after}$`),
  );
}

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { PLATFORM_BASE_DOMAIN: BASE } });
  owner = await signupWithToken(stack.platform.app, "mover");
  const home = await serverWithDomains(owner.call, owner.tenantId, "home", [{ name: DOMAIN, registration: "closed" }]);
  homeId = home.instanceId;
  domainId = home.domainIds[0] as string;
  const account = await owner.call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "nora",
    password: "quiet meadow lantern",
  });
  expect(account.status, account.text).toBe(201);
  const bigger = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=30`, { name: "bigger" });
  expect(bigger.status, bigger.text).toBe(201);
  biggerId = bigger.json.instance.id;
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("moving a domain to another server", () => {
  it("moves it to the family's other server after a plain confirmation, with progress", async () => {
    const page = await signedInPage(stack, owner.cookie);
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}`);
    await page.locator('[data-placement="dedicated"]', { hasText: "home" }).waitFor();
    await page.getByRole("link", { name: en.moves.title }).click();
    await page.waitForURL(/tab=settings/);
    await page.getByRole("heading", { name: en.moves.title }).waitFor();
    const target = page.getByLabel(en.moves.target);
    expect(await target.locator("option").allTextContents()).toEqual(["bigger"]);

    await page.getByRole("button", { name: en.moves.action, exact: true }).click();
    await inspect(page, "confirm-en");
    await confirmAndFollow(page, en, "bigger");
    await page.locator('[data-placement="dedicated"]', { hasText: "bigger" }).waitFor();
    expect(await page.locator('[data-placement="dedicated"]').textContent()).toBe(
      en.domains.onServer.replace("{name}", "bigger"),
    );
    expect(await movedTo()).toBe(biggerId);
    await inspect(page, "moved-en");
    await page.context().close();
  }, 180_000);

  it("moves it back in French on a phone", async () => {
    const page = await signedInPage(stack, owner.cookie, { locale: "fr-FR", phone: true });
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}?tab=settings`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByRole("heading", { name: fr.moves.title }).waitFor();
    await page.getByText(fr.moves.lead.replace("{name}", DOMAIN)).waitFor();
    expect(await page.getByLabel(fr.moves.target).locator("option").allTextContents()).toEqual(["home"]);
    await expectNoSideways(page);
    await page.getByRole("button", { name: fr.moves.action, exact: true }).click();
    await inspect(page, "confirm-fr-phone");
    await confirmAndFollow(page, fr, "home");
    await page.locator('[data-placement="dedicated"]', { hasText: "home" }).waitFor();
    await expectNoSideways(page);
    expect(await movedTo()).toBe(homeId);
    await inspect(page, "moved-fr-phone");
    await page.context().close();
  }, 180_000);

  it("tells a family on a free address to create a server of its own first", async () => {
    const family = await signupWithToken(stack.platform.app, "freefamily");
    freeFamily = family;
    const free = await family.call("POST", `/api/v1/tenants/${family.tenantId}/domains?wait=60`, { name: "lees" });
    expect(free.status, free.text).toBe(201);
    freeId = free.json.domain.id;
    const page = await signedInPage(stack, family.cookie);
    await page.goto(`/t/${family.tenantId}/domains/${free.json.domain.id}`);
    await page.getByRole("link", { name: en.moves.titleOwn }).click();
    await page.waitForURL(/tab=settings/);
    const empty = page.locator("[data-move-empty]");
    await empty.getByRole("heading", { name: en.moves.noneOwnTitle }).waitFor();
    expect(await empty.getByRole("link", { name: en.moves.createServer }).getAttribute("href")).toBe(
      `/t/${family.tenantId}/instances`,
    );
    await inspect(page, "free-address-empty");
    await page.context().close();
  }, 120_000);

  it("lets an operator move it from the fleet's server page", async () => {
    const ops = await signupWithToken(stack.platform.app, "ops");
    await stack.platform.app.core.db.user.update({ where: { email: "ops@test.example" }, data: { isOperator: true } });
    const context = await newContext(stack);
    const [name, value] = ops.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: stack.webUrl }]);
    const page = await context.newPage();
    await page.goto(`/fleet/servers/${homeId}`);
    await page.locator("li", { hasText: DOMAIN }).getByRole("link", { name: en.moves.fleetAction }).click();
    await page.waitForURL(`**/fleet/domains/${domainId}/move`);
    await page.locator('[data-current-server="home"]').waitFor();
    const target = page.getByLabel(en.moves.fleetTarget.replace("{name}", DOMAIN));
    expect(await target.locator("option").allTextContents()).toContain(
      en.moves.tenantTarget.replace("{name}", "bigger").replace("{tenant}", "mover's family"),
    );
    await target.selectOption(biggerId);
    await page.getByRole("button", { name: en.moves.action, exact: true }).click();
    await confirmAndFollow(
      page,
      en,
      en.moves.tenantTarget.replace("{name}", "bigger").replace("{tenant}", "mover's family"),
    );
    await page.locator('[data-current-server="bigger"]').waitFor();
    expect(await movedTo()).toBe(biggerId);
    await inspect(page, "operator-moved");
    // A free address, on the shared server: the page names that server, and says there is nowhere else to go.
    expect(freeId).not.toBe("");
    await page.goto(`/fleet/domains/${freeId}/move`);
    const shared = await stack.platform.app.core.db.domain.findUniqueOrThrow({
      where: { id: freeId },
      include: { instance: true },
    });
    await page.locator(`[data-current-server="${shared.instance.name}"]`).waitFor();
    await page.locator("[data-move-empty]").waitFor();
    await context.close();
  }, 180_000);

  it("moves a free address to the family's only server of its own, and says when it is done", async () => {
    const family = freeFamily;
    if (!family) throw new Error("the free address's family was not made");
    const ours = await family.call("POST", `/api/v1/tenants/${family.tenantId}/instances?wait=60`, { name: "ours" });
    expect(ours.json.operation?.status, ours.text).toBe("succeeded");
    const page = await signedInPage(stack, family.cookie);
    await page.goto(`/t/${family.tenantId}/domains/${freeId}?tab=settings`);
    await page.getByRole("heading", { name: en.moves.titleOwn }).waitFor();
    expect(await page.getByLabel(en.moves.target).locator("option").allTextContents()).toEqual(["ours"]);
    await page.getByRole("button", { name: en.moves.action, exact: true }).click();
    // Once there, the family has no other server: the move's end stays in sight, not the empty state.
    await confirmAndFollow(page, en, "ours", `lees.${BASE}`);
    await page.locator('[data-placement="dedicated"]', { hasText: "ours" }).waitFor();
    expect(await page.locator("[data-move-empty]").count()).toBe(0);
    await inspect(page, "free-address-moved");
    await page.context().close();
  }, 180_000);
});

describe("accessibility", () => {
  it("lets the owner download all the data from the backups tab, as one XEP-0227 file", async () => {
    const page = await signedInPage(stack, owner.cookie);
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}?tab=backups`);
    await page.getByRole("heading", { name: en.exports.title }).waitFor();
    const link = page.getByRole("link", { name: en.exports.download });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`${DOMAIN}.xml`);
    const file = await download.path();
    const text = (await import("node:fs")).readFileSync(file as string, "utf8");
    expect(text).toContain(`<host jid='${DOMAIN}'>`);
    expect(text).toContain("name='nora'");
    await inspect(page, "export");
    await page.context().close();
  }, 120_000);

  it("moves it to a server that runs other software, named with it, the data converted on the way", async () => {
    const ej = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=90`, {
      name: "ej",
      server: "ejabberd",
    });
    expect(ej.json.operation?.status, ej.text).toBe("succeeded");
    const ejId = ej.json.instance.id as string;
    const label = en.moves.otherSoftware.replace("{name}", "ej").replace("{software}", "ejabberd");
    const page = await signedInPage(stack, owner.cookie);
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}?tab=settings`);
    const target = page.getByLabel(en.moves.target);
    expect((await target.locator("option").allTextContents()).sort()).toEqual([label, "home"].sort());
    await target.selectOption(ejId);
    await page.getByRole("button", { name: en.moves.action, exact: true }).click();
    await confirmAndFollow(page, en, label);
    await page.locator('[data-placement="dedicated"]', { hasText: "ej" }).waitFor();
    expect(await movedTo()).toBe(ejId);
    await inspect(page, "moved-to-ejabberd");
    await page.context().close();
  }, 180_000);

  it("axe-core finds no serious or critical violation on any page visited", () => {
    expect(inspected).toHaveLength(9);
    expect(findings).toEqual([]);
  });
});
