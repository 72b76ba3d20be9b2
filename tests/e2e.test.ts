import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, client, cookieOf, expectNotFoundOnEach, signIn, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { writeCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;
let call: Call;
let tenantId: string;
let instance: { id: string; endpoints: { host: string; c2sPort: number } };
let domainId: string;
let caFile: string;
const alicePassword = "amber-orchard-lamp";
let bobPassword: string;
let bobId: string;

beforeAll(async () => {
  platform = await startPlatform();
  ({ call, tenantId } = await signupWithToken(platform.app, "smith"));
});

afterAll(async () => {
  await platform?.close();
});

/** The independent client's login to the instance under test: code 0 when it logs in, 2 when it is refused. */
function xmppLogin(jid: string, password: string) {
  const { host, c2sPort } = instance.endpoints;
  return xmppClient(["login", jid, password, host, String(c2sPort), caFile]);
}

describe("end to end, through the HTTP API only", () => {
  it("creates an instance and a domain, and serves the internal CA", async () => {
    const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, {
      name: "Family server",
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.operation.status).toBe("succeeded");
    expect(created.json.instance.status).toBe("running");
    instance = created.json.instance;

    const domain = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, {
      name: "Family.Example",
      registration: "closed",
    });
    expect(domain.status, domain.text).toBe(201);
    expect(domain.json.domain).toMatchObject({
      name: "family.example",
      state: "active",
      services: { muc: "groups.family.example" },
    });
    domainId = domain.json.domain.id;

    const ca = await client(platform.app)("GET", "/api/v1/ca.pem");
    expect(ca.status).toBe(200);
    expect(ca.text).toContain("BEGIN CERTIFICATE");
    caFile = writeCa(platform.dataRoot, ca.text);
  });

  it("creates two accounts and a members-only room with both as members", async () => {
    const alice = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: "alice",
      password: alicePassword,
    });
    expect(alice.status, alice.text).toBe(201);
    expect(alice.json.account).toMatchObject({ jid: "alice@family.example", state: "active" });
    expect(alice.json.password).toBeUndefined();

    const bob = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart: "Bob" });
    expect(bob.status, bob.text).toBe(201);
    expect(bob.json.account.jid).toBe("bob@family.example");
    expect(bob.json.password).toMatch(/^.{20}$/);
    bobPassword = bob.json.password;
    bobId = bob.json.account.id;

    const room = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
      name: "family",
      title: "Family",
      membersOnly: true,
      members: ["alice@family.example", "bob@family.example"],
    });
    expect(room.status, room.text).toBe(201);
    expect(room.json.room).toMatchObject({
      jid: "family@groups.family.example",
      state: "active",
      membersOnly: true,
    });
    const op = await call("GET", `/api/v1/operations/${room.json.operation.id}`);
    expect(op.json).toMatchObject({ status: "succeeded", progress: 100 });
  });

  it("lets an independent client log in as each account over STARTTLS and chat in the room", async () => {
    for (const [jid, pw] of [
      ["alice@family.example", alicePassword],
      ["bob@family.example", bobPassword],
    ] as const) {
      const res = await xmppLogin(jid, pw);
      expect(res, jid).toEqual({ code: 0, out: { result: "ok" } });
    }
    const wrong = await xmppLogin("alice@family.example", "not-the-password");
    expect(wrong.code).toBe(2);

    const { host, c2sPort } = instance.endpoints;

    const chat = await xmppClient([
      "room-chat",
      host,
      String(c2sPort),
      caFile,
      "family@groups.family.example",
      "alice@family.example",
      alicePassword,
      "bob@family.example",
      bobPassword,
    ]);
    expect(chat, JSON.stringify(chat)).toEqual({
      code: 0,
      out: { result: "ok", received: "hello from the end-to-end test" },
    });
  });

  it("deletes an account so that its login fails", async () => {
    const del = await call("DELETE", `/api/v1/accounts/${bobId}?wait=30`);
    expect(del.status, del.text).toBe(200);
    expect(del.json.operation.status).toBe("succeeded");
    expect((await call("GET", `/api/v1/accounts/${bobId}`)).status).toBe(404);
    const res = await xmppLogin("bob@family.example", bobPassword);
    expect(res.code).toBe(2);
  });

  it("adds a second domain live, without the server's PID changing", async () => {
    const before = platform.prosodyPid(instance.id);
    const second = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, {
      name: "cousins.example",
    });
    expect(second.status, second.text).toBe(201);
    expect(second.json.domain.state).toBe("active");
    const acct = await call("POST", `/api/v1/domains/${second.json.domain.id}/accounts?wait=30`, {
      localpart: "carol",
      password: "amber-orchard-lamp",
    });
    expect(acct.status, acct.text).toBe(201);
    const login = await xmppLogin("carol@cousins.example", "amber-orchard-lamp");
    expect(login).toEqual({ code: 0, out: { result: "ok" } });
    expect(platform.prosodyPid(instance.id)).toBe(before);
  });

  it("resets a password: the old one stops working, the new one works", async () => {
    const list = await call("GET", `/api/v1/domains/${domainId}/accounts?limit=1`);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.nextCursor).toBeNull();
    const alice = list.json.items[0];
    const reset = await call("POST", `/api/v1/accounts/${alice.id}/password?wait=30`, {});
    expect(reset.status, reset.text).toBe(200);
    expect((await xmppLogin("alice@family.example", alicePassword)).code).toBe(2);
    expect((await xmppLogin("alice@family.example", reset.json.password)).code).toBe(0);
  });
});

describe("bad input gets a problem naming the field, and nothing is half-created", () => {
  async function counts() {
    const db = platform.app.core.db;
    return {
      domains: await db.domain.count(),
      accounts: await db.account.count(),
      rooms: await db.room.count(),
      operations: await db.operation.count(),
    };
  }

  const cases: [string, () => string, unknown, string][] = [
    ["an invalid domain", () => `/api/v1/instances/${instance.id}/domains`, { name: "not a domain!" }, "name"],
    ["a domain with one label", () => `/api/v1/instances/${instance.id}/domains`, { name: "localhost" }, "name"],
    [
      "an over-long domain",
      () => `/api/v1/instances/${instance.id}/domains`,
      { name: `${"a".repeat(250)}.example` },
      "name",
    ],
    ["a duplicate domain", () => `/api/v1/instances/${instance.id}/domains`, { name: "family.example" }, "name"],
    ["an invalid localpart", () => `/api/v1/domains/${domainId}/accounts`, { localpart: "al ice@x" }, "localpart"],
    [
      "an over-long localpart",
      () => `/api/v1/domains/${domainId}/accounts`,
      { localpart: "x".repeat(300) },
      "localpart",
    ],
    ["a duplicate account", () => `/api/v1/domains/${domainId}/accounts`, { localpart: "ALICE" }, "localpart"],
    [
      "a short password",
      () => `/api/v1/domains/${domainId}/accounts`,
      { localpart: "dave", password: "short" },
      "password",
    ],
    ["an invalid room name", () => `/api/v1/domains/${domainId}/rooms`, { name: "a/b" }, "name"],
    [
      "an invalid room member",
      () => `/api/v1/domains/${domainId}/rooms`,
      { name: "ok", members: ["not-a-jid"] },
      "members[0]",
    ],
    ["a duplicate room", () => `/api/v1/domains/${domainId}/rooms`, { name: "family" }, "name"],
    ["a missing field", () => `/api/v1/domains/${domainId}/rooms`, { title: "x" }, "name"],
  ];

  for (const [label, url, body, field] of cases) {
    it(`refuses ${label}`, async () => {
      const before = await counts();
      const res = await call("POST", url(), body);
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors?.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });
  }

  it("needs ?force=true to delete an instance that has domains", async () => {
    const res = await call("DELETE", `/api/v1/instances/${instance.id}`);
    expect(res.status).toBe(412);
    expect(res.json.errors[0].field).toBe("force");
    expect((await call("GET", `/api/v1/instances/${instance.id}`)).json.status).toBe("running");
  });

  it("domains are unique across the whole platform", async () => {
    const other = await signupWithToken(platform.app, "jones");
    const inst = await other.call("POST", `/api/v1/tenants/${other.tenantId}/instances`, { name: "other" });
    expect(inst.status).toBe(202);
    const res = await other.call("POST", `/api/v1/instances/${inst.json.instance.id}/domains`, {
      name: "family.example",
    });
    expect(res.status).toBe(409);
    expect(res.json.errors[0].field).toBe("name");
  });
});

describe("the API describes itself", () => {
  it("serves an OpenAPI document where every route has an operationId", async () => {
    const res = await client(platform.app)("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const ops = Object.values(res.json.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
      Object.values(p),
    );
    expect(ops.length).toBeGreaterThan(25);
    const ids = ops.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(["signup", "createInstance", "createAccount", "createRoom", "getOperation"]),
    );
    const docs = await platform.app.inject({ method: "GET", url: "/docs/" });
    expect(docs.statusCode).toBe(200);
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another tenant's token on every resource route, and changes nothing", async () => {
    const intruder = await signupWithToken(platform.app, "intruder");
    const db = platform.app.core.db;
    const account = await db.account.findFirstOrThrow({ where: { domainId } });
    const room = await db.room.findFirstOrThrow({ where: { domainId } });
    const operation = await db.operation.findFirstOrThrow({ where: { tenantId } });
    const i = instance.id;
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/v1/tenants/${tenantId}`],
      ["GET", `/api/v1/tenants/${tenantId}/members`],
      ["POST", `/api/v1/tenants/${tenantId}/members`, { email: "intruder@test.example", role: "owner" }],
      ["GET", `/api/v1/tenants/${tenantId}/instances`],
      ["POST", `/api/v1/tenants/${tenantId}/instances`, { name: "x" }],
      ["GET", `/api/v1/tenants/${tenantId}/operations`],
      ["POST", "/api/v1/api-tokens", { name: "x", tenantId }],
      ["GET", `/api/v1/instances/${i}`],
      ["PATCH", `/api/v1/instances/${i}`, { name: "pwned" }],
      ["DELETE", `/api/v1/instances/${i}?force=true`],
      ["POST", `/api/v1/instances/${i}/actions/stop`],
      ["POST", `/api/v1/instances/${i}/actions/start`],
      ["POST", `/api/v1/instances/${i}/actions/restart`],
      ["GET", `/api/v1/instances/${i}/domains`],
      ["POST", `/api/v1/instances/${i}/domains`, { name: "evil.example" }],
      ["GET", `/api/v1/domains/${domainId}`],
      ["PATCH", `/api/v1/domains/${domainId}`, { registration: "open" }],
      ["DELETE", `/api/v1/domains/${domainId}`],
      ["GET", `/api/v1/domains/${domainId}/accounts`],
      ["POST", `/api/v1/domains/${domainId}/accounts`, { localpart: "evil" }],
      ["GET", `/api/v1/domains/${domainId}/rooms`],
      ["POST", `/api/v1/domains/${domainId}/rooms`, { name: "evil" }],
      ["GET", `/api/v1/domains/${domainId}/invites`],
      ["POST", `/api/v1/domains/${domainId}/invites`, {}],
      ["GET", `/api/v1/tenants/${tenantId}/member-invites`],
      ["POST", `/api/v1/tenants/${tenantId}/member-invites`, { role: "admin" }],
      ["GET", `/api/v1/accounts/${account.id}`],
      ["DELETE", `/api/v1/accounts/${account.id}`],
      ["POST", `/api/v1/accounts/${account.id}/password`, {}],
      ["GET", `/api/v1/rooms/${room.id}`],
      ["PATCH", `/api/v1/rooms/${room.id}`, { title: "pwned" }],
      ["PUT", `/api/v1/rooms/${room.id}/members`, { members: ["intruder@evil.example"] }],
      ["DELETE", `/api/v1/rooms/${room.id}`],
      ["GET", `/api/v1/operations/${operation.id}`],
      ["GET", `/api/v1/domains/${domainId}/dns`],
      ["POST", `/api/v1/domains/${domainId}/dns/check`],
      ["GET", `/api/v1/domains/${domainId}/certificates`],
      ["POST", `/api/v1/domains/${domainId}/certificates`, { source: "internal" }],
      ["GET", "/api/v1/fleet/domains"],
      ["GET", `/api/v1/tenants/${tenantId}/domains`],
      ["POST", `/api/v1/tenants/${tenantId}/domains`, { name: "evil" }],
      ["GET", `/api/v1/domains/${domainId}/backups`],
      ["POST", `/api/v1/domains/${domainId}/backups`],
      ["GET", `/api/v1/domains/${domainId}/health`],
    ];
    const intruderUser = await db.user.findUniqueOrThrow({ where: { email: "intruder@test.example" } });
    await expectNotFoundOnEach(intruder.call, routes);
    expect(await db.operation.count({ where: { actorUserId: intruderUser.id } })).toBe(0);
    expect((await call("GET", `/api/v1/instances/${i}`)).json).toMatchObject({
      name: "Family server",
      status: "running",
    });
    expect((await call("GET", `/api/v1/rooms/${room.id}`)).json.title).toBe(room.title);
    // Without any credentials the same routes ask for a login.
    const anon = await client(platform.app)("GET", `/api/v1/instances/${i}`);
    expect(anon.status).toBe(401);
  });

  it("lets a viewer read but not change", async () => {
    const viewer = await signupWithToken(platform.app, "viewer");
    const owner = client(platform.app, { cookie: await signupCookie() });
    const added = await owner("POST", `/api/v1/tenants/${tenantId}/members`, {
      email: "viewer@test.example",
      role: "viewer",
    });
    expect(added.status, added.text).toBe(202);
    const joined = await client(platform.app, { cookie: viewer.cookie })(
      "POST",
      `/api/v1/member-invites/${added.json.token}/accept`,
    );
    expect(joined.status, joined.text).toBe(200);
    const tok = await client(platform.app, { cookie: viewer.cookie })("POST", "/api/v1/api-tokens", {
      name: "ro",
      tenantId,
    });
    expect(tok.status, tok.text).toBe(201);
    expect(tok.json.role).toBe("viewer");
    const ro = client(platform.app, { token: tok.json.token });
    expect((await ro("GET", `/api/v1/instances/${instance.id}`)).status).toBe(200);
    const write = await ro("PATCH", `/api/v1/instances/${instance.id}`, { name: "renamed" });
    expect(write.status).toBe(403);
    expect((await ro("POST", `/api/v1/domains/${domainId}/accounts`, { localpart: "nope" })).status).toBe(403);
  });
});

async function signupCookie(): Promise<string> {
  const res = await signIn(platform.app, "smith@test.example");
  expect(res.status, res.text).toBe(200);
  return cookieOf(res);
}

describe("instance lifecycle", () => {
  it("stops, starts and deletes an instance, cleaning up its process and files", async () => {
    const { existsSync } = await import("node:fs");
    const dir = path.join(platform.dataRoot, "instances", instance.id);
    const pid = platform.prosodyPid(instance.id);
    const stopped = await call("POST", `/api/v1/instances/${instance.id}/actions/stop?wait=30`);
    expect(stopped.json.operation.status, stopped.text).toBe("succeeded");
    expect((await call("GET", `/api/v1/instances/${instance.id}`)).json.status).toBe("stopped");
    expect(() => process.kill(pid, 0)).toThrow();

    const started = await call("POST", `/api/v1/instances/${instance.id}/actions/start?wait=30`);
    expect(started.json.operation.status, started.text).toBe("succeeded");
    expect((await xmppLogin("carol@cousins.example", "amber-orchard-lamp")).code).toBe(0);

    const deleted = await call("DELETE", `/api/v1/instances/${instance.id}?force=true&wait=30`);
    expect(deleted.json.operation.status, deleted.text).toBe("succeeded");
    expect((await call("GET", `/api/v1/instances/${instance.id}`)).status).toBe(404);
    expect((await call("GET", `/api/v1/domains/${domainId}`)).status).toBe(404);
    expect(existsSync(dir)).toBe(false);
    // The domain name is free again.
    const again = await call("POST", `/api/v1/tenants/${tenantId}/instances`, { name: "new home" });
    const reuse = await call("POST", `/api/v1/instances/${again.json.instance.id}/domains`, { name: "family.example" });
    expect(reuse.status, reuse.text).toBe(202);
  });
});
