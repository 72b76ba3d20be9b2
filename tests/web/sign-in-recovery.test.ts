// A platform user who forgot their password, and one with two-step sign-in on, as they meet the dashboard: the
// "Forgot your password?" link, the mail's link, a new password, the link refused a second time; then a sign-in
// that asks for the authenticator app's code, refuses a wrong one and takes the right one. In English and in French.

import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { client, cookieOf, signup } from "../helpers/api.ts";
import { startSmtpSink } from "../helpers/sinks.ts";
import { newContext, signedInPage, startWebStack, type WebStack } from "../helpers/web.ts";

let stack: WebStack;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  smtp = await startSmtpSink();
  stack = await startWebStack({ workerEnv: { SMTP_URL: smtp.url, AUTH_FAILURE_DELAY_MS: "20" } });
});

afterAll(async () => {
  await stack?.close();
  await smtp?.close();
});

async function newUser(who: string) {
  const res = await signup(stack.platform.app, `${who}@test.example`, PASSWORD, who, `${who}'s family`);
  expect(res.status, res.text).toBe(201);
  return { email: `${who}@test.example`, cookie: cookieOf(res) };
}

async function resetLinkMailedTo(address: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const mail = smtp.received.find((m) => m.to.includes(address));
    const link = mail?.raw
      .replace(/=\r?\n/g, "")
      .match(/https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]{30,}/)?.[0];
    if (link) return link;
    await sleep(50);
  }
  throw new Error(`no reset link mailed to ${address}`);
}

function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/=+$/, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
}

/** What an authenticator app shows now (RFC 6238), computed here independently of the platform's code. */
function appCode(secret: string, stepOffset = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + stepOffset));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = (mac[19] ?? 0) & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

for (const [locale, m] of [
  ["en-GB", en],
  ["fr-FR", fr],
] as const) {
  describe(`signing in (${locale})`, () => {
    it("sets a new password through the mailed link, once", async () => {
      const user = await newUser(`forgot-${locale.slice(0, 2)}`);
      const context = await newContext(stack, { locale, phone: true });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByRole("link", { name: m.auth.forgot }).click();
      await page.getByLabel(m.auth.email).fill(user.email);
      await page.getByRole("button", { name: m.auth.sendLink }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toBe(m.auth.linkSent.replace("{email}", user.email));

      const link = await resetLinkMailedTo(user.email);
      const path = new URL(link).pathname;
      await page.goto(path);
      await page.getByLabel(m.auth.newPassword).fill("quiet lantern meadow 7");
      await page.getByRole("button", { name: m.auth.savePassword }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain(m.auth.passwordSaved);

      // The old password no longer signs in; the new one does.
      const api = client(stack.platform.app);
      expect((await api("POST", "/api/v1/auth/login", { email: user.email, password: PASSWORD })).status).toBe(401);
      expect(
        (await api("POST", "/api/v1/auth/login", { email: user.email, password: "quiet lantern meadow 7" })).status,
      ).toBe(200);

      // The same link again says it was used.
      await page.goto(path);
      await page.getByLabel(m.auth.newPassword).fill("another lantern meadow 8");
      await page.getByRole("button", { name: m.auth.savePassword }).click();
      await expect.poll(() => page.getByText(m.auth.linkUsed).count()).toBe(1);
      await context.close();
    });

    it("turns two-step sign-in on from the security page, with recovery codes shown once", async () => {
      const user = await newUser(`secure-${locale.slice(0, 2)}`);
      const page = await signedInPage(stack, user.cookie, { locale, phone: true });
      await page.goto("/");
      await page.getByRole("link", { name: m.security.link }).click();
      await page.getByRole("button", { name: m.security.turnOn }).click();
      await expect.poll(() => page.getByRole("img", { name: m.security.qr }).count()).toBe(1);
      const secret = (await page.locator("code").first().textContent())?.trim() ?? "";
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      if (Date.now() % 30_000 > 27_000) await sleep(30_000 - (Date.now() % 30_000) + 200);
      await page.getByLabel(m.auth.code, { exact: true }).fill(appCode(secret));
      await page.getByRole("button", { name: m.security.confirm }).click();
      const codes = page.getByRole("list", { name: m.security.codesTitle }).getByRole("listitem");
      await expect.poll(() => codes.count()).toBe(10);
      const status = await client(stack.platform.app, { cookie: user.cookie })("GET", "/api/v1/me/two-factor");
      expect(status.json).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
      // One of the codes shown signs in in place of the app's code.
      const recovery = (await codes.first().textContent())?.trim() ?? "";
      const api = client(stack.platform.app);
      const first = await api("POST", "/api/v1/auth/login", { email: user.email, password: PASSWORD });
      expect(first.status).toBe(202);
      const second = await api("POST", "/api/v1/auth/login/second-factor", {
        challenge: first.json.challenge,
        recoveryCode: recovery,
      });
      expect(second.status, second.text).toBe(200);
      await page.reload();
      await expect.poll(() => page.getByText(m.security.on.replace("{count}", "9")).count()).toBe(1);
      await page.context().close();
    });

    it("asks for the app's code when two-step sign-in is on, refuses a wrong one and takes the right one", async () => {
      const user = await newUser(`twostep-${locale.slice(0, 2)}`);
      const call = client(stack.platform.app, { cookie: user.cookie });
      const start = await call("POST", "/api/v1/me/two-factor/start");
      expect(start.status, start.text).toBe(200);
      const secret = start.json.secret as string;
      const confirm = await call("POST", "/api/v1/me/two-factor/confirm", { code: appCode(secret, -1) });
      expect(confirm.status, confirm.text).toBe(200);

      const context = await newContext(stack, { locale });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel(m.auth.email).fill(user.email);
      await page.getByLabel(m.auth.password).fill(PASSWORD);
      await page.getByRole("button", { name: m.auth.login }).click();
      await expect.poll(() => page.getByText(m.auth.secondStepLead).count()).toBe(1);
      // The password alone gave no session.
      expect((await page.request.get("/api/v1/me")).status()).toBe(401);

      const right = appCode(secret);
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
      await page.getByLabel(m.auth.code).fill(wrong);
      await page.getByRole("button", { name: m.auth.verify }).click();
      await expect.poll(() => page.getByText(m.auth.badCode).count()).toBe(1);

      // Away from the end of a 30-second step, so the code is still the server's when it arrives.
      if (Date.now() % 30_000 > 27_000) await sleep(30_000 - (Date.now() % 30_000) + 200);
      await page.getByLabel(m.auth.code).fill(appCode(secret));
      await page.getByRole("button", { name: m.auth.verify }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      expect((await page.request.get("/api/v1/me")).status()).toBe(200);
      await context.close();
    });
  });
}
