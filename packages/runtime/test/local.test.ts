import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { prosodyPaths, renderHostsConfig } from "@xmpp-host/xmpp";
import { xmppRegister } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type InstanceSpec,
  instanceHosts,
  isProcessAlive,
  LocalRuntime,
  lookupAccount,
  PLACEHOLDER_HOST,
  processArgs,
} from "../src/index.ts";
import { freePorts, selfSignedCertificate, tempDir } from "./support/testing.ts";

/** Log lines Prosody marks as warnings or errors. */
function problems(log: string): string[] {
  return log.split("\n").filter((l) => /\t(warn|error)\t/.test(l));
}

describe("LocalRuntime", () => {
  const tmp = tempDir();
  const runtime = new LocalRuntime({ dataRoot: tmp.dir });
  let spec: InstanceSpec;
  let firstPid: number | null = null;
  const certs = new Map<string, string>();

  beforeAll(async () => {
    const [c2s, s2s, http] = await freePorts(3);
    if (!c2s || !s2s || !http) throw new Error("no free ports");
    spec = {
      id: "inst-1",
      server: "prosody",
      ports: { c2s, s2s, http },
      bindAddress: "127.0.0.1",
      domains: [
        { name: "family.test", registration: "invite" },
        { name: "club.test", registration: "open" },
        { name: "closed.test", registration: "closed" },
      ],
    };
    for (const d of spec.domains) {
      const { certPem, keyPem } = selfSignedCertificate([d.name, `*.${d.name}`]);
      certs.set(d.name, certPem);
      await runtime.writeCertificate(spec.id, d.name, certPem, keyPem);
    }
  }, 30_000);

  afterAll(async () => {
    await runtime.destroy(spec.id).catch(() => {});
    tmp.remove();
  }, 30_000);

  it("renders every domain with its MUC and upload components and its registration policy", async () => {
    expect(await runtime.writeConfig(spec)).toBe(true);
    expect(await runtime.writeConfig(spec)).toBe(false);
    const p = prosodyPaths(runtime.layout(spec.id));
    const main = readFileSync(p.config, "utf8");
    const hosts = readFileSync(p.hostsConfig, "utf8");
    expect(main).toContain(`Include "${p.hostsConfig}"`);
    expect(main).toContain(`c2s_ports = { ${spec.ports.c2s}; }`);
    expect(main).toContain(`admin_socket = "${p.adminSocket}"`);
    expect(main).not.toContain("run_as_root");
    expect(main).toContain('umask = "027"');
    expect(main).toContain("c2s_require_encryption = true");
    for (const d of spec.domains) {
      expect(hosts).toContain(`VirtualHost "${d.name}"`);
      expect(hosts).toContain(`Component "groups.${d.name}" "muc"`);
      expect(hosts).toContain(`Component "share.${d.name}" "http_file_share"`);
      expect(hosts).toContain(`http_external_url = "http://share.${d.name}:${spec.ports.http}/"`);
    }
    const block = (name: string) => hosts.split(`VirtualHost "${name}"`)[1]?.split("Component")[0] ?? "";
    // Invite-only: no open registration; mod_invites_register brings in IBR and demands a token.
    expect(block("family.test")).toMatch(/allow_registration = false[\s\S]*registration_invite_only = true/);
    expect(block("family.test")).toContain('"invites_register"');
    expect(block("club.test")).toContain("allow_registration = true");
    expect(block("club.test")).not.toContain("invite");
    expect(block("closed.test")).toContain("allow_registration = false");

    // The rendered files are valid Lua (Prosody's config format).
    const luac = (file: string) => execFileSync("luac5.4", ["-p", file], { stdio: "pipe" });
    expect(() => luac(p.config)).not.toThrow();
    expect(() => luac(p.hostsConfig)).not.toThrow();
  });

  it("refuses specs that would break or inject into the config", async () => {
    const bad = (patch: Partial<InstanceSpec>) => runtime.writeConfig({ ...spec, ...patch });
    await expect(bad({ id: "../escape" })).rejects.toThrow(TypeError);
    await expect(bad({ domains: [{ name: 'x.test"\nrun_as_root = false --', registration: "open" }] })).rejects.toThrow(
      TypeError,
    );
    await expect(bad({ bindAddress: "localhost" })).rejects.toThrow(TypeError);
    await expect(bad({ ports: { c2s: 1, s2s: 1, http: 2 } })).rejects.toThrow(TypeError);
    await expect(
      bad({
        domains: [
          { name: "a.test", registration: "open" },
          { name: "groups.a.test", registration: "open" },
        ],
      }),
    ).rejects.toThrow(/twice/);
    // Prosody will not start without a virtual host: an instance with no domain gets only the placeholder.
    const empty = renderHostsConfig({ ...spec, domains: [] });
    expect(empty.match(/VirtualHost "[^"]+"/g)).toEqual([`VirtualHost "${PLACEHOLDER_HOST}"`]);
    expect(empty).not.toContain("Component");
    expect(instanceHosts({ ...spec, domains: [] })).toEqual([PLACEHOLDER_HOST]);
  });

  it("starts the server, which accepts connections and logs no warnings or errors", async () => {
    const status = await runtime.start(spec);
    expect(status.running).toBe(true);
    expect(status.pid).toBeTypeOf("number");
    firstPid = status.pid;
    const p = prosodyPaths(runtime.layout(spec.id));
    expect(Number(readFileSync(p.pidfile, "utf8"))).toBe(firstPid);
    expect(processArgs(firstPid ?? 0)).toContain(p.config);
    expect(existsSync(p.adminSocket)).toBe(true);

    // The HTTP port serves metrics to loopback (mod_http_openmetrics).
    const metrics = await fetch(`http://127.0.0.1:${spec.ports.http}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("prosody_");

    // Give every module a moment to finish loading, then check the log.
    await new Promise((r) => setTimeout(r, 300));
    const log = readFileSync(p.log, "utf8");
    expect(log).toContain("Activated service 'c2s'");
    expect(problems(log)).toEqual([]);
  });

  it("never runs the server as root: a root platform runs it as the prosody user, which owns its files", async () => {
    const pid = firstPid ?? 0;
    const uidLine = readFileSync(`/proc/${pid}/status`, "utf8").match(/^Uid:\s+(\d+)\s+(\d+)/m);
    const owner = Number(uidLine?.[2]);
    expect(owner).not.toBe(0);
    const p = prosodyPaths(runtime.layout(spec.id));
    if (process.getuid?.() === 0) {
      const prosody = lookupAccount("prosody");
      expect(prosody).not.toBeNull();
      expect(owner).toBe(prosody?.uid);
      for (const file of [p.dir, p.data, p.certs, p.config, p.log, path.join(p.certs, "family.test.key")]) {
        expect(statSync(file).uid, file).toBe(prosody?.uid);
      }
      // A platform without such an account refuses rather than run a server as root.
      const nobody = new LocalRuntime({ dataRoot: tmp.dir, runAs: "no-such-user-here" });
      await expect(nobody.writeConfig({ ...spec, id: "inst-root" })).rejects.toThrow(
        /refusing to run a server as root/,
      );
    } else {
      expect(owner).toBe(process.getuid?.());
    }
    // Nothing the server writes is readable by others: its log and the data it stored.
    expect(statSync(p.log).mode & 0o007).toBe(0);
    expect(statSync(p.config).mode & 0o007).toBe(0);
  });

  it("runs Prosody so that its hosts share their modules' compiled code", async () => {
    const p = prosodyPaths(runtime.layout(spec.id));
    const pid = (await runtime.status(spec.id)).pid ?? 0;
    expect(processArgs(pid)?.some((a) => a.includes("shared-module-code.lua"))).toBe(true);
    const ask = (expr: string) =>
      execFileSync("prosodyctl", ["--config", p.config, "shell", `>return ${expr}`], { encoding: "utf8" });
    const compiled = Number(/(\d+)/.exec(ask("xh_shared_module_code.compiled"))?.[1]);
    const reused = Number(/(\d+)/.exec(ask("xh_shared_module_code.reused"))?.[1]);
    // Three domains, each a host and two components: most module sources serve several hosts.
    expect(compiled).toBeGreaterThan(20);
    expect(reused).toBeGreaterThan(compiled);
    // Components leave out what serves nothing there; the host itself keeps it.
    expect(ask(`tostring(prosody.hosts["groups.family.test"].modules.smacks)`)).toContain("nil");
    expect(ask(`tostring(prosody.hosts["family.test"].modules.smacks)`)).not.toContain("nil");
    // jemalloc is preloaded (services.sh installs Debian's libjemalloc2).
    expect(readFileSync(`/proc/${pid}/maps`, "utf8")).toContain("libjemalloc");
  });

  it("applies each domain's registration policy (seen from an XMPP client)", async () => {
    const register = (domain: string, username: string) =>
      xmppRegister({
        host: "127.0.0.1",
        port: spec.ports.c2s,
        domain,
        ca: certs.get(domain) ?? "",
        username,
        password: "pw",
      });
    expect(await register("club.test", "walkin")).toBe("registered");
    expect(await register("family.test", "walkin")).toMatch(/^not-acceptable: .*invitation only/);
    expect(await register("closed.test", "walkin")).toBe("unavailable");
  });

  it("keeps serving only its own ports (no default 5222/5269/5280/5281)", async () => {
    const out = execFileSync("ss", ["-Hltnp"], { encoding: "utf8" });
    const mine = out
      .split("\n")
      .filter((l) => l.includes(`pid=${firstPid},`))
      .map((l) => Number(l.trim().split(/\s+/)[3]?.split(":").pop()));
    expect(mine.sort()).toEqual([spec.ports.c2s, spec.ports.s2s, spec.ports.http].sort());
  });

  it("adopts the running server from a new LocalRuntime object instead of starting another", async () => {
    const other = new LocalRuntime({ dataRoot: tmp.dir });
    expect(await other.status(spec.id)).toEqual({ running: true, pid: firstPid });
    const status = await other.start(spec);
    expect(status).toEqual({ running: true, pid: firstPid });
    expect(isProcessAlive(firstPid ?? 0)).toBe(true);
  });

  it("adopts the server even without its pidfile", async () => {
    const p = prosodyPaths(runtime.layout(spec.id));
    const pidfile = readFileSync(p.pidfile, "utf8");
    execFileSync("rm", [p.pidfile]);
    try {
      expect(await runtime.status(spec.id)).toEqual({ running: true, pid: firstPid });
    } finally {
      execFileSync("sh", ["-c", `printf %s "${pidfile}" > "${p.pidfile}"`]);
    }
  });

  it("refuses to start a second instance on ports in use", async () => {
    const blocker = net.createServer();
    const [c2s, s2s, http] = await freePorts(3);
    if (!c2s || !s2s || !http) throw new Error("no free ports");
    await new Promise<void>((resolve) => blocker.listen(http, "127.0.0.1", resolve));
    try {
      const clash: InstanceSpec = { ...spec, id: "clash", ports: { c2s, s2s, http } };
      await expect(runtime.start(clash)).rejects.toThrow(`http port 127.0.0.1:${http} is in use`);
    } finally {
      blocker.close();
      await runtime.destroy("clash");
    }
  });

  it("detects certificate changes and writes the key private, atomically", async () => {
    const { certPem, keyPem } = selfSignedCertificate(["family.test", "*.family.test"]);
    expect(await runtime.writeCertificate(spec.id, "family.test", certPem, keyPem)).toBe(true);
    expect(await runtime.writeCertificate(spec.id, "family.test", certPem, keyPem)).toBe(false);
    const certs = runtime.paths(spec.id).certs;
    expect(readFileSync(path.join(certs, "family.test.crt"), "utf8")).toBe(certPem);
    expect(readFileSync(path.join(certs, "family.test.key"), "utf8")).toBe(keyPem);
    expect(statSync(path.join(certs, "family.test.key")).mode & 0o777).toBe(0o600);
    expect(execFileSync("ls", ["-A", certs], { encoding: "utf8" })).not.toContain(".tmp");
    await expect(runtime.writeCertificate(spec.id, "../evil", certPem, keyPem)).rejects.toThrow(TypeError);
    await expect(runtime.writeCertificate(spec.id, "family.test", "junk", keyPem)).rejects.toThrow(TypeError);
  });

  it("stops the server and cleans up its pidfile and socket", async () => {
    await runtime.stop(spec.id);
    expect(isProcessAlive(firstPid ?? 0)).toBe(false);
    expect(await runtime.status(spec.id)).toEqual({ running: false, pid: null });
    const p = prosodyPaths(runtime.layout(spec.id));
    expect(existsSync(p.pidfile)).toBe(false);
    expect(existsSync(p.adminSocket)).toBe(false);
    await runtime.stop(spec.id); // idempotent
  });

  it("starts again after a stop, with a new process", async () => {
    const status = await runtime.start(spec);
    expect(status.running).toBe(true);
    expect(status.pid).not.toBe(firstPid);
  });

  it("kills a server that ignores SIGTERM", async () => {
    const impatient = new LocalRuntime({ dataRoot: tmp.dir, stopTimeoutMs: 300 });
    const { pid } = await impatient.status(spec.id);
    if (!pid) throw new Error("not running");
    // Until Prosody has installed its SIGTERM handler, SIGTERM's default action kills even a stopped process
    // at once (which made this test flaky on a busy machine): wait for the handler first.
    const catchesSigterm = () => {
      const mask = readFileSync(`/proc/${pid}/status`, "utf8").match(/^SigCgt:\s*([0-9a-f]+)$/m)?.[1] ?? "0";
      return ((BigInt(`0x${mask}`) >> 14n) & 1n) === 1n; // SIGTERM is signal 15, bit 14
    };
    for (const deadline = Date.now() + 5000; !catchesSigterm(); ) {
      if (Date.now() > deadline) throw new Error("the server never installed a SIGTERM handler");
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(pid, "SIGSTOP"); // a stopped process cannot act on SIGTERM
    const t0 = Date.now();
    await impatient.stop(spec.id);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(runtime.paths(spec.id).pidfile)).toBe(false);
  });

  it("reports the log tail when the server cannot start", async () => {
    const broken = new LocalRuntime({ dataRoot: tmp.dir, servers: { prosody: { binary: "/nonexistent/prosody" } } });
    await expect(broken.start(spec)).rejects.toThrow(/cannot start instance/);
    expect((await runtime.status(spec.id)).running).toBe(false);
  });

  it("destroys the instance: process gone, files gone", async () => {
    const { pid } = await runtime.start(spec);
    await runtime.destroy(spec.id);
    expect(isProcessAlive(pid ?? 0)).toBe(false);
    expect(existsSync(runtime.paths(spec.id).dir)).toBe(false);
    await runtime.destroy(spec.id); // idempotent
  });

  it("rejects data roots whose admin socket path is too long for a Unix socket", async () => {
    const deep = new LocalRuntime({ dataRoot: path.join(tmp.dir, "x".repeat(100)) });
    await expect(deep.writeConfig(spec)).rejects.toThrow(/too long/);
  });
});
