// A real round trip through biboumi: an XMPP room on one side, an ngircd channel on the other, a Prosody in between.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { canConnect, lookupAccount } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ngircd, RawIrcClient, startNgircd } from "../../../tests/helpers/irc.ts";
import { XmppSession } from "../../../tests/helpers/muc-session.ts";
import { describeIrcGatewayContract } from "../src/contract.ts";
import { type IrcGatewaySpec, LocalIrcGateways, READY_LINE } from "../src/index.ts";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const MODULE_DIR = path.resolve(here, "../../xmpp/src/servers/prosody/modules");
/** biboumi tries 6697 (TLS) first, then 6667: the IRC server must be on the plain-text default. */
const IRC_PORT = 6667;
const DOMAIN = "family.test";
const OTHER = "other.test";
/** A domain whose gateway keeps the platform's defaults: no IRC servers on private addresses. */
const STRICT = "strict.test";
const PASSWORD = "correct horse";

// As root, Prosody runs as its own account (never root), as the platform runs it.
const owner = process.getuid?.() === 0 ? lookupAccount("prosody") : null;

/** A throw-away Prosody 0.12 with two domains, each with an IRC gateway component limited by mod_irc_limits. */
class TestProsody {
  readonly config: string;
  readonly log: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    readonly ports: { c2s: number; component: number },
    /** Component host → secret. */
    readonly secrets: Map<string, string>,
  ) {
    this.config = path.join(dir, "prosody.cfg.lua");
    this.log = path.join(dir, "prosody.log");
  }

  writeConfig(): void {
    const components = [...this.secrets]
      .map(([host, secret]) => `Component ${JSON.stringify(host)}\n  component_secret = ${JSON.stringify(secret)}\n`)
      .join("\n");
    const text = `
pidfile = ${JSON.stringify(path.join(this.dir, "prosody.pid"))}
data_path = ${JSON.stringify(path.join(this.dir, "data"))}
certificates = ${JSON.stringify(path.join(this.dir, "certs"))}
log = { { levels = { min = "debug" }, to = "file", filename = ${JSON.stringify(this.log)} } }
interfaces = { "127.0.0.1" }
c2s_ports = { ${this.ports.c2s} }
s2s_ports = { }
http_ports = { }
https_ports = { }
c2s_direct_tls_ports = { }
component_ports = { ${this.ports.component} }
component_interfaces = { "127.0.0.1" }
authentication = "internal_hashed"
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping" }
plugin_paths = { ${JSON.stringify(MODULE_DIR)} }

VirtualHost ${JSON.stringify(DOMAIN)}
  modules_enabled = { "irc_limits" }
  irc_gateway_host = "irc.${DOMAIN}"
  irc_max_connections = 1
  irc_allow_private_servers = true

VirtualHost ${JSON.stringify(OTHER)}
  modules_enabled = { "irc_limits" }
  irc_max_servers = 1
  irc_max_connections = 5
  irc_allow_private_servers = true

VirtualHost ${JSON.stringify(STRICT)}
  modules_enabled = { "irc_limits" }

${components}`;
    writeFileSync(this.config, text, { mode: 0o640 });
    if (owner) chownSync(this.config, owner.uid, owner.gid);
  }

  async prepare(): Promise<void> {
    for (const sub of ["data", "certs"]) mkdirSync(path.join(this.dir, sub), { recursive: true, mode: 0o750 });
    for (const host of [DOMAIN, OTHER, STRICT]) {
      const { certPem, keyPem } = selfSignedCertificate([host]);
      writeFileSync(path.join(this.dir, "certs", `${host}.crt`), certPem);
      writeFileSync(path.join(this.dir, "certs", `${host}.key`), keyPem, { mode: 0o600 });
      writeFileSync(path.join(this.dir, `${host}-ca.pem`), certPem);
    }
    this.writeConfig();
    if (owner) await run("chown", ["-R", `${owner.uid}:${owner.gid}`, this.dir]);
  }

  caFile(host: string): string {
    return path.join(this.dir, `${host}-ca.pem`);
  }

  async register(user: string, host: string): Promise<void> {
    await run("prosodyctl", ["--config", this.config, "register", user, host, PASSWORD], {
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
  }

  async start(): Promise<void> {
    const fd = openSync(path.join(this.dir, "prosody.out"), "a");
    try {
      this.child = spawn("prosody", ["-F", "--config", this.config], {
        stdio: ["ignore", fd, fd],
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      });
    } finally {
      closeSync(fd);
    }
    const child = this.child;
    let gone = false;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    void this.exited.then(() => {
      gone = true;
    });
    const deadline = Date.now() + 15_000;
    while (!(await canConnect("127.0.0.1", this.ports.c2s)) || !(await canConnect("127.0.0.1", this.ports.component))) {
      if (gone || Date.now() > deadline) throw new Error(`Prosody did not start:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Makes the running server read its configuration again (new component secrets), as a reload does. */
  async reload(): Promise<void> {
    const count = () => readFileSync(this.log, "utf8").split("Reloading configuration file").length;
    const before = count();
    this.writeConfig();
    this.child?.kill("SIGHUP");
    const deadline = Date.now() + 5_000;
    while (count() === before) {
      if (Date.now() > deadline) throw new Error("Prosody did not reload its configuration");
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  tail(): string {
    try {
      return readFileSync(this.log, "utf8").split("\n").slice(-30).join("\n");
    } catch {
      return "(no log)";
    }
  }
}

describe("biboumi IRC gateway", () => {
  const tmp = tempDir("xh-irc-");
  const secrets = new Map<string, string>();
  let prosody: TestProsody;
  let ngircd: Ngircd;
  let gateways: LocalIrcGateways;
  let spec: IrcGatewaySpec;
  let otherSpec: IrcGatewaySpec;
  let closedPort = 0;
  const sessions: XmppSession[] = [];
  const irc = new RawIrcClient();
  const room = `#family%127.0.0.1@irc.${DOMAIN}`;

  const session = async (user: string, host = DOMAIN) => {
    const s = await XmppSession.open({
      host: "127.0.0.1",
      port: prosody.ports.c2s,
      caFile: prosody.caFile(host),
      jid: `${user}@${host}`,
      password: PASSWORD,
    });
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    // Prosody, biboumi (as prosody) and ngircd (as nobody) must reach their folders under it.
    chmodSync(tmp.dir, 0o711);
    const [c2s, component, closed] = await freePorts(3);
    if (!c2s || !component || !closed) throw new Error("no free ports");
    closedPort = closed;
    if (await canConnect("127.0.0.1", IRC_PORT)) {
      throw new Error(`something already listens on 127.0.0.1:${IRC_PORT}; the test needs it for ngircd`);
    }
    for (const host of [`irc.${DOMAIN}`, `irc.${OTHER}`, "irc.c1.test", "irc.c2.test", "irc.c3.test"]) {
      secrets.set(host, randomBytes(12).toString("hex"));
    }
    const prosodyDir = path.join(tmp.dir, "prosody");
    mkdirSync(prosodyDir);
    prosody = new TestProsody(prosodyDir, { c2s, component }, secrets);
    await prosody.prepare();
    for (const [user, host] of [
      ["alice", DOMAIN],
      ["bob", DOMAIN],
      ["carol", OTHER],
      ["dave", OTHER],
      ["erin", STRICT],
    ] as const) {
      await prosody.register(user, host);
    }
    await prosody.start();
    ngircd = await startNgircd({ dir: path.join(tmp.dir, "ngircd"), port: IRC_PORT });
    gateways = new LocalIrcGateways({ dataRoot: path.join(tmp.dir, "platform") });
    const specFor = (id: string, host: string): IrcGatewaySpec => ({
      id,
      hostname: host,
      secret: secrets.get(host) ?? "",
      xmppServerIp: "127.0.0.1",
      componentPort: component,
    });
    spec = specFor("family", `irc.${DOMAIN}`);
    otherSpec = specFor("other", `irc.${OTHER}`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.quit()));
    await irc.quit();
    for (const id of ["family", "other"]) await gateways?.remove(id).catch(() => {});
    await ngircd?.stop();
    await prosody?.stop();
    tmp.remove();
  }, 60_000);

  it("carries messages both ways between an XMPP room and an IRC channel", async () => {
    let t = Date.now();
    const started = await gateways.ensureRunning(spec);
    const startMs = Date.now() - t;
    expect(started.started).toBe(true);
    expect(readFileSync(gateways.logFile("family"), "utf8")).toContain(READY_LINE);

    await irc.connect("127.0.0.1", IRC_PORT, "ircfan");
    await irc.join("#family");

    const alice = await session("alice");
    t = Date.now();
    expect(await alice.join(room, "alice")).toMatchObject({ event: "joined" });
    const joinMs = Date.now() - t;
    await irc.waitFor((_l, m) => m.command === "JOIN" && (m.prefix ?? "").startsWith("alice!"));

    t = Date.now();
    alice.send(`say ${room} hello from xmpp`);
    const line = await irc.waitFor((_l, m) => m.command === "PRIVMSG" && m.params[1] === "hello from xmpp");
    const toIrcMs = Date.now() - t;
    expect(line).toMatch(/^:alice!\S+ PRIVMSG #family :hello from xmpp$/);

    t = Date.now();
    irc.say("#family", "hello from irc");
    const got = await alice.next((e) => e.event === "message" && e.body === "hello from irc");
    const toXmppMs = Date.now() - t;
    expect(got).toMatchObject({ room: `#family%127.0.0.1@irc.${DOMAIN}`, nick: "ircfan" });

    console.log(
      `biboumi: gateway start ${startMs} ms, XMPP join (IRC connect included) ${joinMs} ms, ` +
        `XMPP->IRC ${toIrcMs} ms, IRC->XMPP ${toXmppMs} ms`,
    );
  });

  it("refuses a domain's users more IRC connections than irc_max_connections", async () => {
    // alice holds the domain's only connection (to 127.0.0.1) since the test above.
    const bob = await session("bob");
    const refused = await bob.join(room, "bob");
    expect(refused).toMatchObject({ event: "join-error", condition: "policy-violation" });
    expect(String(refused.text)).toMatch(/at most 1 IRC connections/);
    expect(await bob.join(`#elsewhere%localhost@irc.${DOMAIN}`, "bob")).toMatchObject({
      condition: "policy-violation",
    });

    // Leaving frees it.
    const alice = sessions[0] as XmppSession;
    await alice.leave(room, "alice");
    expect(await bob.join(room, "bob")).toMatchObject({ event: "joined" });
    expect(await alice.join(room, "alice")).toMatchObject({ condition: "policy-violation" });

    // So does a session that goes away without a word (resource unbind).
    bob.kill();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const r = await alice.join(room, "alice");
      if (r.event === "joined") break;
      expect(r.condition).toBe("policy-violation");
      if (Date.now() > deadline) throw new Error("bob's connection was never released");
      await new Promise((res) => setTimeout(res, 200));
    }
  });

  it("releases a join the IRC side refused", async () => {
    // alice is connected to 127.0.0.1; leaving and joining a server nothing answers on fails at biboumi.
    const alice = sessions[0] as XmppSession;
    await alice.leave(room, "alice");
    const failed = await alice.join(`#x%127.0.0.2@irc.${DOMAIN}`, "alice");
    expect(failed.event).toBe("join-error");
    expect(failed.condition).not.toBe("policy-violation");
    // Had the failed join stayed counted, this would be refused.
    expect(await alice.join(room, "alice")).toMatchObject({ event: "joined" });
  });

  it("refuses a domain's users more IRC servers than irc_max_servers", async () => {
    await gateways.ensureRunning(otherSpec);
    const carol = await session("carol", OTHER);
    const dave = await session("dave", OTHER);
    const otherRoom = `#family%127.0.0.1@irc.${OTHER}`;
    expect(await carol.join(otherRoom, "carol")).toMatchObject({ event: "joined" });
    // The domain already uses its one server: another is refused, the same one is not.
    expect(await dave.join(`#family%localhost@irc.${OTHER}`, "dave")).toMatchObject({
      event: "join-error",
      condition: "policy-violation",
    });
    expect(await dave.join(otherRoom, "dave")).toMatchObject({ event: "joined" });
  });

  it("refuses IRC servers on loopback and private addresses unless allowed", async () => {
    const erin = await session("erin", STRICT);
    for (const server of ["127.0.0.1", "10.1.2.3", "192.168.1.10", "localhost", "intranet"]) {
      expect(await erin.join(`#family%${server}@irc.${STRICT}`, "erin")).toMatchObject({
        event: "join-error",
        condition: "policy-violation",
      });
    }
  });

  it("fails with biboumi's own words when the XMPP server refuses the secret", async () => {
    const wrong = { ...spec, id: "wrong-secret", secret: "not the secret" };
    try {
      await expect(gateways.ensureRunning(wrong)).rejects.toThrow(/Given token does not match calculated token/);
      expect(gateways.status(wrong.id).running).toBe(false);
    } finally {
      await gateways.remove(wrong.id);
    }
  });

  it("fails with biboumi's own words when nothing listens for components", async () => {
    const nobody = { ...spec, id: "no-server", componentPort: closedPort };
    try {
      await expect(gateways.ensureRunning(nobody)).rejects.toThrow(/Connection refused/);
    } finally {
      await gateways.remove(nobody.id);
    }
  });

  let n = 0;
  describeIrcGatewayContract("local biboumi", async () => ({
    gateways: new LocalIrcGateways({ dataRoot: path.join(tmp.dir, "contract") }),
    async newSpec() {
      n += 1;
      const hostname = `irc.c${n}.test`;
      return { ...spec, id: `contract-${n}`, hostname, secret: secrets.get(hostname) ?? "" };
    },
    async acceptSecret(s, secret) {
      secrets.set(s.hostname, secret);
      await prosody.reload();
    },
    closedPort: async () => closedPort,
    async teardown() {},
  }));
});
