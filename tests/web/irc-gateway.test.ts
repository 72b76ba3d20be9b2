// A domain's IRC gateway in the dashboard: off with its limits, turned on by an admin with the operation's progress,
// then shown as the API says it is (on with how to join a channel, or failed with its error and a retry), turned off
// again behind a confirmation; the French page; and a viewer who sees the section without its buttons.
import { Prisma } from "@xmpp-host/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { interpolate, plural } from "../../apps/web/lib/i18n/format.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { type Call, client, serverWithDomains } from "../helpers/api.ts";
import { signupWithToken } from "../helpers/platform.ts";
import { type AxeFinding, inspectPage, signedInPage, startWebStack, type WebStack } from "../helpers/web.ts";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let instanceId: string;
let domainId: string;
let frenchDomainId: string;
const findings: AxeFinding[] = [];

interface Gateway {
  address: string;
  enabled: boolean;
  state: "pending" | "active" | "deleting" | "failed" | null;
  lastError: string | null;
  example: string;
  limits: { maxServers: number; maxConnections: number };
}

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000" } });
  owner = await signupWithToken(stack.platform.app, "ircweb");
  const { instanceId: id, domainIds } = await serverWithDomains(owner.call, owner.tenantId, "family", [
    { name: "irc-web.example", registration: "invite" },
    { name: "irc-fr.example", registration: "invite" },
  ]);
  instanceId = id;
  [domainId, frenchDomainId] = domainIds as [string, string];
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function gatewayOf(call: Call, id: string): Promise<Gateway> {
  const res = await call("GET", `/api/v1/domains/${id}/irc-gateway`);
  expect(res.status, res.text).toBe(200);
  return res.json as Gateway;
}

/** Asks the API every half second until the gateway is no longer on its way, failing with the last answer. */
async function settled(id: string, ms = 60_000): Promise<Gateway> {
  const deadline = Date.now() + ms;
  let gateway = await gatewayOf(owner.call, id);
  while ((gateway.state === "pending" || gateway.state === "deleting") && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    gateway = await gatewayOf(owner.call, id);
  }
  expect(["pending", "deleting"], JSON.stringify(gateway)).not.toContain(gateway.state);
  return gateway;
}

const signedIn = (cookie: string, locale = "en-GB") => signedInPage(stack, cookie, { locale });

describe("the IRC gateway section", () => {
  it("is off with its limits, turns on with its progress, and shows what the API then says", async () => {
    const m = en;
    const page = await signedIn(owner.cookie);
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}`);
    await page.getByRole("link", { name: m.irc.title }).click();
    await page.waitForURL(/tab=irc/);

    const before = await gatewayOf(owner.call, domainId);
    expect(before).toMatchObject({ enabled: false, state: null });
    const section = page.locator('[data-irc-gateway="off"]');
    await section.getByText(m.irc.lead).waitFor();
    await section.getByText(plural("en", before.limits.maxServers, m.irc.maxServers)).waitFor();
    await section.getByText(plural("en", before.limits.maxConnections, m.irc.maxConnections)).waitFor();
    findings.push(...(await inspectPage(page, "irc-gateway-off")));

    await section.getByRole("button", { name: m.irc.turnOn }).click();
    // The operation's progress shows while it runs, and says how it ended.
    await page.locator("[data-operation-status]").waitFor({ timeout: 10_000 });
    await page.locator('[data-operation-status="succeeded"], [data-operation-status="failed"]').waitFor({
      timeout: 60_000,
    });
    const after = await settled(domainId);
    const shown = page.locator(`[data-irc-gateway="${after.state}"]`);
    await shown.waitFor({ timeout: 15_000 });

    if (after.state === "active") {
      expect(after.enabled).toBe(true);
      await shown.getByText(after.address, { exact: true }).waitFor();
      await shown.getByText(interpolate(m.irc.form, { address: after.address })).waitFor();
      expect(await shown.locator("[data-irc-example]").textContent()).toBe(after.example);
      await shown.getByText(m.irc.notEncrypted).waitFor();
      findings.push(...(await inspectPage(page, "irc-gateway-on")));

      // Turning it off asks first, saying who is cut off.
      await shown.getByRole("button", { name: m.irc.turnOff }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(interpolate(m.irc.turnOffConfirm, { address: after.address })).waitFor();
      findings.push(...(await inspectPage(page, "irc-gateway-turn-off")));
      await dialog.getByRole("button", { name: m.irc.turnOff }).click();
      await page.locator('[data-operation-status="succeeded"]').waitFor({ timeout: 60_000 });
      expect(await settled(domainId)).toMatchObject({ enabled: false, state: null });
      await page.locator('[data-irc-gateway="off"]').getByRole("button", { name: m.irc.turnOn }).waitFor();
    } else {
      // The worker could not start it here: the page says why, and offers another try.
      expect(after.state, JSON.stringify(after)).toBe("failed");
      const words = after.lastError ? interpolate(m.irc.failed, { error: after.lastError }) : m.irc.failedNoDetail;
      await shown.getByText(words).waitFor();
      await shown.getByRole("button", { name: m.irc.retry }).waitFor();
      findings.push(...(await inspectPage(page, "irc-gateway-failed")));
    }
    await page.context().close();
  }, 180_000);

  it("has its French title and words on the French page", async () => {
    const m = fr;
    const page = await signedIn(owner.cookie, "fr-FR");
    await page.goto(`/t/${owner.tenantId}/domains/${frenchDomainId}`);
    await page.getByRole("link", { name: m.irc.title }).click();
    await page.waitForURL(/tab=irc/);
    await page.getByRole("heading", { name: m.irc.title }).waitFor();
    const section = page.locator('[data-irc-gateway="off"]');
    await section.getByText(m.irc.lead).waitFor();
    await section.getByRole("button", { name: m.irc.turnOn }).waitFor();
    expect(await page.getByText(en.irc.title).count()).toBe(0);
    findings.push(...(await inspectPage(page, "irc-gateway-fr")));
    await page.context().close();
  }, 60_000);

  it("shows a viewer the gateway without its buttons", async () => {
    const viewer = await signupWithToken(stack.platform.app, "ircviewer");
    const invited = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/members`, {
      email: "ircviewer@test.example",
      role: "viewer",
    });
    expect(invited.status, invited.text).toBe(202);
    const accepted = await client(stack.platform.app, { cookie: viewer.cookie })(
      "POST",
      `/api/v1/member-invites/${invited.json.token}/accept`,
    );
    expect(accepted.status, accepted.text).toBe(200);

    const page = await signedIn(viewer.cookie);
    await page.goto(`/t/${owner.tenantId}/domains/${frenchDomainId}?tab=irc`);
    const section = page.locator('[data-irc-gateway="off"]');
    await section.getByText(en.irc.lead).waitFor();
    expect(await section.getByRole("button").count()).toBe(0);
    // The API refuses it anyway.
    const refused = await client(stack.platform.app, { cookie: viewer.cookie })(
      "PUT",
      `/api/v1/domains/${frenchDomainId}/irc-gateway`,
    );
    expect(refused.status, refused.text).toBe(403);
    await page.context().close();
  }, 60_000);
});

describe("a gateway that failed", () => {
  it("shows its error, and starts again from the retry button", async () => {
    const m = en;
    const on = await owner.call("PUT", `/api/v1/domains/${domainId}/irc-gateway?wait=60`);
    expect(on.status, on.text).toBeLessThan(300);
    // A start that failed, as the worker records it.
    const lastError = "the gateway did not connect to the server";
    await stack.platform.app.core.db.ircGateway.update({ where: { domainId }, data: { state: "failed", lastError } });

    const page = await signedIn(owner.cookie);
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}?tab=irc`);
    const section = page.locator('[data-irc-gateway="failed"]');
    await section.getByText(interpolate(m.irc.failed, { error: lastError })).waitFor();
    findings.push(...(await inspectPage(page, "irc-gateway-failed")));
    await section.getByRole("button", { name: m.irc.retry }).click();
    await page.locator('[data-operation-status="succeeded"], [data-operation-status="failed"]').waitFor({
      timeout: 60_000,
    });
    const after = await settled(domainId);
    expect(["active", "failed"]).toContain(after.state);
    await page.locator(`[data-irc-gateway="${after.state}"]`).waitFor({ timeout: 15_000 });
    if (after.state === "active") expect(after.lastError).toBeNull();
    await page.context().close();

    const off = await owner.call("DELETE", `/api/v1/domains/${domainId}/irc-gateway?wait=60`);
    expect(off.status, off.text).toBe(200);
  }, 180_000);
});

describe("calls on a chat server's health page", () => {
  /** The probe's last verdict with this calls check (null: the platform offers no calls), as the worker stores it. */
  async function probed(calls: { ok: boolean; code?: string; message?: string; checkedAt: string } | null) {
    const reasons =
      calls && !calls.ok
        ? [{ code: "calls_failing", message: "calls fail", params: { cause: calls.code ?? "calls_unreachable" } }]
        : [];
    const data = {
      status: reasons.length ? "degraded" : "healthy",
      reasons,
      calls: calls ?? Prisma.DbNull,
      checkedAt: new Date(),
    };
    await stack.platform.app.core.db.instanceHealth.upsert({
      where: { instanceId },
      create: { instanceId, ...data },
      update: data,
    });
  }

  it.each([
    ["en-GB", en],
    ["fr-FR", fr],
  ] as const)("says whether they work, and why not in plain words (%s)", async (locale, m) => {
    const page = await signedIn(owner.cookie, locale);
    const health = `/t/${owner.tenantId}/instances/${instanceId}/health`;
    await probed({ ok: true, checkedAt: new Date().toISOString() });
    await page.goto(health);
    await page.locator('[data-calls="working"]').getByText(m.health.callsWorking).waitFor();

    await probed({
      ok: false,
      code: "calls_refused",
      message: "401 Unauthorized",
      checkedAt: new Date().toISOString(),
    });
    await page.goto(health);
    const failing = interpolate(m.health.callsFailing, { reason: m.alerts.causes.calls_refused });
    await page.locator('[data-calls="failing"]').getByText(failing).waitFor();
    // The reason the verdict gives is worded too, never the API's English.
    await page
      .getByText(interpolate(m.alerts.reasons.calls_failing, { cause: m.alerts.causes.calls_refused }))
      .waitFor();
    findings.push(...(await inspectPage(page, `calls-failing-${locale}`)));

    // Nothing at all where the platform offers no calls.
    await probed(null);
    await page.goto(health);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.locator("[data-calls]").count()).toBe(0);
    await page.context().close();
  });
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(findings).toEqual([]);
  });
});
