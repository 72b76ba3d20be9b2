import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@xmpp-host/config";

/**
 * Starts PostgreSQL and Redis (project-local, unless URLs are given), migrates the test database and
 * exports the URLs to the test processes.
 */
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL || !process.env.REDIS_URL) {
    execFileSync("bash", [path.join(repoRoot, "scripts/services.sh")], { stdio: "inherit" });
    const envFile = readFileSync(
      path.join(process.env.DATA_ROOT ?? path.join(repoRoot, "var"), "services.env"),
      "utf8",
    );
    for (const m of envFile.matchAll(/^export (\w+)="(.*)"$/gm)) process.env[m[1] as string] ??= m[2];
  }
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  execFileSync("npm", ["run", "--silent", "db:migrate"], { cwd: repoRoot, stdio: "pipe", env: process.env });
  // Tests that run the API or the worker as separate processes run the compiled ones, as npm run up does.
  execFileSync(process.execPath, ["scripts/build-servers.mjs"], { cwd: repoRoot, stdio: "pipe" });
  process.env.SECRETS_KEY ??= "7f".repeat(32);
  process.env.NODE_ENV = "test";
}
