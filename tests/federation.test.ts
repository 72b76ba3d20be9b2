// Federation between the platform's own servers, for real: three families on three managed Prosody servers find
// each other through DNS (a name server the servers are pointed at), authenticate each other by certificate, and
// talk; each domain's federation policy (closed, allowlist) is applied live and holds against an independent client.
import path from "node:path";
import { AdminSocketClient } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeInstance } from "../apps/worker/src/processors/health.ts";
import { supervise } from "../apps/worker/src/processors/maintenance.ts";
import { startTestNamed, type TestNamed } from "../packages/dns/test/support/testing.ts";
import { type Family, family as family_, federate as federate_, setPolicy } from "./helpers/federation.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa } from "./helpers/xmpp.ts";

const ZONE = "fed.test";

let named: TestNamed;
let platform: Platform;
let caFile: string;
const families: Record<"a" | "b" | "c", Family> = {} as Record<"a" | "b" | "c", Family>;

const world = () => ({ platform, named, zone: ZONE, prefix: "fed" });
const family = (label: string, person: string, password: string) => family_(world(), label, person, password);
const federate = (from: Family, to: Family, room?: string) => federate_(caFile, from, to, room);

async function shellOf(f: Family, lua: string): Promise<string> {
  const shell = new AdminSocketClient({
    socketPath: path.join(platform.dataRoot, "instances", f.instanceId, "admin.sock"),
    timeoutMs: 10_000,
  });
  try {
    const reply = await shell.exec(`> ${lua}`);
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    return reply.result;
  } finally {
    await shell.close();
  }
}

beforeAll(async () => {
  named = await startTestNamed({ zones: [{ name: ZONE, records: ["xmpp A 127.0.0.1"] }] });
  platform = await startPlatform({
    workerEnv: {
      SERVER_DNS_RESOLVERS: named.server,
      SERVER_DNS_LOCAL_ZONE: ZONE,
      PLATFORM_HOST: `xmpp.${ZONE}`,
      PLATFORM_IPV4: "127.0.0.1",
      DNS_SERVERS: named.server,
      HEALTH_PROBE_INTERVAL_MS: "3600000",
    },
  });
  families.a = await family("a", "alice", "amber-orchard-lamp");
  families.b = await family("b", "bruno", "birch-canyon-lake");
  families.c = await family("c", "chloe", "cedar-meadow-kite");
  caFile = (await internalCa(platform)).file;
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await named?.close();
});

describe("federation between managed servers", () => {
  it("carries a message from one server to another and back, and lets a guest post in another server's room", async () => {
    const { a, b } = families;
    const out = await federate(a, b, `family@groups.${b.domain}`);
    expect(out, JSON.stringify(out)).toMatchObject({ delivered: true, replied: true, error: null });
    expect(out.room).toEqual({ joined: true, received: true });
  }, 90_000);

  it("authenticates the link by certificate, not by dialback alone", async () => {
    const { a, b } = families;
    const status = await shellOf(
      b,
      `local r = {} for s in pairs(prosody.incoming_s2s) do if s.from_host == "${a.domain}" then r[#r + 1] = tostring(s.cert_identity_status) .. "/" .. tostring(s.cert_chain_status) end end return table.concat(r, ",")`,
    );
    expect(status).toContain("valid/valid");
    expect(status).not.toMatch(/invalid|nil/);
  });

  it("refuses a server whose certificate names another domain", async () => {
    const { a, c } = families;
    // C's server presents a certificate the platform's CA issued, but for another name.
    const wrong = await (await platform.workerCtx.ca()).issue([`other.${ZONE}`]);
    await platform.workerCtx.runtime.writeCertificate(c.instanceId, c.domain, wrong.certPem, wrong.keyPem);
    const instance = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: c.instanceId } });
    await platform.workerCtx.driverFor(instance).reloadCertificates([c.domain]);
    try {
      const out = await federate(a, c);
      expect(out.delivered).toBe(false);
      // Prosody's words: the link fails, and the message comes back saying why.
      expect(out.error?.condition, JSON.stringify(out)).toMatch(/^remote-server-/);
      expect(out.error?.text).toContain("certificate is not valid for this name");

      // A names C as a partner it accepts anyway: the link comes up (by dialback) for A alone, with no restart.
      const pid = platform.prosodyPid(a.instanceId);
      await setPolicy(a, { federationInsecurePartners: [c.domain] });
      expect(await federate(a, c)).toMatchObject({ delivered: true, replied: true });
      expect(platform.prosodyPid(a.instanceId)).toBe(pid);
      await setPolicy(a, { federationInsecurePartners: null });
    } finally {
      // Its own certificate back, as the platform keeps it.
      const res = await c.call("POST", `/api/v1/domains/${c.domainId}/certificates?wait=30`, { source: "internal" });
      expect(res.json.operation?.status, res.text).toBe("succeeded");
    }
  }, 90_000);

  it("with closed, bounces a message to another server with an error the app can show, and nothing arrives", async () => {
    const { a, b } = families;
    const pid = platform.prosodyPid(a.instanceId);
    await setPolicy(a, { federation: "closed" });
    const out = await federate(a, b);
    expect(out.delivered).toBe(false);
    expect(out.error).toMatchObject({ condition: "policy-violation" });
    expect(out.error?.text).toContain("does not talk to other servers");
    // And from the other side: B's message to A is refused too.
    const back = await federate(b, a);
    expect(back.delivered).toBe(false);
    expect(back.error?.condition).toBeTruthy();
    expect(platform.prosodyPid(a.instanceId)).toBe(pid);
  }, 90_000);

  it("with an allowlist, lets the listed domain through and refuses a third", async () => {
    const { a, b, c } = families;
    const pid = platform.prosodyPid(a.instanceId);
    const set = await setPolicy(a, { federation: "allowlist", federationAllowlist: [b.domain] });
    expect(set.settings).toMatchObject({ federation: "allowlist", federationAllowlist: [b.domain] });
    expect(await federate(a, b)).toMatchObject({ delivered: true, replied: true });
    const refused = await federate(a, c);
    expect(refused.delivered).toBe(false);
    expect(refused.error).toMatchObject({ condition: "policy-violation" });
    expect(refused.error?.text).toContain(`does not talk to ${c.domain}`);
    expect(platform.prosodyPid(a.instanceId)).toBe(pid);

    // Back to open: C gets through again, still with no restart.
    await setPolicy(a, { federation: null, federationAllowlist: null });
    expect(await federate(a, c)).toMatchObject({ delivered: true, replied: true });
    expect(platform.prosodyPid(a.instanceId)).toBe(pid);
  }, 120_000);

  it("counts what the policy refused and lists the domains seen, for the domain's people", async () => {
    const { a, b, c } = families;
    await probeInstance(platform.workerCtx, a.instanceId);
    const view = await a.call("GET", `/api/v1/domains/${a.domainId}/federation`);
    expect(view.status, view.text).toBe(200);
    expect(view.json).toMatchObject({ policy: "open", allowlist: [] });
    type Peer = { domain: string; lastSeenAt: string | null; refusedIncoming: number; refusedOutgoing: number };
    const peer = (d: string) => (view.json.peers as Peer[]).find((p) => p.domain === d);
    // Closed refused one message to B and B's link and message; the allowlist refused one message to C.
    expect(peer(b.domain)).toMatchObject({ refusedOutgoing: 1 });
    expect(peer(b.domain)?.refusedIncoming).toBeGreaterThanOrEqual(1);
    expect(peer(b.domain)?.lastSeenAt).not.toBeNull();
    expect(peer(c.domain)).toMatchObject({ refusedOutgoing: 1, refusedIncoming: 0 });
    // Counts are handed over once: probing again adds nothing.
    await probeInstance(platform.workerCtx, a.instanceId);
    const again = await a.call("GET", `/api/v1/domains/${a.domainId}/federation`);
    expect((again.json.peers as Peer[]).find((p) => p.domain === c.domain)).toMatchObject({ refusedOutgoing: 1 });
    // Another tenant's domain is not found; B's people see their own view only.
    expect((await b.call("GET", `/api/v1/domains/${a.domainId}/federation`)).status).toBe(404);
  }, 60_000);

  it("checks federation with a round trip, and opens one alert when the other server's port closes", async () => {
    const { a, b } = families;
    const db = platform.workerCtx.core.db;
    await probeInstance(platform.workerCtx, a.instanceId);
    const ok = await a.call("GET", `/api/v1/instances/${a.instanceId}/health?range=1h`);
    expect(ok.json.federation, ok.text).toMatchObject({ status: "working", from: a.domain, reference: b.domain });
    expect(typeof ok.json.federation.ms).toBe("number");
    const view = await a.call("GET", `/api/v1/domains/${a.domainId}/federation`);
    expect(view.json.check).toMatchObject({ ok: true, reference: b.domain });

    // B's server goes away (its s2s port closes) without anyone asking for it, and no supervision brings it back yet.
    await platform.stopWorker();
    await platform.workerCtx.runtime.stop(b.instanceId);
    try {
      for (let i = 0; i < 2; i++) await probeInstance(platform.workerCtx, a.instanceId);
      const failing = await a.call("GET", `/api/v1/instances/${a.instanceId}/health?range=1h`);
      expect(failing.json.federation, failing.text).toMatchObject({ status: "failing", reference: b.domain });
      expect(failing.json.reasons.map((r: { code: string }) => r.code)).toContain("federation_failing");
      const alerts = await db.alert.findMany({ where: { rule: "federation_failing", subjectId: a.instanceId } });
      expect(alerts, JSON.stringify(alerts, null, 1)).toHaveLength(1);
      expect(alerts[0]?.resolvedAt).toBeNull();
    } finally {
      await platform.startWorker();
      await supervise(platform.workerCtx);
    }
    await probeInstance(platform.workerCtx, a.instanceId);
    const back = await a.call("GET", `/api/v1/instances/${a.instanceId}/health?range=1h`);
    expect(back.json.federation).toMatchObject({ status: "working" });
    const after = await db.alert.findMany({ where: { rule: "federation_failing", subjectId: a.instanceId } });
    expect(after).toHaveLength(1);
    expect(after[0]?.resolvedAt).not.toBeNull();
  }, 120_000);

  it("holds a closed domain apart from another domain on its own server too, live", async () => {
    const { a } = families;
    // A second domain of the same family on A's server: its messages never cross a server-to-server link.
    const dom = await a.call("POST", `/api/v1/instances/${a.instanceId}/domains?wait=30`, {
      name: `d.${ZONE}`,
      registration: "closed",
    });
    expect(dom.json.operation?.status, dom.text).toBe("succeeded");
    const domainId = dom.json.domain.id as string;
    const acct = await a.call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: "dora",
      password: "dune-willow-harbour",
    });
    expect(acct.json.operation?.status, acct.text).toBe("succeeded");
    const d: Family = {
      ...a,
      name: "d",
      domain: `d.${ZONE}`,
      domainId,
      user: [`dora@d.${ZONE}`, "dune-willow-harbour"],
    };
    const pid = platform.prosodyPid(a.instanceId);
    expect(await federate(a, d)).toMatchObject({ delivered: true, replied: true, error: null });

    const closed = await a.call("PATCH", `/api/v1/domains/${a.domainId}/settings?wait=30`, { federation: "closed" });
    expect(closed.json.operation?.status, closed.text).toBe("succeeded");
    try {
      const out = await federate(a, d);
      expect(out.delivered, JSON.stringify(out)).toBe(false);
      expect(out.error).toMatchObject({
        condition: "policy-violation",
        text: `${a.domain} does not talk to other servers`,
      });
      // The neighbour's message to the closed domain is refused too, with the closed domain's words.
      const back = await federate(d, a);
      expect(back.delivered, JSON.stringify(back)).toBe(false);
      expect(back.error).toMatchObject({ condition: "policy-violation", text: out.error?.text });
    } finally {
      const open = await a.call("PATCH", `/api/v1/domains/${a.domainId}/settings?wait=30`, { federation: null });
      expect(open.json.operation?.status, open.text).toBe("succeeded");
    }
    expect(await federate(d, a)).toMatchObject({ delivered: true, replied: true });
    expect(platform.prosodyPid(a.instanceId)).toBe(pid);
    const removed = await a.call("DELETE", `/api/v1/domains/${domainId}?wait=60`);
    expect(removed.status, removed.text).toBeLessThan(300);
  }, 120_000);

  it("refuses a malformed allowlist, naming the entry, and keeps the policy", async () => {
    const { a } = families;
    for (const [body, field] of [
      [{ federationAllowlist: ["Not A Domain"] }, "federationAllowlist/0"],
      [{ federationAllowlist: ["b.fed.test", "b.fed.test"] }, "federationAllowlist"],
      [{ federation: "some" }, "federation"],
    ] as const) {
      const res = await a.call("PATCH", `/api/v1/domains/${a.domainId}/settings`, body);
      expect(res.status, res.text).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(JSON.stringify(res.json.errors)).toContain(field);
    }
    const now = await a.call("GET", `/api/v1/domains/${a.domainId}/settings`);
    expect(now.json.settings).toMatchObject({ federation: "open", federationAllowlist: [] });
  });
});
