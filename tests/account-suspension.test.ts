// A suspended account is signed out at once and cannot log in; it keeps its password, contacts and history, and
// logs in again once restored. Proved with the independent client on each kind of server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sync } from "../apps/worker/src/processors/maintenance.ts";
import { type Call, expectNotFoundOnEach, signupWithToken } from "./helpers/api.ts";
import { XmppSession } from "./helpers/muc-session.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;
let caFile: string;

beforeAll(async () => {
  platform = await startPlatform();
  caFile = (await internalCa(platform)).file;
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

interface Setup {
  call: Call;
  tenantId: string;
  host: string;
  port: number;
  domain: string;
  domainId: string;
  instanceId: string;
}

async function serverWithDomain(who: string, server: "prosody" | "ejabberd", domain: string): Promise<Setup> {
  const { call, tenantId } = await signupWithToken(platform.app, who);
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "home", server });
  expect(inst.json.operation?.status, inst.text).toBe("succeeded");
  const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=60`, { name: domain });
  expect(dom.json.operation?.status, dom.text).toBe("succeeded");
  const { host, c2sPort } = inst.json.instance.endpoints;
  return {
    call,
    tenantId,
    host,
    port: c2sPort,
    domain,
    domainId: dom.json.domain.id,
    instanceId: inst.json.instance.id,
  };
}

async function account(s: Setup, localpart: string, password: string): Promise<string> {
  const res = await s.call("POST", `/api/v1/domains/${s.domainId}/accounts?wait=30`, { localpart, password });
  expect(res.json.operation?.status, res.text).toBe("succeeded");
  return res.json.account.id;
}

const login = (s: Setup, jid: string, pw: string) => xmppClient(["login", jid, pw, s.host, String(s.port), caFile]);

/** The suspended accounts the server itself holds, asked through the platform's driver. */
async function suspendedOnServer(s: Setup): Promise<string[]> {
  const instance = await platform.workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: s.instanceId } });
  return platform.workerCtx.driverFor(instance).suspendedAccounts(s.domain);
}

describe.each([
  ["prosody", "suspend-p.example"],
  ["ejabberd", "suspend-e.example"],
] as const)("account suspension on %s", (server, domain) => {
  let s: Setup;
  const anna = `anna@${domain}`;
  const ben = `ben@${domain}`;
  const annaPw = "quiet meadow lantern";
  const benPw = "copper river kettle";
  let annaId: string;
  let benId: string;

  beforeAll(async () => {
    s = await serverWithDomain(`susp-${server}`, server, domain);
    annaId = await account(s, "anna", annaPw);
    benId = await account(s, "ben", benPw);
    // Contacts of each other, with a few messages in the history, made by the clients themselves.
    const made = await xmppClient(["converse", s.host, String(s.port), caFile, anna, annaPw, ben, benPw, "3"]);
    expect(made, JSON.stringify(made)).toEqual({ code: 0, out: { result: "ok", delivered: 3 } });
  }, 120_000);

  it("signs the person out at once, refuses their logins, and keeps the account's data", async () => {
    const live = await XmppSession.open({ host: s.host, port: s.port, caFile, jid: anna, password: annaPw });
    try {
      const started = Date.now();
      const res = await s.call("POST", `/api/v1/accounts/${annaId}/suspend?wait=30`, { reason: "Lost phone" });
      expect(res.status, res.text).toBe(200);
      expect(res.json.operation).toMatchObject({ type: "account.suspend", status: "succeeded" });
      expect(res.json.operation.result).toMatchObject({ suspended: true, sessionsClosed: 1 });
      // The open session is ended by the server, which says why.
      const error = await live.next((e) => e.event === "stream-error", 10_000);
      expect(error.condition).toBe("not-authorized");
      await live.next((e) => e.event === "disconnected", 10_000);
      console.log(`[${server}] suspension to disconnect: ${Date.now() - started} ms`);
    } finally {
      await live.quit();
    }

    const refused = await login(s, anna, annaPw);
    expect(refused, JSON.stringify(refused)).toEqual({ code: 2, out: { result: "auth" } });
    expect(await suspendedOnServer(s)).toEqual(["anna"]);

    const shown = await s.call("GET", `/api/v1/accounts/${annaId}`);
    expect(shown.json).toMatchObject({ jid: anna, state: "active", suspendedReason: "Lost phone" });
    expect(Date.parse(shown.json.suspendedAt)).toBeGreaterThan(Date.now() - 120_000);
    const listed = await s.call("GET", `/api/v1/domains/${s.domainId}/accounts`);
    const rows = listed.json.items as { jid: string; suspendedAt: string | null }[];
    expect(rows.find((a) => a.jid === anna)?.suspendedAt).toBe(shown.json.suspendedAt);
    expect(rows.find((a) => a.jid === ben)?.suspendedAt).toBeNull();

    const audit = await platform.app.core.db.auditEvent.findFirst({
      where: { resourceId: annaId, action: "account.suspended" },
    });
    expect(audit?.data).toEqual({ jid: anna, reason: "Lost phone" });

    // Ben is not touched.
    expect((await login(s, ben, benPw)).code).toBe(0);
  }, 90_000);

  it("is put back by sync where the server lost it, and lifted where the server kept one the platform has not", async () => {
    const instance = await platform.workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: s.instanceId } });
    const driver = platform.workerCtx.driverFor(instance);
    // As if the server's data came back from a copy older than the suspension, and newer for Ben.
    expect(await driver.restoreAccount(anna)).toBe("restored");
    await driver.suspendAccount(ben);
    expect(await suspendedOnServer(s)).toEqual(["ben"]);
    await sync(platform.workerCtx, s.instanceId);
    expect(await suspendedOnServer(s)).toEqual(["anna"]);
    expect((await login(s, anna, annaPw)).code).toBe(2);
    expect((await login(s, ben, benPw)).code).toBe(0);
  }, 60_000);

  it("lets the account back in with its old password, its contact and its history", async () => {
    const again = await s.call("POST", `/api/v1/accounts/${annaId}/suspend?wait=30`, {});
    expect(again.json.operation?.status, again.text).toBe("succeeded");
    // A repeat finds nobody left to sign out.
    expect(again.json.operation.result).toMatchObject({ suspended: true, sessionsClosed: 0 });

    const res = await s.call("POST", `/api/v1/accounts/${annaId}/restore?wait=30`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.operation).toMatchObject({ type: "account.restore", status: "succeeded" });
    expect(res.json.operation.result).toMatchObject({ suspended: false, outcome: "restored" });
    expect(await suspendedOnServer(s)).toEqual([]);
    const shown = await s.call("GET", `/api/v1/accounts/${annaId}`);
    expect(shown.json).toMatchObject({ suspendedAt: null, suspendedReason: null });

    const back = await xmppClient([
      "inspect",
      s.host,
      String(s.port),
      caFile,
      anna,
      annaPw,
      `nowhere@groups.${domain}`,
      ben,
    ]);
    expect(back.code, JSON.stringify(back)).toBe(0);
    expect(back.out).toMatchObject({ result: "ok", contacts: [ben], archived: 3 });
    const audit = await platform.app.core.db.auditEvent.count({
      where: { resourceId: annaId, action: "account.unsuspended" },
    });
    expect(audit).toBe(1);
  }, 90_000);

  it("deletes a suspended account, whose name then starts free", async () => {
    const suspended = await s.call("POST", `/api/v1/accounts/${benId}/suspend?wait=30`, {});
    expect(suspended.json.operation?.status, suspended.text).toBe("succeeded");
    const del = await s.call("DELETE", `/api/v1/accounts/${benId}?wait=30`);
    expect(del.json.operation?.status, del.text).toBe("succeeded");
    expect(await suspendedOnServer(s)).toEqual([]);
    expect((await login(s, ben, benPw)).code).toBe(2);
    benId = await account(s, "ben", benPw);
    expect((await login(s, ben, benPw)).code).toBe(0);
  }, 90_000);
});

describe("suspension requests", () => {
  let s: Setup;
  let accountId: string;

  beforeAll(async () => {
    s = await serverWithDomain("susp-edge", "prosody", "suspend-edge.example");
    accountId = await account(s, "cleo", "amber window ladder");
  }, 120_000);

  it("are refused for another tenant's account as if it did not exist", async () => {
    const other = await signupWithToken(platform.app, "susp-stranger");
    await expectNotFoundOnEach(other.call, [
      ["POST", `/api/v1/accounts/${accountId}/suspend`, { reason: "x" }],
      ["POST", `/api/v1/accounts/${accountId}/restore`],
    ]);
    const row = await platform.app.core.db.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(row.suspendedAt).toBeNull();
  });

  it("name the reason when it is too long, and change nothing", async () => {
    const res = await s.call("POST", `/api/v1/accounts/${accountId}/suspend`, { reason: "x".repeat(501) });
    expect(res.status, res.text).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json.errors?.[0]).toMatchObject({ field: "reason" });
    const row = await platform.app.core.db.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(row.suspendedAt).toBeNull();
  });

  it("are a conflict while the account is being deleted", async () => {
    const db = platform.app.core.db;
    await db.account.update({ where: { id: accountId }, data: { state: "deleting" } });
    try {
      for (const action of ["suspend", "restore"]) {
        const res = await s.call("POST", `/api/v1/accounts/${accountId}/${action}`, {});
        expect(res.status, res.text).toBe(409);
        expect(res.json.reason).toBe("account_deleting");
      }
      expect((await db.account.findUniqueOrThrow({ where: { id: accountId } })).suspendedAt).toBeNull();
    } finally {
      await db.account.update({ where: { id: accountId }, data: { state: "active" } });
    }
  });
});
