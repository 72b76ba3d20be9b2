// The family flow, timed: from the sign-up page to a first message in the family group chat. The admin signs up,
// names the family chat, gets its free address and an invite; a phone opens the invite and registers; the new member
// posts in the group chat through an independent client (slixmpp) and the admin's own client receives it.

import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { signupWithToken, writeCa, xmppClient } from "../helpers/platform.ts";
import { newContext, startWebStack, type WebStack } from "../helpers/web.ts";

const BASE = "chat.test";
let stack: WebStack;

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { PLATFORM_BASE_DOMAIN: BASE, BACKUP_VERIFY: "false" } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** Counts what a person does: every click and every field typed into. */
function counted() {
  const tally = { clicks: 0, fields: 0 };
  return {
    tally,
    async type(field: Locator, text: string) {
      tally.fields++;
      await field.fill(text);
    },
    async click(target: Locator) {
      tally.clicks++;
      await target.click();
    },
  };
}

/** The visible address of the current page, for reading the invite link. */
async function inviteLink(page: Page): Promise<string> {
  const link = page.locator("[data-invite-link]").first();
  await link.waitFor();
  return (await link.getAttribute("href")) ?? "";
}

describe("a family's first message", () => {
  it("goes from the sign-up page to a message in the family group chat in under two minutes", async () => {
    const started = Date.now();
    const me = counted();
    const admin = await newContext(stack);
    const page = await admin.newPage();

    await page.goto("/signup");
    await me.type(page.getByLabel(en.auth.name), "Anna");
    await me.type(page.getByLabel(en.auth.tenantName), "The Smiths");
    await me.type(page.getByLabel(en.auth.email), "anna@example.org");
    await me.type(page.getByLabel(en.auth.password), "a long enough password");
    await me.click(page.getByRole("button", { name: en.auth.signup }));
    await page.waitForURL(/\/t\/[^/]+$/);

    // Name the family chat (the organisation's name is offered), pick the free address and the admin's chat name.
    await page.getByRole("heading", { name: en.family.title }).waitFor();
    expect(await page.getByLabel(en.family.name).inputValue()).toBe("The Smiths");
    await me.type(page.getByLabel(en.family.address), "smiths");
    await page.locator('[data-address-check="available"]').waitFor();
    await me.type(page.getByLabel(en.family.username), "anna");
    await me.type(page.getByLabel(en.family.password), "lantern meadow cobalt");
    await me.click(page.getByRole("button", { name: en.family.create }));
    await page.getByTestId("family-ready").waitFor({ timeout: 90_000 });
    const url = await inviteLink(page);
    expect(url).toMatch(/\/join\/[^/]+$/);
    const address = `smiths.${BASE}`;

    // A phone opens the invite and registers through the web page.
    const phone = await newContext(stack, { phone: true });
    const guest = await phone.newPage();
    await guest.goto(new URL(url).pathname);
    const username = guest.getByLabel(en.join.username);
    if (!(await username.isVisible())) {
      // The phone page leads with the app; the web form is the fallback behind one more tap.
      await me.click(guest.locator("details:has(#username) > summary"));
    }
    await me.type(username, "ben");
    await me.type(guest.getByLabel(en.join.password), "orchard velvet river");
    await me.click(guest.getByRole("button", { name: en.join.submit }));
    await guest.getByTestId("join-success").waitFor({ timeout: 60_000 });

    // The new member posts in the family group chat; the admin's own client receives it.
    const domain = await stack.platform.app.core.db.domain.findUniqueOrThrow({
      where: { name: address },
      include: { instance: true, rooms: true },
    });
    const room = domain.rooms[0];
    expect(room?.title).toBe("The Smiths");
    const caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
    const chat = await xmppClient([
      "room-chat",
      domain.instance.host,
      String(domain.instance.c2sPort),
      caFile,
      `${room?.name}@groups.${address}`,
      `ben@${address}`,
      "orchard velvet river",
      `anna@${address}`,
      "lantern meadow cobalt",
    ]);
    expect(chat.out, JSON.stringify(chat)).toMatchObject({ result: "ok" });
    const seconds = (Date.now() - started) / 1000;
    const interactions = me.tally.clicks + me.tally.fields;
    console.log(
      `family flow: first message after ${seconds.toFixed(1)} s, ${me.tally.clicks} clicks and ${me.tally.fields} typed fields (${interactions} interactions)`,
    );
    expect(seconds).toBeLessThan(120);
    expect(interactions).toBeLessThan(15);

    // Back on the overview the setup is done: no checklist is left.
    await me.click(page.getByRole("button", { name: en.family.continue }));
    await page.getByRole("heading", { name: en.family.title }).waitFor({ state: "detached" });
    expect(await page.getByTestId("setup-checklist").count()).toBe(0);
    await phone.close();
    await admin.close();
  }, 180_000);

  it("asks before stopping a server, naming who is cut off; a cancelled stop changes nothing", async () => {
    const owner = await signupWithToken(stack.platform.app, "stopper");
    const made = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=60`, { name: "Home" });
    const instanceId = made.json.instance.id as string;
    // The name rule the form shows is the API's: at most 40 characters.
    const long = await owner.call("PATCH", `/api/v1/instances/${instanceId}`, { name: "x".repeat(41) });
    expect(long.status).toBe(400);
    expect(long.json.errors?.[0]?.field).toBe("name");
    const domain = await owner.call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, {
      name: "stop.example",
    });
    expect(domain.json.operation?.status, domain.text).toBe("succeeded");
    const context = await newContext(stack);
    const [name, value] = owner.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: stack.webUrl }]);
    const page = await context.newPage();
    await page.goto(`/t/${owner.tenantId}/instances/${instanceId}`);

    // Ports and server software wait under "Advanced", closed.
    const advanced = page.getByTestId("advanced");
    expect(await advanced.getAttribute("open")).toBeNull();
    expect(await page.getByText(String(made.json.instance.endpoints.c2sPort), { exact: true }).isVisible()).toBe(false);

    await page.getByRole("button", { name: en.instances.stop, exact: true }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("stop.example");
    expect(await dialog.textContent()).toContain("disconnected");
    await dialog.getByRole("button", { name: en.app.cancel }).click();
    await dialog.waitFor({ state: "hidden" });
    await new Promise((r) => setTimeout(r, 1000));
    const db = stack.platform.app.core.db;
    expect(await db.operation.count({ where: { resourceId: instanceId, type: "instance.stop" } })).toBe(0);
    expect((await owner.call("GET", `/api/v1/instances/${instanceId}`)).json.status).toBe("running");
    expect((await owner.call("GET", `/api/v1/domains/${domain.json.domain.id}`)).json.chat).toBe("available");

    // Confirmed, it stops, and the page says nobody can chat.
    await page.getByRole("button", { name: en.instances.stop, exact: true }).click();
    await dialog.getByRole("button", { name: en.instances.stop, exact: true }).click();
    await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    await page.reload();
    await page
      .getByRole("alert")
      .filter({ hasText: en.instances.stoppedBanner.replace("{name}", "Home").replace("{domains}", "stop.example") })
      .waitFor();
    // The address says the same, in the same words everywhere: the API derives it once.
    const domainId = domain.json.domain.id as string;
    expect((await owner.call("GET", `/api/v1/domains/${domainId}`)).json.chat).toBe("stopped");
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}`);
    await page.locator('[data-chat-banner="stopped"]').waitFor();
    await page.goto(`/t/${owner.tenantId}/domains`);
    expect(await page.locator("main").textContent()).toContain(en.status.stopped);
    expect(await page.locator("main").textContent()).not.toContain(en.status.active);
    await context.close();
  }, 120_000);

  it("fits every dashboard page on a 390 px phone, with the menu folded away", async () => {
    const owner = await signupWithToken(stack.platform.app, "phoneowner");
    const made = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=60`, {
      name: "A rather long name for a server",
    });
    const instanceId = made.json.instance.id as string;
    const domain = await owner.call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, {
      name: "a-long-family-name-for-testing.example",
    });
    const domainId = domain.json.domain.id as string;
    await owner.call("POST", `/api/v1/domains/${domainId}/rooms?wait=60`, { name: "family", title: "Family" });
    const context = await newContext(stack, { phone: true });
    const [name, value] = owner.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: stack.webUrl }]);
    const page = await context.newPage();
    const base = `/t/${owner.tenantId}`;
    const pages = [
      base,
      `${base}/domains`,
      ...["accounts", "rooms", "invites", "dns", "backups", "settings"].map(
        (t) => `${base}/domains/${domainId}?tab=${t}`,
      ),
      `${base}/instances`,
      `${base}/instances/${instanceId}`,
      `${base}/instances/${instanceId}/health`,
      `${base}/members`,
      `${base}/operations`,
      `${base}/alerts`,
      `${base}/tokens`,
    ];
    const wide: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await page.locator("main").waitFor();
      // Evaluated in the page (the test itself has no DOM types).
      const { scrollWidth, innerWidth } = (await page.evaluate(
        "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })",
      )) as { scrollWidth: number; innerWidth: number };
      if (scrollWidth > innerWidth) wide.push(`${path}: ${scrollWidth} > ${innerWidth}`);
    }
    expect(wide).toEqual([]);
    // The main menu is one button on a phone; it opens onto every section.
    const menu = page.getByTestId("mobile-menu");
    await menu.locator("summary").click();
    await menu.getByRole("link", { name: en.nav.domains }).click();
    await page.waitForURL(new RegExp(`${base}/domains$`));
    await context.close();
  }, 180_000);
});
