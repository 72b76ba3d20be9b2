// Password reset links: an admin makes a one-time link for a chat account, the member sets a new password through
// the public API the /reset/TOKEN page uses, and the independent client proves the server took it: the new
// password logs in, the old one no longer does, and the sessions open before are closed.

import { sha256 } from "@xmpp-host/core";
import type { Instance } from "@xmpp-host/db";
import type { XmppServerDriver } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactTokens } from "../apps/api/src/app.ts";
import { type Call, expectNotFoundOnEach, signupWithToken } from "./helpers/api.ts";
import { XmppSession } from "./helpers/muc-session.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "reset.example";
const OLD_PASSWORD = "amber-orchard-lamp";
const NEW_PASSWORD = "violet harbour thimble";
/** The limit of new passwords per IP this platform runs with (RESET_LINK_PER_IP_PER_HOUR). */
const PER_IP = 4;

let platform: Platform;
let call: Call;
let other: Call;
let caFile: string;
let instanceRow: Instance;
let aliceId: string;
let bobId: string;
let ipCounter = 0;

/** A visitor from an address of their own, without signing in, as the reset page calls the API. */
function visitor(ip = `198.51.100.${++ipCounter}`) {
  return async (method: "GET" | "POST", url: string, body?: unknown) => {
    const res = await platform.app.inject({
      method,
      url,
      headers: { "x-forwarded-for": ip, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const json = res.body ? (JSON.parse(res.body) as Record<string, any>) : {};
    return { status: res.statusCode, json, headers: res.headers, text: res.body };
  };
}

const driver = (): XmppServerDriver => platform.workerCtx.driverFor(instanceRow);
const login = (jid: string, password: string) =>
  xmppClient(["login", jid, password, instanceRow.host, String(instanceRow.c2sPort), caFile]);
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

async function newLink(accountId: string, body: Record<string, unknown> = {}) {
  const res = await call("POST", `/api/v1/accounts/${accountId}/reset-links`, body);
  expect(res.status, res.text).toBe(201);
  return res.json as { link: Record<string, any>; url: string; revokedEarlier: number };
}

function expectGone(
  res: { status: number; json: Record<string, any>; headers: Record<string, unknown> },
  code: string,
) {
  expect(res.status, JSON.stringify(res.json)).toBe(410);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.json.code).toBe(code);
}

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { RESET_LINK_PER_IP_PER_HOUR: String(PER_IP) } });
  let tenantId: string;
  ({ call, tenantId } = await signupWithToken(platform.app, "resetter"));
  ({ call: other } = await signupWithToken(platform.app, "stranger"));
  const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "Family server" });
  expect(created.status, created.text).toBe(201);
  instanceRow = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: created.json.instance.id } });
  const domain = await call("POST", `/api/v1/instances/${instanceRow.id}/domains?wait=30`, { name: DOMAIN });
  expect(domain.status, domain.text).toBe(201);
  const domainId = domain.json.domain.id as string;
  ({ file: caFile } = await internalCa(platform));
  for (const localpart of ["alice", "bob"]) {
    const account = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart,
      password: OLD_PASSWORD,
    });
    expect(account.status, account.text).toBe(201);
    if (localpart === "alice") aliceId = account.json.account.id;
    else bobId = account.json.account.id;
  }
  // The host's address and port are known once the server runs.
  instanceRow = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceRow.id } });
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

describe("a member resets their password through a link", () => {
  let link: Record<string, any>;
  let token: string;

  it("gives the admin the link once; only the token's hash is stored, and logs never show it", async () => {
    const created = await newLink(aliceId);
    link = created.link;
    token = tokenOf(created.url);
    expect(created.url).toBe(`http://localhost:3000/reset/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.revokedEarlier).toBe(0);
    expect(link).toMatchObject({ accountId: aliceId, jid: `alice@${DOMAIN}`, status: "active", usedAt: null });
    const hours = (Date.parse(link.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const row = await platform.app.core.db.accountPasswordReset.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Listed without a token.
    const list = await call("GET", `/api/v1/accounts/${aliceId}/reset-links`);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items).toEqual([link]);
    expect(list.text).not.toContain(token);
    expect(redactTokens(`/api/v1/public/reset-links/${token}`)).toBe("/api/v1/public/reset-links/[token]");
    expect(redactTokens(`/api/v1/reset-links/${link.id}`)).toBe(`/api/v1/reset-links/${link.id}`);
  });

  it("shows the public page whose address the link is for", async () => {
    const res = await visitor()("GET", `/api/v1/public/reset-links/${token}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      status: "active",
      jid: `alice@${DOMAIN}`,
      domain: DOMAIN,
      tenantName: "resetter's family",
      expiresAt: link.expiresAt,
      branding: { name: null, accentColor: null, logoUrl: null },
    });
    expect((await visitor()("GET", `/api/v1/public/reset-links/${"x".repeat(43)}`)).status).toBe(404);
  });

  it("refuses a weak password naming the field, and the link still works", async () => {
    for (const password of ["short", "password123", "alice-reset.example"]) {
      const res = await visitor()("POST", `/api/v1/public/reset-links/${token}`, { password });
      expect(res.status, res.text).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual(["password"]);
    }
    const res = await visitor()("POST", `/api/v1/public/reset-links/${token}`, {});
    expect(res.status, res.text).toBe(400);
    expect(res.json.errors[0].field).toBe("password");
    const page = await visitor()("GET", `/api/v1/public/reset-links/${token}`);
    expect(page.json.status).toBe("active");
    expect((await login(`alice@${DOMAIN}`, OLD_PASSWORD)).out).toEqual({ result: "ok" });
  }, 60_000);

  it("sets the new password: it logs in, the old one fails, and the open session is closed", async () => {
    const session = await XmppSession.open({
      host: instanceRow.host,
      port: Number(instanceRow.c2sPort),
      caFile,
      jid: `alice@${DOMAIN}`,
      password: OLD_PASSWORD,
    });
    try {
      const online = async () => (await driver().onlineSessions(DOMAIN)).filter((s) => s.jid.startsWith("alice@"));
      expect(await online()).toHaveLength(1);

      const res = await visitor()("POST", `/api/v1/public/reset-links/${token}`, { password: NEW_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({ jid: `alice@${DOMAIN}`, operationId: expect.any(String) });
      const op = await platform.app.core.db.operation.findUniqueOrThrow({ where: { id: res.json.operationId } });
      expect(op).toMatchObject({ type: "account.password", resourceId: aliceId, status: "succeeded" });
      // The sealed password is erased once the operation ends.
      expect(op.secretEncrypted).toBeNull();

      // The server closed the session that logged in with the old password.
      await until("the old session to be closed", async () => (await online()).length === 0, 10_000);
    } finally {
      session.kill();
    }
    expect(await login(`alice@${DOMAIN}`, NEW_PASSWORD)).toEqual({ code: 0, out: { result: "ok" } });
    expect(await login(`alice@${DOMAIN}`, OLD_PASSWORD)).toEqual({ code: 2, out: { result: "auth" } });

    const page = await visitor()("GET", `/api/v1/public/reset-links/${token}`);
    expect(page.json.status).toBe("used");
    const row = await platform.app.core.db.accountPasswordReset.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.usedAt).not.toBeNull();
  }, 90_000);

  it("answers a second use with 410 reset_link_used and changes nothing", async () => {
    const res = await visitor()("POST", `/api/v1/public/reset-links/${token}`, { password: "another fine sentence" });
    expectGone(res, "reset_link_used");
    expect((await login(`alice@${DOMAIN}`, NEW_PASSWORD)).out).toEqual({ result: "ok" });
  }, 60_000);

  it("lets only one of two simultaneous submissions through", async () => {
    const { url } = await newLink(bobId);
    const t = tokenOf(url);
    const answers = await Promise.all(
      ["first bright meadow", "second quiet river"].map((password) =>
        visitor()("POST", `/api/v1/public/reset-links/${t}`, { password }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    const winner = answers.findIndex((a) => a.status === 200);
    expect(answers[1 - winner]?.json.code).toBe("reset_link_used");
    const password = winner === 0 ? "first bright meadow" : "second quiet river";
    expect((await login(`bob@${DOMAIN}`, password)).out).toEqual({ result: "ok" });
  }, 90_000);
});

describe("links that no longer work", () => {
  it("answers an expired link with 410 reset_link_expired", async () => {
    const { link, url } = await newLink(bobId);
    await platform.app.core.db.accountPasswordReset.update({
      where: { id: link.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const t = tokenOf(url);
    expectGone(
      await visitor()("POST", `/api/v1/public/reset-links/${t}`, { password: NEW_PASSWORD }),
      "reset_link_expired",
    );
    expect((await visitor()("GET", `/api/v1/public/reset-links/${t}`)).json.status).toBe("expired");
    expect((await call("GET", `/api/v1/accounts/${bobId}/reset-links`)).json.items).toEqual([]);
  });

  it("answers a revoked link with 410 reset_link_revoked", async () => {
    const { link, url } = await newLink(bobId);
    const revoked = await call("DELETE", `/api/v1/reset-links/${link.id}`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json).toMatchObject({ id: link.id, status: "revoked", revokedAt: expect.any(String) });
    const t = tokenOf(url);
    expectGone(
      await visitor()("POST", `/api/v1/public/reset-links/${t}`, { password: NEW_PASSWORD }),
      "reset_link_revoked",
    );
    expect((await visitor()("GET", `/api/v1/public/reset-links/${t}`)).json.status).toBe("revoked");
  });

  it("revokes the account's earlier unused links when a new one is made", async () => {
    const first = await newLink(bobId);
    const second = await newLink(bobId);
    expect(second.revokedEarlier).toBe(1);
    expectGone(
      await visitor()("POST", `/api/v1/public/reset-links/${tokenOf(first.url)}`, { password: NEW_PASSWORD }),
      "reset_link_revoked",
    );
    const list = await call("GET", `/api/v1/accounts/${bobId}/reset-links`);
    expect(list.json.items.map((l: { id: string }) => l.id)).toEqual([second.link.id]);
  });
});

describe("admins' side", () => {
  it("validates the expiry and takes one within its limits", async () => {
    for (const expiresIn of [60, 8 * 24 * 3600]) {
      const res = await call("POST", `/api/v1/accounts/${bobId}/reset-links`, { expiresIn });
      expect(res.status, res.text).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors[0].field).toContain("expiresIn");
    }
    const { link } = await newLink(bobId, { expiresIn: 3600 });
    const minutes = (Date.parse(link.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);
  });

  it("is not found across tenants", async () => {
    const { link } = await newLink(bobId);
    await expectNotFoundOnEach(other, [
      ["POST", `/api/v1/accounts/${aliceId}/reset-links`, {}],
      ["GET", `/api/v1/accounts/${aliceId}/reset-links`],
      ["DELETE", `/api/v1/reset-links/${link.id}`],
    ]);
    // The stranger's attempts changed nothing.
    const row = await platform.app.core.db.accountPasswordReset.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.revokedAt).toBeNull();
    expect(await platform.app.core.db.accountPasswordReset.count({ where: { accountId: aliceId } })).toBe(1);
  });

  it("refuses a link for an account being deleted", async () => {
    await platform.app.core.db.account.update({ where: { id: bobId }, data: { state: "deleting" } });
    try {
      const res = await call("POST", `/api/v1/accounts/${bobId}/reset-links`, {});
      expect(res.status, res.text).toBe(409);
      expect(res.json.reason).toBe("account_deleting");
    } finally {
      await platform.app.core.db.account.update({ where: { id: bobId }, data: { state: "active" } });
    }
  });

  it("audits each link made, used and revoked, without its token", async () => {
    const events = await platform.app.core.db.auditEvent.findMany({
      where: { action: { startsWith: "account.reset_link_" } },
      orderBy: { createdAt: "asc" },
    });
    const of = (action: string, accountId: string) =>
      events.filter((e) => e.action === action && e.resourceId === accountId);
    expect(of("account.reset_link_created", aliceId)).toHaveLength(1);
    expect(of("account.reset_link_used", aliceId)).toHaveLength(1);
    expect(of("account.reset_link_created", bobId).length).toBeGreaterThanOrEqual(6);
    expect(of("account.reset_link_used", bobId)).toHaveLength(1);
    expect(of("account.reset_link_revoked", bobId)).toHaveLength(1);
    const used = of("account.reset_link_used", aliceId)[0];
    // Used by the person holding the link, not by a signed-in user.
    expect(used).toMatchObject({ resourceType: "account", actorUserId: null });
    expect(used?.data).toMatchObject({ jid: `alice@${DOMAIN}` });
    const created = of("account.reset_link_created", aliceId)[0];
    expect(created?.actorUserId).toEqual(expect.any(String));
    const rows = await platform.app.core.db.accountPasswordReset.findMany();
    const text = JSON.stringify(events);
    for (const r of rows) expect(text).not.toContain(r.tokenHash);
    expect(text).not.toContain(NEW_PASSWORD);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the limit of new passwords from one address", async () => {
    const from = visitor("203.0.113.9");
    const statuses: number[] = [];
    for (let i = 0; i <= PER_IP; i++) {
      statuses.push((await from("POST", `/api/v1/public/reset-links/${"y".repeat(43)}`, { password: "x" })).status);
    }
    expect(statuses).toEqual([...Array(PER_IP).fill(404), 429]);
    const last = await from("POST", `/api/v1/public/reset-links/${"y".repeat(43)}`, { password: "x" });
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await visitor()("POST", `/api/v1/public/reset-links/${"y".repeat(43)}`, { password: "x" })).status).toBe(
      404,
    );
  });
});
