import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, serverWithDomains, signupWithToken } from "../helpers/api.ts";
import { type AxeFinding, firstLoadJs, inspectPage, newContext, startWebStack, type WebStack } from "../helpers/web.ts";
import { writeCa, xmppClient } from "../helpers/xmpp.ts";

let stack: WebStack;
const findings: AxeFinding[] = [];
const inspected: string[] = [];

async function inspect(page: Page, name: string): Promise<void> {
  inspected.push(name);
  findings.push(...(await inspectPage(page, name)));
}

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "1000" } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const flows = [
  { locale: "en-GB", m: en, who: "anna", tenant: "The Smiths", domain: "smiths.example" },
  { locale: "fr-FR", m: fr, who: "benoit", tenant: "Famille Martin", domain: "martin.example" },
] as const;

describe.each(flows)("the admin's flow in the browser ($locale)", ({ locale, m, who, tenant, domain }) => {
  const tag = locale.slice(0, 2);

  it("signs up, creates a chat server, a domain and a group chat", async () => {
    const context = await newContext(stack, { locale });
    const page = await context.newPage();

    await page.goto("/signup");
    expect(await page.locator("html").getAttribute("lang")).toBe(tag);
    await inspect(page, `${tag}-01-signup`);
    await page.getByLabel(m.auth.name).fill(who);
    await page.getByLabel(m.auth.tenantName).fill(tenant);
    await page.getByLabel(m.auth.email).fill(`${who}@example.org`);
    // The strength hint follows the API's rules as the password is typed, in the page's language.
    const hint = page.getByTestId("password-strength");
    await page.getByLabel(m.auth.password).fill(`${who}-2026!`);
    await hint.getByText(m.passwordStrength.problems.contains_personal_info).waitFor();
    await page.getByLabel(m.auth.password).fill("password12");
    await hint.getByText(m.passwordStrength.problems.too_common).waitFor();
    await page.getByLabel(m.auth.password).fill("a long enough password");
    await hint.getByText(m.passwordStrength.ok).waitFor();
    await page.getByRole("button", { name: m.auth.signup }).click();

    await page.waitForURL(/\/t\/[^/]+$/);
    const tenantPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: m.overview.emptyTitle }).waitFor();
    await inspect(page, `${tag}-02-overview-empty`);

    await page.getByRole("link", { name: m.overview.emptyAction }).click();
    await page.waitForURL(/\/instances$/);
    await inspect(page, `${tag}-03-instances-empty`);
    await page.getByLabel(m.instances.name).fill(`${who}-server`);
    await page.getByRole("button", { name: m.instances.create }).click();
    await page.waitForURL(/\/instances\/[^/]+$/, { timeout: 60_000 });
    await page.getByText(m.status.running, { exact: true }).first().waitFor({ timeout: 30_000 });
    await inspect(page, `${tag}-04-instance`);

    await page.getByLabel(m.domains.name).fill(domain);
    await page.getByRole("button", { name: m.domains.add }).click();
    await page.waitForURL(/\/domains\/[^/]+$/, { timeout: 60_000 });
    await page.getByRole("heading", { name: new RegExp(domain) }).waitFor();
    await inspect(page, `${tag}-05-domain-accounts`);

    await page.getByRole("link", { name: m.rooms.title }).click();
    await page.waitForURL(/tab=rooms/);
    await page.getByLabel(m.rooms.name).fill("family");
    await page.getByLabel(m.rooms.roomTitle).fill(tenant);
    await page.getByRole("button", { name: m.rooms.create }).click();
    await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    await page.getByText(`family@groups.${domain}`).waitFor();
    await inspect(page, `${tag}-06-domain-rooms`);

    const rooms = await stack.platform.workerCtx.core.db.room.findMany({ where: { domain: { name: domain } } });
    expect(rooms.map((r) => [r.name, r.title, r.membersOnly])).toEqual([["family", tenant, true]]);

    // An invite into the family group chat, opened on a phone in a fresh browser.
    await page.getByRole("link", { name: m.invites.title, exact: true }).click();
    await page.waitForURL(/tab=invites/);
    await inspect(page, `${tag}-07-domain-invites-empty`);
    await page.getByLabel(tenant).check();
    await page.getByRole("button", { name: m.invites.create }).click();
    await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    const inviteUrl = await page.locator("[data-invite-link]").first().getAttribute("href");
    expect(inviteUrl).toMatch(new RegExp(`^${stack.webUrl}/join/[A-Za-z0-9_-]{20,}$`));
    await inspect(page, `${tag}-08-domain-invites`);

    const phone = await newContext(stack, { locale, phone: true });
    const guest = await phone.newPage();
    await guest.goto(inviteUrl as string);
    await guest.getByRole("heading", { name: m.join.title.replace("{domain}", domain) }).waitFor();
    // A phone cannot scan its own screen: no QR code. It leads with the button that hands the invite to the
    // app for its own system (this phone says it runs Android).
    expect(await guest.locator("main svg[role=img]").count()).toBe(0);
    const openInApp = guest.locator("main a").first();
    expect(await openInApp.textContent()).toBe(m.join.openIn.replace("{app}", "Conversations"));
    expect(await openInApp.getAttribute("href")).toMatch(new RegExp(`^xmpp:${domain}\\?register;preauth=`));
    await inspect(guest, `${tag}-09-join`);
    await guest.getByLabel(m.join.username).fill(`${who}-guest`);
    await guest.getByLabel(m.join.password).fill("sunny balcony evening");
    await guest.getByRole("button", { name: m.join.submit }).click();
    await guest.getByTestId("join-success").waitFor({ timeout: 60_000 });
    await inspect(guest, `${tag}-10-joined`);
    await phone.close();

    // An independent client logs in as the new account and is in the group chat, as a member.
    const instance = await stack.platform.workerCtx.core.db.instance.findFirstOrThrow({
      where: { domains: { some: { name: domain } } },
    });
    const caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
    const roomJid = `family@groups.${domain}`;
    const seen = await xmppClient([
      "welcome",
      "127.0.0.1",
      String(instance.c2sPort),
      caFile,
      `${who}-guest@${domain}`,
      "sunny balcony evening",
    ]);
    expect(seen.out, JSON.stringify(seen)).toMatchObject({ result: "ok", joined: { [roomJid]: "member" } });

    // The group chat is renamed from its card, on the server too.
    await page.getByRole("link", { name: m.rooms.title }).click();
    await page.waitForURL(/tab=rooms/);
    const renamed = `${tenant} · chat`;
    await page.getByLabel(m.rooms.newTitle).fill(renamed);
    await page.getByRole("button", { name: m.rooms.rename }).click();
    await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    expect((await stack.platform.workerCtx.driverFor(instance).getRoom(roomJid))?.title).toBe(renamed);
    await page.getByText(renamed).first().waitFor();

    await page.getByRole("link", { name: `${m.domains.dns} · ${m.domains.certificate}` }).click();
    await page.waitForURL(/tab=dns/);
    await page.getByText(`_xmpp-client._tcp.${domain}`).first().waitFor();
    await inspect(page, `${tag}-11-domain-dns`);

    await page.goto(`${tenantPath}/operations`);
    await page.getByRole("heading", { name: m.operations.title }).waitFor();
    expect(await page.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
    await inspect(page, `${tag}-12-operations`);
    await page.goto(`${tenantPath}/members`);
    await page.getByText(`${who}@example.org`).waitFor();
    await inspect(page, `${tag}-13-members`);
    await page.goto(`${tenantPath}/tokens`);
    await page.getByLabel(m.tokens.name).fill("backup script");
    await page.getByRole("button", { name: m.tokens.create }).click();
    const shown = await page.locator("code", { hasText: /^xht_[^…]+$/ }).textContent();
    await page.locator("li", { hasText: "backup script" }).waitFor();
    await inspect(page, `${tag}-14-tokens`);
    const me = await fetch(`${stack.apiUrl}/api/v1/me`, { headers: { authorization: `Bearer ${shown}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(`${who}@example.org`);
    await context.close();
  }, 180_000);
});

describe("invite and sign-up pages", () => {
  let call: Call;
  let domainId: string;
  const domain = "club.example";
  const open = "open.example";

  async function invite(body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
    const res = await call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, body);
    expect(res.status, res.text).toBe(201);
    return res.json.invite;
  }

  beforeAll(async () => {
    const signup = await signupWithToken(stack.platform.app, "club");
    call = signup.call;
    const tenantId = signup.tenantId;
    const made = await serverWithDomains(call, tenantId, "club", [
      { name: domain, registration: "invite" },
      { name: open, registration: "open" },
    ]);
    domainId = made.domainIds[0] as string;
  }, 120_000);

  it("shows an expired, a used-up, a revoked and an unknown invite each with its own message", async () => {
    const expired = await invite();
    await stack.platform.app.core.db.invite.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const usedUp = await invite({ maxUses: 1 });
    const used = await call("POST", `/api/v1/public/invites/${usedUp.token}/register`, {
      username: "first",
      password: "amber-orchard-lamp",
    });
    expect(used.status, used.text).toBe(201);
    const revoked = await invite();
    expect((await call("DELETE", `/api/v1/invites/${revoked.id}?wait=30`)).status).toBe(200);

    const context = await newContext(stack, { phone: true });
    const page = await context.newPage();
    const cases = [
      { token: expired.token, status: "expired", title: en.join.expiredTitle },
      { token: usedUp.token, status: "used_up", title: en.join.usedUpTitle },
      { token: revoked.token, status: "revoked", title: en.join.revokedTitle },
      { token: "no-such-invite-token-at-all-000000", status: "unknown", title: en.join.unknownTitle },
    ];
    for (const c of cases) {
      await page.goto(`/join/${c.token}`);
      const heading = page.getByRole("heading", { level: 1 });
      expect(await heading.textContent()).toBe(c.title);
      expect(await heading.getAttribute("data-invite-status")).toBe(c.status);
      // No form to fill in for an invite that cannot be used.
      expect(await page.getByLabel(en.join.username).count()).toBe(0);
      await inspect(page, `invite-${c.status}`);
    }
    await context.close();
  }, 120_000);

  it("lets 5 quick sign-ups from one address through the web app, then answers 429", async () => {
    const context = await newContext(stack, { phone: true });
    const page = await context.newPage();
    await page.goto(`/register/${open}`);
    await page.getByRole("heading", { name: en.register.title.replace("{domain}", open) }).waitFor();
    await inspect(page, "register-open");
    await page.goto(`/register/${domain}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(en.register.closedTitle);
    await inspect(page, "register-closed");
    await context.close();

    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${stack.webUrl}/api/v1/public/domains/${open}/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: `walker${i}`, password: "amber-orchard-lamp" }),
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    const accounts = await stack.platform.app.core.db.account.count({ where: { domain: { name: open } } });
    expect(accounts).toBe(5);
  }, 120_000);

  it("keeps the invite landing page's first-load JavaScript under 150 kB gzipped", async () => {
    const active = await invite();
    const js = await firstLoadJs(stack, `/join/${active.token}`);
    console.log(
      `invite landing page first-load JS: ${js.files} files, ${(js.rawBytes / 1024).toFixed(1)} kB raw, ${(js.gzipBytes / 1024).toFixed(1)} kB gzipped`,
    );
    expect(js.files).toBeGreaterThan(0);
    expect(js.gzipBytes).toBeLessThanOrEqual(150 * 1024);
  }, 60_000);
});

describe("health, alerts and the fleet", () => {
  it("charts an instance's health, manages alert channels, and shows operators the fleet", async () => {
    const { call, tenantId } = await signupWithToken(stack.platform.app, "watcher");
    const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "watched" });
    expect(created.status, created.text).toBe(201);
    const instanceId = created.json.instance.id as string;
    const domain = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=30`, { name: "watched.example" });
    expect(domain.status, domain.text).toBe(201);
    // Probes run every second in this stack: wait for a few samples.
    const deadline = Date.now() + 60_000;
    let points = 0;
    while (Date.now() < deadline && points < 3) {
      await new Promise((r) => setTimeout(r, 1000));
      const health = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
      points = (health.json.series ?? []).filter((p: { loginMs: number | null }) => p.loginMs !== null).length;
    }
    expect(points).toBeGreaterThanOrEqual(3);
    await stack.platform.app.core.db.user.update({
      where: { email: "watcher@test.example" },
      data: { isOperator: true },
    });

    const context = await newContext(stack);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel(en.auth.email).fill("watcher@test.example");
    await page.getByLabel(en.auth.password).fill("correct horse battery");
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL(/\/t\/[^/]+$/);

    await page.goto(`/t/${tenantId}/instances/${instanceId}/health?range=1h`);
    await page.getByRole("heading", { name: /watched/ }).waitFor();
    for (const chart of ["onlineUsers", "loginMs", "memoryMb"]) {
      const line = page.locator(`[data-chart="${chart}"] path.recharts-curve`);
      await line.waitFor({ state: "attached", timeout: 15_000 });
      // A drawn line, not an empty chart: several points in its path.
      expect(((await line.getAttribute("d")) ?? "").split(/[LC]/).length).toBeGreaterThanOrEqual(3);
    }
    await inspect(page, "health-1h");

    await page.goto(`/t/${tenantId}/instances/${instanceId}`);
    await page.getByRole("button", { name: en.backups.now }).click();
    await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: en.backups.restore }).waitFor();
    await inspect(page, "instance-backups");
    const backups = await call("GET", `/api/v1/instances/${instanceId}/backups`);
    expect(backups.json.items.map((b: { status: string; trigger: string }) => b.status)).toEqual(["succeeded"]);

    await page.goto(`/t/${tenantId}/alerts`);
    await page.getByRole("heading", { name: en.alerts.title, level: 1 }).waitFor();
    await page.getByLabel(en.alerts.channelName).fill("Family admins");
    await page.getByLabel(en.alerts.target).fill("admins@watched.example");
    await page.getByRole("button", { name: en.alerts.addChannel }).click();
    await page.getByText("admins@watched.example").waitFor();
    await inspect(page, "alerts");
    const channels = await call("GET", `/api/v1/tenants/${tenantId}/alert-channels`);
    expect(channels.json.items.map((c: { kind: string; target: string }) => [c.kind, c.target])).toEqual([
      ["email", "admins@watched.example"],
    ]);

    await page.goto("/fleet");
    const row = page.locator('tr[data-instance="watched"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("watched.example");
    await page.getByLabel(en.alerts.channelName).fill("On-call");
    await page.getByLabel(en.alerts.target).fill("oncall@platform.example");
    await page.getByRole("button", { name: en.alerts.addChannel }).click();
    await page.getByText("oncall@platform.example").waitFor();
    await inspect(page, "fleet");
    const operatorChannels = await stack.platform.app.core.db.alertChannel.findMany({ where: { tenantId: null } });
    expect(operatorChannels.map((c) => c.target)).toEqual(["oncall@platform.example"]);

    // A second organisation for the same person, then back to the first with the switcher.
    await page.getByRole("link", { name: en.app.newTenant }).click();
    await page.getByLabel(en.auth.tenantName).fill("Second home");
    await page.getByRole("button", { name: en.app.create }).click();
    await page.waitForURL((url) => /\/t\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(tenantId));
    await inspect(page, "second-tenant");
    await page.getByLabel(en.app.switchTenant).selectOption(tenantId);
    await page.waitForURL((url) => url.pathname === `/t/${tenantId}`);
    await context.close();
  }, 180_000);
});

describe("co-admins", () => {
  it("invites a co-admin by link, who signs up from it and joins with the role", async () => {
    const owner = await signupWithToken(stack.platform.app, "keeper");
    const context = await newContext(stack);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel(en.auth.email).fill("keeper@test.example");
    await page.getByLabel(en.auth.password).fill("correct horse battery");
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL(/\/t\/[^/]+$/);
    await page.goto(`/t/${owner.tenantId}/members`);
    await page.getByLabel(en.members.role).selectOption("admin");
    await page.getByRole("button", { name: en.members.createLink }).click();
    const link = await page.locator("[data-invite-link]").first().getAttribute("href");
    expect(link).toMatch(new RegExp(`^${stack.webUrl}/accept/`));
    await inspect(page, "members-invite");
    await context.close();

    const newcomer = await newContext(stack);
    const other = await newcomer.newPage();
    await other.goto(link as string);
    await other.getByRole("heading", { name: en.members.acceptTitle.replace("{tenant}", "keeper's family") }).waitFor();
    await inspect(other, "accept-signed-out");
    await other.getByRole("link", { name: en.auth.toSignup }).click();
    await other.getByLabel(en.auth.name).fill("Helper");
    await other.getByLabel(en.auth.tenantName).fill("Helper's home");
    await other.getByLabel(en.auth.email).fill("helper@example.org");
    await other.getByLabel(en.auth.password).fill("a long enough password");
    await other.getByRole("button", { name: en.auth.signup }).click();
    await other.waitForURL(/\/accept\//);
    await other.getByRole("button", { name: en.members.accept }).click();
    await other.waitForURL(new RegExp(`/t/${owner.tenantId}$`));
    await newcomer.close();

    const helper = await stack.platform.app.core.db.user.findUniqueOrThrow({ where: { email: "helper@example.org" } });
    const membership = await stack.platform.app.core.db.membership.findUniqueOrThrow({
      where: { tenantId_userId: { tenantId: owner.tenantId, userId: helper.id } },
    });
    expect(membership.role).toBe("admin");
  }, 120_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on any page visited", () => {
    // Every page of both flows was checked, not just the ones before a failure.
    expect(inspected).toHaveLength(41);
    expect(findings).toEqual([]);
  });
});
