// Free addresses on shared servers, end to end: the platform zone served by a real BIND (updated by RFC 2136 with
// TSIG), shared Prosody servers, and slixmpp as the independent client that finds the server through DNS alone.

import dns from "node:dns";
import { existsSync, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fetchServedCertificate } from "@xmpp-host/acme";
import { type Pebble, startPebble } from "@xmpp-host/acme/testing";
import { platformZoneEnv, startTestNamed, type TestNamed } from "@xmpp-host/dns/testing";
import { prosodyStoreName } from "@xmpp-host/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeInstance } from "../apps/worker/src/processors/health.ts";
import { type Call, client, cookieOf, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, writeCa, xmppClient } from "./helpers/xmpp.ts";

const BASE = "chat.test";
let platform: Platform;
let named: TestNamed;
let pebble: Pebble;
let caFile: string;
let smiths: { call: Call; tenantId: string; domainId: string };
let joneses: { call: Call; tenantId: string; domainId: string };
let sharedId: string;

const alice = ["alice@smiths.chat.test", "amber-orchard-lamp"] as const;
const bob = ["bob@joneses.chat.test", "amber-orchard-lamp"] as const;
const bobsBrother = ["tom@joneses.chat.test", "amber-orchard-lamp"] as const;
const smithsRoom = "family@groups.smiths.chat.test";
const jonesesRoom = "home@groups.joneses.chat.test";

function resolver(): dns.promises.Resolver {
  const r = new dns.promises.Resolver({ timeout: 1000, tries: 2 });
  r.setServers([named.server]);
  return r;
}

async function sharedEndpoint(): Promise<{ host: string; port: string }> {
  const i = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: sharedId } });
  return { host: i.host, port: String(i.c2sPort) };
}

async function login(who: readonly [string, string], endpoint?: { host: string; port: string }) {
  const e = endpoint ?? (await sharedEndpoint());
  return xmppClient(["login", who[0], who[1], e.host, e.port, caFile]);
}

async function freeAddress(call: Call, tenantId: string, name: string) {
  const res = await call("POST", `/api/v1/tenants/${tenantId}/domains?wait=30`, { name });
  expect(res.status, res.text).toBe(201);
  expect(res.json.operation.status, res.text).toBe("succeeded");
  return res.json.domain as { id: string; name: string; instanceId: string | null; placement: string };
}

async function account(call: Call, domainId: string, who: readonly [string, string]) {
  const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: who[0].split("@")[0],
    password: who[1],
  });
  expect(res.json.operation?.status, res.text).toBe("succeeded");
  return res.json.account as { id: string };
}

/** Creates a room, waiting for the server to have it. */
async function room(call: Call, domainId: string, body: Record<string, unknown>) {
  const res = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, body);
  expect(res.json.operation?.status, res.text).toBe("succeeded");
}

async function operatorCall(): Promise<Call> {
  const db = platform.app.core.db;
  const res = await signup(platform.app, "ops@test.example", "correct horse battery", "Ops", "Platform team");
  expect(res.status, res.text).toBe(201);
  await db.user.update({ where: { email: "ops@test.example" }, data: { isOperator: true } });
  return client(platform.app, { cookie: cookieOf(res) });
}

beforeAll(async () => {
  named = await startTestNamed({ zones: [{ name: BASE, records: ["xmpp IN A 127.0.0.1"] }] });
  // The ACME test CA checks DNS-01 challenges against the platform zone itself.
  pebble = await startPebble({ dnsServer: named.server });
  const pebbleCa = path.join(await fs.mkdtemp(path.join(tmpdir(), "xh-pebble-")), "pebble.pem");
  await fs.writeFile(pebbleCa, pebble.caCertPem);
  platform = await startPlatform({
    workerEnv: {
      ACME_DIRECTORY_URL: pebble.directoryUrl,
      ACME_CA_CERT_FILE: pebbleCa,
      ACME_EMAIL: "certs@chat.test",
      ...platformZoneEnv(named, BASE),
      SHARED_INSTANCE_MAX_DOMAINS: "3",
      SHARED_DOMAIN_MAX_ACCOUNTS: "4",
      SHARED_DOMAIN_UPLOAD_QUOTA_MB: "1",
      BACKUP_VERIFY: "false",
    },
  });
  // Clients trust the platform's internal CA (the first certificate) and the ACME CA's root (the public one).
  const internal = (await internalCa(platform)).pem;
  caFile = writeCa(platform.dataRoot, `${internal.trim()}\n${(await pebble.rootPem()).trim()}\n`);
  const a = await signupWithToken(platform.app, "smith");
  const b = await signupWithToken(platform.app, "jones");
  smiths = { ...a, domainId: "" };
  joneses = { ...b, domainId: "" };
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await pebble?.stop();
  await named?.close();
});

describe("choosing a free address", () => {
  it("says which base domain is offered, and checks names as they are typed", async () => {
    expect((await client(platform.app)("GET", "/api/v1/platform")).json.baseDomain).toBe(BASE);
    const check = async (name: string) => (await smiths.call("GET", `/api/v1/free-addresses/${name}`)).json;
    expect(await check("Smiths")).toMatchObject({ name: "smiths", address: "smiths.chat.test", available: true });
    expect(await check("www")).toMatchObject({ available: false, reason: "reserved" });
    expect(await check("xmpp")).toMatchObject({ available: false, reason: "reserved" });
    expect(await check("merde")).toMatchObject({ available: false, reason: "offensive" });
    expect(await check("the-fuck-family")).toMatchObject({ available: false, reason: "offensive" });
    expect(await check("a.b")).toMatchObject({ available: false, reason: "invalid", address: null });
    expect(await check("-smiths")).toMatchObject({ available: false, reason: "invalid" });
    expect(await check("xn--80ak6aa92e")).toMatchObject({ available: false, reason: "invalid" });
    // A name that merely contains a refused word is fine.
    expect(await check("shitake-growers")).toMatchObject({ available: true });
    expect((await client(platform.app)("GET", "/api/v1/free-addresses/smiths")).status).toBe(401);
  });

  it("gives a new family NAME.BASE on a shared server, all DNS ok against the real zone, and no DNS alert", async () => {
    const domain = await freeAddress(smiths.call, smiths.tenantId, "smiths");
    smiths.domainId = domain.id;
    expect(domain).toMatchObject({
      name: "smiths.chat.test",
      placement: "shared",
      instanceId: null,
      freeAddress: true,
    });
    const row = await platform.app.core.db.domain.findUniqueOrThrow({
      where: { id: domain.id },
      include: { instance: true },
    });
    expect(row.instance.placement).toBe("shared");
    expect(row.instance.tenantId).toBeNull();
    expect(row.verified).toBe(true);
    sharedId = row.instanceId;

    // The records are in the zone that BIND serves.
    const srv = await resolver().resolveSrv("_xmpp-client._tcp.smiths.chat.test");
    expect(srv).toEqual([expect.objectContaining({ name: `xmpp.${BASE}`, port: row.instance.c2sPort })]);

    const checked = await smiths.call("POST", `/api/v1/domains/${domain.id}/dns/check?wait=30`);
    expect(checked.json.operation?.status, checked.text).toBe("succeeded");
    const view = (await smiths.call("GET", `/api/v1/domains/${domain.id}/dns`)).json;
    expect(view.managedByPlatform).toBe(true);
    expect(view.status).toBe("ok");
    const records = view.records as { id: string; status: string }[];
    expect(records.length).toBeGreaterThanOrEqual(5);
    expect(records.filter((r) => r.status !== "ok")).toEqual([]);
    // Nothing to prove: the platform holds the zone.
    expect(records.map((r) => r.id)).not.toContain("txt-verify");

    // A probe of the shared server evaluates the alert rules: nothing opens for this domain.
    await probeInstance(platform.workerCtx, sharedId);
    const alerts = (await smiths.call("GET", `/api/v1/tenants/${smiths.tenantId}/alerts`)).json;
    expect(alerts.items).toEqual([]);
    const health = (await smiths.call("GET", `/api/v1/domains/${domain.id}/health`)).json;
    expect(health).toMatchObject({ name: "smiths.chat.test", status: "healthy" });

    // Tenants never see the shared server.
    for (const url of [`/api/v1/instances/${sharedId}`, `/api/v1/instances/${sharedId}/domains`]) {
      expect((await smiths.call("GET", url)).status).toBe(404);
    }
    const listed = (await smiths.call("GET", `/api/v1/tenants/${smiths.tenantId}/domains`)).json;
    expect(listed.items.map((d: { name: string }) => d.name)).toEqual(["smiths.chat.test"]);
  });

  it("publishes an IRC gateway's records in the platform zone while it is on, and removes them when it goes", async () => {
    const on = await smiths.call("PUT", `/api/v1/domains/${smiths.domainId}/irc-gateway?wait=30`);
    expect(on.json.operation?.status, on.text).toBe("succeeded");
    const shared = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: sharedId } });
    expect(await resolver().resolveCname("irc.smiths.chat.test")).toEqual([`xmpp.${BASE}`]);
    expect(await resolver().resolveSrv("_xmpp-server._tcp.irc.smiths.chat.test")).toEqual([
      expect.objectContaining({ name: `xmpp.${BASE}`, port: shared.s2sPort }),
    ]);
    const off = await smiths.call("DELETE", `/api/v1/domains/${smiths.domainId}/irc-gateway?wait=30`);
    expect(off.json.operation?.status, off.text).toBe("succeeded");
    await expect(resolver().resolveCname("irc.smiths.chat.test")).rejects.toThrow();
    await expect(resolver().resolveSrv("_xmpp-server._tcp.irc.smiths.chat.test")).rejects.toThrow();
    // The domain's own records stay.
    expect(await resolver().resolveSrv("_xmpp-client._tcp.smiths.chat.test")).toHaveLength(1);
  });

  it("serves the internal CA's certificate at once, then a public one obtained by DNS-01 in the platform zone", async () => {
    const certificates = async () => (await smiths.call("GET", `/api/v1/domains/${smiths.domainId}/certificates`)).json;
    const deadline = Date.now() + 60_000;
    // The certificate is stored before it is deployed: wait for the operation itself to end. A failed attempt is
    // retried by the queue; only an operation that failed for good ends the wait early.
    const issued = () =>
      platform.app.core.db.operation.findFirst({
        where: { type: "certificate.issue", resourceId: smiths.domainId, status: { in: ["succeeded", "failed"] } },
      });
    let op = await issued();
    while (!op && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      op = await issued();
    }
    expect(op?.status, JSON.stringify(op?.error)).toBe("succeeded");
    const view = await certificates();
    expect(view.lastError).toBeNull();
    expect(view.current).toMatchObject({ source: "acme" });
    expect(view.history.map((c: { source: string }) => c.source)).toEqual(["acme", "internal"]);
    const e = await sharedEndpoint();
    const served = await fetchServedCertificate({ host: e.host, port: Number(e.port), domain: "smiths.chat.test" });
    expect(served.fingerprint).toBe(view.current.fingerprint);
    // The challenge record is gone from the zone again.
    await expect(resolver().resolveTxt("_acme-challenge.smiths.chat.test")).rejects.toThrow();
  });

  it("lets an independent client find the server through the SRV record, log in and join a room", async () => {
    await account(smiths.call, smiths.domainId, alice);
    await room(smiths.call, smiths.domainId, { name: "family", title: "Family", members: [alice[0]] });
    const shared = await sharedEndpoint();
    const joined = await xmppClient(["srv-join", named.server, caFile, alice[0], alice[1], smithsRoom]);
    expect(joined.out, JSON.stringify(joined.out)).toMatchObject({
      result: "ok",
      target: `xmpp.${BASE}`,
      port: Number(shared.port),
      address: "127.0.0.1",
    });
  });

  it("tells the family when the shared server hosting it is down, and when it is back", async () => {
    const { pid } = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: sharedId } });
    if (!pid) throw new Error("the shared server has no pid");
    const alerts = async () =>
      (await smiths.call("GET", `/api/v1/tenants/${smiths.tenantId}/alerts`)).json.items as {
        rule: string;
        status: string;
        subjectName: string;
      }[];
    process.kill(pid, "SIGSTOP");
    try {
      await probeInstance(platform.workerCtx, sharedId);
      await probeInstance(platform.workerCtx, sharedId);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    expect(await alerts()).toEqual([
      expect.objectContaining({ rule: "domain_down", status: "open", subjectName: "smiths.chat.test" }),
    ]);
    await probeInstance(platform.workerCtx, sharedId);
    expect(await alerts()).toEqual([expect.objectContaining({ rule: "domain_down", status: "resolved" })]);
  });

  it("refuses bad names and an own domain under the base, creating nothing", async () => {
    const db = platform.app.core.db;
    const before = { domains: await db.domain.count(), operations: await db.operation.count() };
    const cases: [string, unknown, number][] = [
      [`/api/v1/tenants/${joneses.tenantId}/domains`, { name: "smiths" }, 409],
      [`/api/v1/tenants/${joneses.tenantId}/domains`, { name: "admin" }, 422],
      [`/api/v1/tenants/${joneses.tenantId}/domains`, { name: "salope" }, 422],
      [`/api/v1/tenants/${joneses.tenantId}/domains`, { name: "two.labels" }, 400],
      [`/api/v1/tenants/${joneses.tenantId}/domains`, { name: "x" }, 400],
    ];
    for (const [url, body, status] of cases) {
      const res = await joneses.call("POST", url, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors?.[0]?.field, res.text).toBe("name");
    }
    // A name under the base asked for as an own domain, on a dedicated server.
    const inst = await joneses.call("POST", `/api/v1/tenants/${joneses.tenantId}/instances?wait=30`, { name: "own" });
    expect(inst.json.operation?.status, inst.text).toBe("succeeded");
    const own = await joneses.call("POST", `/api/v1/instances/${inst.json.instance.id}/domains`, {
      name: "joneses.chat.test",
    });
    expect(own.status, own.text).toBe(422);
    expect(own.json.errors[0].field).toBe("name");
    // Over the tenant's domain quota.
    await db.tenant.update({ where: { id: joneses.tenantId }, data: { domainQuota: 0 } });
    const over = await joneses.call("POST", `/api/v1/tenants/${joneses.tenantId}/domains`, { name: "joneses" });
    expect(over.status, over.text).toBe(403);
    expect(over.json.code).toBe("quota_exceeded");
    expect(over.json.errors[0].field).toBe("name");
    await db.tenant.update({ where: { id: joneses.tenantId }, data: { domainQuota: 10 } });
    const instanceOps = 1; // the dedicated server's own creation above
    expect(await db.domain.count()).toBe(before.domains);
    expect(await db.operation.count()).toBe(before.operations + instanceOps);
  });
});

describe("two families on one shared server", () => {
  it("places the second family on the same server; each logs in, and neither sees the other's rooms", async () => {
    const domain = await freeAddress(joneses.call, joneses.tenantId, "joneses");
    joneses.domainId = domain.id;
    const row = await platform.app.core.db.domain.findUniqueOrThrow({ where: { id: domain.id } });
    expect(row.instanceId).toBe(sharedId);
    await account(joneses.call, domain.id, bob);
    await room(joneses.call, domain.id, { name: "home", title: "Home", members: [bob[0]] });
    // A public room of the Smiths, which anyone may find, shows that disco does list what is meant to be seen.
    await room(smiths.call, smiths.domainId, { name: "lobby", title: "Lobby", public: true, membersOnly: false });

    expect((await login(alice)).out).toEqual({ result: "ok" });
    expect((await login(bob)).out).toEqual({ result: "ok" });
    const e = await sharedEndpoint();
    const bobSees = await xmppClient([
      "disco",
      e.host,
      e.port,
      caFile,
      ...bob,
      "groups.smiths.chat.test",
      "joneses.chat.test",
    ]);
    expect(bobSees.out.result, JSON.stringify(bobSees.out)).toBe("ok");
    const bobItems = bobSees.out.items as Record<string, string[]>;
    expect(bobItems["groups.smiths.chat.test"]).toEqual(["lobby@groups.smiths.chat.test"]);
    expect(bobItems["joneses.chat.test"]).toEqual(["groups.joneses.chat.test", "share.joneses.chat.test"]);
    const aliceSees = await xmppClient(["disco", e.host, e.port, caFile, ...alice, "groups.joneses.chat.test"]);
    expect((aliceSees.out.items as Record<string, string[]>)["groups.joneses.chat.test"]).toEqual([]);
  });

  it("lets a family invite someone, who signs up on the web and logs in to the shared server", async () => {
    const invite = await joneses.call("POST", `/api/v1/domains/${joneses.domainId}/invites?wait=30`, {
      maxUses: 1,
      rooms: [(await platform.app.core.db.room.findFirstOrThrow({ where: { domainId: joneses.domainId } })).id],
    });
    expect(invite.json.operation?.status, invite.text).toBe("succeeded");
    const token = invite.json.invite.token as string;
    const anon = client(platform.app);
    const signup = await anon("POST", `/api/v1/public/invites/${token}/register`, {
      username: "gran",
      password: "amber-orchard-lamp",
    });
    expect(signup.status, signup.text).toBe(201);
    expect(signup.json).toMatchObject({ jid: "gran@joneses.chat.test", rooms: [jonesesRoom] });
    expect((await login(["gran@joneses.chat.test", "amber-orchard-lamp"])).out).toEqual({ result: "ok" });
    // The invite was for one person.
    const again = await anon("POST", `/api/v1/public/invites/${token}/register`, {
      username: "x2",
      password: "river-stone-42",
    });
    expect(again.status).toBe(410);
  });

  it("enforces the per-domain account limit of a shared server, in the API and in-band", async () => {
    // The limit is 4 in this test; the Smiths hold alice.
    const db = platform.app.core.db;
    const e = await sharedEndpoint();
    const opened = await smiths.call("PATCH", `/api/v1/domains/${smiths.domainId}?wait=30`, { registration: "open" });
    expect(opened.json.operation?.status, opened.text).toBe("succeeded");
    for (const n of [2, 3, 4])
      await account(smiths.call, smiths.domainId, [`user${n}@smiths.chat.test`, "river-stone-42"]);
    const over = await smiths.call("POST", `/api/v1/domains/${smiths.domainId}/accounts`, { localpart: "user5" });
    expect(over.status, over.text).toBe(403);
    expect(over.json.code).toBe("quota_exceeded");
    expect(await db.account.count({ where: { domainId: smiths.domainId } })).toBe(4);
    const inBand = () => xmppClient(["register", e.host, e.port, caFile, "user5@smiths.chat.test", "river-stone-42"]);
    const refused = await inBand();
    expect(refused.out, JSON.stringify(refused.out)).toMatchObject({ result: "refused" });
    expect(String(refused.out.text)).toContain("number of accounts");
    const conf = await fs.readFile(path.join(platform.dataRoot, "instances", sharedId, "hosts.cfg.lua"), "utf8");
    expect(conf).toContain("xh_max_accounts = 4");
    expect(conf).toContain('archive_expires_after = "30d"');
    expect(conf).toContain('muc_log_expires_after = "30d"');
    // Upload storage: 1 MB for the family in this test.
    const slot = (size: number) =>
      xmppClient(["upload-slot", e.host, e.port, caFile, ...alice, "share.smiths.chat.test", String(size)]);
    expect((await slot(500_000)).out).toMatchObject({ result: "ok" });
    expect((await slot(2_000_000)).out).toMatchObject({
      result: "refused",
      condition: "resource-constraint",
      text: "Server global storage quota reached",
    });
    // Below the limit again, the same registration goes through.
    for (const n of [2, 3, 4]) {
      const a = await db.account.findFirstOrThrow({ where: { localpart: `user${n}`, domainId: smiths.domainId } });
      expect((await smiths.call("DELETE", `/api/v1/accounts/${a.id}?wait=30`)).json.operation?.status).toBe(
        "succeeded",
      );
    }
    expect((await inBand()).out).toEqual({ result: "ok" });
    expect((await login(["user5@smiths.chat.test", "river-stone-42"])).out).toEqual({ result: "ok" });
  });

  it("restores one family's backup without touching the other", async () => {
    const backup = await smiths.call("POST", `/api/v1/domains/${smiths.domainId}/backups?wait=60`);
    expect(backup.json.operation?.status, backup.text).toBe("succeeded");
    expect(backup.json.backup).toMatchObject({ domainId: smiths.domainId, instanceId: null, status: "succeeded" });
    const listed = (await smiths.call("GET", `/api/v1/domains/${smiths.domainId}/backups`)).json;
    expect(listed.items.map((b: { id: string }) => b.id)).toEqual([backup.json.backup.id]);

    // After the backup: the Smiths add an account; the Joneses add one and talk, which MAM archives.
    const late = ["late@smiths.chat.test", "amber-orchard-lamp"] as const;
    await account(smiths.call, smiths.domainId, late);
    await account(joneses.call, joneses.domainId, bobsBrother);
    const e = await sharedEndpoint();
    const talk = await xmppClient(["converse", e.host, e.port, caFile, ...bob, ...bobsBrother, "5"]);
    expect(talk.out, JSON.stringify(talk.out)).toMatchObject({ result: "ok", delivered: 5 });
    const pidBefore = (await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: sharedId } })).pid;

    const restore = await smiths.call("POST", `/api/v1/backups/${backup.json.backup.id}/restore?wait=60`, {});
    expect(restore.json.operation?.status, restore.text).toBe("succeeded");

    // The Smiths are back as they were: alice logs in, the later account is gone from the server.
    expect((await login(alice)).out).toEqual({ result: "ok" });
    expect((await login(late)).code).toBe(2);
    // The Joneses lost nothing: the newer account logs in and the messages are still archived.
    expect((await login(bobsBrother)).out).toEqual({ result: "ok" });
    const seen = await xmppClient(["inspect", e.host, e.port, caFile, ...bob, jonesesRoom, bobsBrother[0]]);
    expect(seen.out, JSON.stringify(seen.out)).toMatchObject({ result: "ok", joined: true, archived: 5 });
    // The shared server itself kept running.
    expect((await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: sharedId } })).pid).toBe(pidBefore);
  });
});

describe("the shared pool", () => {
  it("opens a second shared server when the first is full, and shows both to operators", async () => {
    const garcias = await signupWithToken(platform.app, "garcia");
    const lees = await signupWithToken(platform.app, "lee");
    await freeAddress(garcias.call, garcias.tenantId, "garcias"); // the third and last on the first server
    const fourth = await freeAddress(lees.call, lees.tenantId, "lees");
    const db = platform.app.core.db;
    const row = await db.domain.findUniqueOrThrow({ where: { id: fourth.id }, include: { instance: true } });
    expect(row.instanceId).not.toBe(sharedId);
    expect(row.instance).toMatchObject({ placement: "shared", status: "running", tenantId: null, maxDomains: 3 });
    expect(
      (await login(["x@lees.chat.test", "nobody"], { host: row.instance.host, port: String(row.instance.c2sPort) }))
        .code,
    ).toBe(2);

    const ops = await operatorCall();
    const fleet = (await ops("GET", "/api/v1/fleet?limit=100")).json;
    const pool = (
      fleet.items as { instance: { id: string; placement: string }; domainCount: number; capacity: number }[]
    )
      .filter((i) => i.instance.placement === "shared")
      .map((i) => ({ id: i.instance.id, domains: i.domainCount, capacity: i.capacity }))
      .sort((a, b) => b.domains - a.domains);
    expect(pool).toEqual([
      { id: sharedId, domains: 3, capacity: 3 },
      { id: row.instanceId, domains: 1, capacity: 3 },
    ]);
    // Tenants do not reach the fleet.
    expect((await lees.call("GET", "/api/v1/fleet")).status).toBe(404);
  });
});

describe("growing out of shared hosting", () => {
  it("moves a family's domain from the shared server onto its own dedicated server, DNS and all", async () => {
    const inst = await smiths.call("POST", `/api/v1/tenants/${smiths.tenantId}/instances?wait=30`, { name: "ours" });
    expect(inst.json.operation?.status, inst.text).toBe("succeeded");
    const dedicated = inst.json.instance as { id: string; endpoints: { host: string; c2sPort: number } };
    const backup = await smiths.call("POST", `/api/v1/domains/${smiths.domainId}/backups?wait=60`);
    expect(backup.json.operation?.status, backup.text).toBe("succeeded");
    const moved = await smiths.call("POST", `/api/v1/backups/${backup.json.backup.id}/restore?wait=60`, {
      targetInstanceId: dedicated.id,
    });
    expect(moved.json.operation?.status, moved.text).toBe("succeeded");

    const domain = (await smiths.call("GET", `/api/v1/domains/${smiths.domainId}`)).json;
    expect(domain).toMatchObject({ instanceId: dedicated.id, placement: "dedicated" });
    const own = { host: dedicated.endpoints.host, port: String(dedicated.endpoints.c2sPort) };
    expect((await login(alice, own)).out).toEqual({ result: "ok" });
    expect((await login(alice)).code).not.toBe(0); // the shared server no longer serves the Smiths
    const srv = await resolver().resolveSrv("_xmpp-client._tcp.smiths.chat.test");
    expect(srv.map((r) => r.port)).toEqual([dedicated.endpoints.c2sPort]);
    const shared = path.join(platform.dataRoot, "instances", sharedId);
    expect(existsSync(path.join(shared, "data", prosodyStoreName("smiths.chat.test")))).toBe(false);
    // The Joneses, still on the shared server, are untouched.
    expect((await login(bob)).out).toEqual({ result: "ok" });
  });
});

describe("deleting a free address", () => {
  it("leaves no data, keys, configuration, DNS records or backups of the family behind", async () => {
    const backup = await joneses.call("POST", `/api/v1/domains/${joneses.domainId}/backups?wait=60`);
    expect(backup.json.operation?.status, backup.text).toBe("succeeded");
    const storeDir = path.join(platform.dataRoot, "backups");
    const archives = async () =>
      (await fs.readdir(storeDir, { recursive: true })).filter((f) => String(f).includes(joneses.domainId));
    expect((await archives()).length).toBeGreaterThan(0);
    const dir = path.join(platform.dataRoot, "instances", sharedId);
    expect(existsSync(path.join(dir, "data", prosodyStoreName("joneses.chat.test")))).toBe(true);

    const del = await joneses.call("DELETE", `/api/v1/domains/${joneses.domainId}?wait=60`);
    expect(del.json.operation?.status, del.text).toBe("succeeded");

    const leftovers: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const e of await fs.readdir(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.name.includes("joneses") || decodeURIComponent(e.name).includes("joneses")) leftovers.push(p);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile() && !e.name.endsWith(".log") && (await fs.readFile(p, "latin1")).includes("joneses"))
          leftovers.push(p);
      }
    };
    await walk(dir);
    expect(leftovers).toEqual([]);
    expect(await archives()).toEqual([]);
    await expect(resolver().resolveSrv("_xmpp-client._tcp.joneses.chat.test")).rejects.toThrow();
    expect((await login(bob)).code).not.toBe(0);
  });
});

describe("tenant isolation of free addresses", () => {
  it("answers 404 to another tenant on every new route", async () => {
    const intruder = await signupWithToken(platform.app, "intruder");
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/v1/tenants/${smiths.tenantId}/domains`],
      ["POST", `/api/v1/tenants/${smiths.tenantId}/domains`, { name: "evil" }],
      ["GET", `/api/v1/domains/${smiths.domainId}/backups`],
      ["POST", `/api/v1/domains/${smiths.domainId}/backups`],
      ["GET", `/api/v1/domains/${smiths.domainId}/health`],
      ["GET", `/api/v1/instances/${sharedId}/backups`],
      ["POST", `/api/v1/instances/${sharedId}/domains`, { name: "evil.example" }],
    ];
    const failures: string[] = [];
    for (const [method, url, body] of routes) {
      const res = await intruder.call(method as "GET", url, body);
      if (res.status !== 404) failures.push(`${method} ${url} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(await platform.app.core.db.domain.count({ where: { name: "evil.chat.test" } })).toBe(0);
  });
});
