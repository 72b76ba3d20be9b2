import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { client, signupWithToken } from "../helpers/platform.ts";
import { englishIn, englishTexts, newContext, startWebStack, type WebStack } from "../helpers/web.ts";

let stack: WebStack;

// A piece French uses too ("Host" of the product's name "Chat Host") is no sign of English.
const english = englishTexts(en, fr);

/** Fails naming the page and the first English text visible on it. */
async function expectFrench(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
  const text = await page.locator("body").innerText();
  // Whole words only: "server" inside a record name such as _xmpp-server._tcp is not English prose.
  const left = englishIn(text, english);
  expect(left, `${name} (${page.url()}) shows English: "${left}"`).toBeUndefined();
}

beforeAll(async () => {
  // Limits every server passes, so that health reasons and alerts carry measurements to be worded in French.
  stack = await startWebStack({
    workerEnv: { HEALTH_PROBE_INTERVAL_MS: "1000", HEALTH_MEMORY_LIMIT_MB: "1", HEALTH_CERT_MIN_DAYS: "365" },
  });
}, 120_000);

/** Asks `read` every half second until `done` holds for its answer, failing with the last one after `ms`. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    value = await read();
  }
  expect(done(value), JSON.stringify(value)).toBe(true);
  return value;
}

/** Fails naming the page and the first of the API's English messages that it shows as they are. */
async function expectNoneOf(page: Page, name: string, messages: string[]): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
  const text = await page.locator("body").innerText();
  const shown = messages.find((message) => text.includes(message));
  expect(shown, `${name} (${page.url()}) shows the API's English: "${shown}"`).toBeUndefined();
}

afterAll(async () => {
  await stack?.close();
});

describe("the dashboard in French", () => {
  it("has a dictionary check that can find English", () => {
    expect(english).toContain(en.operations.types["backup.create"]);
    expect(english).toContain(en.problems.fields.taken);
  });

  it("shows no English text on any page, and the API's refusals in French", async () => {
    const owner = await signupWithToken(stack.platform.app, "camille");
    const { call, tenantId } = owner;
    const instance = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "maison" });
    expect(instance.status, instance.text).toBe(201);
    const instanceId = instance.json.instance.id as string;
    // A domain whose records are published nowhere: its DNS check fails, with a fix for every record.
    const created = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, {
      name: "martin.example",
      registration: "invite",
    });
    expect(created.status, created.text).toBe(201);
    const domainId = created.json.domain.id as string;
    const check = await call("POST", `/api/v1/domains/${domainId}/dns/check?wait=30`);
    expect(check.status, check.text).toBeLessThan(300);
    const dns = await call("GET", `/api/v1/domains/${domainId}/dns`);
    const broken = (dns.json.records as { status: string; fixCode?: string }[]).filter((r) => r.status !== "ok");
    expect(broken.length, dns.text).toBeGreaterThan(0);
    expect(broken.every((r) => r.fixCode && r.fixCode in en.dns.fixes)).toBe(true);
    const room = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, { name: "famille", title: "Famille" });
    expect(room.status, room.text).toBeLessThan(300);
    const invite = await call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, { maxUses: 1, expiresIn: 86400 });
    expect(invite.status, invite.text).toBeLessThan(300);
    const backup = await call("POST", `/api/v1/instances/${instanceId}/backups?wait=60`);
    expect(backup.status, backup.text).toBeLessThan(300);
    // The probe has measured the server above its memory limit, and the alert is open.
    type Reason = { code: string; message: string; params?: Record<string, unknown> };
    const health = await until(
      async () => (await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`)).json,
      (h) => (h.reasons as Reason[] | undefined)?.some((r) => r.code === "memory_high" && r.params) ?? false,
    );
    const alerts = await until(
      async () => (await call("GET", `/api/v1/tenants/${tenantId}/alerts?status=open`)).json,
      (a) => (a.items as { code: string }[]).some((alert) => alert.code === "memory_high"),
    );

    const context = await newContext(stack, { locale: "fr-FR" });
    const [cookieName, cookieValue] = owner.cookie.split("=");
    await context.addCookies([{ name: cookieName ?? "", value: cookieValue ?? "", url: stack.webUrl }]);
    const page = await context.newPage();
    const pages: [string, string][] = [
      ["overview", `/t/${tenantId}`],
      ["chat servers", `/t/${tenantId}/instances`],
      ["chat server", `/t/${tenantId}/instances/${instanceId}`],
      ["domains", `/t/${tenantId}/domains`],
      ["accounts", `/t/${tenantId}/domains/${domainId}?tab=accounts`],
      ["group chats", `/t/${tenantId}/domains/${domainId}?tab=rooms`],
      ["invites", `/t/${tenantId}/domains/${domainId}?tab=invites`],
      ["DNS", `/t/${tenantId}/domains/${domainId}?tab=dns`],
      ["activity", `/t/${tenantId}/operations`],
      ["alerts", `/t/${tenantId}/alerts`],
      ["health", `/t/${tenantId}/instances/${instanceId}/health`],
    ];
    for (const [name, url] of pages) {
      await page.goto(url);
      await expectFrench(page, name);
    }

    // Measurements are worded and formatted in French, never the API's English messages.
    const english = [
      ...(health.reasons as Reason[]).map((r) => r.message),
      ...(health.domains as { reasons: Reason[] }[]).flatMap((d) => d.reasons.map((r) => r.message)),
    ];
    await page.goto(`/t/${tenantId}/instances/${instanceId}/health`);
    await page.getByText("La mémoire utilisée est de", { exact: false }).first().waitFor();
    await expectNoneOf(page, "health", english);
    await page.goto(`/t/${tenantId}/alerts`);
    await page.getByText("de mémoire (limite 1 Mo)", { exact: false }).first().waitFor();
    await expectNoneOf(
      page,
      "alerts",
      (alerts.items as { message: string }[]).map((a) => a.message),
    );

    // The operators' fleet, with the open alerts of every organisation.
    await stack.platform.app.core.db.user.update({
      where: { email: "camille@test.example" },
      data: { isOperator: true },
    });
    const fleetAlerts = await client(stack.platform.app, { cookie: owner.cookie })(
      "GET",
      "/api/v1/fleet/alerts?status=open",
    );
    expect(fleetAlerts.status, fleetAlerts.text).toBe(200);
    expect((fleetAlerts.json.items as unknown[]).length).toBeGreaterThan(0);
    await page.goto("/fleet");
    await page.getByRole("heading", { name: fr.fleet.openAlerts }).waitFor();
    await page.getByText("de mémoire (limite 1 Mo)", { exact: false }).first().waitFor();
    await expectFrench(page, "fleet");
    await expectNoneOf(page, "fleet", [
      ...(fleetAlerts.json.items as { message: string }[]).map((a) => a.message),
      ...english,
    ]);

    // The DNS fixes and the activity are in plain French words.
    await page.goto(`/t/${tenantId}/domains/${domainId}?tab=dns`);
    await page.getByText(fr.dns.zoneHeader).waitFor();
    expect(await page.getByText("Ajoutez un enregistrement", { exact: false }).count()).toBeGreaterThan(0);
    await page.goto(`/t/${tenantId}/operations`);
    await page.getByText(fr.operations.types["room.create"]).first().waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
    expect(await page.locator("body").innerText()).not.toContain("room.create");
    // "1 jour", not "1 jours".
    await page.goto(`/t/${tenantId}/domains/${domainId}?tab=invites`);
    expect(await page.locator("option").allInnerTexts()).toContain("1 jour");

    // A name the API says is taken shows in French under the field.
    await page.goto(`/t/${tenantId}/domains/${domainId}?tab=rooms`);
    await page.getByLabel(fr.rooms.name).fill("famille");
    await page.getByLabel(fr.rooms.roomTitle).fill("Famille encore");
    await page.getByRole("button", { name: fr.rooms.create }).click();
    await page.getByText(fr.problems.fields.taken).waitFor();
    await expectFrench(page, "group chats after a refusal");
    await context.close();
  }, 300_000);
});
