/** Helpers for tests that run real servers: free ports, throw-away directories, self-signed certificates. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** `count` distinct TCP ports that were free a moment ago (all bound to port 0 at once, then released). */
export async function freePorts(count: number, host = "127.0.0.1"): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host, port: 0, exclusive: true }, () => resolve());
      });
      const addr = server.address();
      if (!addr || typeof addr === "string") throw new Error("unexpected server address");
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/**
 * A short temporary directory. Short because Unix socket paths (the admin socket lives under it)
 * are limited to 107 bytes.
 */
export function tempDir(prefix = "xh-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A self-signed certificate (RSA 2048, 2 days) for `hosts` (the first is the CN), made with openssl. */
export function selfSignedCertificate(hosts: string[]): { certPem: string; keyPem: string } {
  const first = hosts[0];
  if (!first) throw new TypeError("selfSignedCertificate needs at least one host");
  const { dir, remove } = tempDir("xh-cert-");
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "2",
        "-subj",
        `/CN=${first}`,
        "-addext",
        `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(",")}`,
      ],
      { stdio: "pipe" },
    );
    return { certPem: readFileSync(cert, "utf8"), keyPem: readFileSync(key, "utf8") };
  } finally {
    remove();
  }
}
