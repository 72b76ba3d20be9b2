// The independent XMPP client the tests log in with, and the CA file it trusts.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@xmpp-host/config";
import type { FastifyInstance } from "fastify";
import { client } from "./api.ts";

const run = promisify(execFile);

export interface ClientResult {
  code: number;
  out: Record<string, unknown>;
}

/** Runs the independent slixmpp client (Debian's python3-slixmpp). */
export async function xmppClient(args: string[]): Promise<ClientResult> {
  try {
    const { stdout } = await run("/usr/bin/python3", [path.join(repoRoot, "tests/clients/xmpp_client.py"), ...args], {
      timeout: 60_000,
    });
    return { code: 0, out: JSON.parse(stdout.trim().split("\n").pop() ?? "{}") };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    let out: Record<string, unknown> = {};
    try {
      out = JSON.parse((e.stdout ?? "").trim().split("\n").pop() ?? "{}");
    } catch {
      out = { raw: e.stdout, stderr: e.stderr };
    }
    return { code: typeof e.code === "number" ? e.code : 1, out };
  }
}

export function writeCa(dir: string, pem: string): string {
  const file = path.join(dir, "ca-for-clients.pem");
  writeFileSync(file, pem);
  return file;
}

/** The platform's internal CA as the API serves it, and the file the independent client reads it from. */
export async function internalCa(platform: {
  app: FastifyInstance;
  dataRoot: string;
}): Promise<{ pem: string; file: string }> {
  const pem = (await client(platform.app)("GET", "/api/v1/ca.pem")).text;
  return { pem, file: writeCa(platform.dataRoot, pem) };
}

/**
 * The TLS version a server's s2s port agrees to when a caller offers only `version`, through STARTTLS as another
 * server would (openssl s_client, which shares no code with the platform); null when the server refuses it.
 */
export async function s2sTlsVersion(
  port: number | string,
  domain: string,
  version: "tls1_1" | "tls1_2" | "tls1_3",
): Promise<string | null> {
  // Security level 0 lets the caller offer old versions at all; refusing them is the server's job.
  const args = ["s_client", "-connect", `127.0.0.1:${port}`, "-starttls", "xmpp-server", "-xmpphost", domain];
  args.push(`-${version}`, "-cipher", "DEFAULT@SECLEVEL=0", "-brief");
  const child = run("openssl", args, { timeout: 20_000 });
  child.child.stdin?.end();
  try {
    const { stdout, stderr } = await child;
    const said = /Protocol version: (TLSv[\d.]+)/.exec(`${stdout}\n${stderr}`);
    if (!said?.[1]) throw new Error(`openssl connected but named no protocol: ${stderr}`);
    return said[1];
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    // A handshake the server refused: openssl exits 1 and says why.
    if (e.code === 1 && /alert|handshake failure|no protocols|wrong version|unexpected eof/i.test(e.stderr ?? ""))
      return null;
    throw err;
  }
}
