import { type InstanceSpec, instanceHosts, LocalRuntime } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { createDriver, fetchProsodyMetrics, type XmppServerDriver } from "@xmpp-host/xmpp";
import { xmppLogin } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateInstance, probeXmpp, processStats, type Thresholds, tcpReachable } from "../src/index.ts";

const thresholds: Thresholds = { loginSlowMs: 2000, certificateMinDays: 14, memoryLimitBytes: 512 * 1024 * 1024 };

describe("the probe against a real Prosody", () => {
  const tmp = tempDir("xh-probe-");
  const runtime = new LocalRuntime({ dataRoot: tmp.dir });
  let spec: InstanceSpec;
  let driver: XmppServerDriver;
  let pid: number | null = null;
  const cert = selfSignedCertificate(["probe.test", "groups.probe.test", "share.probe.test"]);
  const target = () => ({
    host: "127.0.0.1",
    port: spec.ports.c2s,
    domain: "probe.test",
    ca: cert.certPem,
    timeoutMs: 5000,
  });

  beforeAll(async () => {
    const [c2s, s2s, http] = await freePorts(3);
    if (!c2s || !s2s || !http) throw new Error("no free ports");
    spec = {
      id: "probe-1",
      server: "prosody",
      ports: { c2s, s2s, http },
      bindAddress: "127.0.0.1",
      domains: [{ name: "probe.test", registration: "closed" }],
    };
    await runtime.writeConfig(spec);
    await runtime.writeCertificate(spec.id, "probe.test", cert.certPem, cert.keyPem);
    pid = (await runtime.start(spec)).pid;
    driver = createDriver("prosody", runtime.adminChannel(spec));
    await driver.applyHosts(instanceHosts(spec));
    await driver.createAccount("xh-probe@probe.test", "probe secret");
    await driver.createAccount("alice@probe.test", "alice secret");
  });

  afterAll(async () => {
    await driver?.close();
    await runtime.destroy(spec.id);
    tmp.remove();
  });

  it("logs in with SCRAM-SHA-1 and pings, timing every step", async () => {
    const r = await probeXmpp({ ...target(), username: "xh-probe", password: "probe secret" });
    expect(r.failure).toBeUndefined();
    expect(r.ok).toBe(true);
    for (const step of [r.connectMs, r.tlsMs, r.loginMs, r.bindMs, r.pingMs]) {
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThan(2000);
    }
    expect(r.totalMs).toBeGreaterThanOrEqual((r.connectMs ?? 0) + (r.tlsMs ?? 0) + (r.loginMs ?? 0));
    // The self-signed certificate is valid for 2 days and trusted through `ca`.
    expect(r.certificate?.authorized).toBe(true);
    expect(r.certificate?.daysLeft).toBeGreaterThan(1);
    expect(r.certificate?.daysLeft).toBeLessThanOrEqual(2);
    expect(
      evaluateInstance(
        { process: await processStats(pid), xmpp: r, s2sReachable: true, httpReachable: true, metrics: null },
        thresholds,
      ).status,
    ).toBe("degraded"); // the certificate has fewer than 14 days left
  });

  it("reports a wrong password as login_failed, and the instance as down", async () => {
    const r = await probeXmpp({ ...target(), username: "xh-probe", password: "wrong" });
    expect(r.ok).toBe(false);
    expect(r.failure?.step).toBe("login");
    expect(r.failure?.code).toBe("login_failed");
    expect(r.failure?.message).toContain("not-authorized");
    expect(r.tlsMs).toBeGreaterThan(0);
    const verdict = evaluateInstance(
      { process: null, xmpp: r, s2sReachable: true, httpReachable: true, metrics: null },
      thresholds,
    );
    expect(verdict.status).toBe("down");
    expect(verdict.reasons[0]?.code).toBe("login_failed");
  });

  it("reports a closed port as unreachable", async () => {
    const [closed] = await freePorts(1);
    const r = await probeXmpp({ ...target(), port: closed as number, username: "xh-probe", password: "x" });
    expect(r.failure?.code).toBe("unreachable");
    expect(r.failure?.step).toBe("connect");
    expect(await tcpReachable("127.0.0.1", closed as number, 1000)).toBe(false);
  });

  it("sees the s2s port, the HTTP service and the users online in /metrics", async () => {
    expect(await tcpReachable("127.0.0.1", spec.ports.s2s)).toBe(true);
    const users = async () =>
      (await fetchProsodyMetrics("127.0.0.1", spec.ports.http)).metrics?.c2sByHost["probe.test"] ?? 0;
    const before = await fetchProsodyMetrics("127.0.0.1", spec.ports.http);
    expect(before.reachable).toBe(true);
    const session = await xmppLogin({ ...target(), username: "alice", password: "alice secret" });
    let during: Awaited<ReturnType<typeof fetchProsodyMetrics>>;
    try {
      during = await fetchProsodyMetrics("127.0.0.1", spec.ports.http);
      expect(during.metrics?.c2sByHost["probe.test"]).toBeGreaterThanOrEqual(1);
      expect(during.metrics?.c2sConnections).toBe(
        Object.values(during.metrics?.c2sByHost ?? {}).reduce((a, b) => a + b, 0),
      );
      expect(during.metrics?.mucRooms).toBe(0);
    } finally {
      await session.close();
    }
    // The count follows the session: it drops once alice has gone.
    const withAlice = during.metrics?.c2sByHost["probe.test"] ?? 0;
    const deadline = Date.now() + 5000;
    while ((await users()) >= withAlice && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await users()).toBeLessThan(withAlice);
  });

  it("reads the server's memory and state from /proc, and notices a stopped process", async () => {
    const stats = await processStats(pid);
    expect(stats.alive).toBe(true);
    expect(stats.state).toMatch(/^[RS]$/);
    // Prosody idles at about 18 MB.
    expect(stats.rssBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(stats.rssBytes).toBeLessThan(300 * 1024 * 1024);
    process.kill(pid as number, "SIGSTOP");
    try {
      const deadline = Date.now() + 2000;
      while ((await processStats(pid)).state !== "T" && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect((await processStats(pid)).state).toBe("T");
      const r = await probeXmpp({ ...target(), username: "xh-probe", password: "probe secret", timeoutMs: 800 });
      expect(r.failure?.code).toBe("timeout");
    } finally {
      process.kill(pid as number, "SIGCONT");
    }
    expect(await processStats(999_999_999)).toEqual({ alive: false, state: null, rssBytes: null });
  });
});
