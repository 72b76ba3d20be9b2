import { promises as dns } from "node:dns";
import { type ChannelSettings, OutboundRefusedError, type Resolve, systemResolve } from "@xmpp-host/alerts";
import { TEST_NOT_DELIVERED } from "@xmpp-host/core";
import { startTestDnsServer, type TestDnsServer } from "@xmpp-host/dns/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverNotification } from "../apps/worker/src/processors/alerts.ts";
import { type Call, client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { startWebhookReceiver } from "./helpers/sinks.ts";

let platform: Platform;
let call: Call;
let tenantId: string;
let cookie: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let port: string;
let dnsServer: TestDnsServer;

/** The alert settings (the API's, shared with the worker), which carry the webhook resolver and allow list. */
const alertSettings = () => platform.app.core.settings.alerts as ChannelSettings;

/** Names under rebind.test come from the test's DNS server (whose answers the test changes); others from the system. */
function testResolver(server: string): Resolve {
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([server]);
  return async (host) => {
    if (!host.endsWith(".rebind.test")) return systemResolve(host);
    const [a, aaaa] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    return [
      ...(a.status === "fulfilled" ? a.value.map((address) => ({ address, family: 4 as const })) : []),
      ...(aaaa.status === "fulfilled" ? aaaa.value.map((address) => ({ address, family: 6 as const })) : []),
    ];
  };
}

const createHook = (target: string, name = "hook") =>
  call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, { kind: "webhook", name, target });

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  port = new URL(receiver.url).port;
  dnsServer = await startTestDnsServer([
    { name: "hooks.rebind.test", type: "A", value: "93.184.216.34" },
    { name: "loopback.rebind.test", type: "A", value: "127.0.0.1" },
    { name: "mixed.rebind.test", type: "A", value: "93.184.216.34" },
    { name: "mixed.rebind.test", type: "AAAA", value: "::1" },
  ]);
  platform = await startPlatform({ workerEnv: { ALERT_WEBHOOK_ALLOW: "" } });
  const settings = platform.app.core.settings;
  settings.alerts = { ...settings.alerts, webhookResolve: testResolver(dnsServer.server) } as ChannelSettings;
  // The API checks targets when a channel is saved, the worker when it sends a test: both see the same settings.
  platform.workerCtx.core.settings.alerts = settings.alerts;
  ({ call, tenantId, cookie } = await signupWithToken(platform.app, "ssrf"));
});

afterAll(async () => {
  await platform?.close();
  await receiver?.close();
  await dnsServer?.close();
});

describe("webhook targets (SSRF)", () => {
  it("refuses internal targets when a channel is saved, naming `target`, and creates nothing", async () => {
    const targets = [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://192.168.1.1/",
      "http://[::1]/",
      "http://localhost/",
      "http://2130706433/",
      "http://0/",
      "http://127.0.0.1:63799/",
      "http://127.0.0.1:54329/",
      // More of the same, in other forms.
      receiver.url,
      `http://localhost:${port}/hooks/alerts`,
      "http://0x7f.1/",
      "http://017700000001/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://[fd00::1]/",
      "http://[fe80::1]/",
      "http://100.64.0.1/",
      "http://172.16.0.1/",
      "http://198.18.0.1/",
      "http://224.0.0.1/",
      "http://255.255.255.255/",
      "https://loopback.rebind.test/",
      "https://mixed.rebind.test/",
      "https://nowhere.rebind.test/",
    ];
    for (const target of targets) {
      const res = await createHook(target);
      expect(res.status, `${target}: ${res.text}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors, target).toEqual([
        { field: "target", message: expect.stringContaining("public"), code: "not_public" },
      ]);
    }
    expect(await platform.app.core.db.alertChannel.count()).toBe(0);
    expect(await platform.app.core.db.auditEvent.count({ where: { action: "alert_channel.created" } })).toBe(0);
  });

  it("accepts a host that resolves to public addresses", async () => {
    const res = await createHook("https://hooks.rebind.test/alerts", "public hook");
    expect(res.status, res.text).toBe(201);
    await call("DELETE", `/api/v1/alert-channels/${res.json.channel.id}`);
  });

  it("refuses at send time a name that rebound to loopback after it was saved, saying only 'not delivered'", async () => {
    const created = await createHook(`http://hooks.rebind.test:${port}/hooks/alerts`, "rebinding hook");
    expect(created.status, created.text).toBe(201);
    const channelId = created.json.channel.id;
    // The attacker's DNS now answers with the loopback address, where the platform's own services listen.
    dnsServer.setRecords([{ name: "hooks.rebind.test", type: "A", value: "127.0.0.1", ttl: 0 }]);
    const before = receiver.received.length;
    const res = await call("POST", `/api/v1/alert-channels/${channelId}/test`);
    expect(res.status, res.text).toBe(503);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json.detail).toBe(TEST_NOT_DELIVERED);
    expect(receiver.received).toHaveLength(before);

    // The same channel delivers once the operator allows the address: the refusal was the guard, and the
    // request goes to the checked address with the URL's own Host.
    alertSettings().webhookAllow = ["127.0.0.1"];
    try {
      const ok = await call("POST", `/api/v1/alert-channels/${channelId}/test`);
      expect(ok.status, ok.text).toBe(200);
      expect(receiver.received).toHaveLength(before + 1);
      expect(receiver.received.at(-1)?.headers.host).toBe(`hooks.rebind.test:${port}`);
    } finally {
      delete alertSettings().webhookAllow;
    }
  });

  it("answers the test endpoint the same way whatever stopped the delivery", async () => {
    alertSettings().webhookAllow = ["127.0.0.1"];
    try {
      const reachable = await createHook(receiver.url, "reachable");
      const closed = await createHook("http://127.0.0.1:1/", "closed port");
      expect([reachable.status, closed.status]).toEqual([201, 201]);
      const details: string[] = [];
      receiver.state.failWith = 400;
      try {
        details.push((await call("POST", `/api/v1/alert-channels/${reachable.json.channel.id}/test`)).json.detail);
      } finally {
        receiver.state.failWith = 0;
      }
      details.push((await call("POST", `/api/v1/alert-channels/${closed.json.channel.id}/test`)).json.detail);
      delete alertSettings().webhookAllow;
      // Saved while allowed, refused now.
      const refused = await call("POST", `/api/v1/alert-channels/${reachable.json.channel.id}/test`);
      expect(refused.status).toBe(503);
      details.push(refused.json.detail);
      expect(details).toEqual([TEST_NOT_DELIVERED, TEST_NOT_DELIVERED, TEST_NOT_DELIVERED]);
    } finally {
      delete alertSettings().webhookAllow;
    }
  });

  it("refuses at send time in the worker too, for a loopback row written straight to the database", async () => {
    const { db, secrets } = platform.workerCtx.core;
    const channel = await db.alertChannel.create({
      data: {
        tenantId,
        kind: "webhook",
        name: "inserted",
        target: receiver.url,
        secretEncrypted: secrets.encrypt("whsec_inserted"),
      },
    });
    const alert = await db.alert.create({
      data: {
        tenantId,
        rule: "instance_down",
        subjectType: "instance",
        subjectId: "inst-x",
        subjectName: "x",
        severity: "critical",
        message: "x is down",
      },
    });
    const note = await db.alertNotification.create({
      data: { alertId: alert.id, channelId: channel.id, kind: "opened" },
    });
    const before = receiver.received.length;
    await expect(deliverNotification(platform.workerCtx, note.id, true)).rejects.toThrow(OutboundRefusedError);
    expect(receiver.received).toHaveLength(before);
    const after = await db.alertNotification.findUniqueOrThrow({ where: { id: note.id } });
    expect(after.status).toBe("failed");
    expect(after.lastError).toContain("127.0.0.1 is not a public address");
  });
});

describe("channel targets", () => {
  it("are shown to owners and admins, and masked for viewers", async () => {
    const mail = await call("POST", `/api/v1/tenants/${tenantId}/alert-channels`, {
      kind: "email",
      name: "admins",
      target: "admins@family.example",
    });
    expect(mail.status, mail.text).toBe(201);
    const viewerToken = await client(platform.app, { cookie })("POST", "/api/v1/api-tokens", {
      name: "viewer",
      tenantId,
      role: "viewer",
    });
    expect(viewerToken.status, viewerToken.text).toBe(201);
    const viewer = client(platform.app, { token: viewerToken.json.token });
    const owner = client(platform.app, { cookie });
    const targets = async (who: Call) =>
      Object.fromEntries(
        (await who("GET", `/api/v1/tenants/${tenantId}/alert-channels`)).json.items.map(
          (c: { name: string; target: string }) => [c.name, c.target],
        ),
      );
    const full = {
      admins: "admins@family.example",
      "rebinding hook": `http://hooks.rebind.test:${port}/hooks/alerts`,
    };
    expect(await targets(owner)).toMatchObject(full);
    expect(await targets(call)).toMatchObject(full);
    const masked = await targets(viewer);
    expect(masked).toMatchObject({
      admins: "a…@family.example",
      "rebinding hook": `http://hooks.rebind.test:${port}/…`,
    });
    expect(JSON.stringify(masked)).not.toContain("/hooks/alerts");
    expect(JSON.stringify(masked)).not.toContain("admins@");
    // Viewers cannot send test notifications either.
    const channelId = mail.json.channel.id;
    expect((await viewer("POST", `/api/v1/alert-channels/${channelId}/test`)).status).toBe(403);
  });
});
