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
