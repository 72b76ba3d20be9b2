// Moving a family's domain, with its data, from a shared Prosody server onto its own server while it is in use:
// slixmpp (the independent client) logs in with the old passwords on the new server, finds its contact, joins the
// members-only room as a member and reads 200 archived messages. A move whose target dies leaves the source serving
// as before. The platform zone is served by a real BIND, so the DNS records are seen to follow.

import { execFileSync } from "node:child_process";
import dns from "node:dns";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { platformZoneEnv, startTestNamed, type TestNamed } from "@xmpp-host/dns/testing";
import { prosodyStoreName } from "@xmpp-host/runtime";
import { xmppLogin } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "../packages/xmpp/test/support/xml.ts";
import { type Call, client, cookieOf, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const BASE = "chat.test";
const DOMAIN = `carters.${BASE}`;
const ROOM = `family@groups.${DOMAIN}`;
let platform: Platform;
let named: TestNamed;
let caFile: string;
let caPem: string;
let carters: Awaited<ReturnType<typeof signupWithToken>>;
let domainId: string;
let sharedId: string;
let ownId: string;
/** The family's ejabberd server, made by the import test. */
let ejId = "";
/** The export taken by the owners, imported again below. */
let exported = "";

/** 20 people, each with a password of their own. */
const people = Array.from({ length: 20 }, (_, i) => [`person${i}@${DOMAIN}`, `amber-orchard-lamp-${i}`] as const);
const [alice, bob, carol] = [people[0]!, people[1]!, people[2]!];

interface Endpoint {
  host: string;
  port: number;
}

async function endpointOf(instanceId: string): Promise<Endpoint> {
  const i = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  return { host: i.host, port: i.c2sPort as number };
}

/** A login with the platform's small client: used where many are needed fast (the slixmpp ones prove the rest). */
async function canLogIn(who: readonly [string, string], at: Endpoint): Promise<boolean> {
  try {
    const [username] = who[0].split("@");
    const session = await xmppLogin({
      ...at,
      domain: DOMAIN,
      ca: caPem,
      username: username as string,
      password: who[1],
      timeoutMs: 3000,
    });
    await session.close();
    return true;
  } catch {
    return false;
  }
}

async function slixmppLogins(at: Endpoint): Promise<Record<string, string>> {
  const outcomes: Record<string, string> = {};
  for (let i = 0; i < people.length; i += 5) {
    await Promise.all(
      people.slice(i, i + 5).map(async (who) => {
        const res = await xmppClient(["login", who[0], who[1], at.host, String(at.port), caFile]);
        outcomes[who[0]] = res.code === 0 ? "ok" : JSON.stringify(res.out);
      }),
    );
  }
  return outcomes;
}

/**
 * Alice's view of the family's data wherever it is served, through slixmpp: Bob as her contact, the room joined as
 * a member, and 200 archived messages. `domain` names the domain where a file was imported under another name.
 */
async function expectFamilyData(at: Endpoint, domain = DOMAIN): Promise<void> {
  const named = (jid: string) => jid.replace(DOMAIN, domain);
  const args = [at.host, String(at.port), caFile, named(alice[0]), alice[1], named(ROOM), named(bob[0])];
  const seen = await xmppClient(["inspect", ...args]);
  expect(seen.out, JSON.stringify(seen.out)).toMatchObject({
    result: "ok",
    contacts: [named(bob[0])],
    joined: true,
    archived: 200,
  });
}

/** Alice's app finds the family room in her XEP-0402 bookmarks, marked to join by itself, and joins it as a member. */
async function expectFamilyBookmark(at: Endpoint): Promise<void> {
  const seen = await xmppClient(["welcome", at.host, String(at.port), caFile, ...alice]);
  expect(seen.out, JSON.stringify(seen.out)).toMatchObject({
    result: "ok",
    bookmarks: [expect.objectContaining({ jid: ROOM, autojoin: true })],
    joined: { [ROOM]: "member" },
  });
}

/**
 * Carol logs in every 25 ms on whichever of the servers lets her while `during` runs: the gap she meets is the
 * interruption people see. Returns what `during` gave, the gap, and whether her last login went through.
 */
async function refusalsDuring<T>(servers: Endpoint[], during: () => Promise<T>) {
  let polling = true;
  const seen: { at: number; ok: boolean }[] = [];
  const poller = (async () => {
    while (polling) {
      let ok = false;
      for (const at of servers) if (!ok) ok = await canLogIn(carol, at);
      seen.push({ at: performance.now(), ok });
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const value = await during().finally(() => {
    polling = false;
  });
  await poller;
  const firstRefused = seen.findIndex((x) => !x.ok);
  const backAfter = firstRefused < 0 ? -1 : seen.findIndex((x, i) => i > firstRefused && x.ok);
  const windowMs = firstRefused < 0 ? 0 : Math.round((seen[backAfter]?.at ?? Number.NaN) - seen[firstRefused]!.at);
  return { value, windowMs, attempts: seen.length, lastOk: seen.at(-1)?.ok };
}

function resolver(): dns.promises.Resolver {
  const r = new dns.promises.Resolver({ timeout: 1000, tries: 2 });
  r.setServers([named.server]);
  return r;
}

async function operation(id: string) {
  return platform.app.core.db.operation.findUniqueOrThrow({ where: { id } });
}

async function waitForOperation(id: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const op = await operation(id);
    if (op.status === "succeeded" || op.status === "failed") return op;
    if (Date.now() > deadline) throw new Error(`operation ${id} still ${op.status} after ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The target server's processes (found by its folder on their command line), killed at once. */
function killServer(instanceId: string): number {
  const folder = path.join(platform.dataRoot, "instances", instanceId);
  try {
    const out = execFileSync("pgrep", ["-f", folder], { encoding: "utf8" });
    const pids = out.split("\n").filter(Boolean).map(Number);
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
    return pids.length;
  } catch {
    return 0; // pgrep found nothing
  }
}

let operator: Call | undefined;
async function operatorCall(): Promise<Call> {
  if (operator) return operator;
  const res = await signup(platform.app, "ops@test.example", "correct horse battery", "Ops", "Platform team");
  expect(res.status, res.text).toBe(201);
  await platform.app.core.db.user.update({ where: { email: "ops@test.example" }, data: { isOperator: true } });
  operator = client(platform.app, { cookie: cookieOf(res) });
  return operator;
}

/** Whether the server is up: it accepts a connection and answers a stream (for any host). */
async function answers(at: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: at.host, port: at.port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
    socket.on("connect", () =>
      socket.write(
        `<?xml version='1.0'?><stream:stream to='${DOMAIN}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`,
      ),
    );
    socket.on("data", (chunk) => {
      if (chunk.toString().includes("<stream:stream")) done(true);
    });
  });
}

beforeAll(async () => {
  named = await startTestNamed({ zones: [{ name: BASE, records: ["xmpp IN A 127.0.0.1"] }] });
  platform = await startPlatform({
    workerEnv: { ...platformZoneEnv(named, BASE), SHARED_DOMAIN_MAX_ACCOUNTS: "30", BACKUP_VERIFY: "false" },
  });
  const ca = await internalCa(platform);
  caFile = ca.file;
  caPem = ca.pem;
  carters = await signupWithToken(platform.app, "carter");

  const free = await carters.call("POST", `/api/v1/tenants/${carters.tenantId}/domains?wait=30`, { name: "carters" });
  expect(free.json.operation?.status, free.text).toBe("succeeded");
  domainId = free.json.domain.id;
  sharedId = (await platform.app.core.db.domain.findUniqueOrThrow({ where: { id: domainId } })).instanceId;
  const own = await carters.call("POST", `/api/v1/tenants/${carters.tenantId}/instances?wait=60`, { name: "ours" });
  expect(own.json.operation?.status, own.text).toBe("succeeded");
  ownId = own.json.instance.id;

  for (const [jid, password] of people) {
    const res = await carters.call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: jid.split("@")[0],
      password,
    });
    expect(res.json.operation?.status, res.text).toBe("succeeded");
  }
  const room = await carters.call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
    name: "family",
    title: "The Carters",
    membersOnly: true,
    members: [alice[0], bob[0], carol[0]],
  });
  expect(room.json.operation?.status, room.text).toBe("succeeded");
  // Alice and Bob add each other as contacts; Alice sends Bob 200 messages, which both archives keep.
  const shared = await endpointOf(sharedId);
  const talk = await xmppClient(["converse", shared.host, String(shared.port), caFile, ...alice, ...bob, "200"]);
  expect(talk.out, JSON.stringify(talk.out)).toMatchObject({ result: "ok", delivered: 200 });
  // Alice's app joins the family room by itself: a XEP-0402 bookmark in her PEP, as invites give.
  const sharedServer = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: sharedId } });
  expect(
    await platform.workerCtx.driverFor(sharedServer).addBookmarks(alice[0], [{ jid: ROOM, name: "The Carters" }]),
  ).toBe(1);
  await expectFamilyData(shared);
  await expectFamilyBookmark(shared);
}, 240_000);

afterAll(async () => {
  await platform?.close();
  await named?.close();
});

describe("who may move a domain where", () => {
  it("refuses another family's server (404), a shared server to a family (404), a viewer, and the same server", async () => {
    const other = await signupWithToken(platform.app, "other");
    const theirs = await other.call("POST", `/api/v1/tenants/${other.tenantId}/instances`, { name: "theirs" });
    expect(theirs.status, theirs.text).toBe(202);
    const move = (call: Call, targetInstanceId: string) =>
      call("POST", `/api/v1/domains/${domainId}/move`, { targetInstanceId });

    const intoTheirs = await move(carters.call, theirs.json.instance.id);
    expect(intoTheirs.status, intoTheirs.text).toBe(404);
    expect(intoTheirs.headers["content-type"]).toContain("application/problem+json");
    // The other family cannot move the Carters' domain, not even onto its own server.
    expect((await move(other.call, theirs.json.instance.id)).status).toBe(404);
    // Shared servers are the platform's to choose: a family does not see them, not even the one it is on.
    const toShared = await move(carters.call, sharedId);
    expect(toShared.status, toShared.text).toBe(404);
    // An operator may name a shared server, but not the one the domain is already on.
    const same = await move(await operatorCall(), sharedId);
    expect(same.status, same.text).toBe(400);
    expect(same.json.errors?.[0]).toMatchObject({ field: "targetInstanceId", code: "not_allowed" });

    const viewer = await client(platform.app, { cookie: carters.cookie })("POST", "/api/v1/api-tokens", {
      name: "viewer",
      tenantId: carters.tenantId,
      role: "viewer",
    });
    expect(viewer.status, viewer.text).toBe(201);
    const asViewer = await move(client(platform.app, { token: viewer.json.token }), ownId);
    expect(asViewer.status, asViewer.text).toBe(403);

    const missing = await carters.call("POST", `/api/v1/domains/${domainId}/move`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json)).toContain("targetInstanceId");
    // Nothing was started by any of these.
    const moves = await platform.app.core.db.operation.count({ where: { type: "domain.move" } });
    expect(moves).toBe(0);
  });
});

describe("a move whose new server dies", () => {
  it("leaves the domain served where it was, every account intact, and says why", async () => {
    const started = await carters.call("POST", `/api/v1/domains/${domainId}/move`, { targetInstanceId: ownId });
    expect(started.status, started.text).toBe(202);
    const opId = started.json.operation.id as string;
    // The new server is killed as the copy begins, and again whenever it is restarted, until the move ends.
    let kills = 0;
    let ended = false;
    const killer = (async () => {
      while (!ended) {
        kills += killServer(ownId);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const op = await waitForOperation(opId, 90).finally(() => {
      ended = true;
    });
    await killer;
    expect(kills).toBeGreaterThan(0);
    expect(op.status).toBe("failed");
    expect(JSON.stringify(op.error)).toMatch(/stays on/);
    console.log(`failed move: ${JSON.stringify(op.error)}`);

    const domain = await platform.app.core.db.domain.findUniqueOrThrow({ where: { id: domainId } });
    expect(domain.instanceId).toBe(sharedId);
    const shared = await endpointOf(sharedId);
    const served = await Promise.all(people.map((who) => canLogIn(who, shared)));
    expect(people.filter((_, i) => !served[i]).map((p) => p[0])).toEqual([]);
    await expectFamilyData(shared);
    // The dead server kept nothing of the domain.
    const ownData = path.join(platform.dataRoot, "instances", ownId, "data", prosodyStoreName(DOMAIN));
    expect(existsSync(ownData)).toBe(false);
  }, 180_000);
});

describe("growing into a server of one's own", () => {
  it("moves the domain while in use: old passwords, contact, room membership and 200 messages on the new server", async () => {
    // The new server is back (the platform restarts it) before the family tries again.
    const deadline = Date.now() + 60_000;
    while (!(await answers(await endpointOf(ownId)))) {
      if (Date.now() > deadline) throw new Error("the killed server did not come back");
      await new Promise((r) => setTimeout(r, 250));
    }
    const shared = await endpointOf(sharedId);
    const own = await endpointOf(ownId);

    // A person keeps logging in during the move, wherever the domain is: the gap is the interruption they see.
    const {
      value: moved,
      windowMs,
      attempts,
      lastOk,
    } = await refusalsDuring([shared, own], () =>
      carters.call("POST", `/api/v1/domains/${domainId}/move?wait=120`, { targetInstanceId: ownId }),
    );
    expect(moved.json.operation?.status, moved.text).toBe("succeeded");
    const result = moved.json.operation.result as { loginsRefusedMs: number; copied: { files: number } };
    expect(result.loginsRefusedMs).toBeGreaterThan(0);
    expect(result.copied.files).toBeGreaterThan(20);
    console.log(
      `login-refusal window: ${windowMs} ms seen by a client logging in every 25 ms (${attempts} attempts); ` +
        `${result.loginsRefusedMs} ms from the freeze to the new server's check, as the operation measured it`,
    );
    expect(lastOk).toBe(true);

    // The platform's view follows.
    const domain = (await carters.call("GET", `/api/v1/domains/${domainId}`)).json;
    expect(domain).toMatchObject({ instanceId: ownId, placement: "dedicated" });
    const srv = await resolver().resolveSrv(`_xmpp-client._tcp.${DOMAIN}`);
    expect(srv.map((r) => r.port)).toEqual([own.port]);

    // Everyone logs in on the new server with the password they had, through an independent client.
    const logins = await slixmppLogins(own);
    expect(Object.entries(logins).filter(([, v]) => v !== "ok")).toEqual([]);
    await expectFamilyData(own);
    // The shared server no longer serves the domain, nor keeps its data.
    expect((await xmppClient(["login", ...alice, shared.host, String(shared.port), caFile])).code).not.toBe(0);
    const sharedData = path.join(platform.dataRoot, "instances", sharedId, "data", prosodyStoreName(DOMAIN));
    expect(existsSync(sharedData)).toBe(false);
    // And the move is in the audit log, by the family's token.
    const audit = await platform.app.core.db.auditEvent.findMany({ where: { action: "domain.move_requested" } });
    expect(audit.map((a) => a.data)).toContainEqual(
      expect.objectContaining({ domain: DOMAIN, fromInstanceId: sharedId, toInstanceId: ownId }),
    );
  }, 240_000);

  it("lets an operator move it back onto the shared server, data and all", async () => {
    const ops = await operatorCall();
    const back = await ops("POST", `/api/v1/domains/${domainId}/move?wait=120`, { targetInstanceId: sharedId });
    expect(back.json.operation?.status, back.text).toBe("succeeded");
    // The operator sees which shared server carries it; the family does not.
    expect((await ops("GET", `/api/v1/domains/${domainId}`)).json).toMatchObject({ instanceId: sharedId });
    expect((await carters.call("GET", `/api/v1/domains/${domainId}`)).json).toMatchObject({ instanceId: null });
    const shared = await endpointOf(sharedId);
    await expectFamilyData(shared);
    expect(await canLogIn(people[19]!, shared)).toBe(true);
    expect(await canLogIn(people[19]!, await endpointOf(ownId))).toBe(false);
    // The family's own server forgot the domain's data.
    expect(existsSync(path.join(platform.dataRoot, "instances", ownId, "data", prosodyStoreName(DOMAIN)))).toBe(false);
  }, 180_000);
});

describe("taking all of one's data away", () => {
  it("gives the owners one XEP-0227 file with every account, contact and message, sealed at rest, and audits it", async () => {
    const admin = await client(platform.app, { cookie: carters.cookie })("POST", "/api/v1/api-tokens", {
      name: "admin",
      tenantId: carters.tenantId,
      role: "admin",
    });
    expect(admin.status, admin.text).toBe(201);
    const asAdmin = await client(platform.app, { token: admin.json.token })(
      "GET",
      `/api/v1/domains/${domainId}/export`,
    );
    expect(asAdmin.status, asAdmin.text).toBe(403);
    const other = await signupWithToken(platform.app, "nosy");
    expect((await other.call("GET", `/api/v1/domains/${domainId}/export`)).status).toBe(404);

    // The owner, signed in (the family's API token has the admin role).
    const owner = client(platform.app, { cookie: carters.cookie });
    const res = await owner("GET", `/api/v1/domains/${domainId}/export?wait=60`);
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    expect(res.headers["content-type"]).toContain("application/xml");
    expect(res.headers["content-disposition"]).toContain(`${DOMAIN}.xml`);
    exported = res.text;
    const doc = parseXml(res.text);
    expect(doc.attrs.xmlns).toBe("urn:xmpp:pie:0");
    const host = doc.getChild("host");
    expect(host?.attrs.jid).toBe(DOMAIN);
    const users = new Map((host?.getChildren("user") ?? []).map((u) => [u.attrs.name as string, u]));
    expect([...users.keys()].sort()).toEqual(people.map(([jid]) => jid.split("@")[0]).sort());
    for (const u of users.values()) {
      expect(u.attrs.password).toBeUndefined();
      // SCRAM-SHA-1 keys: 20 bytes, in base64.
      expect(u.getChild("scram-credentials", "urn:xmpp:pie:0#scram")?.getChildText("stored-key")).toMatch(
        /^[A-Za-z0-9+/]{27}=$/,
      );
    }
    const aliceEl = users.get("person0");
    const contacts = aliceEl?.getChild("query", "jabber:iq:roster")?.getChildren("item") ?? [];
    expect(contacts.map((c) => [c.attrs.jid, c.attrs.subscription])).toEqual([[bob[0], "both"]]);
    const archived = aliceEl?.getChild("archive", "urn:xmpp:pie:0#mam")?.getChildren("result") ?? [];
    expect(archived).toHaveLength(200);
    // The group chat, with its members, beside the users.
    const family = doc
      .getChildren("host")
      .find((h) => h.attrs.jid === `groups.${DOMAIN}`)
      ?.getChild("room", "urn:x-xmpp-host:pie:muc:0");
    expect(family?.attrs.name).toBe("family");
    const members = family?.getChild("query", "http://jabber.org/protocol/muc#admin")?.getChildren("item") ?? [];
    expect(
      members
        .filter((m) => m.attrs.affiliation === "member")
        .map((m) => m.attrs.jid)
        .sort(),
    ).toEqual([alice[0], bob[0], carol[0]].sort());

    // Sealed in the backup store with the tenant's key, and no copy left on the server.
    const stored = readdirSync(path.join(platform.dataRoot, "backups", carters.tenantId, "exports", domainId));
    expect(stored).toHaveLength(1);
    const sealed = readFileSync(
      path.join(platform.dataRoot, "backups", carters.tenantId, "exports", domainId, stored[0]!),
    );
    expect(sealed.includes(Buffer.from("urn:xmpp:pie"))).toBe(false);
    const serverData = path.join(platform.dataRoot, "instances", sharedId, "data");
    expect(readdirSync(serverData).filter((f) => f.startsWith(".xh-export"))).toEqual([]);
    // The same file again later, by the operation that wrote it; nobody else's.
    const op = await platform.app.core.db.operation.findFirstOrThrow({ where: { type: "domain.export" } });
    const again = await owner("GET", `/api/v1/domains/${domainId}/exports/${op.id}`);
    expect(again.status).toBe(200);
    expect(again.text).toBe(res.text);
    expect((await other.call("GET", `/api/v1/domains/${domainId}/exports/${op.id}`)).status).toBe(404);
    const audit = await platform.app.core.db.auditEvent.findMany({ where: { action: "domain.export_requested" } });
    expect(audit.map((a) => a.resourceId)).toEqual([domainId]);
  }, 120_000);

  const importTo = async (instanceId: string, document: string) => {
    const res = await platform.app.inject({
      method: "POST",
      url: `/api/v1/instances/${instanceId}/domains/import?wait=120`,
      headers: { authorization: `Bearer ${carters.token}`, "content-type": "application/xml" },
      payload: document,
    });
    return { status: res.statusCode, json: res.json() as Record<string, any>, text: res.body };
  };

  it("creates a domain from such a file written for another address, on a new server: old passwords, contact, room membership, history", async () => {
    const fresh = await carters.call("POST", `/api/v1/tenants/${carters.tenantId}/instances?wait=60`, {
      name: "fresh",
    });
    expect(fresh.json.operation?.status, fresh.text).toBe("succeeded");
    const freshId = fresh.json.instance.id as string;

    // Refusals name the file and create nothing.
    const notPie = await importTo(freshId, "<hello/>");
    expect(notPie.status, notPie.text).toBe(422);
    expect(notPie.json.errors?.[0]).toMatchObject({ field: "file", code: "invalid" });
    const freeAddress = await importTo(freshId, exported);
    expect(freeAddress.status, freeAddress.text).toBe(422);
    expect(freeAddress.json.errors?.[0]).toMatchObject({ field: "file", code: "reserved" });
    const other = await signupWithToken(platform.app, "stranger");
    const intoTheirs = await platform.app.inject({
      method: "POST",
      url: `/api/v1/instances/${freshId}/domains/import`,
      headers: { authorization: `Bearer ${other.token}`, "content-type": "application/xml" },
      payload: exported,
    });
    expect(intoTheirs.statusCode).toBe(404);
    expect(await platform.app.core.db.domain.count({ where: { instanceId: freshId } })).toBe(0);

    // The same data, as another server would have written it for carters.example.
    const NEW = "carters.example";
    const res = await importTo(freshId, exported.replaceAll(DOMAIN, NEW));
    expect(res.status, res.text).toBe(201);
    expect(res.json.operation.status, res.text).toBe("succeeded");
    expect(res.json.operation.result).toMatchObject({ users: 20, archived: 400, rooms: 1 });
    expect(res.json.domain.name).toBe(NEW);
    const at = await endpointOf(freshId);
    const renamed = (who: readonly [string, string]) => [who[0].replace(DOMAIN, NEW), who[1]] as const;
    for (const who of [alice, bob, people[19]!]) {
      const login = await xmppClient(["login", ...renamed(who), at.host, String(at.port), caFile]);
      expect(login.code, JSON.stringify(login.out)).toBe(0);
    }
    await expectFamilyData(at, NEW);
    // The platform lists the accounts and the group chat it found on the server.
    const accounts = await carters.call("GET", `/api/v1/domains/${res.json.domain.id}/accounts?limit=100`);
    expect(accounts.json.items).toHaveLength(20);
    const rooms = await carters.call("GET", `/api/v1/domains/${res.json.domain.id}/rooms`);
    expect(rooms.json.items.map((r: { jid: string }) => r.jid)).toEqual([`family@groups.${NEW}`]);
    // The stored document is gone once taken.
    const imports = path.join(platform.dataRoot, "backups", carters.tenantId, "domain-imports");
    expect(existsSync(imports) ? readdirSync(imports) : []).toEqual([]);
  }, 240_000);

  it("takes the same file into an ejabberd server, and gives it back from there: passwords, contact, room, history", async () => {
    const ej = await carters.call("POST", `/api/v1/tenants/${carters.tenantId}/instances?wait=90`, {
      name: "ej",
      server: "ejabberd",
    });
    expect(ej.json.operation?.status, ej.text).toBe("succeeded");
    ejId = ej.json.instance.id as string;
    const NEW = "carters.org";
    const res = await importTo(ejId, exported.replaceAll(DOMAIN, NEW));
    expect(res.status, res.text).toBe(201);
    expect(res.json.operation.status, res.text).toBe("succeeded");
    expect(res.json.operation.result).toMatchObject({ users: 20, archived: 400, rooms: 1 });
    const at = await endpointOf(ejId);
    const renamed = (who: readonly [string, string]) => [who[0].replace(DOMAIN, NEW), who[1]] as const;
    for (const who of [alice, bob, people[19]!]) {
      const login = await xmppClient(["login", ...renamed(who), at.host, String(at.port), caFile]);
      expect(login.code, JSON.stringify(login.out)).toBe(0);
    }
    const room = `family@groups.${NEW}`;
    await expectFamilyData(at, NEW);
    const domainId2 = res.json.domain.id as string;
    const rooms = await carters.call("GET", `/api/v1/domains/${domainId2}/rooms`);
    expect(rooms.json.items.map((r: { jid: string }) => r.jid)).toEqual([room]);

    // Out again, from ejabberd: every account with its credentials, the contact, the room and the history.
    const owner = client(platform.app, { cookie: carters.cookie });
    const back = await owner("GET", `/api/v1/domains/${domainId2}/export?wait=60`);
    expect(back.status, back.text.slice(0, 500)).toBe(200);
    const doc = parseXml(back.text);
    const users =
      doc
        .getChildren("host")
        .find((h) => h.attrs.jid === NEW)
        ?.getChildren("user") ?? [];
    expect(users).toHaveLength(20);
    const original = parseXml(exported).getChild("host")?.getChildren("user") ?? [];
    const keyOf = (list: typeof users, name: string) =>
      list
        .find((u) => u.attrs.name === name)
        ?.getChild("scram-credentials", "urn:xmpp:pie:0#scram")
        ?.getChildText("stored-key");
    // The same stored key that Prosody kept: nobody's password was reset or seen.
    expect(keyOf(users, "person0")).toBe(keyOf(original, "person0"));
    const aliceEl = users.find((u) => u.attrs.name === "person0");
    expect(aliceEl?.getChild("archive", "urn:xmpp:pie:0#mam")?.getChildren("result")).toHaveLength(200);
    const family = doc
      .getChildren("host")
      .find((h) => h.attrs.jid === `groups.${NEW}`)
      ?.getChild("room", "urn:x-xmpp-host:pie:muc:0");
    const members = family?.getChild("query", "http://jabber.org/protocol/muc#admin")?.getChildren("item") ?? [];
    expect(
      members
        .filter((m) => m.attrs.affiliation === "member")
        .map((m) => m.attrs.jid)
        .sort(),
    ).toEqual([alice, bob, carol].map((p) => renamed(p)[0]).sort());
  }, 240_000);
});

describe("moving between Prosody and ejabberd", () => {
  it("moves the domain from Prosody to ejabberd and back while in use: old passwords, contact, room membership and 200 messages each time", async () => {
    expect(ejId).not.toBe("");
    const shared = await endpointOf(sharedId);
    const ej = await endpointOf(ejId);
    const {
      value: moved,
      windowMs,
      lastOk,
    } = await refusalsDuring([shared, ej], () =>
      carters.call("POST", `/api/v1/domains/${domainId}/move?wait=120`, { targetInstanceId: ejId }),
    );
    expect(moved.json.operation?.status, moved.text).toBe("succeeded");
    const result = moved.json.operation.result as { loginsRefusedMs: number; converted: { users: number } };
    expect(result.converted.users).toBe(20);
    console.log(
      `Prosody to ejabberd: login-refusal window ${windowMs} ms seen by a client logging in every 25 ms; ` +
        `${result.loginsRefusedMs} ms from the freeze to the new server's check, as the operation measured it`,
    );
    expect(lastOk).toBe(true);
    expect((await carters.call("GET", `/api/v1/domains/${domainId}`)).json).toMatchObject({ instanceId: ejId });
    const srv = await resolver().resolveSrv(`_xmpp-client._tcp.${DOMAIN}`);
    expect(srv.map((r) => r.port)).toEqual([ej.port]);
    const onEjabberd = await slixmppLogins(ej);
    expect(Object.entries(onEjabberd).filter(([, v]) => v !== "ok")).toEqual([]);
    await expectFamilyData(ej);
    await expectFamilyBookmark(ej);
    expect(await canLogIn(alice, shared)).toBe(false);
    expect(existsSync(path.join(platform.dataRoot, "instances", sharedId, "data", prosodyStoreName(DOMAIN)))).toBe(
      false,
    );
    // No copy of the file it went through is left on either server.
    const leftovers = (id: string) =>
      readdirSync(platform.workerCtx.runtime.layout(id).data).filter((f) => f.startsWith(".xh-"));
    expect([...leftovers(sharedId), ...leftovers(ejId)]).toEqual([]);

    // And back to Prosody, on the family's own server.
    const own = await endpointOf(ownId);
    const back = await carters.call("POST", `/api/v1/domains/${domainId}/move?wait=120`, { targetInstanceId: ownId });
    expect(back.json.operation?.status, back.text).toBe("succeeded");
    console.log(`ejabberd to Prosody: ${back.json.operation.result.loginsRefusedMs} ms from the freeze to the check`);
    expect([...leftovers(ejId), ...leftovers(ownId)]).toEqual([]);
    const onProsody = await slixmppLogins(own);
    expect(Object.entries(onProsody).filter(([, v]) => v !== "ok")).toEqual([]);
    await expectFamilyData(own);
    await expectFamilyBookmark(own);
    // ejabberd no longer serves the domain, and forgot its accounts (a deletion's unsubscriptions were not sent:
    // Bob still has Alice, above).
    expect(await canLogIn(alice, ej)).toBe(false);
    const ejServer = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: ejId } });
    const ejDriver = platform.workerCtx.driverFor(ejServer);
    expect(await ejDriver.accountExists(alice[0])).toBe(false);
    // So the domain can go there again: nothing of its first stay is in the way.
    const again = await carters.call("POST", `/api/v1/domains/${domainId}/move?wait=120`, { targetInstanceId: ejId });
    expect(again.json.operation?.status, again.text).toBe("succeeded");
    expect(await canLogIn(people[19]!, ej)).toBe(true);
    expect(await canLogIn(people[19]!, own)).toBe(false);
  }, 300_000);

  it("leaves the domain on ejabberd, logins let in again, when the Prosody server it goes to dies", async () => {
    const started = await carters.call("POST", `/api/v1/domains/${domainId}/move`, { targetInstanceId: ownId });
    expect(started.status, started.text).toBe(202);
    let ended = false;
    const killer = (async () => {
      while (!ended) {
        killServer(ownId);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const op = await waitForOperation(started.json.operation.id as string, 90).finally(() => {
      ended = true;
    });
    await killer;
    expect(op.status).toBe("failed");
    expect(JSON.stringify(op.error)).toMatch(/stays on ej/);
    const domain = await platform.app.core.db.domain.findUniqueOrThrow({ where: { id: domainId } });
    expect(domain.instanceId).toBe(ejId);
    // The paused logins are let in again, and nothing is missing.
    const ej = await endpointOf(ejId);
    const served = await Promise.all(people.map((who) => canLogIn(who, ej)));
    expect(people.filter((_, i) => !served[i]).map((p) => p[0])).toEqual([]);
    await expectFamilyData(ej);
  }, 180_000);
});
