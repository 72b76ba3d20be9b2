import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InternalCa } from "../src/index.ts";

const sealer = {
  encrypt: (s: string) => Buffer.from(s).toString("base64"),
  decrypt: (s: string) => Buffer.from(s, "base64").toString(),
};

describe("InternalCa", () => {
  it("is created once and issues certificates that openssl verifies for every name", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ca-"));
    const [a, b] = await Promise.all([InternalCa.loadOrCreate(dir, sealer), InternalCa.loadOrCreate(dir, sealer)]);
    expect(a.certPem).toBe(b.certPem);
    const again = await InternalCa.loadOrCreate(dir, sealer);
    expect(again.certPem).toBe(a.certPem);

    const issued = await a.issue(["family.example", "groups.family.example", "share.family.example"]);
    const leaf = path.join(dir, "leaf.pem");
    const ca = path.join(dir, "ca.pem");
    writeFileSync(leaf, issued.certPem);
    writeFileSync(ca, a.certPem);
    for (const name of issued.names) {
      const out = execFileSync("openssl", [
        "verify",
        "-CAfile",
        ca,
        "-verify_hostname",
        name,
        "-purpose",
        "sslserver",
        leaf,
      ]).toString();
      expect(out).toContain(": OK");
    }
    expect(() =>
      execFileSync("openssl", ["verify", "-CAfile", ca, "-verify_hostname", "other.example", leaf], {
        stdio: "pipe",
      }),
    ).toThrow();
    // The key matches the certificate.
    const keyFile = path.join(dir, "leaf.key");
    writeFileSync(keyFile, issued.keyPem);
    const pub1 = execFileSync("openssl", ["pkey", "-in", keyFile, "-pubout"]).toString();
    const pub2 = execFileSync("openssl", ["x509", "-in", leaf, "-pubkey", "-noout"]).toString();
    expect(pub1).toBe(pub2);
    expect(issued.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
