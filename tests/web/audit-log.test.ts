// The audit log page: entries as sentences in the reader's language, filters, paging and downloads, on a computer
// and on a phone.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, client, cookieOf, serverWithDomains, signup, signupWithToken } from "../helpers/api.ts";
import {
  englishIn,
  englishTexts,
  expectNoSideways,
  inspectPage,
  signedInPage,
  startWebStack,
  type WebStack,
} from "../helpers/web.ts";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let carol: { userId: string; call: Call };
let auditPath: string;

beforeAll(async () => {
  stack = await startWebStack();
  const app = stack.platform.app;
  owner = await signupWithToken(app, "alice");
  auditPath = `/t/${owner.tenantId}/audit`;
  const { domainIds } = await serverWithDomains(owner.call, owner.tenantId, "home", [
    { name: "family.example", registration: "invite" },
  ]);
  const domainId = domainIds[0] as string;
  const bob = await owner.call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart: "bob" });
  expect(bob.status, bob.text).toBe(201);
  // Carol joins as an admin and makes a group chat.
  const joined = await signup(app, "carol@test.example", "correct horse battery", "Carol", "Carol's");
  expect(joined.status, joined.text).toBe(201);
  const link = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/member-invites`, { role: "admin" });
  const asCarol = client(app, { cookie: cookieOf(joined) });
  expect((await asCarol("POST", `/api/v1/member-invites/${link.json.token}/accept`)).status).toBe(200);
  carol = { userId: joined.json.user.id, call: asCarol };
  const room = await asCarol("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
    name: "kitchen",
    title: "Kitchen",
  });
  expect(room.status, room.text).toBe(201);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** The sentence cells of the table, as shown. */
async function sentences(page: Page): Promise<string[]> {
  return page.locator("[data-audit-sentence]").allInnerTexts();
}

async function rowActions(page: Page): Promise<string[]> {
  return page
    .locator("tr[data-audit-action]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-audit-action") ?? ""));
}

describe("the audit log page", () => {
  it("shows each entry as an English sentence, and is reached from the navigation", async () => {
    const page = await signedInPage(stack, owner.cookie);
    await page.goto(`/t/${owner.tenantId}`);
    await page.getByRole("link", { name: en.nav.audit }).first().click();
    await page.waitForURL(new RegExp(`${auditPath}$`));
    await page.getByRole("heading", { name: en.audit.title }).waitFor();
    const shown = await sentences(page);
    expect(shown).toContain("alice (API token “test”) created the account bob@family.example");
    expect(shown).toContain("Carol created the group chat Kitchen");
    expect(shown).toContain("Carol joined the team as admin");
    expect(shown).toContain("Finished: Create a group chat (Kitchen)");
    const total = await owner.call("GET", `/api/v1/tenants/${owner.tenantId}/audit-events?limit=200`);
    expect(shown).toHaveLength(total.json.items.length);
    expect(await inspectPage(page, "audit-en")).toEqual([]);
    await page.context().close();
  });

  it("filters by person, by action and by resource, and says when nothing matches", async () => {
    const page = await signedInPage(stack, owner.cookie);
    await page.goto(auditPath);
    await page.getByLabel(en.audit.person).selectOption(carol.userId);
    await page.getByRole("button", { name: en.audit.apply }).click();
    await page.waitForURL(/person=/);
    expect(await rowActions(page)).toEqual(["room.create.succeeded", "room.created", "member_invite.accepted"]);

    await page.goto(auditPath);
    await page.getByLabel(en.audit.action).selectOption("account.created");
    await page.getByRole("button", { name: en.audit.apply }).click();
    await page.waitForURL(/action=account\.created/);
    expect(await sentences(page)).toEqual(["alice (API token “test”) created the account bob@family.example"]);

    // A whole group of actions, from the same list.
    await page.getByLabel(en.audit.action).selectOption("room.");
    await page.getByRole("button", { name: en.audit.apply }).click();
    await page.waitForURL(/action=room\./);
    expect((await rowActions(page)).sort()).toEqual(["room.create.succeeded", "room.created"]);

    await page.goto(auditPath);
    await page.getByRole("textbox", { name: en.audit.resourceFilter }).fill("instance");
    await page.getByRole("button", { name: en.audit.apply }).click();
    await page.waitForURL(/resource=instance/);
    expect(await rowActions(page)).toEqual(["instance.create.succeeded", "instance.created"]);
    // A resource's link shows its whole history.
    await page
      .getByRole("link", { name: `${en.audit.historyOf}: home` })
      .first()
      .click();
    await page.waitForURL(/resource=instance%3A/);
    expect(await rowActions(page)).toEqual(["instance.create.succeeded", "instance.created"]);

    await page.goto(`${auditPath}?resource=nosuchthing`);
    await page.getByRole("heading", { name: en.audit.noMatchTitle }).waitFor();
    // Until a day before from: the API's refusal, in words.
    await page.goto(`${auditPath}?from=2026-03-02&to=2026-03-01`);
    await page.getByRole("alert").filter({ hasText: en.audit.badRange }).waitFor();
    await page.context().close();
  });

  it("pages through the log", async () => {
    const page = await signedInPage(stack, owner.cookie);
    const total = (await owner.call("GET", `/api/v1/tenants/${owner.tenantId}/audit-events?limit=200`)).json.items
      .length as number;
    expect(total).toBeGreaterThan(0);
    // More entries than a page holds: 50 exports, each of them recorded.
    for (let i = total; i <= 50; i++) {
      expect(
        (await owner.call("GET", `/api/v1/tenants/${owner.tenantId}/audit-events/export?format=json`)).status,
      ).toBe(200);
    }
    await page.goto(auditPath);
    const first = await rowActions(page);
    expect(first).toHaveLength(50);
    await page.getByRole("link", { name: en.app.next }).click();
    await page.waitForURL(/cursor=/);
    const second = await rowActions(page);
    expect(second.length).toBeGreaterThan(0);
    const all = (await owner.call("GET", `/api/v1/tenants/${owner.tenantId}/audit-events?limit=200`)).json.items
      .length as number;
    expect(first.length + second.length).toBe(all);
    await page.context().close();
  });

  it("downloads the filtered log as CSV and as JSON", async () => {
    const page = await signedInPage(stack, owner.cookie);
    await page.goto(`${auditPath}?action=room.`);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: en.audit.exportCsv }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
    const text = readFileSync((await csv.path()) as string, "utf8");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,createdAt,action,actorType,actorUserId,actorName,actorEmail,actorTokenId,actorTokenName,resourceType,resourceId,resourceName,data",
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[2])
        .sort(),
    ).toEqual(["room.create.succeeded", "room.created"]);

    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: en.audit.exportJson }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^audit-.+\.json$/);
    const body = JSON.parse(readFileSync((await json.path()) as string, "utf8"));
    expect(body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "room.create.succeeded",
      "room.created",
    ]);

    // Both downloads are in the log, by the person who made them in the dashboard.
    const exported = await owner.call(
      "GET",
      `/api/v1/tenants/${owner.tenantId}/audit-events?action=audit.exported&limit=2`,
    );
    expect(exported.json.items.map((e: { data: { format: string } }) => e.data.format)).toEqual(["json", "csv"]);
    expect(exported.json.items[0].actor).toMatchObject({ type: "user", name: "alice" });
    await page.context().close();
  });

  it("is in French for a French reader, on a phone too", async () => {
    const english = englishTexts(en, fr);
    for (const phone of [false, true]) {
      const page = await signedInPage(stack, owner.cookie, { locale: "fr-FR", phone });
      await page.goto(`${auditPath}?action=account.`);
      await page.getByRole("heading", { name: fr.audit.title }).waitFor();
      const shown = await sentences(page);
      expect(shown).toContain("alice (jeton d’API « test ») a créé le compte bob@family.example");
      expect(shown).toContain("Terminé : Créer un compte (bob@family.example)");
      await page.goto(auditPath);
      expect(await sentences(page)).toContain("Carol a rejoint l’équipe comme admin");
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
      const left = englishIn(await page.locator("body").innerText(), english);
      expect(left, `shows English: "${left}"`).toBeUndefined();
      if (phone) await expectNoSideways(page);
      else {
        expect(await page.getByRole("link", { name: fr.audit.exportCsv }).getAttribute("href")).toMatch(
          /\/audit-events\/export\?format=csv/,
        );
      }
      expect(await inspectPage(page, `audit-fr${phone ? "-phone" : ""}`)).toEqual([]);
      await page.context().close();
    }
  });

  it("is not offered to a viewer, whom the API refuses", async () => {
    const joined = await signup(stack.platform.app, "vic@test.example", "correct horse battery", "Vic", "Vic's");
    const link = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/member-invites`, { role: "viewer" });
    const cookie = cookieOf(joined);
    expect(
      (await client(stack.platform.app, { cookie })("POST", `/api/v1/member-invites/${link.json.token}/accept`)).status,
    ).toBe(200);
    const page = await signedInPage(stack, cookie);
    await page.goto(`/t/${owner.tenantId}/operations`);
    await page.getByRole("heading", { name: en.operations.title }).waitFor();
    expect(await page.getByRole("link", { name: en.nav.audit }).count()).toBe(0);
    const res = await page.goto(auditPath);
    expect(res?.status()).toBe(404);
    await page.context().close();
  });
});
