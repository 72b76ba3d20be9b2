// Federation between the platform's two server kinds, for real: one family on a managed Prosody server and one on a
// managed ejabberd server find each other through DNS (a name server the servers are pointed at), authenticate each
// other by certificate, and talk, in both directions and in group chats; the ejabberd domain's federation policy
// (closed, allowlist) is applied live and holds against an independent client.
import {
  EJABBERD_ADMIN_JID,
  EJABBERD_API_URL,
  EjabberdApiClient,
  EjabberdDriver,
  ejabberdPaths,
} from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeInstance } from "../apps/worker/src/processors/health.ts";
import { startTestNamed, type TestNamed } from "../packages/dns/test/support/testing.ts";
import { type Family, family as family_, federate as federate_, setPolicy } from "./helpers/federation.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, s2sTlsVersion } from "./helpers/xmpp.ts";

const ZONE = "fed.test";

let named: TestNamed;
let platform: Platform;
let caFile: string;
let p: Family;
let e: Family;

const world = () => ({ platform, named, zone: ZONE, prefix: "kinds" });
const family = (label: string, server: "prosody" | "ejabberd", person: string, password: string) =>
  family_(world(), label, person, password, server);
const federate = (from: Family, to: Family, room?: string) => federate_(caFile, from, to, room);

/** A command of the ejabberd server's admin API, as the platform's admin. */
async function ejabberdCommand<T>(f: Family, command: string): Promise<T> {
  const row = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: f.instanceId } });
  const api = new EjabberdApiClient({
    url: EJABBERD_API_URL,
    socketPath: ejabberdPaths(platform.workerCtx.runtime.layout(f.instanceId)).apiSocket,
    username: EJABBERD_ADMIN_JID,
    password: platform.workerCtx.secrets.decrypt(row.adminSecretEncrypted ?? ""),
  });
  try {
    return await api.call<T>(command);
  } finally {
    await api.close();
  }
}

async function serverPid(f: Family): Promise<number> {
  const { pid } = await platform.workerCtx.runtime.status(f.instanceId);
  if (!pid) throw new Error(`the server of ${f.domain} is not running`);
  return pid;
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
  p = await family("p", "prosody", "paula", "pine-harbour-lantern");
  e = await family("e", "ejabberd", "emile", "elm-river-compass");
  caFile = (await internalCa(platform)).file;
}, 180_000);

afterAll(async () => {
  await platform?.close();
  await named?.close();
});

describe("federation between a Prosody server and an ejabberd server", () => {
  it("carries a message from Prosody to ejabberd and back, and lets the Prosody guest post in an ejabberd room", async () => {
    const out = await federate(p, e, `family@groups.${e.domain}`);
    expect(out, JSON.stringify(out)).toMatchObject({ delivered: true, replied: true, error: null });
    expect(out.room, JSON.stringify(out)).toEqual({ joined: true, received: true });
  }, 120_000);

  it("carries a message from ejabberd to Prosody and back, and counts its links to other servers", async () => {
    const out = await federate(e, p);
    expect(out, JSON.stringify(out)).toMatchObject({ delivered: true, replied: true, error: null });
    // What the instance's health shows: a link each way at least.
    const row = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: e.instanceId } });
    const driver = platform.workerCtx.driverFor(row);
    if (!(driver instanceof EjabberdDriver)) throw new Error("not an ejabberd driver");
    expect((await driver.metrics()).s2sConnections).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it("with closed, the ejabberd domain bounces a message to Prosody with an error the app can show, live", async () => {
    const pid = await serverPid(e);
    await setPolicy(e, { federation: "closed" });
    // The link the tests opened before is still up (ejabberd's own s2s_access would let it carry on): the policy
    // holds on it all the same.
    const links = await ejabberdCommand<{ s2s_outgoing: number }>(e, "outgoing_s2s_number");
    expect(links.s2s_outgoing).toBeGreaterThan(0);
    const out = await federate(e, p);
    expect(out.delivered, JSON.stringify(out)).toBe(false);
    expect(out.error).toMatchObject({ condition: "policy-violation" });
    expect(out.error?.text).toBe(`${e.domain} does not talk to other servers`);
    // And from the other side: the Prosody family's message is refused too.
    const back = await federate(p, e);
    expect(back.delivered, JSON.stringify(back)).toBe(false);
    expect(back.error).toMatchObject({ condition: "policy-violation", text: out.error?.text });
    expect(await serverPid(e)).toBe(pid);
  }, 90_000);

  it("with an allowlist, the ejabberd domain talks to the listed domain and its group chats only, live", async () => {
    const pid = await serverPid(e);
    await setPolicy(e, { federation: "allowlist", federationAllowlist: [`other.${ZONE}`] });
    const refused = await federate(e, p);
    expect(refused.delivered, JSON.stringify(refused)).toBe(false);
    expect(refused.error).toMatchObject({ condition: "policy-violation" });
    expect(refused.error?.text).toBe(`${e.domain} does not talk to ${p.domain}`);

    const set = await setPolicy(e, { federationAllowlist: [p.domain] });
    expect(set.settings).toMatchObject({ federation: "allowlist", federationAllowlist: [p.domain] });
    // The listed domain's group chats (groups.p.fed.test) come with it.
    const out = await federate(e, p, `cousins@groups.${p.domain}`);
    expect(out, JSON.stringify(out)).toMatchObject({ delivered: true, replied: true, error: null });
    expect(out.room, JSON.stringify(out)).toEqual({ joined: true, received: true });
    expect(await serverPid(e)).toBe(pid);

    // Back to open, still with no restart.
    await setPolicy(e, { federation: null, federationAllowlist: null });
    // Server-to-server links carry no stream management: a first message can be lost, unbounced, while a link the
    // refusals left behind closes (seen once in a loaded run). A second message must go through either way.
    let reopened = await federate(p, e);
    if (!reopened.delivered && reopened.error === null) {
      console.warn(`[federation] first message after reopening not delivered: ${JSON.stringify(reopened)}`);
      reopened = await federate(p, e);
    }
    expect(reopened, JSON.stringify(reopened)).toMatchObject({ delivered: true, replied: true, error: null });
    expect(await serverPid(e)).toBe(pid);
  }, 180_000);

  it("counts what the ejabberd domain's policy refused and the domains it talked with, each count once", async () => {
    await probeInstance(platform.workerCtx, e.instanceId);
    type Peer = { domain: string; lastSeenAt: string | null; refusedIncoming: number; refusedOutgoing: number };
    const peers = async () => {
      const view = await e.call("GET", `/api/v1/domains/${e.domainId}/federation`);
      expect(view.status, view.text).toBe(200);
      return view.json.peers as Peer[];
    };
    const first = (await peers()).find((x) => x.domain === p.domain);
    // Closed refused a message each way; the allowlist refused one more to the Prosody family.
    expect(first?.refusedOutgoing, JSON.stringify(first)).toBeGreaterThanOrEqual(2);
    expect(first?.refusedIncoming, JSON.stringify(first)).toBeGreaterThanOrEqual(1);
    expect(first?.lastSeenAt).not.toBeNull();
    // The group chats the family joined on the other side are seen too.
    expect((await peers()).map((x) => x.domain)).toContain(`groups.${p.domain}`);
    // Handed over once: probing again adds nothing.
    await probeInstance(platform.workerCtx, e.instanceId);
    // The same probe checked federation from the ejabberd server: a round trip to the Prosody family's domain.
    const health = await e.call("GET", `/api/v1/instances/${e.instanceId}/health?range=1h`);
    expect(health.json.federation, health.text).toMatchObject({
      status: "working",
      from: e.domain,
      reference: p.domain,
    });
    expect((await peers()).find((x) => x.domain === p.domain)).toMatchObject({
      refusedOutgoing: first?.refusedOutgoing,
      refusedIncoming: first?.refusedIncoming,
    });
  }, 60_000);

  it("speaks TLS 1.2 or later to other servers, on both kinds", async () => {
    for (const f of [p, e]) {
      expect(await s2sTlsVersion(f.s2s, f.domain, "tls1_1"), f.domain).toBeNull();
      expect(await s2sTlsVersion(f.s2s, f.domain, "tls1_2"), f.domain).toBe("TLSv1.2");
      expect(await s2sTlsVersion(f.s2s, f.domain, "tls1_3"), f.domain).toBe("TLSv1.3");
    }
  }, 60_000);

  // Last: ejabberd waits a while before it tries a server again after a failed link.
  it("refuses, both ways, a server whose certificate names another domain", async () => {
    // The Prosody server presents a certificate the platform's CA issued, but for another name.
    const wrong = await (await platform.workerCtx.ca()).issue([`other.${ZONE}`]);
    await platform.workerCtx.runtime.writeCertificate(p.instanceId, p.domain, wrong.certPem, wrong.keyPem);
    const instance = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: p.instanceId } });
    await platform.workerCtx.driverFor(instance).reloadCertificates([p.domain]);
    // Certificates are checked when a link opens: the links the tests opened before go first.
    await ejabberdCommand(e, "stop_s2s_connections");
    try {
      // ejabberd checks the name in the certificate of the server it calls...
      const out = await federate(e, p);
      expect(out.delivered, JSON.stringify(out)).toBe(false);
      expect(out.error?.condition, JSON.stringify(out)).toMatch(/^remote-server-/);
      expect(out.error?.text).toContain("Certificate host name mismatch");
      // ...and of the server that calls it, with no dialback to fall back on (Prosody's words).
      const back = await federate(p, e);
      expect(back.delivered, JSON.stringify(back)).toBe(false);
      expect(back.error?.condition, JSON.stringify(back)).toMatch(/^remote-server-/);
      expect(back.error?.text).toContain("not-authorized");
    } finally {
      // Its own certificate back, as the platform keeps it.
      const res = await p.call("POST", `/api/v1/domains/${p.domainId}/certificates?wait=30`, { source: "internal" });
      expect(res.json.operation?.status, res.text).toBe("succeeded");
    }
  }, 120_000);
});
