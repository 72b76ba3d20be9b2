// What `npm run up` starts for itself is safe by default: PostgreSQL with fsync on, Redis with a password and an
// append-only file. Runs scripts/services.sh as up.sh does, on spare ports and a throw-away data root.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "@xmpp-host/config";
import { afterAll, describe, expect, it } from "vitest";

const dataRoot = mkdtempSync(path.join(tmpdir(), "xh-services-"));
// As a checkout's var/ is: the postgres user must reach its own directory inside.
chmodSync(dataRoot, 0o755);
const pgPort = 54000 + Math.floor(Math.random() * 300);
const redisPort = 63000 + Math.floor(Math.random() * 300);
const pgBin = execFileSync("bash", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"], {
  encoding: "utf8",
}).trim();
const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0
    ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" })
    : execFileSync(cmd, args, { encoding: "utf8" });

afterAll(() => {
  try {
    asPostgres(`${pgBin}/pg_ctl`, ["-D", path.join(dataRoot, "postgres"), "stop", "-m", "fast"]);
  } catch {
    // not started: nothing to stop
  }
  try {
    const password = readFileSync(path.join(dataRoot, "redis/password"), "utf8").trim();
    execFileSync("redis-cli", ["-p", String(redisPort), "shutdown", "nosave"], {
      env: { ...process.env, REDISCLI_AUTH: password },
    });
  } catch {
    // already gone
  }
  rmSync(dataRoot, { recursive: true, force: true });
});

describe("services started by npm run up", () => {
  it("runs PostgreSQL with fsync on, and Redis with a password and an append-only file", () => {
    const { DATABASE_URL: _d, REDIS_URL: _r, TEST_DATABASE_URL: _t, LOCAL_PG_FSYNC: _f, ...env } = process.env;
    execFileSync("bash", [path.join(repoRoot, "scripts/services.sh")], {
      env: { ...env, DATA_ROOT: dataRoot, LOCAL_PG_PORT: String(pgPort), LOCAL_REDIS_PORT: String(redisPort) },
      stdio: "pipe",
    });
    const fsync = asPostgres(`${pgBin}/psql`, [
      "-h",
      "127.0.0.1",
      "-p",
      String(pgPort),
      "-U",
      "postgres",
      "-tAc",
      "SHOW fsync",
    ]);
    expect(fsync.trim()).toBe("on");

    const cli = (args: string[], auth?: string) =>
      execFileSync("redis-cli", ["-p", String(redisPort), ...args], {
        encoding: "utf8",
        env: { ...process.env, ...(auth ? { REDISCLI_AUTH: auth } : {}) },
      }).trim();
    expect(cli(["ping"])).toMatch(/NOAUTH/);
    const passwordFile = path.join(dataRoot, "redis/password");
    expect(statSync(passwordFile).mode & 0o077).toBe(0);
    const password = readFileSync(passwordFile, "utf8").trim();
    expect(cli(["ping"], password)).toBe("PONG");
    expect(cli(["config", "get", "appendonly"], password)).toContain("yes");
    const written = readFileSync(path.join(dataRoot, "services.env"), "utf8");
    expect(written).toContain(`REDIS_URL="redis://:${password}@127.0.0.1:${redisPort}"`);
  });
});
