/**
 * Real DNS servers for tests: an in-process dns2 server whose records the test sets, and BIND's named as a plain
 * process for RFC 2136 updates (or as a caching resolver in front of another named). Import from
 * "@xmpp-host/dns/testing".
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { promises as dns } from "node:dns";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { TCPServer, UDPServer } from "dns2";
import { normalizeName } from "../../src/names.ts";
import type { PublishableType } from "../../src/provider.ts";
import type { TsigKey } from "../../src/tsig.ts";
import {
  CLASS,
  encodeMessage,
  encodeRdata,
  type ParsedMessage,
  parseMessage,
  TYPE,
  type WireRecord,
} from "../../src/wire.ts";

export interface TestDnsRecord {
  name: string;
  type: PublishableType;
  /** Presentation format as in DnsRecordInput (TXT: raw text). */
  value: string;
  ttl?: number;
}

export type TestDnsBehaviour = "timeout" | "servfail" | null;

export interface TestDnsServer {
  readonly port: number;
  readonly address: string;
  /** "127.0.0.1:PORT", for Resolver.setServers and DnsChecker({ servers }). */
  readonly server: string;
  /** Replaces every record. */
  setRecords(records: readonly TestDnsRecord[]): void;
  addRecords(records: readonly TestDnsRecord[]): void;
  /** Makes queries for `name` (optionally only of `type`) time out or fail; null restores normal answers. */
  setBehaviour(name: string, behaviour: TestDnsBehaviour, type?: PublishableType): void;
  /** Queries received so far. */
  readonly queryCount: number;
  close(): Promise<void>;
}

/**
 * dns2's UDP server with requests parsed by this package's codec: dns2's parser reads bit by bit and makes a busy
 * server allocate several hundred MB. Answers are already sized by the handler, hence the large payload limit.
 */
class LeanUdpServer extends UDPServer {
  override handle(data: Buffer, rinfo: dgram.RemoteInfo): void {
    let msg: ParsedMessage;
    try {
      msg = parseMessage(data);
    } catch (err) {
      this.emit("requestError", err);
      return;
    }
    const request = {
      header: { id: msg.id, rd: msg.rd, opcode: msg.opcode },
      questions: msg.questions,
      additionals: msg.additionals,
    };
    const send = (response: Buffer) => this.response({ rinfo, maxPayload: 65535 } as never, response);
    this.emit("request", request, send, rinfo);
  }
}

interface StoredRecord {
  ttl: number;
  rdata: Buffer;
  /** For CNAME: the target, to follow the chain. */
  target?: string;
}

/**
 * Starts an authoritative-style server on a random loopback port (UDP and TCP on the same port). It answers A, AAAA,
 * CNAME, SRV, TXT and CAA; for other types at a CNAME it returns the CNAME followed by the target's records, like a
 * recursive resolver would. NXDOMAIN (the name and nothing below it exists) is told apart from NODATA.
 */
export async function startTestDnsServer(initial: readonly TestDnsRecord[] = []): Promise<TestDnsServer> {
  const zone = new Map<string, Map<number, StoredRecord[]>>();
  // Names that exist: owners and their ancestors (empty non-terminals answer NODATA, not NXDOMAIN).
  const existing = new Set<string>();
  const behaviours = new Map<string, Exclude<TestDnsBehaviour, null>>();
  let queries = 0;

  const add = (records: readonly TestDnsRecord[]) => {
    for (const r of records) {
      const name = normalizeName(r.name);
      const type = TYPE[r.type];
      const byType = zone.get(name) ?? new Map<number, StoredRecord[]>();
      const list = byType.get(type) ?? [];
      const rdata = encodeRdata(r.type, r.value);
      if (!list.some((x) => x.rdata.equals(rdata))) {
        list.push({ ttl: r.ttl ?? 300, rdata, ...(r.type === "CNAME" ? { target: normalizeName(r.value) } : {}) });
      }
      byType.set(type, list);
      zone.set(name, byType);
      const labels = name.split(".");
      for (let i = 0; i < labels.length; i++) existing.add(labels.slice(i).join("."));
    }
  };
  add(initial);

  const answer = (request: { header: { id: number; rd: number | boolean; opcode: number }; questions: unknown[] }) => {
    const q = request.questions[0] as { name: string; type: number; class: number } | undefined;
    const base = { id: request.header.id, qr: true, opcode: request.header.opcode, rd: !!request.header.rd };
    if (!q) return encodeMessage({ ...base, rcode: 1 });
    const question = { name: q.name, type: q.type, class: q.class };
    if (request.header.opcode !== 0) return encodeMessage({ ...base, rcode: 4, questions: [question] });
    const name = normalizeName(q.name);
    const typeName = Object.entries(TYPE).find(([, code]) => code === q.type)?.[0];
    const behaviour = behaviours.get(`${name} ${typeName}`) ?? behaviours.get(name);
    if (behaviour === "timeout") return null;
    if (behaviour === "servfail") return encodeMessage({ ...base, ra: true, rcode: 2, questions: [question] });

    const answers: WireRecord[] = [];
    let current = name;
    let rcode = 0;
    for (let hops = 0; hops < 8; hops++) {
      const node = zone.get(current);
      if (!node) {
        rcode = existing.has(current) ? 0 : 3;
        break;
      }
      const direct = node.get(q.type);
      if (direct) {
        for (const r of direct)
          answers.push({ name: current, type: q.type, class: CLASS.IN, ttl: r.ttl, rdata: r.rdata });
        break;
      }
      const alias = q.type === TYPE.CNAME ? undefined : node.get(TYPE.CNAME)?.[0];
      if (!alias?.target) break; // NODATA
      answers.push({ name: current, type: TYPE.CNAME, class: CLASS.IN, ttl: alias.ttl, rdata: alias.rdata });
      current = alias.target;
    }
    return encodeMessage({ ...base, aa: true, ra: true, rcode, questions: [question], answers });
  };

  const handler = (request: unknown, send: (response: Buffer) => unknown, client: unknown) => {
    queries++;
    const req = request as Parameters<typeof answer>[0] & { additionals?: { type: number; class: number }[] };
    let response = answer(req);
    if (!response) return;
    // Over UDP, an answer larger than the client's buffer (EDNS size, else 512) is replaced by an empty one with the
    // TC bit, so the client retries over TCP; dns2 would instead cut the message short, which clients reject.
    if (!(client instanceof net.Socket)) {
      const opt = req.additionals?.find((r) => r.type === TYPE.OPT);
      const limit = Math.max(512, opt?.class ?? 512);
      if (response.length > limit) {
        const q = req.questions[0] as { name: string; type: number; class: number };
        response = encodeMessage({
          id: req.header.id,
          qr: true,
          aa: true,
          tc: true,
          rd: !!req.header.rd,
          ra: true,
          questions: [{ name: q.name, type: q.type, class: q.class }],
        });
      }
    }
    Promise.resolve(send(response)).catch(() => {});
  };

  const address = "127.0.0.1";
  let udp: UDPServer | undefined;
  let tcp: TCPServer | undefined;
  const sockets = new Set<net.Socket>();
  for (let attempt = 0; attempt < 20 && !tcp; attempt++) {
    const u = new LeanUdpServer(handler as never);
    u.on("error", () => {});
    await u.listen(0, address);
    const port = u.address().port;
    const t = new TCPServer(handler as never);
    const ok = await new Promise<boolean>((resolve) => {
      t.once("error", () => resolve(false));
      t.listen(port, address, () => resolve(true));
    });
    if (ok) {
      udp = u;
      tcp = t;
      t.on("error", () => {});
      t.on("connection", (s: net.Socket) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
      });
    } else {
      u.close();
    }
  }
  if (!udp || !tcp) throw new Error("could not find a free UDP+TCP port for the test DNS server");
  const port = udp.address().port;
  const udpServer = udp;
  const tcpServer = tcp;

  return {
    port,
    address,
    server: `${address}:${port}`,
    setRecords(records) {
      zone.clear();
      existing.clear();
      add(records);
    },
    addRecords: add,
    setBehaviour(name, behaviour, type) {
      const key = type ? `${normalizeName(name)} ${type}` : normalizeName(name);
      if (behaviour) behaviours.set(key, behaviour);
      else behaviours.delete(key);
    },
    get queryCount() {
      return queries;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udpServer.close(() => resolve())),
        new Promise<void>((resolve) => tcpServer.close(() => resolve())),
      ]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// BIND named as a plain process.

export interface TestNamedZone {
  name: string;
  /** Accept updates signed with the test key; default true. */
  allowUpdate?: boolean;
  /** Extra zone-file lines (relative names are relative to the zone). */
  records?: string[];
  /** The address of the zone's name server ns.ZONE; default 127.0.0.1. */
  nsAddress?: string;
  /** How long resolvers may cache "does not exist" (the SOA's TTL and MINIMUM); default 60 s. */
  negativeTtl?: number;
}

/** Zones a resolving named sends on to other servers (`forward only`), with the port they listen on. */
export interface TestNamedForward {
  zone: string;
  to: { address: string; port: number }[];
}

export interface TestNamed {
  readonly port: number;
  readonly address: string;
  readonly server: string;
  /** The key that may update zones with allowUpdate. */
  readonly key: TsigKey;
  readonly dir: string;
  readonly pid: number;
  /** named's output so far (it logs to stderr with -g). */
  log(): string;
  close(): Promise<void>;
}

/** A port free for both UDP and TCP on the loopback address, at the moment of asking. */
async function freeUdpTcpPort(address: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const sock = dgram.createSocket("udp4");
    const port = await new Promise<number>((resolve, reject) => {
      sock.once("error", reject);
      sock.bind(0, address, () => resolve(sock.address().port));
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, address, () => srv.close(() => resolve(true)));
    });
    await new Promise<void>((resolve) => sock.close(() => resolve()));
    if (tcpFree) return port;
  }
  throw new Error("no free UDP+TCP port");
}

function namedConf(
  dir: string,
  port: number,
  address: string,
  key: TsigKey,
  zones: TestNamedZone[],
  forward: TestNamedForward[],
): string {
  const forwardBlocks = forward.map(
    (f) =>
      `zone "${normalizeName(f.zone)}" { type forward; forward only; ` +
      `forwarders { ${f.to.map((t) => `${t.address} port ${t.port};`).join(" ")} }; };`,
  );
  const zoneBlocks = zones.map(
    (z) =>
      `zone "${normalizeName(z.name)}" { type primary; file "${normalizeName(z.name)}.zone"; ` +
      `${z.allowUpdate === false ? "" : `allow-update { key "${key.name}"; }; `}};`,
  );
  return [
    "options {",
    `  directory "${dir}";`,
    `  listen-on port ${port} { ${address}; };`,
    "  listen-on-v6 { none; };",
    `  pid-file "${dir}/named.pid";`,
    // The default session key lives in /run/named, which may not exist or be shared with a system named.
    `  session-keyfile "${dir}/session.key";`,
    // A resolver caches what it forwards, negative answers included: that is what it is there for.
    forward.length ? "  recursion yes; allow-recursion { any; };" : "  recursion no;",
    "  dnssec-validation no;",
    "  notify no;",
    "};",
    // No rndc channel: it would try to bind 127.0.0.1:953 and clash with other instances.
    "controls { };",
    `key "${key.name}" { algorithm ${key.algorithm}; secret "${key.secret}"; };`,
    ...zoneBlocks,
    ...forwardBlocks,
    "",
  ].join("\n");
}

function zoneFile(z: TestNamedZone): string {
  const origin = normalizeName(z.name);
  // The negative TTL is the lower of the SOA's own TTL and its MINIMUM (RFC 2308).
  const soa = z.negativeTtl === undefined ? "@ IN SOA" : `@ ${z.negativeTtl} IN SOA`;
  return [
    `$ORIGIN ${origin}.`,
    "$TTL 300",
    `${soa} ns.${origin}. hostmaster.${origin}. 1 3600 600 86400 ${z.negativeTtl ?? 60}`,
    `@ IN NS ns.${origin}.`,
    `ns IN A ${z.nsAddress ?? "127.0.0.1"}`,
    ...(z.records ?? []),
    "",
  ].join("\n");
}

/**
 * Starts `named -g` (foreground, logs to stderr; as root it simply keeps running as root, no `-u` needed) with a
 * primary zone per entry, each updatable with a fresh HMAC-SHA256 key. Resolves once every zone answers.
 */
/**
 * The platform's settings that make `base` (a zone `named` serves) its own: free addresses under it, published there
 * through RFC 2136 with the test key, and checked against that server alone.
 */
export function platformZoneEnv(named: TestNamed, base: string): Record<string, string> {
  return {
    PLATFORM_BASE_DOMAIN: base,
    PLATFORM_HOST: `xmpp.${base}`,
    PLATFORM_IPV4: "127.0.0.1",
    DNS_PROVIDER: "rfc2136",
    RFC2136_SERVER: named.address,
    RFC2136_PORT: String(named.port),
    RFC2136_ZONE: base,
    RFC2136_TSIG_NAME: named.key.name,
    RFC2136_TSIG_ALGORITHM: named.key.algorithm,
    RFC2136_TSIG_SECRET: named.key.secret,
    DNS_SERVERS: named.server,
    DNS_TIMEOUT_MS: "1000",
  };
}

export async function startTestNamed(opts: {
  zones: (string | TestNamedZone)[];
  keyName?: string;
  binary?: string;
  /** Makes it a caching resolver that forwards these zones; it is ready once their SOA records resolve through it. */
  forward?: TestNamedForward[];
}): Promise<TestNamed> {
  const zones = opts.zones.map((z) => (typeof z === "string" ? { name: z } : z));
  const forward = opts.forward ?? [];
  const key: TsigKey = {
    name: opts.keyName ?? "platform-update",
    algorithm: "hmac-sha256",
    secret: randomBytes(32).toString("base64"),
  };
  const address = "127.0.0.1";
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = mkdtempSync(path.join(tmpdir(), "named-"));
    const port = await freeUdpTcpPort(address);
    writeFileSync(path.join(dir, "named.conf"), namedConf(dir, port, address, key, zones, forward));
    for (const z of zones) writeFileSync(path.join(dir, `${normalizeName(z.name)}.zone`), zoneFile(z));
    const child = spawn(opts.binary ?? "/usr/sbin/named", ["-g", "-c", path.join(dir, "named.conf")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let output = "";
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const stop = () => stopProcess(child).finally(() => rmSync(dir, { recursive: true, force: true }));
    try {
      await waitForZones(
        child,
        address,
        port,
        [...zones.map((z) => z.name), ...forward.map((f) => f.zone)],
        () => output,
      );
      return {
        port,
        address,
        server: `${address}:${port}`,
        key,
        dir,
        pid: child.pid as number,
        log: () => output,
        close: stop,
      };
    } catch (err) {
      lastError = err as Error;
      await stop();
    }
  }
  throw lastError ?? new Error("named did not start");
}

async function waitForZones(
  child: ChildProcess,
  address: string,
  port: number,
  zones: string[],
  log: () => string,
): Promise<void> {
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`${address}:${port}`]);
  const deadline = Date.now() + 15_000;
  let pending = zones.map(normalizeName);
  while (pending.length) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`named exited (${child.exitCode ?? child.signalCode}):\n${log().slice(-2000)}`);
    }
    if (Date.now() > deadline)
      throw new Error(`named did not serve ${pending.join(", ")} in time:\n${log().slice(-2000)}`);
    const results = await Promise.all(
      pending.map((z) =>
        resolver.resolveSoa(z).then(
          () => null,
          () => z,
        ),
      ),
    );
    pending = results.filter((z): z is string => z !== null);
    if (pending.length) await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
