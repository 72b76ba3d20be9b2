import { runHandler } from "@xmpp-host/core";
import type { Instance } from "@xmpp-host/db";
import type { XmppServerDriver } from "@xmpp-host/xmpp";
import { xmppRegister } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactTokens } from "../apps/api/src/app.ts";
import { sync } from "../apps/worker/src/processors/maintenance.ts";
import { handlerContext } from "../apps/worker/src/runner.ts";
import { type Call, client, cookieOf, expectNotFoundOnEach, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;
let call: Call;
let tenantId: string;
let instance: { id: string; server: "prosody"; endpoints: { host: string; c2sPort: number } };
let domainId: string;
let openDomainId: string;
let caFile: string;
let caPem: string;
let aliceId: string;
let roomId: string;
const DOMAIN = "invite.example";
const OPEN = "open.example";
const ROOM = `club@groups.${DOMAIN}`;

/** An anonymous caller from a given client IP (the API trusts X-Forwarded-For, as behind a proxy). */
function anon(ip: string) {
  return async (method: "GET" | "POST", url: string, body?: unknown) => {
    const res = await platform.app.inject({
      method,
      url,
      headers: {
        "x-forwarded-for": ip,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const json = res.body ? (JSON.parse(res.body) as Record<string, any>) : {};
    return { status: res.statusCode, json, headers: res.headers, text: res.body };
  };
}

let instanceRow: Instance;
const driver = (): XmppServerDriver => platform.workerCtx.driverFor(instanceRow);
const accounts = () => platform.app.core.db.account.count();
const endpoint = () => ({ host: instance.endpoints.host, port: instance.endpoints.c2sPort, domain: DOMAIN, ca: caPem });

async function newInvite(body: Record<string, unknown> = {}) {
  const res = await call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, body);
  expect(res.status, res.text).toBe(201);
  expect(res.json.operation.status).toBe("succeeded");
  return res.json.invite as Record<string, any>;
}

beforeAll(async () => {
  platform = await startPlatform();
  ({ call, tenantId } = await signupWithToken(platform.app, "owner"));
  const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "Club server" });
  expect(created.status, created.text).toBe(201);
  instance = created.json.instance;
  instanceRow = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instance.id } });
  const domain = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, {
    name: DOMAIN,
    registration: "invite",
  });
  expect(domain.status, domain.text).toBe(201);
  domainId = domain.json.domain.id;
  const open = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, {
    name: OPEN,
    registration: "open",
  });
  expect(open.status, open.text).toBe(201);
  openDomainId = open.json.domain.id;
  ({ pem: caPem, file: caFile } = await internalCa(platform));

  const alice = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "alice",
    password: "amber-orchard-lamp",
  });
  expect(alice.status, alice.text).toBe(201);
  aliceId = alice.json.account.id;
  const bob = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "bob",
    password: "amber-orchard-lamp",
  });
  expect(bob.status, bob.text).toBe(201);
  const room = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
    name: "club",
    title: "The Club",
    membersOnly: true,
    members: [`bob@${DOMAIN}`],
  });
  expect(room.status, room.text).toBe(201);
  roomId = room.json.room.id;
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

describe("an invite with a room and an inviter, through the web and in-band", () => {
  let invite: Record<string, any>;

  it("creates the invite and puts the same token into Prosody's invite store", async () => {
    invite = await newInvite({ maxUses: 3, rooms: [roomId], inviterAccountId: aliceId });
    const token = invite.token as string;
    expect(invite).toMatchObject({
      domainId,
      domain: DOMAIN,
      url: `http://localhost:3000/join/${token}`,
      uri: `xmpp:alice@${DOMAIN}?roster;preauth=${token};ibr=y`,
      maxUses: 3,
      uses: 0,
      rooms: [{ id: roomId, name: "club", title: "The Club", jid: ROOM }],
      inviter: `alice@${DOMAIN}`,
      revokedAt: null,
      status: "active",
    });
    expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(await driver().getInvite(DOMAIN, token)).toMatchObject({
      token,
      type: "roster",
      jid: `alice@${DOMAIN}`,
      uri: invite.uri,
    });
    // Request logs show the path without the token.
    expect(redactTokens(`/api/v1/public/invites/${token}/register?x=1`)).toBe(
      "/api/v1/public/invites/[token]/register?x=1",
    );
    expect(redactTokens(`/api/v1/member-invites/${token}/accept`)).toBe("/api/v1/member-invites/[token]/accept");
    expect(redactTokens(`/api/v1/invites/${invite.id}`)).toBe(`/api/v1/invites/${invite.id}`);
    // Only a hash and a sealed copy are stored.
    const row = await platform.app.core.db.invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("shows the invite on its public landing page without signing in", async () => {
    const res = await anon("192.0.2.1")("GET", `/api/v1/public/invites/${invite.token}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      status: "active",
      domain: DOMAIN,
      tenantName: "owner's family",
      rooms: [{ name: "club", title: "The Club", jid: ROOM }],
      inviter: `alice@${DOMAIN}`,
      expiresAt: invite.expiresAt,
      url: invite.url,
      uri: invite.uri,
      maxUses: 3,
      uses: 0,
      // Nothing chosen yet: the page shows the domain as it is.
      branding: { name: null, accentColor: null, logoUrl: null },
    });
    const unknown = await anon("192.0.2.1")("GET", "/api/v1/public/invites/not-a-known-token-at-all");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
  });

  it("registers through the link: the new account has the room bookmarked, is a member, and has the inviter as contact", async () => {
    const res = await anon("192.0.2.1")("POST", `/api/v1/public/invites/${invite.token}/register`, {
      username: "Carol",
      password: "amber-orchard-lamp",
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({ jid: `carol@${DOMAIN}`, rooms: [ROOM], operationId: expect.any(String) });

    const seen = await xmppClient([
      "welcome",
      instance.endpoints.host,
      String(instance.endpoints.c2sPort),
      caFile,
      `carol@${DOMAIN}`,
      "amber-orchard-lamp",
    ]);
    expect(seen, JSON.stringify(seen)).toEqual({
      code: 0,
      out: {
        result: "ok",
        bookmarks: [{ jid: ROOM, name: "The Club", autojoin: true, nick: "carol" }],
        joined: { [ROOM]: "member" },
        roster: { [`alice@${DOMAIN}`]: "both" },
      },
    });
    expect(await driver().roster(`alice@${DOMAIN}`)).toEqual({ [`carol@${DOMAIN}`]: "both" });
    // Existing members are kept, in Prosody and in the platform's view.
    expect((await driver().getRoom(ROOM))?.members).toEqual([`bob@${DOMAIN}`, `carol@${DOMAIN}`]);
    expect((await call("GET", `/api/v1/rooms/${roomId}`)).json.members).toEqual([`bob@${DOMAIN}`, `carol@${DOMAIN}`]);
    const listed = await call("GET", `/api/v1/domains/${domainId}/invites`);
    expect(listed.json.items.find((i: { id: string }) => i.id === invite.id)).toMatchObject({
      uses: 1,
      status: "active",
    });
    const account = await platform.app.core.db.account.findFirstOrThrow({ where: { localpart: "carol" } });
    expect(account.state).toBe("active");
  });

  it("refuses taken, reserved and malformed usernames and short passwords, creating nothing and using nothing", async () => {
    const before = await accounts();
    const post = (body: unknown) => anon("192.0.2.2")("POST", `/api/v1/public/invites/${invite.token}/register`, body);
    const cases: [unknown, number, string][] = [
      [{ username: "alice", password: "long-enough" }, 409, "username"],
      [{ username: "Admin", password: "long-enough" }, 422, "username"],
      [{ username: "postmaster", password: "long-enough" }, 422, "username"],
      [{ username: "a b", password: "long-enough" }, 422, "username"],
      [{ username: "", password: "long-enough" }, 422, "username"],
      [{ username: "frank", password: "short" }, 422, "password"],
      [{ username: "frank" }, 400, "password"],
    ];
    for (const [body, status, field] of cases) {
      const res = await post(body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await accounts()).toBe(before);
    expect((await platform.app.core.db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
  });
  it("accepts the same token in-band (XEP-0401), with the same rooms, contact and limit, counted at sync", async () => {
    expect(
      await xmppRegister({ ...endpoint(), username: "dave", password: "amber-orchard-lamp", token: invite.token }),
    ).toBe("registered");
    expect(await driver().accountExists(`dave@${DOMAIN}`)).toBe(true);
    // Prosody's own invite handling makes the inviter a contact, from the same stored invite...
    expect(await driver().roster(`dave@${DOMAIN}`)).toEqual({ [`alice@${DOMAIN}`]: "both" });
    // ...and the platform's registration hook gives the account the invite's room and its bookmark.
    expect((await driver().getRoom(ROOM))?.members).toContain(`dave@${DOMAIN}`);
    expect(await driver().getBookmarks(`dave@${DOMAIN}`)).toEqual([{ jid: ROOM, name: "The Club", autojoin: "true" }]);
    // A wrong token is refused by the server.
    expect(
      await xmppRegister({ ...endpoint(), username: "eve", password: "amber-orchard-lamp", token: "x".repeat(24) }),
    ).toMatch(/^forbidden/);

    // The platform learns of in-band uses when it syncs; running sync twice counts them once.
    expect((await sync(platform.workerCtx)).inviteUsesAdded).toBe(1);
    expect((await sync(platform.workerCtx)).inviteUsesAdded).toBe(0);
    const db = platform.app.core.db;
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(2);
    expect((await db.room.findUniqueOrThrow({ where: { id: roomId } })).members).toContain(`dave@${DOMAIN}`);
    expect(await db.account.findFirst({ where: { localpart: "dave" } })).toMatchObject({ origin: "server" });

    // The third and last use, in-band: Prosody then removes the token and refuses a fourth.
    expect(
      await xmppRegister({ ...endpoint(), username: "erin", password: "amber-orchard-lamp", token: invite.token }),
    ).toBe("registered");
    expect(await driver().getInvite(DOMAIN, invite.token)).toBeNull();
    expect(
      await xmppRegister({ ...endpoint(), username: "frank", password: "amber-orchard-lamp", token: invite.token }),
    ).toMatch(/^forbidden/);
    await sync(platform.workerCtx);
    const web = await anon("192.0.2.1")("POST", `/api/v1/public/invites/${invite.token}/register`, {
      username: "frank",
      password: "amber-orchard-lamp",
    });
    expect([web.status, web.json.code]).toEqual([410, "invite_used_up"]);
    const shown = await anon("192.0.2.1")("GET", `/api/v1/public/invites/${invite.token}`);
    expect(shown.json).toMatchObject({ status: "used_up", uses: 3, maxUses: 3 });
  });
});

describe("registration is all or nothing, and safe to retry", () => {
  it("undoes the request when the name was taken on the server directly, leaving the invite unused", async () => {
    await driver().createAccount(`ghost@${DOMAIN}`, "someone-elses-password");
    const inv = await newInvite({ rooms: [roomId] });
    const before = await accounts();
    const res = await anon("192.0.2.20")("POST", `/api/v1/public/invites/${inv.token}/register`, {
      username: "ghost",
      password: "amber-orchard-lamp",
    });
    expect(res.status, res.text).toBe(409);
    expect(res.json.errors).toEqual([{ field: "username", message: "is already taken", code: "taken" }]);
    const db = platform.app.core.db;
    expect(await accounts()).toBe(before);
    expect((await db.invite.findUniqueOrThrow({ where: { id: inv.id } })).uses).toBe(0);
    expect((await db.room.findUniqueOrThrow({ where: { id: roomId } })).members).not.toContain(`ghost@${DOMAIN}`);
    // The other account's password was left alone, and the invite still works.
    expect(await driver().registerAccount(`ghost@${DOMAIN}`, "someone-elses-password")).toBe("existed");
    expect(await driver().getInvite(DOMAIN, inv.token)).not.toBeNull();
  });

  it("runs a registration's server steps again without doing anything twice", async () => {
    const db = platform.app.core.db;
    const carol = await db.account.findFirstOrThrow({ where: { localpart: "carol", domainId } });
    const op = await db.operation.findFirstOrThrow({ where: { type: "account.register", resourceId: carol.id } });
    // As if the worker died after the server steps and before recording the outcome: the retry repeats them.
    const retry = { ...op, secretEncrypted: platform.app.core.secrets.encrypt("amber-orchard-lamp") };
    const progress = async () => undefined;
    const result = await runHandler(handlerContext(platform.workerCtx), retry, progress);
    expect(result).toMatchObject({
      jid: `carol@${DOMAIN}`,
      outcome: "existed",
      rooms: [ROOM],
      inviter: `alice@${DOMAIN}`,
    });
    expect(await driver().getBookmarks(`carol@${DOMAIN}`)).toHaveLength(1);
    expect(await driver().roster(`carol@${DOMAIN}`)).toEqual({ [`alice@${DOMAIN}`]: "both" });
    const members = (await driver().getRoom(ROOM))?.members ?? [];
    expect(members.filter((m) => m === `carol@${DOMAIN}`)).toHaveLength(1);
    const invite = await db.invite.findFirstOrThrow({ where: { id: (op.input as { inviteId: string }).inviteId } });
    expect(invite.uses).toBe(3);
  });
});

describe("invites that can no longer be used", () => {
  it("gives an expired, a used-up and a revoked invite each their own status and 410 code, creating nothing", async () => {
    const db = platform.app.core.db;
    const expired = await newInvite();
    await db.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const usedUp = await newInvite({ maxUses: 1 });
    const first = await anon("192.0.2.3")("POST", `/api/v1/public/invites/${usedUp.token}/register`, {
      username: "grace",
      password: "amber-orchard-lamp",
    });
    expect(first.status, first.text).toBe(201);
    // Used up: the token left Prosody too.
    expect(await driver().getInvite(DOMAIN, usedUp.token)).toBeNull();

    const revoked = await newInvite({ maxUses: 5 });
    const del = await call("DELETE", `/api/v1/invites/${revoked.id}?wait=30`);
    expect(del.status, del.text).toBe(200);
    expect(del.json.invite.status).toBe("revoked");
    expect(del.json.operation).toMatchObject({ type: "invite.revoke", status: "succeeded" });
    expect(await driver().getInvite(DOMAIN, revoked.token)).toBeNull();
    expect(
      await xmppRegister({ ...endpoint(), username: "mallory", password: "pw-mallory", token: revoked.token }),
    ).toMatch(/^forbidden/);

    const before = await accounts();
    for (const [inv, status, code] of [
      [expired, "expired", "invite_expired"],
      [usedUp, "used_up", "invite_used_up"],
      [revoked, "revoked", "invite_revoked"],
    ] as const) {
      const shown = await anon("192.0.2.4")("GET", `/api/v1/public/invites/${inv.token}`);
      expect(shown.status).toBe(200);
      expect(shown.json.status).toBe(status);
      const res = await anon("192.0.2.4")("POST", `/api/v1/public/invites/${inv.token}/register`, {
        username: `late-${status.replace("_", "")}`,
        password: "amber-orchard-lamp",
      });
      expect(res.status, res.text).toBe(410);
      expect(res.json.code).toBe(code);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await accounts()).toBe(before);

    for (const status of ["expired", "used_up", "revoked"]) {
      const listed = await call("GET", `/api/v1/domains/${domainId}/invites?status=${status}`);
      expect(listed.status).toBe(200);
      expect(listed.json.items.map((i: { status: string }) => i.status)).toEqual(listed.json.items.map(() => status));
      expect(listed.json.items.length).toBeGreaterThanOrEqual(1);
    }
  });

  it("never counts more uses than allowed under concurrent registrations", async () => {
    const inv = await newInvite({ maxUses: 2 });
    const before = await accounts();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        anon(`198.51.100.${i + 1}`)("POST", `/api/v1/public/invites/${inv.token}/register`, {
          username: `rush${i}`,
          password: "amber-orchard-lamp",
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 410, 410, 410, 410]);
    for (const r of results.filter((x) => x.status === 410)) expect(r.json.code).toBe("invite_used_up");
    expect(await accounts()).toBe(before + 2);
    expect((await platform.app.core.db.invite.findUniqueOrThrow({ where: { id: inv.id } })).uses).toBe(2);
    expect(await driver().getInvite(DOMAIN, inv.token)).toBeNull();
  });

  it("pages through invites with a cursor", async () => {
    const first = await call("GET", `/api/v1/domains/${domainId}/invites?limit=2`);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await call("GET", `/api/v1/domains/${domainId}/invites?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items[0].id).not.toBe(first.json.items[1].id);
  });

  it("refuses invites on a closed domain and bad invite input, naming the field", async () => {
    const closed = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, {
      name: "closed.example",
      registration: "closed",
    });
    const res = await call("POST", `/api/v1/domains/${closed.json.domain.id}/invites`, {});
    expect(res.status).toBe(409);
    expect(res.json.errors[0].field).toBe("registration");
    const before = await platform.app.core.db.invite.count();
    for (const [body, field] of [
      [{ maxUses: 0 }, "maxUses"],
      [{ maxUses: 101 }, "maxUses"],
      [{ expiresIn: 10 }, "expiresIn"],
      [{ rooms: ["no-such-room"] }, "rooms[0]"],
      [{ inviterAccountId: "nobody" }, "inviterAccountId"],
    ] as const) {
      const bad = await call("POST", `/api/v1/domains/${domainId}/invites`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await platform.app.core.db.invite.count()).toBe(before);
  });
});

describe("open registration", () => {
  it("shows a domain's registration policy publicly", async () => {
    const res = await anon("192.0.2.9")("GET", `/api/v1/public/domains/${OPEN}`);
    expect(res.json).toEqual({
      domain: OPEN,
      registration: "open",
      tenantName: "owner's family",
      branding: { name: null, accentColor: null, logoUrl: null },
    });
    expect((await anon("192.0.2.9")("GET", "/api/v1/public/domains/nowhere.example")).status).toBe(404);
  });

  it("lets the first 5 of 20 quick registrations from one IP through and answers 429 to the rest", async () => {
    const from = anon("203.0.113.7");
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof from>> | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await from("POST", `/api/v1/public/domains/${OPEN}/register`, {
        username: `walkin${i}`,
        password: "amber-orchard-lamp",
      });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      if (res.status === 201) expect(res.json).toEqual({ jid: `walkin${i}@${OPEN}`, operationId: expect.any(String) });
    }
    expect(statuses).toEqual([...Array(5).fill(201), ...Array(15).fill(429)]);
    expect(limited?.json.code).toBe("rate_limited");
    expect(Number(limited?.headers["retry-after"])).toBeGreaterThan(0);
    const login = await xmppClient([
      "login",
      `walkin0@${OPEN}`,
      "amber-orchard-lamp",
      instance.endpoints.host,
      String(instance.endpoints.c2sPort),
      caFile,
    ]);
    expect(login).toEqual({ code: 0, out: { result: "ok" } });
    expect(await platform.app.core.db.account.count({ where: { domainId: openDomainId } })).toBe(5);
  });

  it("refuses reserved names and bad input, creating nothing", async () => {
    const from = anon("203.0.113.8");
    const before = await accounts();
    for (const [body, field] of [
      [{ username: "root", password: "long-enough" }, "username"],
      [{ username: "abuse", password: "long-enough" }, "username"],
      [{ username: "x@y", password: "long-enough" }, "username"],
      [{ username: "okname", password: "1234567" }, "password"],
    ] as const) {
      const res = await from("POST", `/api/v1/public/domains/${OPEN}/register`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors[0].field).toBe(field);
    }
    expect(await accounts()).toBe(before);
    // In-band registration on the open domain refuses reserved names too.
    const openEndpoint = { ...endpoint(), domain: OPEN };
    expect(await xmppRegister({ ...openEndpoint, username: "Admin", password: "long-enough" })).toBe(
      "not-acceptable: This username is reserved",
    );
    expect(await xmppRegister({ ...openEndpoint, username: "inband", password: "long-enough" })).toBe("registered");
  });

  it("is closed on invite-only domains", async () => {
    const res = await anon("203.0.113.9")("POST", `/api/v1/public/domains/${DOMAIN}/register`, {
      username: "walker",
      password: "amber-orchard-lamp",
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("registration_closed");
  });

  it("stops at the tenant's account quota, for self-service and admin-created accounts alike", async () => {
    const db = platform.app.core.db;
    const used = await db.account.count({ where: { tenantId } });
    await db.tenant.update({ where: { id: tenantId }, data: { accountQuota: used } });
    try {
      const open = await anon("203.0.113.10")("POST", `/api/v1/public/domains/${OPEN}/register`, {
        username: "toomany",
        password: "amber-orchard-lamp",
      });
      expect(open.status, open.text).toBe(403);
      expect(open.json.code).toBe("quota_exceeded");
      const inv = await newInvite();
      const viaInvite = await anon("203.0.113.10")("POST", `/api/v1/public/invites/${inv.token}/register`, {
        username: "toomany",
        password: "amber-orchard-lamp",
      });
      expect(viaInvite.status).toBe(403);
      expect(viaInvite.json.code).toBe("quota_exceeded");
      expect((await db.invite.findUniqueOrThrow({ where: { id: inv.id } })).uses).toBe(0);
      const admin = await call("POST", `/api/v1/domains/${domainId}/accounts`, { localpart: "toomany" });
      expect(admin.status).toBe(403);
      expect(admin.json.code).toBe("quota_exceeded");
      expect(await db.account.count({ where: { tenantId } })).toBe(used);
    } finally {
      await db.tenant.update({ where: { id: tenantId }, data: { accountQuota: 500 } });
    }
  });
});

async function signupUser(who: string) {
  const res = await signup(platform.app, `${who}@test.example`, "correct horse battery", who, `${who}'s own`);
  expect(res.status, res.text).toBe(201);
  return client(platform.app, { cookie: cookieOf(res) });
}

describe("co-admin invitations", () => {
  it("lets another user accept once and get the role", async () => {
    const created = await call("POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "admin" });
    expect(created.status, created.text).toBe(201);
    const token = created.json.token as string;
    expect(created.json).toMatchObject({
      id: expect.any(String),
      url: `http://localhost:3000/accept/${token}`,
      role: "admin",
      status: "active",
    });
    const shown = await client(platform.app)("GET", `/api/v1/public/member-invites/${token}`);
    expect(shown.json).toMatchObject({ tenantName: "owner's family", role: "admin", status: "active" });

    const helper = await signupUser("helper");
    expect((await helper("GET", `/api/v1/tenants/${tenantId}`)).status).toBe(404);
    const accepted = await helper("POST", `/api/v1/member-invites/${token}/accept`);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toEqual({ tenantId, tenantName: "owner's family", role: "admin" });
    expect((await helper("GET", `/api/v1/tenants/${tenantId}`)).json.role).toBe("admin");
    // As an admin, the new member can now manage invites but not invite owners.
    expect((await helper("GET", `/api/v1/domains/${domainId}/invites`)).status).toBe(200);
    const owner = await helper("POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "owner" });
    expect(owner.status).toBe(403);

    const again = await (await signupUser("latecomer"))("POST", `/api/v1/member-invites/${token}/accept`);
    expect(again.status).toBe(410);
    expect(again.json.code).toBe("invite_used_up");
    expect((await helper("POST", `/api/v1/member-invites/${token}/accept`)).status).toBe(410);
    expect(await platform.app.core.db.membership.count({ where: { tenantId } })).toBe(2);
    expect((await client(platform.app)("GET", `/api/v1/public/member-invites/${token}`)).json.status).toBe("used_up");
  });

  it("refuses revoked and expired invitations", async () => {
    const revoked = await call("POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "viewer" });
    const del = await call("DELETE", `/api/v1/member-invites/${revoked.json.id}`);
    expect(del.status).toBe(200);
    expect(del.json.status).toBe("revoked");
    const expired = await call("POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "viewer" });
    await platform.app.core.db.memberInvite.update({
      where: { id: expired.json.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const someone = await signupUser("someone");
    const r1 = await someone("POST", `/api/v1/member-invites/${revoked.json.token}/accept`);
    expect([r1.status, r1.json.code]).toEqual([410, "invite_revoked"]);
    const r2 = await someone("POST", `/api/v1/member-invites/${expired.json.token}/accept`);
    expect([r2.status, r2.json.code]).toEqual([410, "invite_expired"]);
    expect((await someone("GET", `/api/v1/tenants/${tenantId}`)).status).toBe(404);
    const listed = await call("GET", `/api/v1/tenants/${tenantId}/member-invites`);
    expect(listed.json.items.map((i: { status: string }) => i.status).sort()).toEqual([
      "expired",
      "revoked",
      "used_up",
    ]);
  });
});

describe("renaming a group chat", () => {
  it("renames the room on the server and in the invite links that offer it, as one operation", async () => {
    const inv = await newInvite({ rooms: [roomId] });
    const res = await call("POST", `/api/v1/rooms/${roomId}/rename?wait=20`, { title: "The Book Club" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.room).toMatchObject({ id: roomId, jid: ROOM, title: "The Book Club" });
    expect(res.json.operation).toMatchObject({ type: "room.rename", status: "succeeded" });
    expect(res.json.operation.result.invites).toBeGreaterThanOrEqual(1);
    expect((await driver().getRoom(ROOM))?.title).toBe("The Book Club");
    const page = await client(platform.app)("GET", `/api/v1/public/invites/${inv.token}`);
    expect(page.json.rooms).toEqual([expect.objectContaining({ jid: ROOM, title: "The Book Club" })]);

    const empty = await call("POST", `/api/v1/rooms/${roomId}/rename`, { title: "   " });
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toEqual([expect.objectContaining({ field: "title", code: "required" })]);
    expect((await driver().getRoom(ROOM))?.title).toBe("The Book Club");
  });
});

describe("tenant isolation of invites", () => {
  it("answers 404 to another tenant on every invite route, and changes nothing", async () => {
    const intruder = await signupWithToken(platform.app, "intruder");
    const db = platform.app.core.db;
    const invite = await db.invite.findFirstOrThrow({ where: { domainId, revokedAt: null } });
    const memberInvite = await call("POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "viewer" });
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/v1/domains/${domainId}/invites`],
      ["POST", `/api/v1/domains/${domainId}/invites`, {}],
      ["GET", `/api/v1/invites/${invite.id}`],
      ["DELETE", `/api/v1/invites/${invite.id}`],
      ["GET", `/api/v1/tenants/${tenantId}/member-invites`],
      ["POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "owner" }],
      ["DELETE", `/api/v1/member-invites/${memberInvite.json.id}`],
    ];
    const invites = await db.invite.count();
    await expectNotFoundOnEach(intruder.call, routes);
    expect(await db.invite.count()).toBe(invites);
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).toBeNull();
    expect((await db.memberInvite.findUniqueOrThrow({ where: { id: memberInvite.json.id } })).revokedAt).toBeNull();
    // Without credentials the same routes ask for a login.
    expect((await client(platform.app)("GET", `/api/v1/domains/${domainId}/invites`)).status).toBe(401);
  });
});
