// Compliance with the XMPP Compliance Suites 2023 as the platform runs it: a free address on a shared Prosody, its
// records in a real BIND, the platform's TURN server, checks after configuration changes, a score with history, the
// alert when it drops, and the badge. slixmpp and a browser are the independent clients that use what was checked.

import { execFile } from "node:child_process";
import dns from "node:dns";
import { promisify } from "node:util";
import { formatComplianceTable } from "@xmpp-host/compliance";
import { platformZoneEnv, startTestNamed, type TestNamed } from "@xmpp-host/dns/testing";
import { schedulerId } from "@xmpp-host/queue";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, client, cookieOf, signup, signupWithToken } from "./helpers/api.ts";
import { turnEnv } from "./helpers/own-services.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, writeCa, xmppClient } from "./helpers/xmpp.ts";

const run = promisify(execFile);
const BASE = "chat.test";
const DOMAIN = `smiths.${BASE}`;
let platform: Platform;
let named: TestNamed;
let call: Call;
let asOwner: Call;
let tenantId: string;
let domainId: string;
let caFile: string;
const alice = { localpart: "alice", password: "amber-orchard-lamp" };
const bob = { localpart: "bob", password: "amber-orchard-lamp" };

interface Compliance {
  badgePublic: boolean;
  latest: {
    score: number;
    trigger: string;
    suites: Record<string, { passed: number; applicable: number }>;
    results: { id: string; status: string; evidence: string; fix?: { module: string; text: string } }[];
    server: string;
    durationMs: number;
    checkedAt: string;
  } | null;
  history: { score: number }[];
  tests: { id: string; suites: string[]; kind: string }[];
}

async function compliance(): Promise<Compliance> {
  const res = await call("GET", `/api/v1/domains/${domainId}/compliance`);
  expect(res.status, res.text).toBe(200);
  return res.json as Compliance;
}

async function checkNow(): Promise<Compliance> {
  const res = await call("POST", `/api/v1/domains/${domainId}/compliance/check?wait=90`);
  expect(res.json.operation?.status, res.text).toBe("succeeded");
  return compliance();
}

async function sharedServer() {
  const d = await platform.app.core.db.domain.findUniqueOrThrow({
    where: { id: domainId },
    include: { instance: true },
  });
  return d.instance;
}

async function openAlerts() {
  const res = await call("GET", `/api/v1/tenants/${tenantId}/alerts?status=open`);
  expect(res.status, res.text).toBe(200);
  return (res.json.items as { rule: string; subjectId: string; message: string }[]).filter(
    (a) => a.rule === "compliance_dropped",
  );
}

beforeAll(async () => {
  named = await startTestNamed({ zones: [{ name: BASE, records: ["xmpp IN A 127.0.0.1"] }] });
  platform = await startPlatform({
    workerEnv: {
      ...platformZoneEnv(named, BASE),
      ...(await turnEnv()).env,
      BACKUP_VERIFY: "false",
      // The operator's addresses, which every domain publishes (XEP-0157) until its own admins set others.
      CONTACT_ABUSE_ADDRESS: "mailto:abuse@chat.test",
      CONTACT_SUPPORT_ADDRESS: "https://chat.test/support",
      HEALTH_PROBE_INTERVAL_MS: "3600000",
      // A check shortly after each configuration change, and a daily one.
      COMPLIANCE_CHECK_DELAY_MS: "1500",
      COMPLIANCE_CHECK_INTERVAL_MS: "86400000",
      COMPLIANCE_CHECK_TIMEOUT_MS: "8000",
    },
  });
  const smith = await signupWithToken(platform.app, "smith");
  ({ call, tenantId } = smith);
  // The owner's own session: API tokens act as admins at most.
  asOwner = client(platform.app, { cookie: smith.cookie });
  const res = await call("POST", `/api/v1/tenants/${tenantId}/domains?wait=60`, { name: "smiths" });
  expect(res.json.operation?.status, res.text).toBe("succeeded");
  domainId = res.json.domain.id;
  for (const who of [alice, bob]) {
    const acct = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, who);
    expect(acct.json.operation?.status, acct.text).toBe("succeeded");
  }
  caFile = writeCa(platform.dataRoot, (await internalCa(platform)).pem);
  // The new address's configuration was applied: its first check runs by itself.
  await until("the first check", async () => (await compliance()).latest?.trigger === "configuration", 60_000);
}, 150_000);

afterAll(async () => {
  await platform?.close();
  await named?.close();
});

describe("a fresh free address", () => {
  it("publishes its direct TLS service record, which the expected DNS lists", async () => {
    const server = await sharedServer();
    expect(server.directTlsPort).toBeTypeOf("number");
    expect(server.httpsPort).toBeTypeOf("number");
    const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 2 });
    resolver.setServers([named.server]);
    const srv = await resolver.resolveSrv(`_xmpps-client._tcp.${DOMAIN}`);
    expect(srv).toEqual([expect.objectContaining({ name: `xmpp.${BASE}`, port: server.directTlsPort })]);
    const view = await call("GET", `/api/v1/domains/${domainId}/dns`);
    const expected = (view.json.expected as { id: string; name: string; value: string }[]).find(
      (r) => r.id === "srvs-client",
    );
    expect(expected).toMatchObject({
      name: `_xmpps-client._tcp.${DOMAIN}`,
      value: `0 5 ${server.directTlsPort} xmpp.${BASE}.`,
    });
  });

  it("scores 100% of the applicable tests in all five suites, live tests included", async () => {
    const c = await checkNow();
    expect(c.latest).not.toBeNull();
    const latest = c.latest as NonNullable<Compliance["latest"]>;
    console.log(
      formatComplianceTable({
        server: "prosody",
        domain: DOMAIN,
        score: latest.score,
        suites: latest.suites as never,
        results: latest.results as never,
        durationMs: latest.durationMs,
      }),
    );
    const failing = latest.results.filter(
      (r) => r.status === "fail" && c.tests.find((t) => t.id === r.id)?.suites.length,
    );
    expect(failing).toEqual([]);
    expect(latest.score).toBe(100);
    for (const suite of ["core", "im", "mobile", "av", "web"]) {
      expect(latest.suites[suite]?.applicable, suite).toBeGreaterThan(0);
      expect(latest.suites[suite]?.passed, suite).toBe(latest.suites[suite]?.applicable);
    }
    const live = c.tests.filter((t) => t.kind === "live").map((t) => t.id);
    expect(live.length).toBeGreaterThanOrEqual(6);
    for (const id of live) expect(latest.results.find((r) => r.id === id)?.status, id).toBe("pass");
    // The check's own account is gone, and the tenant never sees it.
    const accounts = await call("GET", `/api/v1/domains/${domainId}/accounts`);
    expect((accounts.json.items as { jid: string }[]).map((a) => a.jid).sort()).toEqual([
      `alice@${DOMAIN}`,
      `bob@${DOMAIN}`,
    ]);
    expect(
      (await platform.serverAccounts((await sharedServer()).id, DOMAIN)).filter((l) => l.startsWith("xh-compliance")),
    ).toEqual([]);
    expect(await openAlerts()).toEqual([]);
  });

  it("is checked every day", async () => {
    const scheduler = await platform.workerCtx.queues.queues.checks.getJobScheduler(
      schedulerId("compliance", domainId),
    );
    expect(Number(scheduler?.every)).toBe(86_400_000);
  });
});

describe("independent clients use what the check found", () => {
  it("slixmpp logs in on the direct TLS port, with ALPN xmpp-client", async () => {
    const server = await sharedServer();
    const r = await xmppClient([
      "login-direct-tls",
      `alice@${DOMAIN}`,
      alice.password,
      "127.0.0.1",
      String(server.directTlsPort),
      caFile,
    ]);
    expect(r.out, JSON.stringify(r.out)).toEqual({ result: "ok", alpn: "xmpp-client" });
    // A wrong password is refused there too.
    const wrong = await xmppClient([
      "login-direct-tls",
      `alice@${DOMAIN}`,
      "wrong",
      "127.0.0.1",
      String(server.directTlsPort),
      caFile,
    ]);
    expect(wrong.out.result).toBe("auth");
  });

  it("a browser finds the WebSocket endpoint through host-meta, logs in over it and sends a message", async () => {
    const server = await sharedServer();
    const origin = `https://${DOMAIN}:${server.httpsPort}`;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      chromiumSandbox: false,
      // The platform's names resolve to this machine, as DNS would make them in production.
      args: ["--disable-gpu", "--no-first-run", `--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`],
    });
    try {
      // The platform's internal CA is not one the browser knows; a public certificate would be.
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(`${origin}/.well-known/host-meta.json`);
      const body = `sent from a browser over WebSocket ${Date.now()}`;
      const outcome = await page.evaluate(
        async ({ domain, user, password, to, body }) => {
          const meta = (await (await fetch("/.well-known/host-meta.json")).json()) as {
            links: { rel: string; href: string }[];
          };
          const url = meta.links.find((l) => l.rel === "urn:xmpp:alt-connections:websocket")?.href ?? "";
          const ws = new WebSocket(url, "xmpp");
          const inbox: string[] = [];
          let wake: (() => void) | null = null;
          ws.onmessage = (e) => {
            inbox.push(String(e.data));
            wake?.();
          };
          const next = async (re: RegExp) => {
            for (;;) {
              const i = inbox.findIndex((s) => re.test(s));
              if (i >= 0) return inbox.splice(i, 1)[0] as string;
              await new Promise<void>((r) => {
                wake = r;
                setTimeout(r, 5000);
              });
            }
          };
          await new Promise((r, j) => {
            ws.onopen = r;
            ws.onerror = j;
          });
          const open = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`;
          ws.send(open);
          await next(/<stream:features|<features/);
          ws.send(
            `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa(`\0${user}\0${password}`)}</auth>`,
          );
          const sasl = await next(/<success|<failure/);
          if (!sasl.includes("<success")) return { url, error: sasl };
          ws.send(open);
          await next(/bind/);
          ws.send(
            `<iq type="set" id="b1" xmlns="jabber:client"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>web</resource></bind></iq>`,
          );
          const bound = (await next(/<jid>/)).match(/<jid>([^<]+)<\/jid>/)?.[1];
          ws.send(`<message xmlns="jabber:client" type="chat" to="${to}" id="m1"><body>${body}</body></message>`);
          // A ping answered proves the server read the message before it; then the stream is closed properly.
          ws.send(`<iq xmlns="jabber:client" type="get" id="p1"><ping xmlns="urn:xmpp:ping"/></iq>`);
          await next(/id=["']p1["']/);
          ws.send(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
          return { url, bound };
        },
        { domain: DOMAIN, user: alice.localpart, password: alice.password, to: `bob@${DOMAIN}`, body },
      );
      expect(outcome).toEqual({
        url: `wss://${DOMAIN}:${server.httpsPort}/xmpp-websocket`,
        bound: `alice@${DOMAIN}/web`,
      });
      // Bob, with slixmpp over an ordinary connection, finds the message in his archive.
      const history = await xmppClient([
        "history",
        "127.0.0.1",
        String(server.c2sPort),
        caFile,
        `bob@${DOMAIN}`,
        bob.password,
      ]);
      expect((history.out.messages as { body: string }[]).map((m) => m.body)).toContain(body);
    } finally {
      await browser.close();
    }
  });
});

describe("a score that drops", () => {
  it("after a configuration change: the check runs by itself, exactly the upload test fails, and one alert opens", async () => {
    const before = (await compliance()).history.length;
    const res = await call("PATCH", `/api/v1/domains/${domainId}/settings?wait=30`, { filesEnabled: false });
    expect(res.json.operation?.status, res.text).toBe("succeeded");
    await until("a check after the change", async () => (await compliance()).history.length > before, 60_000);
    const c = await compliance();
    const latest = c.latest as NonNullable<Compliance["latest"]>;
    expect(latest.trigger).toBe("configuration");
    expect(latest.score).toBeLessThan(100);
    const failing = latest.results.filter(
      (r) => r.status === "fail" && c.tests.find((t) => t.id === r.id)?.suites.length,
    );
    expect(failing.map((r) => r.id)).toEqual(["http-upload"]);
    expect(failing[0]?.fix?.module).toMatch(/http_file_share/);
    const alerts = await openAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subjectId: domainId });
    expect(alerts[0]?.message).toContain(`from 100% to ${latest.score}%`);
    // Checking again finds the same: still one alert.
    await checkNow();
    expect(await openAlerts()).toHaveLength(1);
  });

  it("back to 100% resolves the alert", async () => {
    const before = (await compliance()).history.length;
    const res = await call("PATCH", `/api/v1/domains/${domainId}/settings?wait=30`, { filesEnabled: null });
    expect(res.json.operation?.status, res.text).toBe("succeeded");
    await until("a check after the change", async () => (await compliance()).history.length > before, 60_000);
    expect((await compliance()).latest?.score).toBe(100);
    expect(await openAlerts()).toEqual([]);
  });

  it("keeps every run as history, a page at a time", async () => {
    const first = await call("GET", `/api/v1/domains/${domainId}/compliance/runs?limit=2`);
    expect(first.status, first.text).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toBeTypeOf("string");
    const rest = await call(
      "GET",
      `/api/v1/domains/${domainId}/compliance/runs?limit=50&cursor=${first.json.nextCursor}`,
    );
    const all = [...first.json.items, ...rest.json.items] as { score: number; trigger: string }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all[0]?.score).toBe(100);
    expect(all.some((r) => r.score < 100)).toBe(true);
  });
});

describe("the badge and who may see what", () => {
  it("is published only when its owner says so; admins may not, other tenants see nothing", async () => {
    const badgeUrl = `/api/v1/public/domains/${DOMAIN}/compliance-badge.svg`;
    const anonymous = client(platform.app);
    expect((await anonymous("GET", badgeUrl)).status).toBe(404);

    // An admin of the same family may check, but not publish.
    const db = platform.app.core.db;
    const adminSignup = await signup(platform.app, "ann@test.example", "correct horse battery", "Ann", "Ann's");
    const admin = client(platform.app, { cookie: cookieOf(adminSignup) });
    const ann = await db.user.findUniqueOrThrow({ where: { email: "ann@test.example" } });
    await db.membership.create({ data: { tenantId, userId: ann.id, role: "admin" } });
    const refused = await admin("PUT", `/api/v1/domains/${domainId}/compliance/badge`, { public: true });
    expect(refused.status, refused.text).toBe(403);
    expect((await admin("GET", `/api/v1/domains/${domainId}/compliance`)).status).toBe(200);

    // An API token acts as an admin at most: it may not publish either.
    expect((await call("PUT", `/api/v1/domains/${domainId}/compliance/badge`, { public: true })).status).toBe(403);
    const published = await asOwner("PUT", `/api/v1/domains/${domainId}/compliance/badge`, { public: true });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toEqual({ badgePublic: true });
    const svg = await anonymous("GET", badgeUrl);
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(svg.text).toContain("100%");
    const audit = await db.auditEvent.findFirst({
      where: { action: "domain.compliance_badge_published", resourceId: domainId },
    });
    expect(audit).not.toBeNull();

    const bad = await asOwner("PUT", `/api/v1/domains/${domainId}/compliance/badge`, { public: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.headers["content-type"]).toMatch(/problem\+json/);

    // Another family: every compliance route answers 404, as if the domain did not exist.
    const other = await signupWithToken(platform.app, "jones");
    for (const [method, url, body] of [
      ["GET", `/api/v1/domains/${domainId}/compliance`],
      ["GET", `/api/v1/domains/${domainId}/compliance/runs`],
      ["POST", `/api/v1/domains/${domainId}/compliance/check`],
      ["PUT", `/api/v1/domains/${domainId}/compliance/badge`, { public: false }],
    ] as const) {
      expect((await other.call(method, url, body)).status, `${method} ${url}`).toBe(404);
    }

    await asOwner("PUT", `/api/v1/domains/${domainId}/compliance/badge`, { public: false });
    expect((await anonymous("GET", badgeUrl)).status).toBe(404);
  });
});

describe("openssl agrees", () => {
  it("negotiates ALPN xmpp-client on the direct TLS port with the domain's certificate", async () => {
    const server = await sharedServer();
    const { stdout } = await run(
      "bash",
      [
        "-c",
        `echo | openssl s_client -connect 127.0.0.1:${server.directTlsPort} -servername ${DOMAIN} -alpn xmpp-client -CAfile ${caFile} -verify_hostname ${DOMAIN} 2>&1`,
      ],
      { timeout: 15_000 },
    );
    expect(stdout).toContain("ALPN protocol: xmpp-client");
    expect(stdout).toMatch(/Verify return code: 0 \(ok\)/);
  });
});
