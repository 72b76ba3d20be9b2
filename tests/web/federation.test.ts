// Talking to other servers in the dashboard: an admin on a phone limits a domain to one other domain, then cuts it off
// from every other server, each time after a confirmation (declining one saves nothing), then goes back to the
// default; the French section, with the API's refusal of a listed entry worded under the list; the domains the server
// saw lately and its last federation check, or what their absence means; and the check on the server's health page.
import { Prisma } from "@xmpp-host/db";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en, type Messages } from "../../apps/web/lib/i18n/en.ts";
import { interpolate, plural } from "../../apps/web/lib/i18n/format.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, serverWithDomains, signupWithToken } from "../helpers/api.ts";
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

const DOMAIN = "federation-web.example";
const BASE = "chat.test";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let instanceId: string;
let domainId: string;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, `federation-${name}`)));
}

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000", PLATFORM_BASE_DOMAIN: BASE } });
  owner = await signupWithToken(stack.platform.app, "federationweb");
  const made = await serverWithDomains(owner.call, owner.tenantId, "family", [
    { name: DOMAIN, registration: "invite" },
  ]);
  instanceId = made.instanceId;
  domainId = made.domainIds[0] as string;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const signedIn = (opts: { locale?: string; phone?: boolean } = {}) => signedInPage(stack, owner.cookie, opts);

interface Federation {
  federation: "open" | "allowlist" | "closed";
  federationAllowlist: string[];
  federationPlatformDomains: boolean;
}

async function settingsOf(call: Call): Promise<{ settings: Federation; changed: string[] }> {
  const res = await call("GET", `/api/v1/domains/${domainId}/settings`);
  expect(res.status, res.text).toBe(200);
  return res.json as { settings: Federation; changed: string[] };
}

/** Asks the API every quarter second until the policy is `policy`, failing with the last answer after 15 s. */
async function policyBecomes(policy: Federation["federation"]): Promise<{ settings: Federation; changed: string[] }> {
  const deadline = Date.now() + 15_000;
  let answer = await settingsOf(owner.call);
  while (answer.settings.federation !== policy && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    answer = await settingsOf(owner.call);
  }
  expect(answer.settings.federation).toBe(policy);
  return answer;
}

const settingsTab = () => `/t/${owner.tenantId}/domains/${domainId}?tab=settings`;
const section = (page: Page) => page.locator('[data-section="federation"]');
const saveButton = (card: Locator, m: Messages) => card.getByRole("button", { name: m.app.save, exact: true });
/** The change reached the server: the section shows its operation's success. */
const applied = (card: Locator) => card.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
const list = (locale: string, items: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);

/** The server's last probe with this federation check, as the worker stores it. */
async function probed(federation: {
  ok: boolean;
  from: string;
  reference: string;
  ms?: number;
  message?: string;
  checkedAt: string;
}): Promise<void> {
  const reasons = federation.ok
    ? []
    : [{ code: "federation_failing", message: "no answer", params: { reference: federation.reference } }];
  const data = {
    status: reasons.length ? "degraded" : "healthy",
    reasons,
    calls: Prisma.DbNull,
    federation: federation.ok ? federation : { ...federation, code: "federation_failing" },
    checkedAt: new Date(),
  };
  await stack.platform.app.core.db.instanceHealth.upsert({
    where: { instanceId },
    create: { instanceId, ...data },
    update: data,
  });
}

describe("who people may talk to on other servers", () => {
  it("limits them to a domain, then to nobody, each after a confirmation, then goes back to everyone", async () => {
    const m = en;
    const f = m.settings.federation;
    const page = await signedIn({ phone: true });
    await page.goto(settingsTab());
    const card = section(page);
    await card.getByRole("heading", { name: f.title }).waitFor();
    expect(await card.getByLabel(f.open, { exact: true }).isChecked()).toBe(true);
    // Nothing seen yet: the list says what it is for and what to do.
    await card.locator("[data-federation-empty]").getByText(f.emptyTitle).waitFor();
    await card.locator('[data-federation="none"]').getByText(m.health.federationNotChecked).waitFor();
    expect(await card.getByLabel(f.add).count()).toBe(0);

    // Only these domains: the list appears, empty; a chat address gives its domain, in lower case.
    await card.getByLabel(f.allowlist, { exact: true }).check();
    await card.getByText(f.noDomains).waitFor();
    expect(await card.getByLabel(f.platform).isChecked()).toBe(true);
    await card.getByLabel(f.add).fill("Anna@Friends.Example");
    await card.getByLabel(f.add).press("Enter");
    await card.locator('[data-allowlist] [data-entry="friends.example"]').waitFor();
    expect(await card.getByLabel(f.add).inputValue()).toBe("");
    // What plainly is no domain is refused here, said under the field, and not added.
    await card.getByLabel(f.add).fill("not a domain");
    await card.getByRole("button", { name: f.addButton, exact: true }).click();
    await card.locator("#federationAllowlistAdd-error").getByText(f.notADomain).waitFor();
    expect(await card.locator("[data-allowlist] [data-entry]").count()).toBe(1);
    await card.getByLabel(f.add).fill("");
    await expectNoSideways(page);
    await inspect(page, "allowlist-phone");

    // Saving cuts people off from everyone else: it is asked first, in plain words. Declined, nothing is saved.
    await saveButton(card, m).click();
    const limit = page.getByRole("dialog", { name: interpolate(f.confirmAllowlistTitle, { domain: DOMAIN }) });
    await limit
      .getByText(
        interpolate(f.confirmAllowlist, { domain: DOMAIN, list: list("en", ["friends.example", f.platformAddresses]) }),
      )
      .waitFor();
    await limit.getByRole("button", { name: m.app.cancel }).click();
    await limit.waitFor({ state: "hidden" });
    // Long enough for a save to have reached the API, had the dialog let one through.
    await page.waitForTimeout(500);
    expect((await settingsOf(owner.call)).settings.federation).toBe("open");

    await saveButton(card, m).click();
    await limit.getByRole("button", { name: f.confirmAllowlistButton }).click();
    const limited = await policyBecomes("allowlist");
    expect(limited.settings).toMatchObject({
      federationAllowlist: ["friends.example"],
      federationPlatformDomains: true,
    });
    expect(limited.changed).toEqual(expect.arrayContaining(["federation", "federationAllowlist"]));
    await applied(card);
    await card.locator('[data-setting="federation"][data-changed="true"]').waitFor();

    // Nobody on other servers: asked too, with its own words.
    await card.getByLabel(f.closed, { exact: true }).check();
    expect(await card.getByLabel(f.add).count()).toBe(0);
    await saveButton(card, m).click();
    const close = page.getByRole("dialog", { name: interpolate(f.confirmClosedTitle, { domain: DOMAIN }) });
    await close.getByText(interpolate(f.confirmClosed, { domain: DOMAIN })).waitFor();
    await inspect(page, "confirm-closed-phone");
    await close.getByRole("button", { name: f.confirmClosedButton }).click();
    const closed = await policyBecomes("closed");
    expect(closed.settings.federationAllowlist).toEqual(["friends.example"]);
    await applied(card);

    // Back to the default, everyone: nobody is cut off by it, so nothing is asked.
    await card
      .locator('[data-setting="federation"]')
      .getByRole("button", { name: new RegExp(`^${m.settings.reset}`) })
      .click();
    const reset = await policyBecomes("open");
    expect(reset.changed).not.toContain("federation");
    await card.locator('[data-setting="federation"][data-changed="false"]').waitFor({ timeout: 30_000 });
    expect(await card.getByLabel(f.open, { exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.context().close();
  }, 180_000);

  it("is in French, with the API's refusal of an entry worded under the list", async () => {
    const m = fr;
    const f = m.settings.federation;
    const page = await signedIn({ locale: "fr-FR" });
    await page.goto(settingsTab());
    const card = section(page);
    await card.getByRole("heading", { name: f.title }).waitFor();
    await card.getByText(interpolate(f.lead, { domain: DOMAIN })).waitFor();
    await card.getByLabel(f.allowlist, { exact: true }).check();
    // The list kept from before comes back with the choice.
    await card.locator('[data-allowlist] [data-entry="friends.example"]').waitFor();
    // Loosely checked here, the entry is left to the API, which refuses it by its place in the list.
    await card.getByLabel(f.add).fill("mauvais_nom.example");
    await card.getByRole("button", { name: f.addButton, exact: true }).click();
    await saveButton(card, m).click();
    const limit = page.getByRole("dialog", { name: interpolate(f.confirmAllowlistTitle, { domain: DOMAIN }) });
    await limit
      .getByText(
        interpolate(f.confirmAllowlist, {
          domain: DOMAIN,
          list: list("fr", ["friends.example", "mauvais_nom.example", f.platformAddresses]),
        }),
      )
      .waitFor();
    await limit.getByRole("button", { name: f.confirmAllowlistButton }).click();
    const refusal = card.locator("#federationAllowlist-error");
    await refusal
      .getByText(
        interpolate(f.badEntry, {
          domain: "mauvais_nom.example",
          reason: m.problems.byField.federationAllowlist.invalid_domain,
        }),
      )
      .waitFor();
    await card.locator('[data-entry="mauvais_nom.example"][data-invalid="true"]').waitFor();
    expect((await settingsOf(owner.call)).settings.federation).toBe("open");

    await page.waitForLoadState("networkidle");
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text only, not the page's script data
    const shown = await card.innerText();
    const left = englishIn(shown, englishTexts(en, fr));
    expect(left, `the French section shows English: "${left}"`).toBeUndefined();
    await inspect(page, "section-fr");

    // Taken off the list, the entry takes its refusal with it.
    await card.getByRole("button", { name: `${f.remove} mauvais_nom.example` }).click();
    await refusal.waitFor({ state: "detached" });
    await page.context().close();
  }, 60_000);
});

describe("what the server saw of other servers", () => {
  it("lists the domains seen lately, the most recent first, and the server's last check", async () => {
    const m = en;
    const f = m.settings.federation;
    const now = Date.now();
    const minutesAgo = (n: number) => new Date(now - n * 60_000);
    // Two recent domains, then 99 older ones: one more than the page shows.
    const older = Array.from({ length: 99 }, (_, i) => ({
      domainId,
      remote: `older${i + 1}.example`,
      lastSeenAt: minutesAgo(60 + i),
      updatedAt: minutesAgo(60 + i),
    }));
    await stack.platform.app.core.db.federationPeer.createMany({
      data: [
        { domainId, remote: "friends.example", lastSeenAt: minutesAgo(2), updatedAt: minutesAgo(2) },
        {
          domainId,
          remote: "blocked.example",
          refusedIncoming: 3,
          refusedOutgoing: 2,
          lastRefusedAt: minutesAgo(5),
          updatedAt: minutesAgo(5),
        },
        ...older,
      ],
    });
    await probed({ ok: true, from: DOMAIN, reference: "b.example", ms: 23, checkedAt: new Date().toISOString() });

    const page = await signedIn({ phone: true });
    await page.goto(settingsTab());
    const card = section(page);
    await card
      .locator('[data-federation="working"]')
      .getByText(interpolate(m.health.federationWorking, { ms: "23 ms", reference: "b.example" }))
      .waitFor();
    const rows = card.locator("[data-peer]");
    expect(await rows.count()).toBe(100);
    expect(await rows.first().getAttribute("data-peer")).toBe("friends.example");
    expect(await card.locator('[data-peer="older99.example"]').count()).toBe(0);
    const blocked = card.locator('[data-peer="blocked.example"]');
    expect(await blocked.locator("[data-blocked-in]").textContent()).toBe("3");
    expect(await blocked.locator("[data-blocked-out]").textContent()).toBe("2");
    await blocked.getByText(f.never).waitFor();
    await blocked.getByText("5 minutes ago").waitFor();
    await card.getByText(interpolate(f.shownOf, { shown: 100, total: 101 })).waitFor();
    // Ten at first, so that a phone does not scroll for ever; the others one press away.
    const earlier = card.locator('[data-peer="older98.example"]');
    expect(await earlier.isVisible()).toBe(false);
    await card.getByText(plural("en", 90, f.showMore)).click();
    await earlier.waitFor();
    expect(await card.locator("[data-federation-empty]").count()).toBe(0);
    await expectNoSideways(page);
    await inspect(page, "peers-phone");

    // A check that failed says which domain did not answer, and the server's reason.
    await probed({
      ok: false,
      from: DOMAIN,
      reference: "b.example",
      message: "remote-server-not-found",
      checkedAt: new Date().toISOString(),
    });
    await page.reload();
    await card
      .locator('[data-federation="failing"]')
      .getByText(
        interpolate(m.health.federationFailing, { reference: "b.example", message: "remote-server-not-found" }),
      )
      .waitFor();
    await page.context().close();
  }, 60_000);
});

describe("other servers on a chat server's health page", () => {
  it.each([
    ["en-GB", en],
    ["fr-FR", fr],
  ] as const)(
    "says whether they answer, and which did not (%s)",
    async (locale, m) => {
      const page = await signedIn({ locale });
      const health = `/t/${owner.tenantId}/instances/${instanceId}/health`;
      await probed({ ok: true, from: DOMAIN, reference: "b.example", ms: 23, checkedAt: new Date().toISOString() });
      await page.goto(health);
      await page
        .locator('[data-federation="working"]')
        .getByText(interpolate(m.health.federationWorking, { ms: "23 ms", reference: "b.example" }))
        .waitFor();

      await probed({
        ok: false,
        from: DOMAIN,
        reference: "b.example",
        message: "remote-server-timeout",
        checkedAt: new Date().toISOString(),
      });
      await page.goto(health);
      await page
        .locator('[data-federation="failing"]')
        .getByText(
          interpolate(m.health.federationFailing, { reference: "b.example", message: "remote-server-timeout" }),
        )
        .waitFor();
      // The verdict's reason is worded too, never the API's English.
      await page.getByText(interpolate(m.alerts.reasons.federation_failing, { reference: "b.example" })).waitFor();
      await inspect(page, `health-${locale}`);
      await page.context().close();
    },
    60_000,
  );
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(inspected).toEqual(
      expect.arrayContaining([
        "allowlist-phone",
        "confirm-closed-phone",
        "section-fr",
        "peers-phone",
        "health-en-GB",
        "health-fr-FR",
      ]),
    );
    expect(findings).toEqual([]);
  });
});
