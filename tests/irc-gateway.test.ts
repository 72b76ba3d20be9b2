// A domain's IRC gateway, turned on and off through the API against a real IRC server (ngircd): an independent XMPP
// client (slixmpp) and a raw IRC client talk across it; the component comes and goes with no server restart.
import { existsSync } from "node:fs";
import path from "node:path";
import { prosodyStoreName } from "@xmpp-host/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainDataDirs } from "../apps/worker/src/processors/backups.ts";
import { probeInstance } from "../apps/worker/src/processors/health.ts";
import { superviseGateways } from "../apps/worker/src/processors/irc-gateways.ts";
import { type Ngircd, RawIrcClient, startNgircd } from "./helpers/irc.ts";
import { XmppSession } from "./helpers/muc-session.ts";
import { type Call, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "family.example";
const GATEWAY = `irc.${DOMAIN}`;
const ROOM = `#family%127.0.0.1@${GATEWAY}`;
const PASSWORD = "amber-orchard-lamp";

let platform: Platform;
let call: Call;
let other: Call;
let instanceId: string;
let domainId: string;
let caFile: string;
let c2s: number;
let ngircd: Ngircd;
const irc = new RawIrcClient();
const sessions: XmppSession[] = [];

/** alice's independent client, logged in to the domain's current server. */
function openAlice(): Promise<XmppSession> {
  return XmppSession.open({ host: "127.0.0.1", port: c2s, caFile, jid: `alice@${DOMAIN}`, password: PASSWORD });
}

async function discoItems(): Promise<string[]> {
  const res = await xmppClient(["disco", "127.0.0.1", String(c2s), caFile, `alice@${DOMAIN}`, PASSWORD, DOMAIN]);
  expect(res.code, JSON.stringify(res.out)).toBe(0);
  return (res.out.items as Record<string, string[]>)[DOMAIN] ?? [];
}

beforeAll(async () => {
  platform = await startPlatform({
    workerEnv: {
      // The test's IRC server is on loopback, which gateways refuse by default.
      IRC_ALLOW_PRIVATE_SERVERS: "true",
      HEALTH_PROBE_INTERVAL_MS: "3600000",
      SUPERVISE_INTERVAL_MS: "3600000",
    },
  });
  let tenantId: string;
  ({ call, tenantId } = await signupWithToken(platform.app, "irc"));
  ({ call: other } = await signupWithToken(platform.app, "irc-other"));
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "family" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instanceId = inst.json.instance.id;
  const dom = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=30`, { name: DOMAIN });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
  const acct = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "alice",
    password: PASSWORD,
  });
  expect(acct.json.operation.status, acct.text).toBe("succeeded");
  const row = await platform.workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  c2s = row.c2sPort as number;
  caFile = (await internalCa(platform)).file;
  ngircd = await startNgircd({ dir: path.join(platform.dataRoot, "ngircd"), port: 6667 });
  await irc.connect("127.0.0.1", 6667, "ircfan");
  await irc.join("#family");
});

afterAll(async () => {
  for (const s of sessions) await s.quit().catch(() => undefined);
  await irc.quit().catch(() => undefined);
  await ngircd?.stop();
  await platform?.close();
});

describe("IRC gateway", () => {
  it("is off at first, and another tenant cannot see or change it", async () => {
    const res = await call("GET", `/api/v1/domains/${domainId}/irc-gateway`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      address: GATEWAY,
      enabled: false,
      state: null,
      available: true,
      example: `#family%irc.libera.chat@${GATEWAY}`,
      limits: { maxServers: 5, maxConnections: 20 },
    });
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      const refused = await other(method, `/api/v1/domains/${domainId}/irc-gateway`);
      expect(refused.status, `${method} ${refused.text}`).toBe(404);
    }
    expect(await platform.workerCtx.core.db.ircGateway.count()).toBe(0);
  });

  it("counts against the tenant's gateway quota, refusing past it and creating nothing", async () => {
    const db = platform.workerCtx.core.db;
    const tenant = await db.domain.findUniqueOrThrow({ where: { id: domainId } });
    await db.tenant.update({ where: { id: tenant.tenantId }, data: { ircGatewayQuota: 0 } });
    try {
      const refused = await call("PUT", `/api/v1/domains/${domainId}/irc-gateway`);
      expect(refused.status, refused.text).toBe(403);
      expect(refused.json).toMatchObject({ reason: "irc_gateway_quota", params: { limit: 0 } });
      expect(await db.ircGateway.count()).toBe(0);
      expect(await db.operation.count({ where: { type: "irc-gateway.enable" } })).toBe(0);
    } finally {
      await db.tenant.update({ where: { id: tenant.tenantId }, data: { ircGatewayQuota: 2 } });
    }
  });

  it("turns on through the API: the component joins the running server live, and people talk across", async () => {
    const pid = platform.prosodyPid(instanceId);
    const on = await call("PUT", `/api/v1/domains/${domainId}/irc-gateway?wait=30`);
    expect(on.status, on.text).toBe(200);
    expect(on.json.operation.status, on.text).toBe("succeeded");
    expect(on.json.gateway).toMatchObject({ enabled: true, state: "active", lastError: null });
    expect(platform.prosodyPid(instanceId)).toBe(pid);
    expect(platform.workerCtx.gateways.status(domainId).running).toBe(true);
    expect(await discoItems()).toContain(GATEWAY);
    // Its database lives with the domain's data on the server, where backups and deletion find it.
    const data = platform.workerCtx.runtime.layout(instanceId).data;
    expect(existsSync(path.join(data, prosodyStoreName(GATEWAY)))).toBe(true);
    expect(domainDataDirs("prosody", DOMAIN)).toContain(prosodyStoreName(GATEWAY));

    // Again: idempotent, no new operation, nothing restarted.
    const gatewayPid = platform.workerCtx.gateways.status(domainId).pid;
    const again = await call("PUT", `/api/v1/domains/${domainId}/irc-gateway`);
    expect(again.status, again.text).toBe(200);
    expect(again.json.operation).toBeNull();
    expect(platform.workerCtx.gateways.status(domainId).pid).toBe(gatewayPid);
    expect(await platform.workerCtx.core.db.operation.count({ where: { type: "irc-gateway.enable" } })).toBe(1);

    const alice = await openAlice();
    sessions.push(alice);
    expect(await alice.join(ROOM, "alice")).toMatchObject({ event: "joined" });
    await irc.waitFor((_l, m) => m.command === "JOIN" && (m.prefix ?? "").startsWith("alice!"));
    alice.send(`say ${ROOM} hello from the family chat`);
    const line = await irc.waitFor((_l, m) => m.command === "PRIVMSG" && m.params[1] === "hello from the family chat");
    expect(line).toMatch(/^:alice!\S+ PRIVMSG #family :hello from the family chat$/);
    irc.say("#family", "hello from IRC");
    const got = await alice.next((e) => e.event === "message" && e.body === "hello from IRC");
    expect(got).toMatchObject({ room: ROOM, nick: "ircfan" });
  });

  it("expects its DNS records, and health notices a gateway that stopped; supervision starts it again", async () => {
    const dns = await call("GET", `/api/v1/domains/${domainId}/dns`);
    const names = dns.json.expected.map((r: { name: string; type: string }) => `${r.type} ${r.name}`);
    expect(names).toEqual(expect.arrayContaining([`CNAME ${GATEWAY}`, `SRV _xmpp-server._tcp.${GATEWAY}`]));

    const pid = platform.workerCtx.gateways.status(domainId).pid as number;
    process.kill(pid, "SIGKILL");
    await probeInstance(platform.workerCtx, instanceId);
    const health = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
    const domain = health.json.domains.find((d: { id: string }) => d.id === domainId);
    expect(domain.reasons.map((r: { code: string }) => r.code)).toContain("irc_gateway_down");

    expect((await superviseGateways(platform.workerCtx)).restarted).toEqual([domainId]);
    expect(platform.workerCtx.gateways.status(domainId).running).toBe(true);
    await probeInstance(platform.workerCtx, instanceId);
    const back = await call("GET", `/api/v1/instances/${instanceId}/health?range=1h`);
    const after = back.json.domains.find((d: { id: string }) => d.id === domainId);
    expect(after.reasons.map((r: { code: string }) => r.code)).not.toContain("irc_gateway_down");
  });

  it("moves with its domain to another server: its database comes along, and people talk across again", async () => {
    const me = await call("GET", "/api/v1/me");
    const inst = await call("POST", `/api/v1/tenants/${me.json.tenants[0].id}/instances?wait=30`, { name: "bigger" });
    expect(inst.json.operation.status, inst.text).toBe("succeeded");
    const target = inst.json.instance.id as string;
    const source = instanceId;
    const backup = await call("POST", `/api/v1/domains/${domainId}/backups?wait=60`);
    expect(backup.json.operation?.status, backup.text).toBe("succeeded");
    const moved = await call("POST", `/api/v1/backups/${backup.json.backup.id}/restore?wait=60`, {
      targetInstanceId: target,
    });
    expect(moved.json.operation?.status, moved.text).toBe("succeeded");

    const store = prosodyStoreName(GATEWAY);
    const layout = (id: string) => platform.workerCtx.runtime.layout(id).data;
    expect(existsSync(path.join(layout(target), store, "biboumi.sqlite"))).toBe(true);
    expect(existsSync(path.join(layout(source), store))).toBe(false);
    expect(platform.workerCtx.gateways.status(domainId).running).toBe(true);
    const row = await platform.workerCtx.core.db.instance.findUniqueOrThrow({ where: { id: target } });
    instanceId = target;
    c2s = row.c2sPort as number;
    expect(await discoItems()).toContain(GATEWAY);

    for (const s of sessions.splice(0)) await s.quit().catch(() => undefined);
    const alice = await openAlice();
    sessions.push(alice);
    expect(await alice.join(ROOM, "alice")).toMatchObject({ event: "joined" });
    irc.say("#family", "welcome to the new server");
    expect(await alice.next((e) => e.event === "message" && e.body === "welcome to the new server")).toMatchObject({
      room: ROOM,
    });
  });

  it("turns off: the component leaves with no restart, its process and data go", async () => {
    const pid = platform.prosodyPid(instanceId);
    const off = await call("DELETE", `/api/v1/domains/${domainId}/irc-gateway?wait=30`);
    expect(off.status, off.text).toBe(200);
    expect(off.json.operation.status, off.text).toBe("succeeded");
    expect(platform.prosodyPid(instanceId)).toBe(pid);
    expect(platform.workerCtx.gateways.status(domainId).running).toBe(false);
    expect(await discoItems()).not.toContain(GATEWAY);
    const data = platform.workerCtx.runtime.layout(instanceId).data;
    expect(existsSync(path.join(data, prosodyStoreName(GATEWAY)))).toBe(false);
    expect(existsSync(path.join(platform.dataRoot, "gateways", domainId))).toBe(false);
    const view = await call("GET", `/api/v1/domains/${domainId}/irc-gateway`);
    expect(view.json).toMatchObject({ enabled: false, state: null });
    // Off again: nothing to do.
    const again = await call("DELETE", `/api/v1/domains/${domainId}/irc-gateway`);
    expect(again.status).toBe(200);
    expect(again.json.operation).toBeNull();
  });

  it("refuses to turn on for a domain being deleted, and goes with a deleted domain", async () => {
    const on = await call("PUT", `/api/v1/domains/${domainId}/irc-gateway?wait=30`);
    expect(on.json.operation.status, on.text).toBe("succeeded");
    // The worker pauses, so that the domain stays in deletion while the API is asked.
    await platform.stopWorker();
    const del = await call("DELETE", `/api/v1/domains/${domainId}`);
    expect(del.status, del.text).toBe(202);
    const refused = await call("PUT", `/api/v1/domains/${domainId}/irc-gateway`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json).toMatchObject({ code: "conflict", reason: "domain_deleting" });
    await platform.startWorker();
    const deleted = await call("GET", `/api/v1/operations/${del.json.operation.id}?wait=30`);
    expect(deleted.json.status, deleted.text).toBe("succeeded");
    expect(platform.workerCtx.gateways.status(domainId).running).toBe(false);
    expect(existsSync(path.join(platform.dataRoot, "gateways", domainId))).toBe(false);
    expect(await platform.workerCtx.core.db.ircGateway.count()).toBe(0);
  });
});
