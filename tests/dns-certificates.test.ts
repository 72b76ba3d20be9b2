import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fetchServedCertificate } from "@xmpp-host/acme";
import { type Pebble, startPebble } from "@xmpp-host/acme/testing";
import { startTestDnsServer, type TestDnsServer } from "@xmpp-host/dns/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renewCertificates } from "../apps/worker/src/processors/certificates.ts";
import { type Call, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

let platform: Platform;
let call: Call;
let dnsServer: TestDnsServer;
let pebble: Pebble;
let tenantId: string;
let instance: { id: string; endpoints: { host: string; c2sPort: number } };
let domainId: string;

type Expected = { id: string; name: string; type: "A" | "AAAA" | "CNAME" | "SRV" | "TXT" | "CAA"; value: string };

/** Moves the domain's current certificate to 10 days from expiry, and returns it. */
async function expiringInTenDays() {
  const db = platform.app.core.db;
  const current = await db.certificate.findFirstOrThrow({ where: { domainId }, orderBy: { createdAt: "desc" } });
  await db.certificate.update({
    where: { id: current.id },
    data: { notAfter: new Date(Date.now() + 10 * 86400_000) },
  });
  return current;
}

async function served() {
  return fetchServedCertificate({
    host: instance.endpoints.host,
    port: instance.endpoints.c2sPort,
    domain: "family.test",
  });
}

async function dnsCheck() {
  const res = await call("POST", `/api/v1/domains/${domainId}/dns/check?wait=30`);
  expect(res.json.operation?.status, res.text).toBe("succeeded");
  return (await call("GET", `/api/v1/domains/${domainId}/dns`)).json;
}

beforeAll(async () => {
  dnsServer = await startTestDnsServer();
  pebble = await startPebble();
  const caFile = path.join(mkdtempSync(path.join(tmpdir(), "xh-pebble-")), "pebble-https.pem");
  writeFileSync(caFile, pebble.caCertPem);
  platform = await startPlatform({
    workerEnv: {
      DNS_SERVERS: dnsServer.server,
      DNS_TIMEOUT_MS: "500",
      PLATFORM_HOST: "xmpp.platform.test",
      PLATFORM_IPV4: "127.0.0.1",
      ACME_DIRECTORY_URL: pebble.directoryUrl,
      ACME_CA_CERT_FILE: caFile,
      ACME_CHALLENGE: "http-01",
      ACME_HTTP_HOST: "127.0.0.1",
      ACME_HTTP_PORT: String(pebble.httpPort),
    },
  });
  ({ call, tenantId } = await signupWithToken(platform.app, "dns"));
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "dns" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  instance = inst.json.instance;
  const dom = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, { name: "family.test" });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
});

afterAll(async () => {
  await platform?.close();
  await pebble?.stop();
  await dnsServer?.close();
});

describe("DNS page", () => {
  let expected: Expected[];

  it("lists the records to add, with a zone snippet, before any check", async () => {
    const view = (await call("GET", `/api/v1/domains/${domainId}/dns`)).json;
    expected = view.expected;
    expect(view.verified).toBe(false);
    const ids = expected.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["a", "srv-client", "srv-server", "groups", "share", "txt-verify"]));
    const client = expected.find((r) => r.id === "srv-client");
    expect(client).toMatchObject({ name: "_xmpp-client._tcp.family.test", type: "SRV" });
    expect(client?.value).toContain(` ${instance.endpoints.c2sPort} xmpp.platform.test`);
    expect(view.zoneSnippet).toContain("_xmpp-client._tcp.family.test.");
    // Every domain is scheduled for checks as soon as it exists.
    const schedulers = await platform.workerCtx.queues.queues.checks.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key)).toContain(`dns:${domainId}`);
  });

  it("shows every record ok, and verifies ownership, when the records are right", async () => {
    dnsServer.setRecords(expected.map(({ name, type, value }) => ({ name, type, value })));
    const view = await dnsCheck();
    expect(view.status).toBe("ok");
    expect(view.records.filter((r: { status: string }) => r.status !== "ok")).toEqual([]);
    expect(view.verified).toBe(true);
    const events = await platform.app.core.db.event.findMany({
      where: { resourceId: domainId },
      orderBy: { createdAt: "asc" },
    });
    // The first scheduled check ran when the domain was created, before the records existed.
    expect(events.map((e) => e.kind).slice(-2)).toEqual(["dns.status_changed", "domain.verified"]);
    expect(events.at(-2)?.data).toMatchObject({ to: "ok" });
  });

  it("points at the one wrong record with its fix, and records the status change", async () => {
    const wrongPort = expected.map((r) =>
      r.id === "srv-client" ? { ...r, value: r.value.replace(` ${instance.endpoints.c2sPort} `, " 5999 ") } : r,
    );
    dnsServer.setRecords(wrongPort.map(({ name, type, value }) => ({ name, type, value })));
    const view = await dnsCheck();
    expect(view.status).toBe("error");
    const bad = view.records.filter((r: { status: string }) => r.status !== "ok");
    expect(bad.map((r: { id: string }) => r.id)).toEqual(["srv-client"]);
    expect(bad[0].found.join(" ")).toContain("5999");
    expect(bad[0].fix).toContain(String(instance.endpoints.c2sPort));
    expect(view.history.length).toBeGreaterThanOrEqual(2);
    const changed = await platform.app.core.db.event.findFirst({
      where: { resourceId: domainId, kind: "dns.status_changed" },
      orderBy: { createdAt: "desc" },
    });
    expect(changed?.data).toMatchObject({ from: "ok", to: "error", failing: ["srv-client"] });
    // A failing domain is re-checked more often.
    const scheduler = (await platform.workerCtx.queues.queues.checks.getJobSchedulers(0, -1)).find(
      (s) => s.key === `dns:${domainId}`,
    );
    expect(Number(scheduler?.every)).toBe(platform.workerCtx.env.DNS_RECHECK_FAILING_MS);
    dnsServer.setRecords(expected.map(({ name, type, value }) => ({ name, type, value })));
  });

  it("lists the broken domain for operators only", async () => {
    const res = await call("GET", "/api/v1/fleet/domains");
    expect(res.status).toBe(404);
    await platform.app.core.db.user.update({ where: { email: "dns@test.example" }, data: { isOperator: true } });
    const { client } = await import("./helpers/platform.ts");
    const login = await client(platform.app)("POST", "/api/v1/auth/login", {
      email: "dns@test.example",
      password: "correct horse battery",
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
    const fleet = await client(platform.app, { cookie })("GET", "/api/v1/fleet/domains");
    expect(fleet.status, fleet.text).toBe(200);
    expect(fleet.json.items).toEqual([expect.objectContaining({ name: "family.test", dnsStatus: "error" })]);
  });
});

describe("certificates", () => {
  it("starts with an internal-CA certificate that the server presents", async () => {
    const certs = (await call("GET", `/api/v1/domains/${domainId}/certificates`)).json;
    expect(certs.mode).toBe("internal");
    expect(certs.current.names).toEqual(["family.test", "groups.family.test", "share.family.test"]);
    expect((await served()).fingerprint).toBe(certs.current.fingerprint);
  });

  it("issues a public certificate by ACME (HTTP-01) and serves it live, without a restart", async () => {
    for (const name of ["family.test", "groups.family.test", "share.family.test"]) await pebble.setA(name, "127.0.0.1");
    const before = platform.prosodyPid(instance.id);
    const res = await call("POST", `/api/v1/domains/${domainId}/certificates?wait=60`, { source: "acme" });
    expect(res.json.operation?.status, res.text).toBe("succeeded");
    const certs = (await call("GET", `/api/v1/domains/${domainId}/certificates`)).json;
    expect(certs).toMatchObject({ mode: "acme", lastError: null });
    expect(certs.current.source).toBe("acme");
    expect(certs.current.issuer).toContain("Pebble");
    const now = await fetchServedCertificate({
      host: instance.endpoints.host,
      port: instance.endpoints.c2sPort,
      domain: "family.test",
      caPem: await pebble.rootPem(),
    });
    expect(now).toMatchObject({ fingerprint: certs.current.fingerprint, authorized: true });
    expect(platform.prosodyPid(instance.id)).toBe(before);
  });

  it("renews a certificate 10 days from expiry from the scheduler's job", async () => {
    const db = platform.app.core.db;
    const current = await expiringInTenDays();
    const { requested } = await renewCertificates(platform.workerCtx);
    expect(requested).toEqual([domainId]);
    expect((await renewCertificates(platform.workerCtx)).requested).toEqual([]); // once per domain
    const op = await db.operation.findFirstOrThrow({
      where: { type: "certificate.issue", resourceId: domainId },
      orderBy: { createdAt: "desc" },
    });
    const done = await call("GET", `/api/v1/operations/${op.id}?wait=60`);
    expect(done.json.status, done.text).toBe("succeeded");
    const renewed = await db.certificate.findFirstOrThrow({ where: { domainId }, orderBy: { createdAt: "desc" } });
    expect(renewed.id).not.toBe(current.id);
    expect(renewed.source).toBe("acme");
    expect(renewed.notAfter.getTime()).toBeGreaterThan(Date.now() + 30 * 86400_000);
    expect((await served()).fingerprint).toBe(renewed.fingerprint);
  });

  it("keeps the old certificate and records the CA's error when a renewal fails", async () => {
    const db = platform.app.core.db;
    const current = await expiringInTenDays();
    // Validation will fail: the CA is sent to an address where nothing answers.
    for (const name of ["family.test", "groups.family.test", "share.family.test"]) await pebble.setA(name, "127.0.0.2");
    expect((await renewCertificates(platform.workerCtx)).requested).toEqual([domainId]);
    const deadline = Date.now() + 30_000;
    let domain = await db.domain.findUniqueOrThrow({ where: { id: domainId } });
    while (!domain.certificateError && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      domain = await db.domain.findUniqueOrThrow({ where: { id: domainId } });
    }
    expect(domain.certificateError).toMatch(/127\.0\.0\.2|connection/);
    const certs = (await call("GET", `/api/v1/domains/${domainId}/certificates`)).json;
    expect(certs.current.id).toBe(current.id);
    expect(certs.lastError).toBe(domain.certificateError);
    expect((await served()).fingerprint).toBe(current.fingerprint);
    const failed = await db.event.count({ where: { resourceId: domainId, kind: "certificate.failed" } });
    expect(failed).toBeGreaterThanOrEqual(1);
    const op = await db.operation.findFirstOrThrow({
      where: { type: "certificate.issue", resourceId: domainId },
      orderBy: { createdAt: "desc" },
    });
    expect(op.status).not.toBe("succeeded");
  });

  it("refuses a public certificate for an unverified domain", async () => {
    const other = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, { name: "unverified.test" });
    const res = await call("POST", `/api/v1/domains/${other.json.domain.id}/certificates`, { source: "acme" });
    expect(res.status).toBe(412);
    expect(res.json.errors[0].field).toBe("source");
  });
});
