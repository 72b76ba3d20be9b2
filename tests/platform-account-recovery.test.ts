// Platform users who forget their password or lose their phone: "forgot password" by email, two-step sign-in with
// TOTP and recovery codes, a tenant that requires it, and an operator restoring a locked-out owner's access.
import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, cookieOf, signIn, signup } from "./helpers/api.ts";
import { buildApi, type Platform, startPlatform } from "./helpers/platform.ts";
import { startSmtpSink } from "./helpers/sinks.ts";

let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const WEB = "https://dash.example";

beforeAll(async () => {
  smtp = await startSmtpSink();
  platform = await startPlatform({
    inProcessWorker: false,
    // Many sign-ins from one address here; the per-account lock after the challenge's own limit.
    workerEnv: {
      SMTP_URL: smtp.url,
      WEB_PUBLIC_URL: WEB,
      AUTH_FAILURE_DELAY_MS: "20",
      AUTH_RATE_LIMIT_PER_MINUTE: "500",
      AUTH_LOCK_AFTER_FAILURES: "8",
    },
  });
});

afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

const PASSWORD = "correct horse battery";
const db = () => platform.app.core.db;

/** The mail sent to `address` since `after` messages, its quoted-printable soft breaks undone; waits for it. */
async function mailTo(address: string, after = 0) {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.received.slice(after).find((m) => m.to.includes(address));
    if (mail) return { ...mail, text: mail.raw.replace(/=\r?\n/g, "") };
    await sleep(50);
  }
  throw new Error(`no mail to ${address}`);
}

function linkIn(text: string): string {
  const m = text.match(new RegExp(`${WEB}/reset-password/([A-Za-z0-9_-]{30,})`));
  if (!m?.[1]) throw new Error(`no reset link in: ${text}`);
  return m[1];
}

async function newUser(who: string) {
  const res = await signup(platform.app, `${who}@test.example`, PASSWORD, who, `${who}'s org`);
  expect(res.status).toBe(201);
  return {
    email: `${who}@test.example`,
    cookie: cookieOf(res),
    tenantId: res.json.tenant.id as string,
    id: res.json.user.id as string,
  };
}

// An independent TOTP (RFC 6238, SHA-1, 6 digits), not the platform's, to act as the authenticator app.
function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/=+$/, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
}
function appCode(secret: string, stepOffset = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + stepOffset));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = (mac[19] ?? 0) & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
/** Waits out the end of a 30-second step, so that codes computed now are still the server's a moment later. */
async function awayFromStepEnd() {
  const into = Date.now() % 30_000;
  if (into > 27_000) await sleep(30_000 - into + 200);
}

async function enableTotp(cookie: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const call = client(platform.app, { cookie });
  const start = await call("POST", "/api/v1/me/two-factor/start");
  expect(start.status).toBe(200);
  expect(start.json.uri).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&/);
  const secret = start.json.secret as string;
  const confirm = await call("POST", "/api/v1/me/two-factor/confirm", { code: appCode(secret, -1) });
  expect(confirm.status).toBe(200);
  expect(confirm.json.recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes: confirm.json.recoveryCodes };
}

describe("forgot password", () => {
  it("emails a link that sets the password once, ends the other sessions, and refuses the link again with 410", async () => {
    const user = await newUser("forgetful");
    const other = await signIn(platform.app, user.email);
    const otherCookie = cookieOf(other);
    expect((await client(platform.app, { cookie: otherCookie })("GET", "/api/v1/me")).status).toBe(200);

    const before = smtp.received.length;
    const asked = await client(platform.app)("POST", "/api/v1/auth/password-reset", { email: user.email });
    expect(asked.status).toBe(202);
    const mail = await mailTo(user.email, before);
    expect(mail.subject).toContain("Reset your password");
    const token = linkIn(mail.text);
    // Only a hash of the token is kept.
    expect(JSON.stringify(await db().userPasswordReset.findMany())).not.toContain(token);

    const weak = await client(platform.app)("POST", `/api/v1/auth/password-reset/${token}`, { password: "short" });
    expect(weak.status).toBe(422);
    expect(weak.json.errors[0].field).toBe("password");

    const NEW = "a much better passphrase 42";
    const set = await client(platform.app)("POST", `/api/v1/auth/password-reset/${token}`, { password: NEW });
    expect(set.status).toBe(204);
    expect((await signIn(platform.app, user.email, PASSWORD)).status).toBe(401);
    expect((await signIn(platform.app, user.email, NEW)).status).toBe(200);
    expect((await client(platform.app, { cookie: otherCookie })("GET", "/api/v1/me")).status).toBe(401);
    expect((await client(platform.app, { cookie: user.cookie })("GET", "/api/v1/me")).status).toBe(401);

    const again = await client(platform.app)("POST", `/api/v1/auth/password-reset/${token}`, { password: `${NEW}!` });
    expect(again.status).toBe(410);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    expect(again.json.code).toBe("reset_link_used");

    const actions = (await db().auditEvent.findMany({ where: { resourceId: user.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.password_reset_requested", "user.password_reset"]));
  });

  it("refuses an expired link with its own 410, writes French to a French reader, and sends nothing for an unknown address", async () => {
    const user = await newUser("late");
    const before = smtp.received.length;
    const asked = await platform.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset",
      headers: { "content-type": "application/json", "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" },
      payload: JSON.stringify({ email: user.email }),
    });
    expect(asked.statusCode).toBe(202);
    const mail = await mailTo(user.email, before);
    expect(mail.text).toContain("Bonjour late");
    const token = linkIn(mail.text);
    await db().userPasswordReset.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await client(platform.app)("POST", `/api/v1/auth/password-reset/${token}`, {
      password: "a much better passphrase 42",
    });
    expect(expired.status).toBe(410);
    expect(expired.json.code).toBe("reset_link_expired");
    expect((await signIn(platform.app, user.email, PASSWORD)).status).toBe(200);

    const count = smtp.received.length;
    const unknown = await client(platform.app)("POST", "/api/v1/auth/password-reset", { email: "nobody@test.example" });
    expect(unknown.status).toBe(asked.statusCode);
    expect(unknown.json).toEqual(JSON.parse(asked.body));
    await sleep(500);
    expect(smtp.received.length).toBe(count);
  });

  it("limits requests per address, and names the field of a malformed one", async () => {
    const bad = await client(platform.app)("POST", "/api/v1/auth/password-reset", { email: "not an email" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe("email");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await client(platform.app)("POST", "/api/v1/auth/password-reset", { email: "spam@test.example" })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("says so when the platform has no SMTP server rather than pretending", async () => {
    const noMail = await buildApi({ ...platform.workerEnv, SMTP_URL: "" });
    try {
      const res = await client(noMail.app)("POST", "/api/v1/auth/password-reset", { email: "forgetful@test.example" });
      expect(res.status).toBe(503);
      expect(res.json.reason).toBe("email_not_configured");
    } finally {
      await noMail.close(platform.dataRoot);
    }
  });
});

describe("two-step sign-in", () => {
  it("gives no session for the password alone, takes a code once, and a recovery code once", async () => {
    await awayFromStepEnd();
    const user = await newUser("careful");
    const { secret, recoveryCodes } = await enableTotp(user.cookie);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpSecretEncrypted).not.toContain(secret);
    expect(JSON.stringify(await db().recoveryCode.findMany())).not.toContain(recoveryCodes[0]);

    const first = await signIn(platform.app, user.email);
    expect(first.status).toBe(202);
    expect(first.headers["set-cookie"]).toBeUndefined();
    const challenge = first.json.challenge as string;
    const code = appCode(secret);
    const done = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", { challenge, code });
    expect(done.status).toBe(200);
    expect((await client(platform.app, { cookie: cookieOf(done) })("GET", "/api/v1/me")).json.twoFactorEnabled).toBe(
      true,
    );

    // The same code again, in a new sign-in: refused.
    const second = await signIn(platform.app, user.email);
    const replay = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", {
      challenge: second.json.challenge,
      code,
    });
    expect(replay.status).toBe(401);
    expect(replay.json.reason).toBe("wrong_code");
    expect(replay.headers["set-cookie"]).toBeUndefined();

    const recovery = recoveryCodes[3] as string;
    const withRecovery = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", {
      challenge: second.json.challenge,
      recoveryCode: recovery.toUpperCase(),
    });
    expect(withRecovery.status).toBe(200);
    expect(cookieOf(withRecovery)).toMatch(/^xh_session=/);
    const third = await signIn(platform.app, user.email);
    const reused = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", {
      challenge: third.json.challenge,
      recoveryCode: recovery,
    });
    expect(reused.status).toBe(401);
    const actions = (await db().auditEvent.findMany({ where: { resourceId: user.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.two_factor_enabled", "user.recovery_code_used"]));

    // New recovery codes replace the old ones (with the next code of the app).
    const cookie = cookieOf(withRecovery);
    const regen = await client(platform.app, { cookie })("POST", "/api/v1/me/two-factor/recovery-codes", {
      code: appCode(secret, 1),
    });
    expect(regen.status).toBe(200);
    const fourth = await signIn(platform.app, user.email);
    const oldCode = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", {
      challenge: fourth.json.challenge,
      recoveryCode: recoveryCodes[5],
    });
    expect(oldCode.status).toBe(401);

    // Turning it off needs the password and a code.
    const call = client(platform.app, { cookie });
    const noPassword = await call("POST", "/api/v1/me/two-factor/disable", {
      password: "wrong one!",
      code: regen.json.recoveryCodes[0],
    });
    expect(noPassword.status).toBe(400);
    expect(noPassword.json.errors[0].field).toBe("password");
    const off = await call("POST", "/api/v1/me/two-factor/disable", {
      password: PASSWORD,
      code: regen.json.recoveryCodes[0],
    });
    expect(off.status).toBe(204);
    expect((await signIn(platform.app, user.email)).status).toBe(200);
  });

  it("ends a challenge after a few wrong codes", async () => {
    await awayFromStepEnd();
    const user = await newUser("guessing");
    const { secret } = await enableTotp(user.cookie);
    const start = await signIn(platform.app, user.email);
    const challenge = start.json.challenge as string;
    const good = appCode(secret);
    const wrong = good === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const res = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", { challenge, code: wrong });
      expect(res.status).toBe(401);
    }
    const late = await client(platform.app)("POST", "/api/v1/auth/login/second-factor", { challenge, code: good });
    expect(late.status).toBe(401);
    expect(late.json.reason).toBe("challenge_invalid");
  });
});

describe("a tenant that requires two-step sign-in", () => {
  it("turns away its admins without it with two_factor_required, but not its viewers", async () => {
    await awayFromStepEnd();
    const owner = await newUser("strict");
    const admin = await newUser("strict-admin");
    const viewer = await newUser("strict-viewer");
    await db().membership.createMany({
      data: [
        { tenantId: owner.tenantId, userId: admin.id, role: "admin" },
        { tenantId: owner.tenantId, userId: viewer.id, role: "viewer" },
      ],
    });
    const asOwner = client(platform.app, { cookie: owner.cookie });
    // An owner must use it before requiring it.
    const tooSoon = await asOwner("PUT", `/api/v1/tenants/${owner.tenantId}/two-factor`, { requireTwoFactor: true });
    expect(tooSoon.status).toBe(412);
    await enableTotp(owner.cookie);
    const notOwner = await client(platform.app, { cookie: admin.cookie })(
      "PUT",
      `/api/v1/tenants/${owner.tenantId}/two-factor`,
      {
        requireTwoFactor: true,
      },
    );
    expect(notOwner.status).toBe(403);
    const on = await asOwner("PUT", `/api/v1/tenants/${owner.tenantId}/two-factor`, { requireTwoFactor: true });
    expect(on.status).toBe(200);
    expect(on.json.requireTwoFactor).toBe(true);

    const asAdmin = await client(platform.app, { cookie: admin.cookie })("GET", `/api/v1/tenants/${owner.tenantId}`);
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.json.code).toBe("two_factor_required");
    const asViewer = await client(platform.app, { cookie: viewer.cookie })("GET", `/api/v1/tenants/${owner.tenantId}`);
    expect(asViewer.status).toBe(200);
    expect((await asOwner("GET", `/api/v1/tenants/${owner.tenantId}`)).status).toBe(200);
    const me = await client(platform.app, { cookie: admin.cookie })("GET", "/api/v1/me");
    expect(me.json.tenants.find((t: { id: string }) => t.id === owner.tenantId).requireTwoFactor).toBe(true);

    // Once the admin enrols, the tenant is theirs to use again.
    await enableTotp(admin.cookie);
    expect(
      (await client(platform.app, { cookie: admin.cookie })("GET", `/api/v1/tenants/${owner.tenantId}`)).status,
    ).toBe(200);
    const audited = await db().auditEvent.findFirst({
      where: { tenantId: owner.tenantId, action: "tenant.two_factor_required" },
    });
    expect(audited?.actorUserId).toBe(owner.id);
  });
});

describe("an operator restoring access", () => {
  it("turns off the owner's two-step sign-in, emails them a link saying who did it, and audits it", async () => {
    await awayFromStepEnd();
    const owner = await newUser("lockedout");
    await enableTotp(owner.cookie);
    const op = await newUser("support");
    await db().user.update({ where: { id: op.id }, data: { isOperator: true } });
    const opCookie = op.cookie;

    // Not for anyone else, nor for API tokens.
    const stranger = await newUser("stranger");
    const refused = await client(platform.app, { cookie: stranger.cookie })(
      "POST",
      `/api/v1/users/${owner.id}/restore-access`,
    );
    expect([403, 404]).toContain(refused.status);
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).totpEnabledAt).not.toBeNull();

    const before = smtp.received.length;
    const res = await client(platform.app, { cookie: opCookie })("POST", `/api/v1/users/${owner.id}/restore-access`);
    expect(res.status).toBe(202);
    const stored = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(stored.totpEnabledAt).toBeNull();
    expect(stored.totpSecretEncrypted).toBeNull();
    expect(await db().recoveryCode.count({ where: { userId: owner.id } })).toBe(0);
    const link = await db().userPasswordReset.findFirstOrThrow({ where: { userId: owner.id } });
    expect(link.createdById).toBe(op.id);

    const mail = await mailTo(owner.email, before);
    expect(mail.text).toContain("support <support@test.example>");
    const token = linkIn(mail.text);
    expect((await signIn(platform.app, owner.email)).status).toBe(200);
    const set = await client(platform.app)("POST", `/api/v1/auth/password-reset/${token}`, {
      password: "back in business 2026",
    });
    expect(set.status).toBe(204);

    const audited = await db().auditEvent.findMany({
      where: { action: "user.password_reset_by_operator", resourceId: owner.id },
    });
    expect(audited.map((e) => e.tenantId)).toEqual(expect.arrayContaining([null, owner.tenantId]));
    expect(audited.every((e) => e.actorUserId === op.id)).toBe(true);
  });
});
