// Members' invites from their chat app, limited per person (memberInvitesPerWeek), on a real Prosody driven by an
// independent client (slixmpp, XEP-0050's "new invite" command). By default a member's invite only adds a contact;
// at 2 a week, two invites that register come out, the third is refused, one of them makes a new account that logs
// in, the count outlives a restart, the domain's admins are not counted, and back at 0 it is as before; all live.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AdminSocketClient } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, serverWithDomains, signupWithToken } from "./helpers/api.ts";
import { XmppSession } from "./helpers/muc-session.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "invites-quota.example";
const alice = [`alice@${DOMAIN}`, "amber-orchard-lamp"] as const;
const olga = [`olga@${DOMAIN}`, "opal-harbour-mint"] as const;
const NEWCOMER_PASSWORD = "nutmeg-river-stone";

let platform: Platform;
let call: Call;
let instanceId: string;
let domainId: string;
let caFile: string;
let c2s: string;
let shell: AdminSocketClient;

const hostSection = async () => {
  const config = await readFile(path.join(platform.dataRoot, "instances", instanceId, "hosts.cfg.lua"), "utf8");
  return config.slice(config.indexOf(`VirtualHost "${DOMAIN}"`), config.indexOf("Component"));
};

/** A member runs their app's "Invite someone" (XEP-0401's ad-hoc command) and gets the invite or the refusal. */
async function invite(who: readonly [string, string]) {
  const res = await xmppClient(["invite", "127.0.0.1", c2s, caFile, ...who]);
  return res.out as {
    result: string;
    values?: { uri: string; expire: string };
    condition?: string;
    type?: string;
    text?: string;
    note?: string;
    commands?: string[];
  };
}

const tokenOf = (uri: string) => /[?;]preauth=([^;&]+)/.exec(uri)?.[1] ?? "";

const register = (username: string, token: string) =>
  xmppClient(["register", "127.0.0.1", c2s, caFile, `${username}@${DOMAIN}`, NEWCOMER_PASSWORD, token]);

/**
 * Changes the limit while alice is connected: the host takes it in place (its modules reloaded, no re-activation),
 * so her session stays, on the same server process.
 */
async function setLimit(value: number | null) {
  const pid = platform.prosodyPid(instanceId);
  const session = await XmppSession.open({
    host: "127.0.0.1",
    port: Number(c2s),
    caFile,
    jid: alice[0],
    password: alice[1],
  });
  const instance = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  const online = async () => (await platform.workerCtx.driverFor(instance).onlineSessions(DOMAIN)).map((x) => x.jid);
  try {
    const before = await online();
    expect(before.some((j) => j.startsWith(`${alice[0]}/`))).toBe(true);
    const res = await call("PATCH", `/api/v1/domains/${domainId}/settings?wait=30`, { memberInvitesPerWeek: value });
    expect(res.status, res.text).toBe(200);
    expect(res.json.operation?.status, res.text).toBe("succeeded");
    expect(await online()).toEqual(before);
    expect(platform.prosodyPid(instanceId)).toBe(pid);
    return res.json;
  } finally {
    await session.quit();
  }
}

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000" } });
  const owner = await signupWithToken(platform.app, "invitequota");
  call = owner.call;
  ({
    instanceId,
    domainIds: [domainId = ""],
  } = await serverWithDomains(call, owner.tenantId, "invites", [{ name: DOMAIN, registration: "invite" }]));
  for (const [jid, password] of [alice, olga]) {
    const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: jid.split("@")[0],
      password,
    });
    expect(res.json.operation?.status, res.text).toBe("succeeded");
  }
  const row = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  c2s = String(row.c2sPort);
  caFile = (await internalCa(platform)).file;
  shell = new AdminSocketClient({
    socketPath: path.join(platform.dataRoot, "instances", instanceId, "admin.sock"),
    timeoutMs: 10_000,
  });
}, 120_000);

afterAll(async () => {
  await shell?.close();
  await platform?.close();
});

describe("members' invites from their chat app", () => {
  it("by default only add a contact: the link a member makes registers nobody", async () => {
    const settings = await call("GET", `/api/v1/domains/${domainId}/settings`);
    expect(settings.json.settings.memberInvitesPerWeek).toBe(0);
    expect(await hostSection()).not.toContain("allow_user_invites");

    const made = await invite(alice);
    expect(made, JSON.stringify(made)).toMatchObject({ result: "ok" });
    // The app is offered the contact invite only, not the admins' "new account" one.
    expect(made.commands).toContain("urn:xmpp:invite#invite");
    expect(made.commands).not.toContain("urn:xmpp:invite#create-account");
    const uri = made.values?.uri ?? "";
    expect(uri).toMatch(new RegExp(`^xmpp:alice@${DOMAIN.replace(/\./g, "\\.")}\\?roster;preauth=`));
    expect(uri).not.toContain("ibr=y");

    const refused = await register("nobody", tokenOf(uri));
    expect(refused.out, JSON.stringify(refused.out)).toMatchObject({ result: "refused", condition: "forbidden" });
    expect(await platform.serverAccounts(instanceId, DOMAIN)).not.toContain("nobody");
  });

  it("take a limit of 2 a week live, without restarting the server or closing sessions", async () => {
    const json = await setLimit(2);
    expect(json.settings.memberInvitesPerWeek).toBe(2);
    expect(json.changed).toContain("memberInvitesPerWeek");
    const vhost = await hostSection();
    expect(vhost).toContain("allow_user_invites = true");
    expect(vhost).toContain("member_invites_per_week = 2");
    expect(vhost).toMatch(/modules_enabled = \{[^}]*"member_invites";/);
  });

  it("let a member make 2 invites that register someone, refuse the 3rd, and one of them makes an account", async () => {
    const first = await invite(alice);
    const second = await invite(alice);
    for (const made of [first, second]) {
      expect(made, JSON.stringify(made)).toMatchObject({ result: "ok" });
      expect(made.values?.uri).toMatch(/^xmpp:alice@.*\?roster;preauth=[^;]+;ibr=y$/);
    }
    expect(tokenOf(first.values?.uri ?? "")).not.toBe(tokenOf(second.values?.uri ?? ""));

    const third = await invite(alice);
    expect(third, JSON.stringify(third)).toMatchObject({
      result: "refused",
      condition: "policy-violation",
      type: "wait",
    });
    expect(third.text).toContain(`You have created 2 invites in the last 7 days, the most allowed on ${DOMAIN}`);
    expect(third.note).toBe(third.text);

    const registered = await register("nora", tokenOf(first.values?.uri ?? ""));
    expect(registered.out, JSON.stringify(registered.out)).toEqual({ result: "ok" });
    const login = await xmppClient(["login", `nora@${DOMAIN}`, NEWCOMER_PASSWORD, "127.0.0.1", c2s, caFile]);
    expect(login.out).toEqual({ result: "ok" });
    // The token was for one account: it cannot make a second one.
    const again = await register("nora2", tokenOf(first.values?.uri ?? ""));
    expect(again.out).toMatchObject({ result: "refused", condition: "forbidden" });
  });

  it("keep counting across a restart of the server", async () => {
    const pid = platform.prosodyPid(instanceId);
    const res = await call("POST", `/api/v1/instances/${instanceId}/actions/restart?wait=60`);
    expect(res.json.operation?.status, res.text).toBe("succeeded");
    expect(platform.prosodyPid(instanceId)).not.toBe(pid);
    expect(await invite(alice)).toMatchObject({ result: "refused", condition: "policy-violation" });
  });

  it("do not limit the domain's admins", async () => {
    const made = await shell.exec(
      `> require"core.usermanager".set_roles(${JSON.stringify(olga[0])}, ${JSON.stringify(DOMAIN)}, { ["prosody:admin"] = true })`,
    );
    expect(made.ok, JSON.stringify(made)).toBe(true);
    for (let i = 0; i < 3; i++) {
      const out = await invite(olga);
      expect(out, JSON.stringify(out)).toMatchObject({ result: "ok" });
      expect(out.values?.uri).toContain("ibr=y");
    }
    // Olga's invites counted for nobody: alice is still the one refused.
    expect(await invite(alice)).toMatchObject({ result: "refused", condition: "policy-violation" });
  });

  it("refuse a bad limit, naming the field, and keep the one set", async () => {
    for (const bad of [51, -1, 1.5, "three"]) {
      const res = await call("PATCH", `/api/v1/domains/${domainId}/settings`, { memberInvitesPerWeek: bad });
      expect(res.status, `${bad}: ${res.text}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors?.[0]?.field, res.text).toBe("memberInvitesPerWeek");
    }
    const over = await call("PATCH", `/api/v1/domains/${domainId}/settings`, { memberInvitesPerWeek: 51 });
    expect(over.json.errors[0]).toMatchObject({ code: "out_of_range", params: { min: 0, max: 50 } });
    expect((await call("GET", `/api/v1/domains/${domainId}/settings`)).json.settings.memberInvitesPerWeek).toBe(2);
  });

  it("back at the default, members' invites add contacts only again, live", async () => {
    const json = await setLimit(null);
    expect(json.settings.memberInvitesPerWeek).toBe(0);
    const vhost = await hostSection();
    expect(vhost).not.toContain("allow_user_invites");
    expect(vhost).not.toContain("member_invites");
    const made = await invite(alice);
    expect(made, JSON.stringify(made)).toMatchObject({ result: "ok" });
    expect(made.values?.uri).not.toContain("ibr=y");
  });
});
