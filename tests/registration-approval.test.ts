import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Instance } from "@xmpp-host/db";
import type { XmppServerDriver } from "@xmpp-host/xmpp";
import { xmppRegister } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactTokens } from "../apps/api/src/app.ts";
import { type Call, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { startSmtpSink, startWebhookReceiver } from "./helpers/sinks.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;
let call: Call;
let other: Call;
let tenantId: string;
let instanceId: string;
let instanceRow: Instance;
let approvalId: string;
let openId: string;
let inviteId: string;
let caFile: string;
let caPem: string;
let c2sPort: number;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const APPROVAL = "approve.example";
const OPEN = "walkin.example";
const INVITE = "invited.example";
const PASSWORD = "amber-orchard-lamp";

/** An anonymous caller from a given client address (the tests' API trusts X-Forwarded-For, as behind a proxy). */
function anon(ip: string) {
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
const login = (jid: string, password = PASSWORD) =>
  xmppClient(["login", jid, password, "127.0.0.1", String(c2sPort), caFile]);
const db = () => platform.app.core.db;

async function newDomain(name: string, registration: string): Promise<string> {
  const res = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=30`, { name, registration });
  expect(res.status, res.text).toBe(201);
  return res.json.domain.id as string;
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  platform = await startPlatform({ workerEnv: { SMTP_URL: smtp.url } });
  hooks = await startWebhookReceiver();
  ({ call, tenantId } = await signupWithToken(platform.app, "owner"));
  ({ call: other } = await signupWithToken(platform.app, "stranger"));
  const channel = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
    kind: "webhook",
    name: "Admins",
    target: hooks.url,
  });
  expect(channel.status, channel.text).toBe(201);
  const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "Sign-ups" });
  expect(created.status, created.text).toBe(201);
  instanceId = created.json.instance.id;
  c2sPort = created.json.instance.endpoints.c2sPort;
  instanceRow = await db().instance.findUniqueOrThrow({ where: { id: instanceId } });
  approvalId = await newDomain(APPROVAL, "approval");
  openId = await newDomain(OPEN, "open");
  inviteId = await newDomain(INVITE, "invite");
  ({ pem: caPem, file: caFile } = await internalCa(platform));
}, 180_000);

afterAll(async () => {
  await hooks?.close();
  await smtp?.close();
  await platform?.close();
});

describe("sign-ups waiting for approval", () => {
  let dana: { token: string; id: string };

  it("records a pending sign-up with the password sealed, and makes nothing on the server", async () => {
    const res = await anon("192.0.2.10")("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "Dana",
      password: PASSWORD,
      email: "dana@mail.example",
    });
    expect(res.status, res.text).toBe(202);
    expect(res.json).toEqual({
      jid: `dana@${APPROVAL}`,
      status: "pending",
      token: expect.any(String),
      statusUrl: `http://localhost:3000/register/status/${res.json.token}`,
    });
    const row = await db().signupRequest.findFirstOrThrow({ where: { localpart: "dana" } });
    dana = { token: res.json.token, id: row.id };
    expect(row).toMatchObject({ status: "pending", ip: "192.0.2.10", email: "dana@mail.example" });
    // Neither the password nor the token is stored as such.
    expect(row.passwordEncrypted).toEqual(expect.any(String));
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(JSON.stringify(row)).not.toContain(dana.token);
    expect(redactTokens(`/api/v1/public/signups/${dana.token}`)).toBe("/api/v1/public/signups/[token]");
    expect(await db().account.count({ where: { domainId: approvalId } })).toBe(0);
    expect(await driver().accountExists(`dana@${APPROVAL}`)).toBe(false);
    expect(await login(`dana@${APPROVAL}`)).toEqual({ code: 2, out: { result: "auth" } });

    const status = await anon("192.0.2.11")("GET", `/api/v1/public/signups/${dana.token}`);
    expect(status.status, status.text).toBe(200);
    expect(status.json).toMatchObject({ jid: `dana@${APPROVAL}`, domain: APPROVAL, status: "pending", reason: null });
    expect((await anon("192.0.2.11")("GET", `/api/v1/public/signups/${"x".repeat(32)}`)).status).toBe(404);
  });

  it("tells the tenant's alert channels that sign-ups are waiting, once for a burst", async () => {
    await until("the opened notification", async () =>
      hooks.received.some((h) => h.json.alert?.rule === "signups_waiting"),
    );
    const opened = hooks.received.filter((h) => h.json.alert?.rule === "signups_waiting");
    expect(opened).toHaveLength(1);
    expect(opened[0]?.json).toMatchObject({
      event: "opened",
      alert: { subjectType: "domain", subjectId: approvalId, subjectName: APPROVAL, tenantId },
    });
  });

  it("refuses a second sign-up for the same name, bad input, and sign-ups on other domains", async () => {
    const from = anon("192.0.2.12");
    const again = await from("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "dana",
      password: PASSWORD,
    });
    expect(again.status, again.text).toBe(409);
    expect(again.json.errors[0]).toMatchObject({ field: "username", code: "taken" });
    const badEmail = await from("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "erin",
      password: PASSWORD,
      email: "not-an-address",
    });
    expect(badEmail.status, badEmail.text).toBe(400);
    expect(badEmail.headers["content-type"]).toContain("application/problem+json");
    expect(badEmail.json.errors[0]).toMatchObject({ field: "email", code: "invalid_email" });
    const weak = await from("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "erin",
      password: "1234567",
    });
    expect(weak.status).toBe(422);
    expect(weak.json.errors[0].field).toBe("password");
    const onOpen = await from("POST", `/api/v1/public/domains/${OPEN}/signups`, {
      username: "erin",
      password: PASSWORD,
    });
    expect(onOpen.status).toBe(403);
    expect(onOpen.json.code).toBe("registration_closed");
    // Open registration does not bypass approval.
    const direct = await from("POST", `/api/v1/public/domains/${APPROVAL}/register`, {
      username: "erin",
      password: PASSWORD,
    });
    expect(direct.status).toBe(403);
    expect(direct.json.code).toBe("registration_closed");
    expect(await db().signupRequest.count({ where: { localpart: "erin" } })).toBe(0);
  });

  it("lists pending sign-ups to the tenant's admins only", async () => {
    const list = await call("GET", `/api/v1/domains/${approvalId}/signups?limit=10`);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items).toEqual([
      expect.objectContaining({ id: dana.id, jid: `dana@${APPROVAL}`, status: "pending", email: "dana@mail.example" }),
    ]);
    expect(JSON.stringify(list.json)).not.toContain("passwordEncrypted");
    expect((await other("GET", `/api/v1/domains/${approvalId}/signups`)).status).toBe(404);
    const stranger = await other("POST", `/api/v1/signups/${dana.id}/approve?wait=30`);
    expect(stranger.status).toBe(404);
    expect(stranger.json.code).toBe("not_found");
    expect((await other("POST", `/api/v1/signups/${dana.id}/reject`, { reason: "no" })).status).toBe(404);
    expect((await db().signupRequest.findUniqueOrThrow({ where: { id: dana.id } })).status).toBe("pending");
  });

  it("makes the account when an admin approves, erases the sealed password, and the applicant can log in", async () => {
    const res = await call("POST", `/api/v1/signups/${dana.id}/approve?wait=30`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.operation).toMatchObject({ type: "account.register", status: "succeeded" });
    expect(res.json.signup).toMatchObject({ id: dana.id, status: "approved", accountId: expect.any(String) });
    const row = await db().signupRequest.findUniqueOrThrow({ where: { id: dana.id } });
    expect(row.passwordEncrypted).toBeNull();
    expect(row.decidedAt).not.toBeNull();
    expect(await db().account.findUniqueOrThrow({ where: { id: res.json.signup.accountId } })).toMatchObject({
      localpart: "dana",
      state: "active",
    });
    // The operation's sealed copy is erased once it ran.
    const op = await db().operation.findUniqueOrThrow({ where: { id: res.json.operation.id } });
    expect(op.secretEncrypted).toBeNull();
    expect(await driver().accountExists(`dana@${APPROVAL}`)).toBe(true);
    expect(await login(`dana@${APPROVAL}`)).toEqual({ code: 0, out: { result: "ok" } });
    const status = await anon("192.0.2.11")("GET", `/api/v1/public/signups/${dana.token}`);
    expect(status.json.status).toBe("approved");
    // The applicant left an address: the decision reaches them by email too.
    const mail = await until("the approval email", async () =>
      smtp.received.find((r) => r.raw.toLowerCase().includes(`x-signup-id: ${dana.id}`.toLowerCase())),
    );
    expect(mail.to).toEqual(["dana@mail.example"]);
    expect(mail.subject).toContain("ready");

    const twice = await call("POST", `/api/v1/signups/${dana.id}/approve`);
    expect(twice.status).toBe(409);
    expect(twice.json.reason).toBe("signup_already_approved");
    const rejectAfter = await call("POST", `/api/v1/signups/${dana.id}/reject`, {});
    expect(rejectAfter.status).toBe(409);
    expect(await db().account.count({ where: { domainId: approvalId } })).toBe(1);
  });

  it("resolves the alert once no sign-up waits", async () => {
    await until("the resolved notification", async () =>
      hooks.received.some((h) => h.json.alert?.rule === "signups_waiting" && h.json.event === "resolved"),
    );
  });

  it("rejects a sign-up: nothing ever exists on the server, the password is erased, approving later is a 409", async () => {
    const res = await anon("192.0.2.13")("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "mallory",
      password: PASSWORD,
      email: "mallory@mail.example",
    });
    expect(res.status, res.text).toBe(202);
    const row = await db().signupRequest.findFirstOrThrow({ where: { localpart: "mallory" } });
    const rejected = await call("POST", `/api/v1/signups/${row.id}/reject`, { reason: "We do not know you" });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.json).toMatchObject({ status: "rejected", reason: "We do not know you", accountId: null });
    expect((await db().signupRequest.findUniqueOrThrow({ where: { id: row.id } })).passwordEncrypted).toBeNull();
    const late = await call("POST", `/api/v1/signups/${row.id}/approve?wait=30`);
    expect(late.status).toBe(409);
    expect(late.json.reason).toBe("signup_already_rejected");
    expect(await db().account.count({ where: { localpart: "mallory" } })).toBe(0);
    expect(await driver().accountExists(`mallory@${APPROVAL}`)).toBe(false);
    expect(await login(`mallory@${APPROVAL}`)).toEqual({ code: 2, out: { result: "auth" } });
    const status = await anon("192.0.2.13")("GET", `/api/v1/public/signups/${res.json.token}`);
    expect(status.json).toMatchObject({ status: "rejected", reason: "We do not know you" });
    const mail = await until("the rejection email", async () =>
      smtp.received.find((r) => r.raw.toLowerCase().includes(`x-signup-id: ${row.id}`.toLowerCase())),
    );
    expect(mail.to).toEqual(["mallory@mail.example"]);
    expect(mail.raw).toContain("We do not know you");
    // The name is free again once the sign-up was decided.
    const again = await anon("192.0.2.14")("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "mallory",
      password: PASSWORD,
    });
    expect(again.status, again.text).toBe(202);
  });

  it("audits each step", async () => {
    const actions = (await db().auditEvent.findMany({ where: { tenantId }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["signup.requested", "signup.approved", "signup.rejected"]));
  });
});

describe("registration blocks by address and range", () => {
  const blocks = () => `/api/v1/domains/${openId}/registration-blocks`;

  it("normalises and stores blocks, and refuses bad ranges and duplicates naming the field", async () => {
    const single = await call("POST", `${blocks()}?wait=30`, { cidr: "198.51.100.7", note: "spam wave" });
    expect(single.status, single.text).toBe(201);
    expect(single.json.block).toMatchObject({ cidr: "198.51.100.7/32", note: "spam wave" });
    expect(single.json.operation).toMatchObject({ type: "domain.update", status: "succeeded" });
    const range = await call("POST", `${blocks()}?wait=30`, { cidr: "203.0.113.99/24" });
    expect(range.json.block.cidr).toBe("203.0.113.0/24");
    const v6 = await call("POST", `${blocks()}?wait=30`, { cidr: "2001:DB8:0:0::1/32" });
    expect(v6.json.block.cidr).toBe("2001:db8::/32");
    for (const bad of ["300.1.1.1", "10.0.0.0/33", "example.com"]) {
      const res = await call("POST", blocks(), { cidr: bad });
      expect(res.status, bad).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors[0]).toMatchObject({ field: "cidr", code: "invalid" });
    }
    const dup = await call("POST", blocks(), { cidr: "198.51.100.7/32" });
    expect(dup.status).toBe(409);
    expect(dup.json.errors[0]).toMatchObject({ field: "cidr", code: "taken" });
    const list = await call("GET", blocks());
    expect(list.json.items.map((b: { cidr: string }) => b.cidr).sort()).toEqual([
      "198.51.100.7/32",
      "2001:db8::/32",
      "203.0.113.0/24",
    ]);
    // Another tenant sees none of it.
    expect((await other("GET", blocks())).status).toBe(404);
    expect((await other("POST", blocks(), { cidr: "192.0.2.1" })).status).toBe(404);
    expect((await other("DELETE", `/api/v1/registration-blocks/${single.json.block.id}`)).status).toBe(404);
    const actions = (await db().auditEvent.findMany({ where: { tenantId, action: "registration_block.created" } }))
      .length;
    expect(actions).toBe(3);
  });

  it("refuses registrations from a blocked address or range with 403, and lets others register", async () => {
    for (const ip of ["198.51.100.7", "203.0.113.200", "2001:db8:ffff::1", "::ffff:203.0.113.5"]) {
      const res = await anon(ip)("POST", `/api/v1/public/domains/${OPEN}/register`, {
        username: `blocked${ip.replace(/[^0-9a-f]/g, "")}`.slice(0, 30),
        password: PASSWORD,
      });
      expect(res.status, ip).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.code).toBe("registration_blocked");
    }
    expect(await db().account.count({ where: { domainId: openId } })).toBe(0);
    // A forged X-Forwarded-For from an untrusted peer is not believed (see input-hardening for TRUST_PROXY); here the
    // proxy is trusted, so the forwarded address is the client's.
    const ok = await anon("198.51.100.8")("POST", `/api/v1/public/domains/${OPEN}/register`, {
      username: "neighbour",
      password: PASSWORD,
    });
    expect(ok.status, ok.text).toBe(201);
    expect(await login(`neighbour@${OPEN}`)).toEqual({ code: 0, out: { result: "ok" } });
  });

  it("refuses invite-link and approval sign-ups from blocked addresses too", async () => {
    const block = await call("POST", `/api/v1/domains/${inviteId}/registration-blocks?wait=30`, {
      cidr: "192.0.2.0/28",
    });
    expect(block.status, block.text).toBe(201);
    const invite = await call("POST", `/api/v1/domains/${inviteId}/invites?wait=30`, {});
    expect(invite.status, invite.text).toBe(201);
    const viaInvite = await anon("192.0.2.3")("POST", `/api/v1/public/invites/${invite.json.invite.token}/register`, {
      username: "frank",
      password: PASSWORD,
    });
    expect(viaInvite.status).toBe(403);
    expect(viaInvite.json.code).toBe("registration_blocked");
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.json.invite.id } })).uses).toBe(0);
    const approvalBlock = await call("POST", `/api/v1/domains/${approvalId}/registration-blocks?wait=30`, {
      cidr: "2001:db8:1::/48",
    });
    expect(approvalBlock.status).toBe(201);
    const signup = await anon("2001:db8:1::42")("POST", `/api/v1/public/domains/${APPROVAL}/signups`, {
      username: "grace",
      password: PASSWORD,
    });
    expect(signup.status).toBe(403);
    expect(signup.json.code).toBe("registration_blocked");
    const outside = await anon("192.0.2.200")("POST", `/api/v1/public/invites/${invite.json.invite.token}/register`, {
      username: "frank",
      password: PASSWORD,
    });
    expect(outside.status, outside.text).toBe(201);
  });

  it("renders the blocks into Prosody's in-band registration, which refuses a blocked address until unblocked", async () => {
    const hostsFile = readdirSync(path.join(platform.dataRoot, "instances", instanceId), { recursive: true })
      .map(String)
      .find((f) => f.endsWith("hosts.cfg.lua"));
    expect(hostsFile).toBeDefined();
    const read = () => readFileSync(path.join(platform.dataRoot, "instances", instanceId, hostsFile as string), "utf8");
    const openHost = () =>
      read()
        .slice(read().indexOf(`VirtualHost "${OPEN}"`))
        .split("Component")[0] ?? "";
    expect(openHost()).toContain('registration_blocklist = { "198.51.100.7/32"; "2001:db8::/32"; "203.0.113.0/24"; }');
    expect(openHost()).toContain("registration_throttle_max = 5");

    // The tests' clients connect from loopback: blocking it stops their in-band registration on the server itself.
    const endpoint = { host: "127.0.0.1", port: c2sPort, domain: OPEN, ca: caPem };
    const loopback = await call("POST", `/api/v1/domains/${openId}/registration-blocks?wait=30`, {
      cidr: "127.0.0.0/8",
    });
    expect(loopback.status, loopback.text).toBe(201);
    expect(openHost()).toContain('"127.0.0.0/8"');
    const refused = await xmppRegister({ ...endpoint, username: "inband1", password: PASSWORD });
    expect(refused).toContain("forbidden");
    expect(await driver().accountExists(`inband1@${OPEN}`)).toBe(false);
    const lifted = await call("DELETE", `/api/v1/registration-blocks/${loopback.json.block.id}?wait=30`);
    expect(lifted.status, lifted.text).toBe(200);
    expect(openHost()).not.toContain('"127.0.0.0/8"');
    expect(await xmppRegister({ ...endpoint, username: "inband1", password: PASSWORD })).toBe("registered");
    expect(await db().auditEvent.count({ where: { tenantId, action: "registration_block.deleted" } })).toBe(1);
  });
});
