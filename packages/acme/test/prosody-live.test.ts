import { readFileSync } from "node:fs";
import { type InstanceSpec, LocalRuntime, serviceHosts } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { createDriver, type XmppServerDriver } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AcmeIssuer,
  fetchServedCertificate,
  fingerprintOf,
  generateAccountKey,
  Http01Responder,
  type IssuedCertificate,
} from "../src/index.ts";
import { type Pebble, startPebble } from "./support/testing.ts";

const D = "live.test";

describe("ACME certificates reach a running Prosody without a restart", () => {
  const tmp = tempDir("acl-");
  const runtime = new LocalRuntime({ dataRoot: tmp.dir });
  let spec: InstanceSpec;
  let pebble: Pebble;
  let http01: Http01Responder;
  let issuer: AcmeIssuer;
  let driver: XmppServerDriver;
  let pid: number | null = null;
  let root = "";
  let viaHttp: IssuedCertificate;

  const pidfilePid = () => Number(readFileSync(runtime.paths(spec.id).pidfile, "utf8"));
  const served = () =>
    fetchServedCertificate({ host: "127.0.0.1", port: spec.ports.c2s, domain: D, caPem: root, timeoutMs: 5000 });

  /** What the platform does after issuance: the same chain for the host and its two services, then reload. */
  async function deploy(cert: { certPem: string; keyPem: string }) {
    for (const host of serviceHosts(D)) await runtime.writeCertificate(spec.id, host, cert.certPem, cert.keyPem);
    await driver.reload();
  }

  beforeAll(async () => {
    const [c2s, s2s, http] = await freePorts(3);
    if (!c2s || !s2s || !http) throw new Error("no free ports");
    spec = {
      id: "acme-live",
      server: "prosody",
      ports: { c2s, s2s, http },
      bindAddress: "127.0.0.1",
      domains: [{ name: D, registration: "closed" }],
    };
    const selfSigned = selfSignedCertificate(serviceHosts(D));
    for (const host of serviceHosts(D)) {
      await runtime.writeCertificate(spec.id, host, selfSigned.certPem, selfSigned.keyPem);
    }
    [pebble] = await Promise.all([startPebble(), runtime.start(spec)]);
    pid = (await runtime.status(spec.id)).pid;
    driver = createDriver("prosody", runtime.adminChannel(spec));
    http01 = new Http01Responder({ host: "127.0.0.1", port: pebble.httpPort });
    await http01.start();
    for (const n of serviceHosts(D)) await pebble.setA(n, "127.0.0.1");
    issuer = await AcmeIssuer.create({
      directoryUrl: pebble.directoryUrl,
      accountKeyPem: await generateAccountKey(),
      caCertPem: pebble.caCertPem,
      backoffMin: 200,
    });
    root = await pebble.rootPem();
  }, 60_000);

  afterAll(async () => {
    await driver?.close().catch(() => {});
    await runtime.destroy(spec.id).catch(() => {});
    await http01?.stop();
    await pebble?.stop();
    tmp.remove();
  }, 30_000);

  it("serves the initial self-signed certificate, which Pebble's root does not trust", async () => {
    expect(pid).toBeTypeOf("number");
    const s = await served();
    expect(s.authorized).toBe(false);
    expect(s.authorizationError).toMatch(/self[ _-]?signed|unable to (get|verify)/i);
    const initial = readFileSync(`${runtime.paths(spec.id).certs}/${D}.crt`, "utf8");
    expect(s.fingerprint).toBe(fingerprintOf(initial));
    expect(s.subjectAltNames).toEqual(serviceHosts(D));
  });

  it("deploys the HTTP-01 certificate live: served, trusted by Pebble's root, same PID", async () => {
    viaHttp = await issuer.issue({ names: serviceHosts(D), challenge: "http-01", http01 });
    await deploy(viaHttp);
    const s = await served();
    expect(s).toMatchObject({ authorized: true, fingerprint: viaHttp.fingerprint });
    expect(s.authorizationError).toBeUndefined();
    expect(s.subjectAltNames.sort()).toEqual([...serviceHosts(D)].sort());
    expect(Math.abs(s.notAfter.getTime() - viaHttp.notAfter.getTime())).toBeLessThan(1000);
    expect((await runtime.status(spec.id)).pid).toBe(pid);
    expect(pidfilePid()).toBe(pid);
  });

  it("replaces it with the DNS-01 certificate live: the served fingerprint changes, same PID", async () => {
    const viaDns = await issuer.issue({ names: serviceHosts(D), challenge: "dns-01", dnsProvider: pebble.dnsProvider });
    expect(viaDns.fingerprint).not.toBe(viaHttp.fingerprint);
    // Before the reload the old certificate is still served: the check below really sees the reload.
    for (const host of serviceHosts(D)) await runtime.writeCertificate(spec.id, host, viaDns.certPem, viaDns.keyPem);
    expect((await served()).fingerprint).toBe(viaHttp.fingerprint);
    await driver.reload();
    const s = await served();
    expect(s).toMatchObject({ authorized: true, fingerprint: viaDns.fingerprint });
    expect((await runtime.status(spec.id)).pid).toBe(pid);
    expect(pidfilePid()).toBe(pid);
  });

  it("reports the stream error for a host the server does not serve", async () => {
    await expect(
      fetchServedCertificate({ host: "127.0.0.1", port: spec.ports.c2s, domain: "other.test", caPem: root }),
    ).rejects.toThrow(/stream error.*host-unknown/s);
  });
});
