import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePorts, tempDir } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AcmeError,
  AcmeIssuer,
  fingerprintOf,
  generateAccountKey,
  Http01Responder,
  type IssuedCertificate,
} from "../src/index.ts";
import { type Pebble, startPebble } from "./support/testing.ts";

const D = "tenant-a.test";
const NAMES = [D, `groups.${D}`, `share.${D}`];

/** openssl verify of the leaf for every name, against Pebble's root with the chain's intermediate. */
function verifyChain(cert: IssuedCertificate, rootPem: string, dir: string): void {
  const chain = cert.certPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  // Exactly the leaf and Pebble's intermediate.
  expect(chain).toHaveLength(2);
  const [leaf, intermediate] = chain;
  const files = {
    leaf: path.join(dir, "leaf.pem"),
    inter: path.join(dir, "inter.pem"),
    root: path.join(dir, "root.pem"),
  };
  writeFileSync(files.leaf, `${leaf}\n`);
  writeFileSync(files.inter, `${intermediate}\n`);
  writeFileSync(files.root, rootPem);
  for (const name of cert.names) {
    const out = execFileSync(
      "openssl",
      [
        "verify",
        "-CAfile",
        files.root,
        "-untrusted",
        files.inter,
        "-verify_hostname",
        name,
        "-purpose",
        "sslserver",
        files.leaf,
      ],
      { encoding: "utf8", stdio: "pipe" },
    );
    expect(out).toContain(": OK");
  }
  // And with Node's own X.509 code: leaf <- intermediate <- root.
  const [l, i, r] = [leaf, intermediate, rootPem].map((p) => new X509Certificate(p as string));
  expect(l?.verify(i?.publicKey as never)).toBe(true);
  expect(i?.verify(r?.publicKey as never)).toBe(true);
  expect(l?.verify(r?.publicKey as never)).toBe(false);
  // The key belongs to the leaf.
  writeFileSync(path.join(dir, "key.pem"), cert.keyPem);
  expect(execFileSync("openssl", ["pkey", "-in", path.join(dir, "key.pem"), "-pubout"], { encoding: "utf8" })).toBe(
    execFileSync("openssl", ["x509", "-in", files.leaf, "-pubkey", "-noout"], { encoding: "utf8" }),
  );
  expect(cert.fingerprint).toBe(fingerprintOf(leaf as string));
  expect(cert.fingerprint).toMatch(/^[0-9a-f]{64}$/);
}

describe("AcmeIssuer against Pebble", () => {
  const tmp = tempDir("acme-");
  let pebble: Pebble;
  let http01: Http01Responder;
  let issuer: AcmeIssuer;
  let accountKeyPem: string;

  beforeAll(async () => {
    pebble = await startPebble();
    http01 = new Http01Responder({ host: "127.0.0.1", port: pebble.httpPort });
    await http01.start();
    for (const n of NAMES) await pebble.setA(n, "127.0.0.1");
    accountKeyPem = await generateAccountKey();
    issuer = await AcmeIssuer.create({
      directoryUrl: pebble.directoryUrl,
      accountKeyPem,
      email: "ops@platform.example",
      caCertPem: pebble.caCertPem,
      backoffMin: 200,
    });
  }, 30_000);

  afterAll(async () => {
    await http01?.stop();
    await pebble?.stop();
    tmp.remove();
  });

  it("registers one account per key", async () => {
    expect(accountKeyPem).toContain("-----BEGIN PRIVATE KEY-----");
    expect(issuer.accountUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/my-account\//);
    const again = await AcmeIssuer.create({
      directoryUrl: pebble.directoryUrl,
      accountKeyPem,
      caCertPem: pebble.caCertPem,
    });
    expect(again.accountUrl).toBe(issuer.accountUrl);
  });

  it("issues for the domain, its MUC and upload names over HTTP-01, and removes the tokens", async () => {
    const steps: string[] = [];
    const t0 = Date.now();
    const cert = await issuer.issue({ names: NAMES, challenge: "http-01", http01, onProgress: (s) => steps.push(s) });
    const ms = Date.now() - t0;
    console.info(`HTTP-01 issuance for 3 names: ${ms} ms`);
    expect(cert.names).toEqual(NAMES);
    expect(cert.issuer).toMatch(/^CN=Pebble Intermediate CA /);
    expect(cert.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(cert.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
    expect(cert.keyPem).toContain("-----BEGIN PRIVATE KEY-----");
    verifyChain(cert, await pebble.rootPem(), tmp.dir);
    // The chain's second certificate is the intermediate Pebble announces.
    expect(cert.certPem).toContain((await pebble.intermediatePem()).trim());
    expect(steps.some((s) => s.includes("validating 3 of 3 names (http-01)"))).toBe(true);
    expect(http01.size).toBe(0);
  });

  it("issues the same names over DNS-01 through the provider, with a new key, and removes the TXT records", async () => {
    const before = pebble.dnsProvider.calls.length;
    const first = await issuer.issue({ names: NAMES, challenge: "http-01", http01 });
    // Another account: a CA may reuse an account's valid authorizations (RFC 8555 §7.1.3) and then ask for no
    // challenge at all, which Pebble did once in a full run despite PEBBLE_AUTHZREUSE=0.
    const dnsIssuer = await AcmeIssuer.create({
      directoryUrl: pebble.directoryUrl,
      accountKeyPem: await generateAccountKey(),
      caCertPem: pebble.caCertPem,
      backoffMin: 200,
    });
    const t0 = Date.now();
    const cert = await dnsIssuer.issue({ names: NAMES, challenge: "dns-01", dnsProvider: pebble.dnsProvider });
    console.info(`DNS-01 issuance for 3 names: ${Date.now() - t0} ms`);
    verifyChain(cert, await pebble.rootPem(), tmp.dir);
    expect(cert.fingerprint).not.toBe(first.fingerprint);
    expect(cert.keyPem).not.toBe(first.keyPem);
    const calls = pebble.dnsProvider.calls.slice(before);
    for (const n of NAMES) {
      const added = calls.filter((c) => c.startsWith(`add _acme-challenge.${n} `));
      expect(added).toHaveLength(1);
      expect(calls).toContain(added[0]?.replace(/^add/, "remove"));
    }
  });

  it("reports an HTTP-01 validation failure with the CA's problem detail (A record to a closed address)", async () => {
    const name = "unreachable.test";
    await pebble.setA(name, "127.0.0.2"); // nothing listens there on the validation port
    const err = await issuer.issue({ names: [name], challenge: "http-01", http01 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AcmeError);
    const e = err as AcmeError;
    expect(e.problem?.type).toBe("urn:ietf:params:acme:error:connection");
    expect(e.problem?.detail).toMatch(/127\.0\.0\.2:\d+: connect: connection refused/);
    expect(e.message).toContain(e.problem?.detail);
    expect(e.kind).toBe("validation");
    expect(e.transient).toBe(true); // the tenant can fix DNS; the caller retries with backoff
    expect(http01.size).toBe(0);
  });

  it("reports a DNS-01 failure with the CA's detail when the TXT record never appears", async () => {
    const silent = { handles: () => true, addRecord: async () => {}, removeRecord: async () => {} };
    const err = await issuer.issue({ names: ["notxt.test"], challenge: "dns-01", dnsProvider: silent }).catch((e) => e);
    expect(err).toBeInstanceOf(AcmeError);
    expect((err as AcmeError).problem?.type).toBe("urn:ietf:params:acme:error:unauthorized");
    expect((err as AcmeError).problem?.detail).toMatch(/TXT/i);
    expect((err as AcmeError).transient).toBe(true);
  });

  it("refuses bad requests before contacting the CA", async () => {
    const stopped = new Http01Responder({ host: "127.0.0.1", port: 0 });
    await expect(issuer.issue({ names: NAMES, challenge: "http-01", http01: stopped })).rejects.toMatchObject({
      kind: "config",
      transient: false,
    });
    await expect(
      issuer.issue({ names: ["bad name.test"], challenge: "dns-01", dnsProvider: pebble.dnsProvider }),
    ).rejects.toMatchObject({ kind: "config" });
    const narrow = { ...pebble.dnsProvider, handles: (n: string) => n.endsWith(".other.test") };
    await expect(issuer.issue({ names: NAMES, challenge: "dns-01", dnsProvider: narrow })).rejects.toThrow(
      /cannot publish/,
    );
  });

  it("turns network and trust failures into transient AcmeErrors with the real cause", async () => {
    const [closed] = await freePorts(1);
    const t0 = Date.now();
    const refused = await AcmeIssuer.create({
      directoryUrl: `https://127.0.0.1:${closed}/dir`,
      accountKeyPem,
      caCertPem: pebble.caCertPem,
    }).catch((e) => e);
    expect(Date.now() - t0).toBeLessThan(3000); // acme-client's own retries (5 s, 10 s, ...) are off
    expect(refused).toBeInstanceOf(AcmeError);
    expect(refused).toMatchObject({ kind: "network", transient: true });
    expect((refused as Error).message).toMatch(/ECONNREFUSED/);

    // Without trusting Pebble's certificate: the TLS error, not acme-client's "reading 'config'".
    const untrusted = await AcmeIssuer.create({ directoryUrl: pebble.directoryUrl, accountKeyPem }).catch((e) => e);
    expect(untrusted).toMatchObject({ kind: "network", transient: true });
    expect((untrusted as Error).message).toMatch(/self[- ]signed certificate/i);
  });
});

describe("Http01Responder", () => {
  it("serves only set tokens under /.well-known/acme-challenge/, 404 for everything else", async () => {
    const r = new Http01Responder({ host: "127.0.0.1", port: 0 });
    await r.start();
    const port = r.port;
    try {
      const base = `http://127.0.0.1:${port}`;
      r.set("tok_en-1", "tok_en-1.thumb");
      const ok = await fetch(`${base}/.well-known/acme-challenge/tok_en-1`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe("tok_en-1.thumb");
      for (const p of [
        "/.well-known/acme-challenge/other",
        "/",
        "/.well-known/acme-challenge/tok_en-1/x",
        "/metrics",
      ]) {
        const res = await fetch(`${base}${p}`);
        expect(res.status, p).toBe(404);
        expect(await res.text()).toBe("");
      }
      expect((await fetch(`${base}/.well-known/acme-challenge/tok_en-1`, { method: "POST" })).status).toBe(404);
      expect(() => r.set("../x", "v")).toThrow(TypeError);
      r.remove("tok_en-1");
      expect((await fetch(`${base}/.well-known/acme-challenge/tok_en-1`)).status).toBe(404);
    } finally {
      await r.stop();
    }
    // Stopped: the port is closed.
    expect(r.listening).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port });
      s.once("error", () => resolve(true));
      s.once("connect", () => {
        s.destroy();
        resolve(false);
      });
    });
    expect(refused).toBe(true);
  });
});
