import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import path from "node:path";
import tls from "node:tls";
import { LocalTurnServer } from "@xmpp-host/calls";
import {
  type InstanceSpec,
  instanceHosts,
  isPortFree,
  LocalRuntime,
  PLACEHOLDER_HOST,
  serviceHosts,
} from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { createDriver, type DomainServerSettings, type XmppServerDriver } from "@xmpp-host/xmpp";
import { xmlChild, xmlChildren, xmppSession } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COMPLIANCE_TESTS,
  type ComplianceReport,
  type ComplianceTarget,
  formatComplianceTable,
  runComplianceCheck,
  SUITES,
} from "../src/index.ts";

const D = "compliance.test";
const HOST = "127.0.0.1";
const ACCOUNT = { username: "alice", password: `pw-${randomBytes(6).toString("hex")}` };
const LIVE = COMPLIANCE_TESTS.filter((t) => t.kind === "live").map((t) => t.id);

const SETTINGS: DomainServerSettings = {
  history: { enabled: true, retentionDays: 30 },
  files: { enabled: true, maxFileBytes: 10 * 1024 * 1024, dailyQuotaBytes: 100 * 1024 * 1024, retentionDays: 7 },
  push: { includeSender: false, includeBody: false },
  tlsProfile: "intermediate",
  welcomeMessage: null,
  contacts: { abuse: [`mailto:abuse@${D}`], support: [`xmpp:support@${D}`], admin: [], security: [] },
  extraOptions: {},
};

/** A port free for UDP and TCP (coturn listens on both). */
async function turnPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const socket = dgram.createSocket("udp4");
    const port = await new Promise<number>((resolve) => socket.bind(0, HOST, () => resolve(socket.address().port)));
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    if (await isPortFree(HOST, port)) return port;
  }
  throw new Error("no free port for TURN");
}

describe("compliance check against a managed ejabberd", () => {
  const tmp = tempDir("xh-cmp-ej-");
  const runtime = new LocalRuntime({ dataRoot: path.join(tmp.dir, "servers") });
  let spec: InstanceSpec;
  let turn: LocalTurnServer;
  let driver: XmppServerDriver;
  let target: ComplianceTarget;
  let fresh: ComplianceReport;

  const statusOf = (r: ComplianceReport, id: string) => r.results.find((x) => x.id === id)?.status;

  /** What the worker does with a changed spec: write the configuration, then make the running server match it. */
  async function apply(s: InstanceSpec): Promise<void> {
    await runtime.writeConfig(s);
    await driver.applyHosts(instanceHosts(s));
  }

  beforeAll(async () => {
    const [c2s, s2s, http, directTls, https] = await freePorts(5);
    if (!c2s || !s2s || !http || !directTls || !https) throw new Error("no free ports");
    const secret = randomBytes(24).toString("base64url");
    const minPort = 20_000 + Math.floor(Math.random() * 10_000);
    turn = new LocalTurnServer({
      dir: path.join(tmp.dir, "turn"),
      settings: {
        listenIp: HOST,
        port: await turnPort(),
        relayIp: HOST,
        minPort,
        maxPort: minPort + 31,
        realm: "turn.compliance.test",
        secret,
        allowLoopbackPeers: true,
      },
    });
    spec = {
      id: "compliance-ej",
      server: "ejabberd",
      ports: { c2s, s2s, http, directTls, https },
      bindAddress: HOST,
      calls: { ...turn.endpoint(), secret, ttlSeconds: 3600 },
      domains: [{ name: D, registration: "closed", settings: SETTINGS }],
      adminPassword: randomBytes(18).toString("base64url"),
    };
    // One certificate for the domain and its services, as the platform issues it; the admin's host has its own.
    const cert = selfSignedCertificate(serviceHosts(D));
    for (const host of serviceHosts(D)) await runtime.writeCertificate(spec.id, host, cert.certPem, cert.keyPem);
    const admin = selfSignedCertificate([PLACEHOLDER_HOST]);
    await runtime.writeCertificate(spec.id, PLACEHOLDER_HOST, admin.certPem, admin.keyPem);
    const t0 = performance.now();
    await Promise.all([turn.ensureRunning(), runtime.start(spec)]);
    console.log(`[ejabberd] start to ready ${(performance.now() - t0).toFixed(0)} ms`);
    driver = createDriver("ejabberd", runtime.adminChannel(spec));
    await driver.createAccount(`${ACCOUNT.username}@${D}`, ACCOUNT.password);
    target = {
      server: "ejabberd",
      domain: D,
      host: HOST,
      ports: { c2s, directTls, https },
      ca: cert.certPem,
      account: ACCOUNT,
      // The record the platform publishes for a domain on this server.
      resolveSrv: async (name) => (name === `_xmpps-client._tcp.${D}` ? [{ target: D, port: directTls }] : []),
    };
  }, 60_000);

  afterAll(async () => {
    await driver?.close().catch(() => {});
    await runtime.destroy(spec.id).catch(() => {});
    await turn?.stop().catch(() => {});
    tmp.remove();
  }, 30_000);

  it("scores 100% of the applicable tests of every suite on a fresh server, live tests included", async () => {
    fresh = await runComplianceCheck(target);
    console.log(formatComplianceTable(fresh));
    const failed = fresh.results.filter((r) => r.status === "fail" && r.id !== "socks5-proxy");
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    for (const suite of SUITES) {
      expect(fresh.suites[suite].applicable, suite).toBeGreaterThan(0);
      expect(fresh.suites[suite].passed, suite).toBe(fresh.suites[suite].applicable);
    }
    expect(fresh.score).toBe(100);
    expect(fresh.results.map((r) => r.id)).toEqual(COMPLIANCE_TESTS.map((t) => t.id));
    expect(LIVE).toEqual(
      expect.arrayContaining(["direct-tls", "carbons", "mam", "http-upload", "stream-management", "websocket", "bosh"]),
    );
    for (const id of LIVE) expect(statusOf(fresh, id), id).toBe("pass");
    expect(statusOf(fresh, "direct-tls-srv")).toBe("pass");
    // Uploads go over HTTPS, like web clients need them.
    expect(fresh.results.find((r) => r.id === "http-upload")?.evidence).toContain(`https://share.${D}:`);
    const socks = fresh.results.find((r) => r.id === "socks5-proxy");
    expect(socks?.status).toBe("fail");
  });

  it("logs in on the direct TLS port, which selects no ALPN protocol (ejabberd 23.01 cannot)", async () => {
    const direct = fresh.results.find((r) => r.id === "direct-tls");
    expect(direct?.details).toMatchObject({ alpn: "", mechanism: expect.stringMatching(/^SCRAM-SHA-/) });
    expect(direct?.details?.jid).toMatch(new RegExp(`^alice@${D.replace(/\./g, "\\.")}/check-tls-`));
    expect(direct?.details?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(direct?.evidence).toContain("no ALPN protocol selected");
    // From outside the checker: the handshake succeeds with xmpp-client offered, and the domain's own certificate is
    // chosen by name.
    const socket = tls.connect({
      host: HOST,
      port: target.ports.directTls as number,
      servername: D,
      ca: target.ca,
      ALPNProtocols: ["xmpp-client"],
    });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    expect(socket.alpnProtocol).toBe(false);
    expect(socket.getPeerX509Certificate()?.checkHost(D)).toBe(D);
    socket.destroy();
  });

  it("keeps XEP-0048 private storage and XEP-0402 bookmarks in step, both ways", async () => {
    const { stream } = await xmppSession({ host: HOST, port: target.ports.c2s, domain: D, ca: target.ca, ...ACCOUNT });
    const NS = "urn:xmpp:bookmarks:1";
    const privateGet = `<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'/></query>`;
    const pepItems = async () => {
      const answer = await stream.query(
        "get",
        undefined,
        `<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='${NS}'/></pubsub>`,
      );
      return xmlChildren(xmlChild(xmlChild(answer, "pubsub"), "items"), "item");
    };
    const privateRooms = async () => {
      const answer = await stream.query("get", undefined, privateGet);
      return xmlChildren(xmlChild(xmlChild(answer, "query"), "storage"), "conference").map((c) => c.attrs.jid);
    };
    try {
      // An older client writes its list to private storage: the rooms appear as XEP-0402 items.
      await stream.query(
        "set",
        undefined,
        `<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'><conference jid='one@groups.${D}' name='One' autojoin='true'><nick>al</nick></conference><conference jid='two@groups.${D}'/></storage></query>`,
      );
      const items = await pepItems();
      expect(items.map((i) => i.attrs.id).sort()).toEqual([`one@groups.${D}`, `two@groups.${D}`]);
      const one = xmlChild(
        items.find((i) => i.attrs.id === `one@groups.${D}`),
        "conference",
        NS,
      );
      expect(one?.attrs).toMatchObject({ name: "One", autojoin: "true" });
      expect(xmlChild(one, "nick")?.text).toBe("al");
      // A newer client removes one room and adds another: the older one reads the change from private storage.
      await stream.query(
        "set",
        undefined,
        `<pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='${NS}' notify='true'><item id='two@groups.${D}'/></retract></pubsub>`,
      );
      await stream.query(
        "set",
        undefined,
        `<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='${NS}'><item id='three@groups.${D}'><conference xmlns='${NS}' name='Three' autojoin='false'/></item></publish><publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field><field var='pubsub#persist_items'><value>true</value></field><field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options></pubsub>`,
      );
      expect((await privateRooms()).sort()).toEqual([`one@groups.${D}`, `three@groups.${D}`]);
      // Other private data is still mod_private's.
      await stream.query(
        "set",
        undefined,
        `<query xmlns='jabber:iq:private'><notes xmlns='x:test'>kept</notes></query>`,
      );
      const notes = await stream.query(
        "get",
        undefined,
        `<query xmlns='jabber:iq:private'><notes xmlns='x:test'/></query>`,
      );
      expect(xmlChild(xmlChild(notes, "query"), "notes")?.text).toBe("kept");
    } finally {
      await stream.close();
    }
  });

  it("publishes a vCard's photo as the account's PEP avatar (XEP-0398)", async () => {
    const { stream } = await xmppSession({ host: HOST, port: target.ports.c2s, domain: D, ca: target.ca, ...ACCOUNT });
    // A 1×1 PNG.
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    try {
      await stream.query(
        "set",
        undefined,
        `<vCard xmlns='vcard-temp'><FN>Alice</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>${png}</BINVAL></PHOTO></vCard>`,
      );
      const answer = await stream.query(
        "get",
        undefined,
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:avatar:metadata'/></pubsub>",
      );
      const items = xmlChildren(xmlChild(xmlChild(answer, "pubsub"), "items"), "item");
      const info = xmlChild(xmlChild(items[0], "metadata", "urn:xmpp:avatar:metadata"), "info");
      expect(info?.attrs).toMatchObject({ type: "image/png", bytes: String(Buffer.from(png, "base64").length) });
    } finally {
      await stream.close();
    }
  });

  it("fails MAM and group chat history, naming mod_mam, once the domain's history is off", async () => {
    const off = structuredClone(spec);
    const settings = off.domains[0]?.settings;
    if (!settings) throw new Error("the spec has no domain settings");
    settings.history.enabled = false;
    await apply(off);
    let report: ComplianceReport;
    try {
      report = await runComplianceCheck(target);
    } finally {
      await apply(spec);
    }
    const changed = report.results.filter((r) => r.status !== statusOf(fresh, r.id)).map((r) => r.id);
    expect(changed.sort(), formatComplianceTable(report)).toEqual(["mam", "muc-mam", "stanza-id"]);
    expect(report.results.find((r) => r.id === "mam")?.fix?.module).toBe("mod_mam");
    expect(report.score).toBeLessThan(100);
  });

  it("is back to 100% once the server is restored", async () => {
    const report = await runComplianceCheck(target);
    expect(report.score, formatComplianceTable(report)).toBe(100);
  });
});
