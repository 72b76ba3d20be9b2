import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import path from "node:path";
import tls from "node:tls";
import { LocalTurnServer } from "@xmpp-host/calls";
import { type InstanceSpec, instanceHosts, isPortFree, LocalRuntime, serviceHosts } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { createDriver, type DomainServerSettings, type XmppServerDriver } from "@xmpp-host/xmpp";
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

describe("compliance check against a managed Prosody", () => {
  const tmp = tempDir("xh-cmp-");
  const runtime = new LocalRuntime({ dataRoot: path.join(tmp.dir, "servers") });
  let spec: InstanceSpec;
  let turn: LocalTurnServer;
  let driver: XmppServerDriver;
  let target: ComplianceTarget;
  let fresh: ComplianceReport;

  /** What the worker does with a changed spec: write the configuration, then make the running server match it. */
  async function apply(s: InstanceSpec): Promise<void> {
    await runtime.writeConfig(s);
    await driver.applyHosts(instanceHosts(s));
  }

  function withSettings(change: (s: DomainServerSettings) => void): InstanceSpec {
    const s = structuredClone(spec);
    const domain = s.domains[0];
    if (!domain?.settings) throw new Error("the spec has no domain settings");
    change(domain.settings);
    return s;
  }

  const statusOf = (r: ComplianceReport, id: string) => r.results.find((x) => x.id === id)?.status;

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
      id: "compliance",
      server: "prosody",
      ports: { c2s, s2s, http, directTls, https },
      bindAddress: HOST,
      calls: { ...turn.endpoint(), secret, ttlSeconds: 3600 },
      domains: [{ name: D, registration: "closed", settings: SETTINGS }],
    };
    const cert = selfSignedCertificate(serviceHosts(D));
    for (const host of serviceHosts(D)) await runtime.writeCertificate(spec.id, host, cert.certPem, cert.keyPem);
    await Promise.all([turn.ensureRunning(), runtime.start(spec)]);
    driver = createDriver("prosody", runtime.adminChannel(spec));
    await driver.createAccount(`${ACCOUNT.username}@${D}`, ACCOUNT.password);
    target = {
      server: "prosody",
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
    expect(LIVE).toEqual(expect.arrayContaining(["direct-tls", "carbons", "mam", "http-upload", "stream-management"]));
    for (const id of LIVE) expect(statusOf(fresh, id), id).toBe("pass");
    expect(statusOf(fresh, "direct-tls-srv")).toBe("pass");
    // Outside the suites: reported (managed servers have no SOCKS5 proxy) but not counted.
    const socks = fresh.results.find((r) => r.id === "socks5-proxy");
    expect(socks?.status).toBe("fail");
    expect(socks?.evidence).toMatch(/HTTP upload/);
  });

  it("logs in on the direct TLS port after negotiating ALPN xmpp-client", async () => {
    const direct = fresh.results.find((r) => r.id === "direct-tls");
    expect(direct?.details).toMatchObject({ alpn: "xmpp-client", mechanism: "SCRAM-SHA-1" });
    expect(direct?.details?.jid).toMatch(new RegExp(`^alice@${D.replace(/\./g, "\\.")}/check-tls-`));
    expect(direct?.details?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(direct?.evidence).toContain("ALPN xmpp-client");
    // The same from outside the checker: the server selects xmpp-client when asked for it.
    const socket = tls.connect({
      host: HOST,
      port: target.ports.directTls as number,
      servername: D,
      ca: target.ca,
      ALPNProtocols: ["xmpp-client"],
    });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    expect(socket.alpnProtocol).toBe("xmpp-client");
    socket.destroy();
  });

  const breakages: Array<{
    name: string;
    change: (s: DomainServerSettings) => void;
    id: string;
    module: string;
    /** Tests that fail along with it because the same module provides them. */
    alongside?: string[];
  }> = [
    {
      name: "shared files off",
      change: (s) => {
        s.files.enabled = false;
      },
      id: "http-upload",
      module: "mod_http_file_share",
    },
    {
      name: "mam disabled on the host",
      change: (s) => {
        s.extraOptions = { modules_disabled: ["mam"] };
      },
      id: "mam",
      module: "mod_mam",
      // Prosody adds stanza ids (XEP-0359) as it archives: without mod_mam there are none.
      alongside: ["stanza-id"],
    },
    {
      name: "carbons disabled on the host",
      change: (s) => {
        s.extraOptions = { modules_disabled: ["carbons"] };
      },
      id: "carbons",
      module: "mod_carbons",
    },
    {
      name: "stream management disabled on the host",
      change: (s) => {
        s.extraOptions = { modules_disabled: ["smacks"] };
      },
      id: "stream-management",
      module: "mod_smacks",
    },
  ];

  for (const b of breakages) {
    const what = b.alongside ? `${b.id} (and ${b.alongside.join(", ")}, same module)` : `${b.id} alone`;
    it(`fails ${what}, naming ${b.module}, with ${b.name}`, async () => {
      await apply(withSettings(b.change));
      let report: ComplianceReport;
      try {
        report = await runComplianceCheck(target);
      } finally {
        await apply(spec);
      }
      const changed = report.results.filter((r) => r.status !== statusOf(fresh, r.id)).map((r) => r.id);
      expect(changed.sort(), formatComplianceTable(report)).toEqual([b.id, ...(b.alongside ?? [])].sort());
      const result = report.results.find((r) => r.id === b.id);
      expect(result?.status).toBe("fail");
      expect(result?.fix?.module).toBe(b.module);
      expect(result?.fix?.text).toContain(b.module);
      expect(report.score).toBeLessThan(fresh.score);
    });
  }

  it("is back to 100% once the server is restored", async () => {
    const report = await runComplianceCheck(target);
    expect(report.score, formatComplianceTable(report)).toBe(100);
    for (const id of LIVE) expect(statusOf(report, id), id).toBe("pass");
  });

  it("reports every test, without throwing, when the account cannot log in", async () => {
    const report = await runComplianceCheck({ ...target, account: { ...ACCOUNT, password: "wrong" } });
    expect(report.results).toHaveLength(COMPLIANCE_TESTS.length);
    expect(statusOf(report, "mam")).toBe("fail");
    expect(report.results.find((r) => r.id === "carbons")?.evidence).toMatch(/not-authorized/);
    // What needs no login still passes: host-meta, BOSH session creation, DNS.
    expect(statusOf(report, "host-meta")).toBe("pass");
    expect(statusOf(report, "direct-tls-srv")).toBe("pass");
    expect(report.score).toBeLessThan(20);
  });
});
