import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@xmpp-host/config";
import { compiledServer } from "./platform.ts";

const run = promisify(execFile);

/** A TCP port that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A PostgreSQL cluster of its own (a temporary directory, a free port), which a test may stop and start. */
/**
 * The worker's settings for the platform's TURN server on loopback: its port, and 50 relay ports of their own so that
 * test files running at once do not share them. Returns the port clients reach it at too.
 */
export async function turnEnv(): Promise<{ env: Record<string, string>; port: number }> {
  const port = await freePort();
  const relay = 40000 + Math.floor(Math.random() * 200) * 50;
  return {
    port,
    env: {
      TURN_ENABLED: "true",
      TURN_HOST: "127.0.0.1",
      TURN_LISTEN_IP: "127.0.0.1",
      TURN_PORT: String(port),
      TURN_MIN_PORT: String(relay),
      TURN_MAX_PORT: String(relay + 49),
    },
  };
}

export interface OwnPostgres {
  url: string;
  /** "immediate" is a crash: no checkpoint, recovery at the next start. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts it unless it runs. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const versions = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b));
  const bin = path.join("/usr/lib/postgresql", versions[versions.length - 1] ?? "", "bin");
  const root = mkdtempSync(path.join(tmpdir(), "xh-pg-"));
  const data = path.join(root, "data");
  mkdirSync(data);
  // PostgreSQL refuses to run as root: as in scripts/services.sh, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
    chownSync(data, Number(stdout.trim()), Number(gid.trim()));
  }
  const asPg = (cmd: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  let running = false;
  const pg: OwnPostgres = {
    url: `postgresql://postgres@127.0.0.1:${port}/xh_faults`,
    async start() {
      if (running) return;
      await asPg("pg_ctl", ["-D", data, "-l", path.join(root, "server.log"), "-w", "-o", options, "start"]);
      running = true;
    },
    async stop(mode = "fast") {
      await asPg("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
      running = false;
    },
    async destroy() {
      if (running) await pg.stop("immediate");
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await asPg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    await pg.start();
    await asPg("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "xh_faults"]);
    await run("npm", ["run", "--silent", "db:migrate"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: pg.url },
    });
  } catch (err) {
    await pg.destroy();
    throw err;
  }
  return pg;
}

/** A Redis server of its own, configured as scripts/services.sh configures the platform's (password, AOF). */
export interface OwnRedis {
  url: string;
  /** SIGKILL: whatever the append-only file had not flushed is lost, as in a crash. */
  kill(): Promise<void>;
  /** While killed: forget everything it held, as a Redis whose disk was lost. */
  wipe(): void;
  /** Starts it unless it runs. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), "xh-redis-"));
  const password = randomBytes(16).toString("hex");
  const port = await freePort();
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--requirepass",
    password,
    "--save",
    "",
    "--appendonly",
    "yes",
    "--appendfsync",
    "everysec",
    "--maxmemory-policy",
    "noeviction",
  ];
  let child: ChildProcess | null = null;
  const ping = async () => {
    try {
      const { stdout } = await run("redis-cli", ["-p", String(port), "ping"], {
        env: { ...process.env, REDISCLI_AUTH: password },
      });
      return stdout.trim() === "PONG";
    } catch {
      return false;
    }
  };
  const redis: OwnRedis = {
    url: `redis://:${password}@127.0.0.1:${port}`,
    async start() {
      if (child) return;
      const c = spawn("redis-server", args, { stdio: ["ignore", "ignore", "pipe"] });
      c.stderr?.on("data", (d: Buffer) => process.stderr.write(`[redis ${c.pid}] ${d}`));
      child = c;
      await until("Redis to answer", ping);
    },
    kill() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        c.once("exit", () => resolve());
        c.kill("SIGKILL");
      });
    },
    wipe() {
      if (child) throw new Error("Redis is running");
      for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { recursive: true, force: true });
    },
    async destroy() {
      await redis.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}

/** The API as its own process on `port`, so that a test can kill it; node itself, so that a kill reaches it. */
export function spawnApi(env: Record<string, string>, port: number): ChildProcess {
  const child = spawn(process.execPath, compiledServer("api"), {
    cwd: repoRoot,
    env: { ...env, API_HOST: "127.0.0.1", API_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", () => undefined);
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[api ${child.pid}] ${d}`));
  return child;
}

/** Sends SIGKILL and resolves once the process is gone. */
export function killHard(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
