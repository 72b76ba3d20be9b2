/**
 * Test harness: a real Pebble ACME CA with pebble-challtestsrv as its DNS, as plain processes on free
 * loopback ports. Pebble validates HTTP-01 against `httpPort` on whatever address challtestsrv's A record
 * gives, so point names at 127.0.0.1 (setA) and run an Http01Responder on `httpPort`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import { freePorts, tempDir } from "@xmpp-host/runtime/testing";
import type { Dns01Provider } from "../../src/issuer.ts";

export interface PebbleOptions {
  /** Env for pebble, merged over the defaults (PEBBLE_VA_NOSLEEP=1, PEBBLE_WFE_NONCEREJECT=0, PEBBLE_AUTHZREUSE=0). */
  env?: Record<string, string>;
  /** Bound on waiting for both processes. Default 10 s. */
  readyTimeoutMs?: number;
  /** The DNS server Pebble validates DNS-01 challenges against (host:port); default its challenge test server. */
  dnsServer?: string;
}

export interface Pebble {
  directoryUrl: string;
  /** Pebble's own HTTPS certificate (self-signed, for 127.0.0.1/localhost): trust it to talk ACME. */
  caCertPem: string;
  /** The port Pebble connects to for HTTP-01 validation. */
  httpPort: number;
  dnsPort: number;
  /** The root that signs issued chains; Pebble makes a new one at every start. */
  rootPem(): Promise<string>;
  intermediatePem(): Promise<string>;
  /** Replaces the A records of `name` (challtestsrv answers nothing for names without one). */
  setA(name: string, ip: string): Promise<void>;
  /** DNS-01 through challtestsrv's TXT records; `calls` logs every add/remove for assertions. */
  dnsProvider: Dns01Provider & { calls: string[] };
  /** Log output of both processes so far (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function httpsGet(url: string, ca: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = sleep(3000).then(() => child.kill("SIGKILL"));
  await Promise.race([exited, timer]);
  await exited;
}

export async function startPebble(opts: PebbleOptions = {}): Promise<Pebble> {
  const tmp = tempDir("pebble-");
  const children: ChildProcess[] = [];
  const logFiles: string[] = [];
  const logs = () => logFiles.map((f) => `--- ${path.basename(f)}\n${readFileSync(f, "utf8")}`).join("\n");
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    tmp.remove();
  };
  const run = (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) => {
    const log = path.join(tmp.dir, `${name}.log`);
    logFiles.push(log);
    const fd = openSync(log, "a");
    const child = spawn(cmd, args, { cwd: tmp.dir, env, stdio: ["ignore", fd, fd] });
    child.once("error", () => {}); // reported through the readiness check and the log
    children.push(child);
    return child;
  };

  try {
    const [dnsPort, ctsMgmt, listen, mgmt, httpPort, tlsPort] = await freePorts(6);
    if (!dnsPort || !ctsMgmt || !listen || !mgmt || !httpPort || !tlsPort) throw new Error("no free ports");

    const certFile = path.join(tmp.dir, "cert.pem");
    const keyFile = path.join(tmp.dir, "key.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
        ...["-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=localhost"],
        ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ],
      { stdio: "pipe" },
    );
    const caCertPem = readFileSync(certFile, "utf8");
    const configFile = path.join(tmp.dir, "pebble.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        pebble: {
          listenAddress: `127.0.0.1:${listen}`,
          managementListenAddress: `127.0.0.1:${mgmt}`,
          certificate: certFile,
          privateKey: keyFile,
          httpPort,
          tlsPort,
          ocspResponderURL: "",
          externalAccountBindingRequired: false,
        },
      }),
    );

    // Only the DNS server and the management API: no HTTP-01/TLS-ALPN listeners of its own, and no default
    // A/AAAA answers, so a name resolves only where a test said so (an AAAA ::1 would send Pebble to IPv6).
    const ctsArgs = ["-dns01", `127.0.0.1:${dnsPort}`, "-management", `127.0.0.1:${ctsMgmt}`];
    ctsArgs.push("-http01", "", "-https01", "", "-tlsalpn01", "", "-defaultIPv4", "", "-defaultIPv6", "");
    run("challtestsrv", "pebble-challtestsrv", ctsArgs, process.env);
    run("pebble", "pebble", ["-config", configFile, "-dnsserver", opts.dnsServer ?? `127.0.0.1:${dnsPort}`], {
      ...process.env,
      PEBBLE_VA_NOSLEEP: "1",
      PEBBLE_WFE_NONCEREJECT: "0",
      // Without this Pebble reuses valid authorizations half of the time, and a second issuance for the same
      // names may then skip its challenges entirely.
      PEBBLE_AUTHZREUSE: "0",
      ...opts.env,
    });

    const cts = `http://127.0.0.1:${ctsMgmt}`;
    const ctsPost = async (p: string, body: unknown) => {
      const res = await fetch(`${cts}${p}`, { method: "POST", body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`challtestsrv ${p}: HTTP ${res.status} ${await res.text()}`);
    };
    const directoryUrl = `https://127.0.0.1:${listen}/dir`;

    const deadline = Date.now() + (opts.readyTimeoutMs ?? 10_000);
    for (;;) {
      const exited = children.find((c) => c.exitCode !== null || c.signalCode !== null);
      if (exited) throw new Error(`${exited.spawnargs[0]} exited during start\n${logs()}`);
      const ready = await Promise.all([
        httpsGet(directoryUrl, caCertPem).then(
          (r) => r.status === 200,
          () => false,
        ),
        httpsGet(`https://127.0.0.1:${mgmt}/roots/0`, caCertPem).then(
          (r) => r.status === 200,
          () => false,
        ),
        // challtestsrv's management API answers 404 on / once it listens.
        fetch(`${cts}/`).then(
          () => true,
          () => false,
        ),
      ]);
      if (ready.every(Boolean)) break;
      if (Date.now() > deadline)
        throw new Error(`Pebble not ready after ${opts.readyTimeoutMs ?? 10_000} ms\n${logs()}`);
      await sleep(50);
    }

    const getPem = async (p: string) => {
      const r = await httpsGet(`https://127.0.0.1:${mgmt}${p}`, caCertPem);
      if (r.status !== 200) throw new Error(`pebble ${p}: HTTP ${r.status}`);
      return r.body;
    };

    // challtestsrv keeps a list of TXT values per name and can only clear them all: track ours to remove one.
    const txt = new Map<string, string[]>();
    const fqdn = (name: string) => `${name.replace(/\.$/, "")}.`;
    const calls: string[] = [];
    const dnsProvider: Pebble["dnsProvider"] = {
      calls,
      handles: () => true,
      async addRecord(r) {
        calls.push(`add ${r.name} ${r.value}`);
        const values = txt.get(r.name) ?? [];
        if (values.includes(r.value)) return;
        values.push(r.value);
        txt.set(r.name, values);
        await ctsPost("/set-txt", { host: fqdn(r.name), value: r.value });
      },
      async removeRecord(r) {
        calls.push(`remove ${r.name} ${r.value}`);
        const rest = (txt.get(r.name) ?? []).filter((v) => v !== r.value);
        txt.set(r.name, rest);
        await ctsPost("/clear-txt", { host: fqdn(r.name) });
        for (const value of rest) await ctsPost("/set-txt", { host: fqdn(r.name), value });
      },
    };

    return {
      directoryUrl,
      caCertPem,
      httpPort,
      dnsPort,
      rootPem: () => getPem("/roots/0"),
      intermediatePem: () => getPem("/intermediates/0"),
      async setA(name, ip) {
        // Repeated /add-a calls pile up addresses: clear first.
        await ctsPost("/clear-a", { host: fqdn(name) });
        await ctsPost("/add-a", { host: fqdn(name), addresses: [ip] });
      },
      dnsProvider,
      logs,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
