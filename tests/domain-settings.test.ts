// A domain's settings, changed through the API and taken by its running server live: message history kept a month
// (older messages gone from MAM for an independent client), shared files limited or off, push privacy, contacts,
// a welcome message, an operator's extra option; bad values refused with the field named and nothing changed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AdminSocketClient } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintenanceHandlers } from "../apps/worker/src/processors/maintenance.ts";
import {
  type Call,
  client,
  cookieOf,
  expectNotFoundOnEach,
  serverWithDomains,
  signup,
  signupWithToken,
} from "./helpers/api.ts";
import { XmppSession } from "./helpers/muc-session.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "settings.example";
const alice = [`alice@${DOMAIN}`, "amber-orchard-lamp"] as const;
const bob = [`bob@${DOMAIN}`, "birch-canyon-lake"] as const;
const DAY = 86_400;

let platform: Platform;
let call: Call;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let instanceId: string;
let domainId: string;
let caFile: string;
let c2s: string;
let shell: AdminSocketClient;

const hostsConfig = () => readFile(path.join(platform.dataRoot, "instances", instanceId, "hosts.cfg.lua"), "utf8");
const client2 = (...args: string[]) => xmppClient(args);

/** Puts a message into alice's archive as if it had been archived `daysAgo` days ago. */
async function archiveOldMessage(body: string, daysAgo: number): Promise<void> {
  const lua =
    `> require"core.storagemanager".open(${JSON.stringify(DOMAIN)}, "archive", "archive"):append("alice", nil, ` +
    `require"util.stanza".message({ to = ${JSON.stringify(alice[0])}, from = ${JSON.stringify(bob[0])}, type = "chat" }, ${JSON.stringify(body)}), ` +
    `os.time() - ${daysAgo * DAY}, ${JSON.stringify(bob[0])})`;
  const reply = await shell.exec(lua);
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
}

async function historyBodies(): Promise<string[]> {
  const res = await client2("history", "127.0.0.1", c2s, caFile, ...alice);
  expect(res.code, JSON.stringify(res.out)).toBe(0);
  return (res.out.messages as { body: string }[]).map((m) => m.body);
}

async function patch(body: Record<string, unknown>) {
  const res = await call("PATCH", `/api/v1/domains/${domainId}/settings?wait=30`, body);
  expect(res.status, res.text).toBe(200);
  if (res.json.operation) expect(res.json.operation.status, res.text).toBe("succeeded");
  return res.json;
}

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000" } });
  owner = await signupWithToken(platform.app, "settings");
  call = owner.call;
  ({
    instanceId,
    domainIds: [domainId = ""],
  } = await serverWithDomains(call, owner.tenantId, "settings", [{ name: DOMAIN, registration: "closed" }]));
  for (const [jid, password] of [alice, bob]) {
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
});

afterAll(async () => {
  await shell?.close();
  await platform?.close();
});

describe("domain settings", () => {
  it("start from safe defaults, with nothing chosen yet", async () => {
    const res = await call("GET", `/api/v1/domains/${domainId}/settings`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      settings: {
        historyEnabled: true,
        historyRetention: "1y",
        filesEnabled: true,
        fileMaxBytes: 100 * 1024 * 1024,
        pushIncludeSender: false,
        pushIncludeBody: false,
        tlsProfile: "intermediate",
        welcomeMessage: null,
        brandName: null,
      },
      changed: [],
      ceilings: { fileMaxBytes: 512 * 1024 * 1024, maxDays: null },
      logoUrl: null,
    });
    expect(res.json.settings).toEqual(res.json.defaults);
  });

  it("keeps history a month once asked: an older message leaves MAM, a recent one stays, same server process", async () => {
    const talk = await client2("converse", "127.0.0.1", c2s, caFile, ...bob, ...alice, "2");
    expect(talk.out, JSON.stringify(talk.out)).toMatchObject({ result: "ok", delivered: 2 });
    await archiveOldMessage("from last spring", 60);
    expect((await historyBodies()).sort()).toEqual(["archived message 0", "archived message 1", "from last spring"]);

    const pid = platform.prosodyPid(instanceId);
    const json = await patch({ historyRetention: "1m" });
    expect(json.settings.historyRetention).toBe("1m");
    expect(json.changed).toEqual(["historyRetention"]);
    expect(await hostsConfig()).toContain('archive_expires_after = "30d"');
    expect((await historyBodies()).sort()).toEqual(["archived message 0", "archived message 1"]);
    expect(platform.prosodyPid(instanceId)).toBe(pid);

    // The daily expiry job reaches what was archived since, however it got there.
    await archiveOldMessage("from last summer", 45);
    await archiveOldMessage("from last week", 7);
    expect(await historyBodies()).toContain("from last summer");
    const run = (await maintenanceHandlers["maintenance.expire-history"](platform.workerCtx)) as { domains: number };
    expect(run.domains).toBeGreaterThanOrEqual(1);
    expect((await historyBodies()).sort()).toEqual(["archived message 0", "archived message 1", "from last week"]);
    expect(platform.prosodyPid(instanceId)).toBe(pid);
  });

  it("limits shared files: a 2 MB file is refused under a 1 MB limit, a 500 kB one goes up and comes back", async () => {
    const json = await patch({ fileMaxBytes: 1_000_000 });
    expect(json.settings.fileMaxBytes).toBe(1_000_000);
    const share = `share.${DOMAIN}`;
    const big = await client2("upload", "127.0.0.1", c2s, caFile, ...alice, share, "2000000");
    expect(big.out, JSON.stringify(big.out)).toMatchObject({ result: "refused", condition: "not-acceptable" });
    const small = await client2("upload", "127.0.0.1", c2s, caFile, ...alice, share, "500000");
    expect(small.out, JSON.stringify(small.out)).toEqual({
      result: "ok",
      put: 201,
      get: 200,
      same: true,
      bytes: 500_000,
      // Over HTTPS, on the server's HTTPS port, with the certificate of share.DOMAIN.
      scheme: "https",
    });
  });

  it("turns shared files off: the upload service leaves disco live, and comes back on reset", async () => {
    const pid = platform.prosodyPid(instanceId);
    const items = async () => {
      const res = await client2("disco", "127.0.0.1", c2s, caFile, ...alice, DOMAIN);
      expect(res.code, JSON.stringify(res.out)).toBe(0);
      return (res.out.items as Record<string, string[]>)[DOMAIN] ?? [];
    };
    expect(await items()).toContain(`share.${DOMAIN}`);
    const off = await patch({ filesEnabled: false });
    expect(off.operation?.status, JSON.stringify(off)).toBe("succeeded");
    expect(await items()).not.toContain(`share.${DOMAIN}`);
    expect(await items()).toContain(`groups.${DOMAIN}`);
    expect(await hostsConfig()).not.toContain(`Component "share.${DOMAIN}"`);
    const reset = await patch({ filesEnabled: null });
    expect(reset.settings.filesEnabled).toBe(true);
    expect(await items()).toContain(`share.${DOMAIN}`);
    expect(platform.prosodyPid(instanceId)).toBe(pid);
  });

  it("renders push privacy, and reset to default restores it, while people stay connected", async () => {
    expect(await hostsConfig()).toContain("push_notification_with_body = false");
    const session = await XmppSession.open({
      host: "127.0.0.1",
      port: Number(c2s),
      caFile,
      jid: alice[0],
      password: alice[1],
    });
    const instance = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    const online = async () => (await platform.workerCtx.driverFor(instance).onlineSessions(DOMAIN)).map((x) => x.jid);
    const before = await online();
    expect(before.some((j) => j.startsWith(`${alice[0]}/`))).toBe(true);
    const on = await patch({ pushIncludeBody: true, pushIncludeSender: true });
    // The host's modules took the new options in place: the same session is still there.
    expect(await online()).toEqual(before);
    await session.quit();
    expect(on.changed).toEqual(expect.arrayContaining(["pushIncludeBody", "pushIncludeSender"]));
    let conf = await hostsConfig();
    expect(conf).toContain("push_notification_with_body = true");
    expect(conf).toContain("push_notification_with_sender = true");
    const off = await patch({ pushIncludeBody: null, pushIncludeSender: null });
    expect(off.changed).not.toContain("pushIncludeBody");
    expect(off.settings.pushIncludeBody).toBe(false);
    conf = await hostsConfig();
    expect(conf).toContain("push_notification_with_body = false");
    expect(conf).toContain("push_notification_with_sender = false");
  });

  it("announces contact addresses and welcomes new accounts in the domain's words", async () => {
    await patch({
      abuseAddresses: ["mailto:abuse@settings.example"],
      supportAddresses: ["xmpp:help@settings.example"],
      welcomeMessage: "Welcome to the family chat, $username!",
      tlsProfile: "modern",
    });
    const conf = await hostsConfig();
    expect(conf).toContain('abuse = { "mailto:abuse@settings.example"; }');
    expect(conf).toContain('welcome_message = "Welcome to the family chat, $username!"');
    expect(conf).toContain('ssl = { protocol = "tlsv1_3"; }');
    const info = await shell.exec(`> require"util.json".encode(prosody.hosts[${JSON.stringify(DOMAIN)}] ~= nil)`);
    expect(info.ok).toBe(true);
    const login = await client2("login", ...alice, "127.0.0.1", c2s, caFile);
    expect(login.out).toEqual({ result: "ok" });
  });

  it("refuses bad values, naming the field, and keeps the old settings", async () => {
    const before = (await call("GET", `/api/v1/domains/${domainId}/settings`)).json.settings;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ historyRetention: "2y" }, "historyRetention", ""],
      [{ fileMaxBytes: 600 * 1024 * 1024 }, "fileMaxBytes", "out_of_range"],
      [{ brandColor: "red" }, "brandColor", ""],
      [{ abuseAddresses: ["javascript:alert(1)"] }, "abuseAddresses/0", ""],
      [{ websiteUrl: "http://insecure.example" }, "websiteUrl", "invalid_url"],
      [{ colour: "#ffffff" }, "colour", ""],
    ];
    for (const [body, field, code] of cases) {
      const res = await call("PATCH", `/api/v1/domains/${domainId}/settings`, body);
      expect(res.status, res.text).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      const named = (res.json.errors as { field: string; code: string }[]).find((e) => e.field.endsWith(field));
      expect(named, `${JSON.stringify(body)} -> ${res.text}`).toBeDefined();
      if (code) expect(named?.code).toBe(code);
    }
    expect((await call("GET", `/api/v1/domains/${domainId}/settings`)).json.settings).toEqual(before);
  });

  it("take a logo that is a small PNG, refuse an SVG or a large file, and show it on invite pages", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await call("PUT", `/api/v1/domains/${domainId}/logo`, { image: svg.toString("base64") });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.errors[0]).toMatchObject({ field: "logo", code: "not_allowed" });
    const big = Buffer.concat([png, Buffer.alloc(101 * 1024)]);
    const tooBig = await call("PUT", `/api/v1/domains/${domainId}/logo`, { image: big.toString("base64") });
    expect(tooBig.status, tooBig.text).toBe(400);
    expect(tooBig.json.errors[0]).toMatchObject({ field: "logo", code: "too_large" });

    const set = await call("PUT", `/api/v1/domains/${domainId}/logo`, { image: png.toString("base64") });
    expect(set.status, set.text).toBe(200);
    const logo = await platform.app.inject({ method: "GET", url: set.json.logoUrl });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.rawPayload.equals(png)).toBe(true);

    await patch({ brandName: "The Smiths", brandColor: "#0b6e4f" });
    const policy = await call("PATCH", `/api/v1/domains/${domainId}?wait=30`, { registration: "invite" });
    expect(policy.status, policy.text).toBe(200);
    const invite = await call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, {});
    expect(invite.status, invite.text).toBe(201);
    const page = await client(platform.app)("GET", `/api/v1/public/invites/${invite.json.invite.token}`);
    expect(page.json.branding).toEqual({ name: "The Smiths", accentColor: "#0b6e4f", logoUrl: set.json.logoUrl });
    const audit = await platform.app.core.db.auditEvent.findMany({
      where: { resourceId: domainId, action: { in: ["domain.logo_changed", "domain.settings_changed"] } },
    });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("lets only operators add a server option, checked before it reaches the server", async () => {
    const url = `/api/v1/domains/${domainId}/server-options?wait=30`;
    const notOperator = await call("PATCH", url, { options: { max_archive_query_results: 100 } });
    expect(notOperator.status, notOperator.text).toBe(403);
    const res = await signup(platform.app, "ops@test.example", "correct horse battery", "Ops", "Platform team");
    await platform.app.core.db.user.update({ where: { email: "ops@test.example" }, data: { isOperator: true } });
    const ops = client(platform.app, { cookie: cookieOf(res) });
    const before = await hostsConfig();
    for (const [options, field, code] of [
      [{ modules_enabled: ["admin_telnet"] }, "options/modules_enabled", "not_allowed"],
      [{ max_archive_query_results: 5 }, "options/max_archive_query_results", "out_of_range"],
      [{ default_archive_policy: "sometimes" }, "options/default_archive_policy", "invalid"],
    ] as const) {
      const bad = await ops("PATCH", url, { options });
      expect(bad.status, bad.text).toBe(400);
      expect(bad.json.errors[0]).toMatchObject({ field, code });
    }
    expect(await hostsConfig()).toBe(before);
    const pid = platform.prosodyPid(instanceId);
    const ok = await ops("PATCH", url, { options: { max_archive_query_results: 100 } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.operation.status).toBe("succeeded");
    expect(await hostsConfig()).toContain("max_archive_query_results = 100");
    expect(platform.prosodyPid(instanceId)).toBe(pid);
    const audited = await platform.app.core.db.auditEvent.count({
      where: { resourceId: domainId, action: "domain.options_changed" },
    });
    expect(audited).toBe(1);

    // The configuration as written, for operators only, with the gateway's password hidden.
    const gateway = await call("PUT", `/api/v1/domains/${domainId}/irc-gateway?wait=30`);
    expect(gateway.json.operation?.status, gateway.text).toBe("succeeded");
    const configUrl = `/api/v1/fleet/instances/${instanceId}/configuration`;
    expect((await call("GET", configUrl)).status).toBe(403);
    const config = await ops("GET", configUrl);
    expect(config.status, config.text).toBe(200);
    const hosts = (config.json.files as { path: string; content: string }[]).find((f) =>
      f.path.endsWith("hosts.cfg.lua"),
    );
    expect(hosts?.content).toBe(
      (await hostsConfig()).replace(/component_secret = "[^"]+"/, 'component_secret = "[sealed]"'),
    );
    const sealed = await platform.app.core.db.ircGateway.findUniqueOrThrow({ where: { domainId } });
    expect(config.text).not.toContain(platform.app.core.secrets.decrypt(sealed.secretEncrypted));
    expect(await platform.app.core.db.auditEvent.count({ where: { action: "instance.configuration_viewed" } })).toBe(1);
    const off = await call("DELETE", `/api/v1/domains/${domainId}/irc-gateway?wait=30`);
    expect(off.json.operation?.status, off.text).toBe("succeeded");
  });

  it("is the domain's own: another tenant gets 404 everywhere, a viewer cannot change anything", async () => {
    const stranger = await signupWithToken(platform.app, "stranger");
    await expectNotFoundOnEach(stranger.call, [
      ["GET", `/api/v1/domains/${domainId}/settings`],
      ["PATCH", `/api/v1/domains/${domainId}/settings`, { historyEnabled: false }],
      ["PUT", `/api/v1/domains/${domainId}/logo`, { image: "iVBORw0KGgo=" }],
      ["DELETE", `/api/v1/domains/${domainId}/logo`],
    ]);
    const viewerToken = await client(platform.app, { cookie: owner.cookie })("POST", "/api/v1/api-tokens", {
      name: "read only",
      tenantId: owner.tenantId,
      role: "viewer",
    });
    const viewer = client(platform.app, { token: viewerToken.json.token });
    expect((await viewer("GET", `/api/v1/domains/${domainId}/settings`)).status).toBe(200);
    for (const [method, url, body] of [
      ["PATCH", `/api/v1/domains/${domainId}/settings`, { historyEnabled: false }],
      ["PUT", `/api/v1/domains/${domainId}/logo`, { image: "iVBORw0KGgo=" }],
      ["DELETE", `/api/v1/domains/${domainId}/logo`, undefined],
    ] as const) {
      const res = await viewer(method, url, body);
      expect(res.status, `${method} ${url} ${res.text}`).toBe(403);
    }
    const settings = (await call("GET", `/api/v1/domains/${domainId}/settings`)).json.settings;
    expect(settings.historyEnabled).toBe(true);
  });
});

describe("domain settings on ejabberd", () => {
  const domain = "club.example";
  const carol = [`carol@${domain}`, "cobalt-river-moss"] as const;
  let id: string;
  let port: string;
  let ejabberdDomainId: string;

  beforeAll(async () => {
    const created = await call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=60`, {
      name: "club",
      server: "ejabberd",
    });
    expect(created.status, created.text).toBe(201);
    id = created.json.instance.id;
    port = String(created.json.instance.endpoints.c2sPort);
    const added = await call("POST", `/api/v1/instances/${id}/domains?wait=60`, { name: domain });
    expect(added.json.operation?.status, added.text).toBe("succeeded");
    ejabberdDomainId = added.json.domain.id;
    const acct = await call("POST", `/api/v1/domains/${ejabberdDomainId}/accounts?wait=30`, {
      localpart: "carol",
      password: carol[1],
    });
    expect(acct.json.operation?.status, acct.text).toBe("succeeded");
  });

  const settings = (body: Record<string, unknown>) =>
    call("PATCH", `/api/v1/domains/${ejabberdDomainId}/settings?wait=60`, body);

  it("limits shared files and turns them off live, keeps history a month, and refuses a per-domain TLS profile", async () => {
    const pid = (await platform.workerCtx.runtime.status(id)).pid;
    const limited = await settings({ fileMaxBytes: 1_000_000, historyRetention: "1m" });
    expect(limited.json.operation?.status, limited.text).toBe("succeeded");
    const share = `share.${domain}`;
    const big = await client2("upload-slot", "127.0.0.1", port, caFile, ...carol, share, "2000000");
    expect(big.out, JSON.stringify(big.out)).toMatchObject({ result: "refused" });
    const small = await client2("upload-slot", "127.0.0.1", port, caFile, ...carol, share, "500000");
    expect(small.out, JSON.stringify(small.out)).toMatchObject({ result: "ok" });

    const off = await settings({ filesEnabled: false });
    expect(off.json.operation?.status, off.text).toBe("succeeded");
    const disco = await client2("disco", "127.0.0.1", port, caFile, ...carol, domain);
    expect(disco.code, JSON.stringify(disco.out)).toBe(0);
    expect((disco.out.items as Record<string, string[]>)[domain]).not.toContain(share);
    expect((await platform.workerCtx.runtime.status(id)).pid).toBe(pid);

    const modern = await settings({ tlsProfile: "modern" });
    expect(modern.status, modern.text).toBe(400);
    expect(modern.json.errors[0]).toMatchObject({ field: "tlsProfile", code: "not_offered" });
  });
});
