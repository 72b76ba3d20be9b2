/** One managed server (Prosody or ejabberd) with the platform's TURN server, as the compliance tests check it. */
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import path from "node:path";
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
import { createDriver, type DomainServerSettings, type ServerName, type XmppServerDriver } from "@xmpp-host/xmpp";
import { xmppSession } from "@xmpp-host/xmpp/client";
import { expect } from "vitest";
import { COMPLIANCE_TESTS, type ComplianceReport, type ComplianceTarget, SUITES } from "../../src/index.ts";

export const D = "compliance.test";
export const HOST = "127.0.0.1";
export const LIVE = COMPLIANCE_TESTS.filter((t) => t.kind === "live").map((t) => t.id);

export const SETTINGS: DomainServerSettings = {
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

export interface ManagedServer {
  spec: InstanceSpec;
  driver: XmppServerDriver;
  target: ComplianceTarget;
  account: { username: string; password: string };
  /** What the worker does with a changed spec: write the configuration, then make the running server match it. */
  apply(s: InstanceSpec): Promise<void>;
  /** A session of the domain's account, as an app holds it. */
  session(): ReturnType<typeof xmppSession>;
  /** The spec with the domain's settings changed. */
  withSettings(change: (s: DomainServerSettings) => void): InstanceSpec;
  stop(): Promise<void>;
}

/** Starts a server of `kind` with one domain, an account on it, and a real coturn announced to its users. */
export async function startManagedServer(kind: ServerName): Promise<ManagedServer> {
  const tmp = tempDir(`xh-cmp-${kind}-`);
  const runtime = new LocalRuntime({ dataRoot: path.join(tmp.dir, "servers") });
  const [c2s, s2s, http, directTls, https] = await freePorts(5);
  if (!c2s || !s2s || !http || !directTls || !https) throw new Error("no free ports");
  const secret = randomBytes(24).toString("base64url");
  const minPort = 20_000 + Math.floor(Math.random() * 10_000);
  const turn = new LocalTurnServer({
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
  const spec: InstanceSpec = {
    id: `compliance-${kind}`,
    server: kind,
    ports: { c2s, s2s, http, directTls, https },
    bindAddress: HOST,
    calls: { ...turn.endpoint(), secret, ttlSeconds: 3600 },
    domains: [{ name: D, registration: "closed", settings: SETTINGS }],
    ...(kind === "ejabberd" ? { adminPassword: randomBytes(18).toString("base64url") } : {}),
  };
  // One certificate for the domain and its services, as the platform issues it; ejabberd's admin host has its own.
  const cert = selfSignedCertificate(serviceHosts(D));
  for (const host of serviceHosts(D)) await runtime.writeCertificate(spec.id, host, cert.certPem, cert.keyPem);
  if (kind === "ejabberd") {
    const admin = selfSignedCertificate([PLACEHOLDER_HOST]);
    await runtime.writeCertificate(spec.id, PLACEHOLDER_HOST, admin.certPem, admin.keyPem);
  }
  const t0 = performance.now();
  await Promise.all([turn.ensureRunning(), runtime.start(spec)]);
  console.log(`[${kind}] start to ready ${(performance.now() - t0).toFixed(0)} ms`);
  const driver = createDriver(kind, runtime.adminChannel(spec));
  const account = { username: "alice", password: `pw-${randomBytes(6).toString("hex")}` };
  await driver.createAccount(`${account.username}@${D}`, account.password);
  return {
    spec,
    driver,
    account,
    target: {
      server: kind,
      domain: D,
      host: HOST,
      ports: { c2s, directTls, https },
      ca: cert.certPem,
      account,
      // The record the platform publishes for a domain on this server.
      resolveSrv: async (name) => (name === `_xmpps-client._tcp.${D}` ? [{ target: D, port: directTls }] : []),
    },
    async apply(s) {
      await runtime.writeConfig(s);
      await driver.applyHosts(instanceHosts(s));
    },
    session: () => xmppSession({ host: HOST, port: c2s, domain: D, ca: cert.certPem, ...account }),
    withSettings(change) {
      const s = structuredClone(spec);
      const domain = s.domains[0];
      if (!domain?.settings) throw new Error("the spec has no domain settings");
      change(domain.settings);
      return s;
    },
    async stop() {
      await driver.close().catch(() => {});
      await runtime.destroy(spec.id).catch(() => {});
      await turn.stop().catch(() => {});
      tmp.remove();
    },
  };
}

export const statusOf = (r: ComplianceReport, id: string) => r.results.find((x) => x.id === id)?.status;

/** 100% of the applicable tests of every suite, every live test passing, and every test reported. */
export function expectFullScore(report: ComplianceReport): void {
  const failed = report.results.filter((r) => r.status === "fail" && r.id !== "socks5-proxy");
  expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
  for (const suite of SUITES) {
    expect(report.suites[suite].applicable, suite).toBeGreaterThan(0);
    expect(report.suites[suite].passed, suite).toBe(report.suites[suite].applicable);
  }
  expect(report.score).toBe(100);
  expect(report.results.map((r) => r.id)).toEqual(COMPLIANCE_TESTS.map((t) => t.id));
  expect(LIVE).toEqual(
    expect.arrayContaining(["direct-tls", "carbons", "mam", "http-upload", "stream-management", "websocket", "bosh"]),
  );
  for (const id of LIVE) expect(statusOf(report, id), id).toBe("pass");
  expect(statusOf(report, "direct-tls-srv")).toBe("pass");
  // Outside the suites: reported (managed servers have no SOCKS5 proxy) but not counted.
  const socks = report.results.find((r) => r.id === "socks5-proxy");
  expect(socks?.status).toBe("fail");
  expect(socks?.evidence).toMatch(/HTTP upload/);
}
