import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isPortFree, processArgs } from "@xmpp-host/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnServiceContract } from "../src/contract.ts";
import { LocalTurnServer, renderCoturnConfig, type TurnSettings, turnAllocate, turnCredentials } from "../src/index.ts";

const HOST = "127.0.0.1";
const RELAY_PORTS = 32;
const taken = new Set<number>();
const dirs: string[] = [];
const servers: LocalTurnServer[] = [];

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket("udp4");
    socket.once("error", () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, HOST, () => socket.close(() => resolve(true)));
  });
}

/** A port free for both UDP and TCP (coturn listens on both), found by letting the kernel pick one. */
async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const socket = dgram.createSocket("udp4");
    const port = await new Promise<number>((resolve) => socket.bind(0, HOST, () => resolve(socket.address().port)));
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    if (!taken.has(port) && (await isPortFree(HOST, port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error("no free port");
}

/** A run of UDP ports for relays, below the kernel's ephemeral range and checked free. */
async function relayRange(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const min = 20_000 + Math.floor(Math.random() * 10_000);
    const ports = Array.from({ length: RELAY_PORTS }, (_, k) => min + k);
    if (ports.some((p) => taken.has(p))) continue;
    if ((await Promise.all(ports.map(udpFree))).every(Boolean)) {
      for (const p of ports) taken.add(p);
      return min;
    }
  }
  throw new Error("no free relay range");
}

async function settings(extra: Partial<TurnSettings> = {}): Promise<TurnSettings> {
  const minPort = await relayRange();
  return {
    listenIp: HOST,
    port: await freePort(),
    relayIp: HOST,
    minPort,
    maxPort: minPort + RELAY_PORTS - 1,
    realm: "turn.test",
    secret: randomBytes(24).toString("base64url"),
    ...extra,
  };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "xh-turn-"));
  dirs.push(dir);
  return dir;
}

function run(command: string, args: string[], timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
}, 30_000);

turnServiceContract("local coturn", async () => {
  const s = await settings();
  const server = new LocalTurnServer({ dir: await tempDir(), settings: s });
  servers.push(server);
  return { server, secret: s.secret, ...server.endpoint() };
});

describe("turnCredentials", () => {
  it("signs the expiry and name with the secret (TURN REST API)", () => {
    // Known answer from: printf %s 1060:probe | openssl dgst -sha1 -hmac k -binary | base64
    expect(turnCredentials("k", "probe", 60, 1_000_900)).toEqual({
      username: "1060:probe",
      password: "ZL1xHddXCZQVtPOW1wXXICfH1Gg=",
      expires: new Date(1_060_000),
    });
  });

  it("refuses names coturn would answer with 400", () => {
    for (const name of ["a b", "tab\tx", "it's", 'say "x"', "a\\b", "UNION_SELECT"]) {
      expect(() => turnCredentials("k", name, 60), name).toThrow(TypeError);
    }
  });
});

describe("renderCoturnConfig", () => {
  const base: TurnSettings = {
    listenIp: "0.0.0.0",
    port: 3478,
    minPort: 49152,
    maxPort: 65535,
    realm: "chat.example",
    secret: "s3cret",
  };
  const lines = (s: TurnSettings) => renderCoturnConfig(s, "/srv/turn").split("\n");

  it("denies loopback peers unless tests allow them", () => {
    expect(lines(base)).toContain("denied-peer-ip=127.0.0.0-127.255.255.255");
    expect(lines(base)).toContain("denied-peer-ip=::1");
    expect(lines(base)).not.toContain("allow-loopback-peers");
    const open = lines({ ...base, allowLoopbackPeers: true });
    expect(open).toContain("allow-loopback-peers");
    expect(open.filter((l) => l.startsWith("denied-peer-ip=127.") || l === "denied-peer-ip=::1")).toEqual([]);
    expect(open).toContain("denied-peer-ip=10.0.0.0-10.255.255.255");
  });

  it("writes the optional addresses only when given", () => {
    expect(lines(base).filter((l) => /^(relay|external)-ip=/.test(l))).toEqual([]);
    const natted = lines({ ...base, relayIp: "10.1.2.3", externalIp: "203.0.113.7" });
    expect(natted).toContain("relay-ip=10.1.2.3");
    expect(natted).toContain("external-ip=203.0.113.7");
  });

  it("refuses values that would add lines of their own", () => {
    expect(() => renderCoturnConfig({ ...base, secret: "x\nallow-loopback-peers" }, "/srv/turn")).toThrow(TypeError);
    expect(() => renderCoturnConfig({ ...base, realm: "a b" }, "/srv/turn")).toThrow(TypeError);
    expect(() => renderCoturnConfig(base, "/srv/turn\nno-auth")).toThrow(TypeError);
    expect(() => renderCoturnConfig({ ...base, relayIp: "relay.example" }, "/srv/turn")).toThrow(TypeError);
    expect(() => renderCoturnConfig({ ...base, minPort: 50000, maxPort: 40000 }, "/srv/turn")).toThrow(TypeError);
  });
});

describe("LocalTurnServer against coturn's own tools", () => {
  let s: TurnSettings;
  let dir: string;
  let server: LocalTurnServer;
  let peer: ChildProcess;
  let peerPort: number;

  beforeAll(async () => {
    // turnutils_peer echoes on loopback, so only this server may relay there.
    s = await settings({ allowLoopbackPeers: true });
    dir = await tempDir();
    server = new LocalTurnServer({ dir, settings: s });
    servers.push(server);
    await server.ensureRunning();
    peerPort = await freePort();
    peer = spawn("turnutils_peer", ["-L", HOST, "-p", String(peerPort)], { stdio: "ignore" });
    for (const deadline = Date.now() + 5000; await udpFree(peerPort); ) {
      if (Date.now() > deadline) throw new Error("turnutils_peer does not listen");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }, 30_000);

  afterAll(async () => {
    peer?.kill("SIGKILL");
    await server?.stop();
  });

  const uclient = (username: string, password: string) =>
    run("turnutils_uclient", [
      ...["-u", username, "-w", password, "-e", HOST, "-r", String(peerPort), "-p", String(s.port)],
      ...["-n", "5", "-m", "1", "-c", "-X", HOST],
    ]);

  it("keeps the secret out of the command line and in a private file", async () => {
    const { pid } = server.status();
    const args = processArgs(pid ?? -1);
    expect(args).toContain(path.join(dir, "turnserver.conf"));
    expect(args?.join(" ")).not.toContain(s.secret);
    const config = path.join(dir, "turnserver.conf");
    expect((await stat(config)).mode & 0o777).toBe(0o600);
    expect(await readFile(config, "utf8")).toContain(`static-auth-secret=${s.secret}`);
  });

  it("reads its whole configuration without errors", async () => {
    const log = await readFile(path.join(dir, "turn.log"), "utf8");
    expect(log).toContain("pid file created");
    expect(log.split("\n").filter((l) => /error/i.test(l))).toEqual([]);
  });

  it("relays for credentials from turnCredentials (turnutils_uclient)", async () => {
    const c = turnCredentials(s.secret, "uclient", 600);
    const { code, output } = await uclient(c.username, c.password);
    expect(code, output).toBe(0);
    expect(output).toMatch(/tot_recv_msgs=[1-9]/);
  }, 30_000);

  it("refuses expired credentials (turnutils_uclient)", async () => {
    const c = turnCredentials(s.secret, "uclient", 60, Date.now() - 3600_000);
    const { code, output } = await uclient(c.username, c.password);
    expect(code).not.toBe(0);
    expect(output).toContain("Cannot complete Allocation");
  }, 30_000);

  it("grants relays to every name turnCredentials allows", async () => {
    for (const name of ["probe@chat.example/phone", "x:y,z;w", "héllo", "union", "a+b=c"]) {
      const c = turnCredentials(s.secret, name, 600);
      await expect(turnAllocate({ host: HOST, port: s.port, timeoutMs: 2000, ...c }), name).resolves.toEqual(
        expect.objectContaining({ relayedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }),
      );
    }
  });

  it("releases the allocations it probes", async () => {
    // A user may hold `user-quota` allocations at once; coturn frees a released one within a second.
    const quota = Number(/^user-quota=(\d+)$/m.exec(renderCoturnConfig(s, dir))?.[1]);
    expect(quota).toBeGreaterThan(0);
    const c = turnCredentials(s.secret, "quota", 600);
    const target = { host: HOST, port: s.port, timeoutMs: 2000, ...c };
    for (let i = 0; i < quota; i++) await turnAllocate(target);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    for (let i = 0; i < quota; i++) await turnAllocate(target);
  }, 30_000);
});
