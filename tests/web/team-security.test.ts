// The team page's sign-in security, as people meet it in the dashboard: an owner's switch that makes two-step sign-in
// compulsory for owners and admins (refused until the owner uses it, then on behind a confirmation and off again, read
// back through the API), and an operator's "Restore access" in the read-only support view (cancelled once, then
// confirmed: the person's two-step sign-in is off and the mail with a password link arrives). In English and French.

import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { interpolate } from "../../apps/web/lib/i18n/format.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { client, cookieOf, signup } from "../helpers/api.ts";
import { startSmtpSink } from "../helpers/sinks.ts";
import { type AxeFinding, inspectPage, signedInPage, startWebStack, type WebStack } from "../helpers/web.ts";

let stack: WebStack;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let opsCookie = "";
const PASSWORD = "correct horse battery";
const findings: AxeFinding[] = [];
const inspected: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  stack = await startWebStack({ workerEnv: { SMTP_URL: smtp.url } });
  const ops = await newOwner("ops");
  await stack.platform.app.core.db.user.update({ where: { email: ops.email }, data: { isOperator: true } });
  opsCookie = ops.cookie;
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await smtp?.close();
});

async function newOwner(who: string) {
  const res = await signup(stack.platform.app, `${who}@test.example`, PASSWORD, who, `${who}'s family`);
  expect(res.status, res.text).toBe(201);
  const cookie = cookieOf(res);
  return {
    email: `${who}@test.example`,
    cookie,
    tenantId: res.json.tenant.id as string,
    call: client(stack.platform.app, { cookie }),
  };
}

type Owner = Awaited<ReturnType<typeof newOwner>>;

function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/=+$/, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
}

/** What an authenticator app shows (RFC 6238), computed here independently of the platform's code. */
function appCode(secret: string, stepOffset = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + stepOffset));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = (mac[19] ?? 0) & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** Turns two-step sign-in on for the owner, as the security page does. */
async function enrol(owner: Owner): Promise<void> {
  const start = await owner.call("POST", "/api/v1/me/two-factor/start");
  expect(start.status, start.text).toBe(200);
  const confirm = await owner.call("POST", "/api/v1/me/two-factor/confirm", { code: appCode(start.json.secret, -1) });
  expect(confirm.status, confirm.text).toBe(200);
}

/** The tenant's setting as the API tells its owner. */
async function requireTwoFactor(owner: Owner): Promise<boolean> {
  const me = await owner.call("GET", "/api/v1/me");
  expect(me.status, me.text).toBe(200);
  return me.json.tenants.find((t: { id: string }) => t.id === owner.tenantId).requireTwoFactor;
}

async function mailTo(address: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const mail = smtp.received.find((m) => m.to.includes(address));
    if (mail) return mail.raw.replace(/=\r?\n/g, "");
    await sleep(50);
  }
  throw new Error(`no mail to ${address}`);
}

for (const [locale, m] of [
  ["en-GB", en],
  ["fr-FR", fr],
] as const) {
  const lang = locale.slice(0, 2);
  const phone = lang === "fr";
  const t = m.members;

  describe(`the team page's sign-in security (${locale})`, () => {
    it("lets the owner require two-step sign-in once they use it, behind a confirmation, and turn it off", async () => {
      const owner = await newOwner(`team-${lang}`);
      const page = await signedInPage(stack, owner.cookie, { locale, phone });
      await page.goto(`/t/${owner.tenantId}/members`);
      await page.getByRole("heading", { name: t.twoFactorTitle }).waitFor();
      await page.getByText(t.twoFactorExplain).waitFor();
      const toggle = page.getByRole("switch", { name: t.twoFactorSwitch });
      expect(await toggle.isChecked()).toBe(false);
      // Restoring access is for operators: an owner is not offered it.
      expect(await page.getByRole("button", { name: t.restore }).count()).toBe(0);

      // Without two-step sign-in of their own the owner is told so, and the API's refusal is shown in their words.
      await page.getByText(t.twoFactorYouFirst).waitFor();
      await toggle.click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(t.twoFactorConfirmBody).waitFor();
      await dialog.getByRole("button", { name: t.twoFactorConfirm }).click();
      const refusal = page.getByRole("alert").filter({ hasText: m.problems.reasons.two_factor_not_enabled });
      await refusal.waitFor();
      expect(await refusal.getByRole("link", { name: t.twoFactorSetUp }).getAttribute("href")).toBe("/security");
      expect(await toggle.isChecked()).toBe(false);
      expect(await requireTwoFactor(owner)).toBe(false);
      inspected.push(`refused-${lang}`);
      findings.push(...(await inspectPage(page, `team-two-factor-refused-${lang}`)));

      await enrol(owner);
      await page.reload();
      expect(await page.getByText(t.twoFactorYouFirst).count()).toBe(0);
      // Declined, nothing changes.
      await toggle.click();
      await dialog.getByRole("button", { name: m.app.cancel }).click();
      await dialog.waitFor({ state: "hidden" });
      expect(await toggle.isChecked()).toBe(false);
      expect(await requireTwoFactor(owner)).toBe(false);

      await toggle.click();
      await dialog.getByText(t.twoFactorConfirmBody).waitFor();
      await dialog.getByRole("button", { name: t.twoFactorConfirm }).click();
      await expect.poll(() => toggle.isChecked()).toBe(true);
      expect(await requireTwoFactor(owner)).toBe(true);
      await page.reload();
      expect(await toggle.isChecked()).toBe(true);
      inspected.push(`required-${lang}`);
      findings.push(...(await inspectPage(page, `team-two-factor-required-${lang}`)));

      // Turning it off shuts nobody out: no confirmation.
      await toggle.click();
      await expect.poll(() => toggle.isChecked()).toBe(false);
      expect(await dialog.isVisible()).toBe(false);
      expect(await requireTwoFactor(owner)).toBe(false);
      await page.context().close();
    }, 60_000);

    it("lets an operator restore a locked-out owner's access from the support view, behind a confirmation", async () => {
      const owner = await newOwner(`locked-${lang}`);
      await enrol(owner);
      const page = await signedInPage(stack, opsCookie, { locale, phone });
      await page.goto(`/t/${owner.tenantId}/members`);
      await page.getByText(m.support.banner).waitFor();
      const row = page.getByRole("listitem").filter({ hasText: owner.email });
      const button = row.getByRole("button", { name: t.restore });
      // The read-only support view leaves the operator's own action enabled once the page runs.
      await expect.poll(() => button.isEnabled()).toBe(true);

      // Cancelled, nothing is done (checked below: a single mail and a single audit entry).
      await button.click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(interpolate(t.restoreBody, { email: owner.email })).waitFor();
      await dialog.getByRole("heading", { name: interpolate(t.restoreTitle, { name: `locked-${lang}` }) }).waitFor();
      inspected.push(`restore-dialog-${lang}`);
      findings.push(...(await inspectPage(page, `team-restore-dialog-${lang}`)));
      await dialog.getByRole("button", { name: m.app.cancel }).click();
      await dialog.waitFor({ state: "hidden" });
      expect((await owner.call("GET", "/api/v1/me/two-factor")).json.enabled).toBe(true);

      await button.click();
      await dialog.getByRole("button", { name: t.restore }).click();
      await row.getByText(interpolate(t.restoreDone, { email: owner.email })).waitFor();
      inspected.push(`restored-${lang}`);
      findings.push(...(await inspectPage(page, `team-restored-${lang}`)));

      const status = await owner.call("GET", "/api/v1/me/two-factor");
      expect(status.json).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
      const mail = await mailTo(owner.email);
      expect(mail).toContain("ops@test.example");
      expect(mail).toMatch(new RegExp(`${stack.webUrl}/reset-password/[A-Za-z0-9_-]{30,}`));
      expect(smtp.received.filter((r) => r.to.includes(owner.email))).toHaveLength(1);
      const audited = await stack.platform.app.core.db.auditEvent.findMany({
        where: { action: "user.password_reset_by_operator", tenantId: owner.tenantId },
      });
      expect(audited).toHaveLength(1);
      await page.context().close();
    }, 60_000);
  });
}

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(inspected).toHaveLength(8);
    expect(findings).toEqual([]);
  });
});
