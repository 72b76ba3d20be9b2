/**
 * Authoritative mode against real servers: one BIND named holds the zones, a second one is a caching resolver in
 * front of it (what the checker's `servers` point to). The resolver keeps a "does not exist" for the zone's negative
 * TTL; the authoritative mode must see the record as soon as it is added, and fall back to the resolver when the
 * zone's servers cannot answer.
 */
import dgram from "node:dgram";
import { promises as dns } from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthoritativeResolver,
  DnsChecker,
  type DnsTarget,
  type DomainDnsReport,
  expectedRecords,
  type LookupResult,
  publishDomainRecords,
  queryRecords,
  type RecordResult,
  type RecordType,
  Rfc2136Provider,
  verificationRecordName,
  verificationValue,
} from "../src/index.ts";
import { encodeMessage, parseMessage } from "../src/wire.ts";
import { startTestDnsServer, startTestNamed, type TestDnsServer, type TestNamed } from "./support/testing.ts";

/** Where the relay in front of probe.test's server listens, and an address where nothing does. */
const RELAY_ADDRESS = "127.0.0.2";
const DEAD_ADDRESS = "127.0.0.3";
const NEGATIVE_TTL = 3600;

function targetFor(domain: string): DnsTarget {
  return {
    domain,
    serverHost: "xmpp.auth.test",
    ipv4: ["192.0.2.10"],
    ipv6: ["2001:db8::10"],
    c2sPort: 5222,
    s2sPort: 5269,
    verificationToken: "tok-authoritative-0123",
    caaIssuers: ["letsencrypt.org"],
  };
}

function only(report: DomainDnsReport, id: string): RecordResult {
  const r = report.records.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} record in the report of ${report.domain}`);
  return r;
}

function summary(report: DomainDnsReport): Record<string, string> {
  return Object.fromEntries(report.records.map((r) => [r.id, `${r.status} ${r.source}`]));
}

function resolverAt(server: string): dns.Resolver {
  const r = new dns.Resolver({ timeout: 1000, tries: 2 });
  r.setServers([server]);
  return r;
}

type RelayMode = "relay" | "truncate" | "refuse" | "servfail" | "silent";

interface Relay {
  mode: RelayMode;
  /** Every query received: its question and whether recursion was desired. */
  readonly queries: { name: string; type: number; rd: boolean; over: "udp" | "tcp" }[];
  close(): Promise<void>;
}

/**
 * A UDP and TCP front on RELAY_ADDRESS, on named's port, that notes each query's RD bit and passes it on to named,
 * or answers it with TC, REFUSED or SERVFAIL itself, or not at all.
 */
async function startRelay(upstream: TestNamed): Promise<Relay> {
  const queries: Relay["queries"] = [];
  const note = (query: Buffer, over: "udp" | "tcp") => {
    const msg = parseMessage(query);
    const q = msg.questions[0];
    queries.push({ name: q?.name.toLowerCase() ?? "", type: q?.type ?? 0, rd: msg.rd, over });
    return msg;
  };
  const relay: Relay = { mode: "relay", queries, close: async () => {} };

  const udp = dgram.createSocket("udp4");
  udp.on("message", (data, rinfo) => {
    const msg = note(data, "udp");
    const reply = (flags: { tc?: boolean; rcode?: number }) =>
      udp.send(
        encodeMessage({ id: msg.id, qr: true, aa: true, ...flags, questions: msg.questions }),
        rinfo.port,
        rinfo.address,
      );
    switch (relay.mode) {
      case "silent":
        return;
      case "truncate":
        return reply({ tc: true });
      case "refuse":
        return reply({ rcode: 5 });
      case "servfail":
        return reply({ rcode: 2 });
      case "relay": {
        const out = dgram.createSocket("udp4");
        out.on("message", (answer) => {
          udp.send(answer, rinfo.port, rinfo.address);
          out.close();
        });
        out.send(data, upstream.port, upstream.address);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(upstream.port, RELAY_ADDRESS, () => resolve());
  });

  const conns = new Set<net.Socket>();
  const tcp = net.createServer((client) => {
    conns.add(client);
    client.on("close", () => conns.delete(client));
    // One query per connection from our client: the first chunk holds the length prefix and the header.
    client.once("data", (chunk) => note(chunk.subarray(2), "tcp"));
    const server = net.connect(upstream.port, upstream.address);
    conns.add(server);
    server.on("close", () => conns.delete(server));
    client.pipe(server).pipe(client);
    client.on("error", () => server.destroy());
    server.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(upstream.port, RELAY_ADDRESS, () => resolve());
  });

  relay.close = async () => {
    for (const c of conns) c.destroy();
    await Promise.all([
      new Promise<void>((resolve) => udp.close(() => resolve())),
      new Promise<void>((resolve) => tcp.close(() => resolve())),
    ]);
  };
  return relay;
}

describe("DnsChecker in authoritative mode, with BIND named as authority and as caching resolver", () => {
  let authority: TestNamed;
  let resolver: TestNamed;
  let relay: Relay;
  /** The checker as it is used today: through the resolver. */
  let viaResolver: DnsChecker;
  let direct: DnsChecker;
  const provider = (zone: string) =>
    new Rfc2136Provider({ server: authority.address, port: authority.port, zone, tsig: authority.key });

  beforeAll(async () => {
    authority = await startTestNamed({
      zones: [
        {
          // The parent, with the delegations and glue a registry would publish.
          name: "test",
          allowUpdate: false,
          records: [
            "auth NS ns.auth",
            "ns.auth A 127.0.0.1",
            "probe NS ns.probe",
            `ns.probe A ${RELAY_ADDRESS}`,
            "lame NS ns.lame",
            `ns.lame A ${DEAD_ADDRESS}`,
            "map NS ns.map",
            "ns.map A 127.0.0.1",
          ],
        },
        { name: "auth.test", negativeTtl: NEGATIVE_TTL },
        { name: "probe.test", nsAddress: RELAY_ADDRESS },
        { name: "lame.test", nsAddress: DEAD_ADDRESS },
        {
          name: "map.test",
          allowUpdate: false,
          records: [
            "v4 A 192.0.2.1",
            "v4 A 192.0.2.2",
            "v6 AAAA 2001:db8:0:0:0:0:0:1",
            "alias CNAME v4",
            "chain CNAME alias",
            "far CNAME xmpp.auth.test.",
            "dangling CNAME nowhere",
            "dangling-far CNAME nowhere.auth.test.",
            "_xmpp-client._tcp SRV 0 5 5222 xmpp.auth.test.",
            "_xmpp-server._tcp SRV 0 0 0 .",
            'txt TXT "hello " "world"',
            'txt TXT "h\\195\\169llo"',
            // Over 1232 bytes: the UDP answer comes back truncated.
            `big TXT ${Array.from({ length: 6 }, (_, i) => `"${String(i).repeat(250)}"`).join(" ")}`,
            'caa CAA 0 issue "letsencrypt.org; validationmethods=dns-01"',
            'caa CAA 128 tbs "unknown"',
            'caa CAA 0 iodef "mailto:pki@map.test"',
            'only-txt TXT "no address here"',
          ],
        },
      ],
    });
    resolver = await startTestNamed({
      zones: [],
      forward: [{ zone: "test", to: [{ address: authority.address, port: authority.port }] }],
    });
    relay = await startRelay(authority);
    viaResolver = new DnsChecker({ servers: [resolver.server], timeoutMs: 500, tries: 1 });
    direct = new DnsChecker({
      servers: [resolver.server],
      timeoutMs: 500,
      tries: 1,
      authoritative: true,
      authoritativePort: authority.port,
    });
    await provider("auth.test").addRecord({ name: "xmpp.auth.test", type: "A", value: "192.0.2.10" });
    await provider("auth.test").addRecord({ name: "xmpp.auth.test", type: "AAAA", value: "2001:db8::10" });
  }, 60_000);

  afterAll(async () => {
    await relay?.close();
    await resolver?.close();
    await authority?.close();
  });

  it("sees a record just added at the authority while the resolver still serves its cached NXDOMAIN", async () => {
    const target = targetFor("auth.test");
    const records = expectedRecords(target);
    const verification = records.find((r) => r.id === "txt-verify");
    if (!verification) throw new Error("no verification record expected");
    await publishDomainRecords(
      provider("auth.test"),
      records.filter((r) => r !== verification),
      { ttl: 60 },
    );

    // The resolver learns that the verification name does not exist, for the zone's negative TTL.
    const before = await viaResolver.check(target);
    expect(only(before, "txt-verify")).toMatchObject({ status: "error", found: [], source: "resolver" });
    expect(before.records.filter((r) => r.id !== "txt-verify" && r.status !== "ok")).toEqual([]);
    // Before the record exists, the authority says so too: authoritative mode does not make everything ok.
    const directBefore = await direct.check(target);
    expect(only(directBefore, "txt-verify")).toMatchObject({ status: "error", source: "authoritative" });

    await provider("auth.test").addRecord({ name: verification.name, type: "TXT", value: verification.value });
    expect(await queryRecords(resolverAt(authority.server), verification.name, "TXT")).toEqual({
      kind: "found",
      values: [verification.value],
    });
    expect(await queryRecords(resolverAt(resolver.server), verification.name, "TXT")).toEqual({
      kind: "missing",
      code: "ENOTFOUND",
    });

    const stale = await viaResolver.check(target);
    expect(stale.status).toBe("error");
    expect(only(stale, "txt-verify")).toMatchObject({ status: "error", found: [], source: "resolver" });

    const fresh = await direct.check(target);
    expect(summary(fresh)).toEqual(Object.fromEntries(expectedRecords(target).map((r) => [r.id, "ok authoritative"])));
    expect(fresh.status).toBe("ok");
    expect(only(fresh, "txt-verify").found).toEqual([verificationValue(target.verificationToken)]);
    expect(fresh.records.filter((r) => r.fallbackReason !== undefined)).toEqual([]);
  });

  it("asks with recursion not desired, and again over TCP when the answer is truncated", async () => {
    const target = targetFor("probe.test");
    await publishDomainRecords(provider("probe.test"), expectedRecords(target), { ttl: 60 });
    relay.mode = "relay";
    relay.queries.length = 0;

    const report = await direct.check(target);
    expect(summary(report)).toEqual(Object.fromEntries(expectedRecords(target).map((r) => [r.id, "ok authoritative"])));
    const probed = relay.queries.filter((q) => q.name.endsWith("probe.test"));
    expect(probed.map((q) => q.name)).toContain(verificationRecordName("probe.test"));
    expect(probed.filter((q) => q.rd)).toEqual([]);
    expect(probed.every((q) => q.over === "udp")).toBe(true);

    // The resolver path never reaches the relay: the resolver asks named directly.
    relay.queries.length = 0;
    expect((await viaResolver.check(target)).status).toBe("ok");
    expect(relay.queries).toEqual([]);

    relay.mode = "truncate";
    try {
      const overTcp = await direct.check(target);
      expect(summary(overTcp)).toEqual(summary(report));
      const tcp = relay.queries.filter((q) => q.over === "tcp");
      expect(tcp.map((q) => q.name)).toContain(verificationRecordName("probe.test"));
      expect(tcp.filter((q) => q.rd)).toEqual([]);
    } finally {
      relay.mode = "relay";
    }
  });

  for (const [mode, what, reason] of [
    ["refuse", "answers REFUSED", /REFUSED/],
    ["servfail", "answers SERVFAIL", /SERVFAIL/],
    ["silent", "does not answer", /no answer from 127\.0\.0\.2:\d+ after 1 attempt/],
  ] as const) {
    it(`falls back to the resolver when the authoritative server ${what}`, async () => {
      const target = targetFor("probe.test");
      await publishDomainRecords(provider("probe.test"), expectedRecords(target), { ttl: 60 });
      relay.mode = mode;
      relay.queries.length = 0;
      try {
        const report = await direct.check(target);
        expect(summary(report)).toEqual(Object.fromEntries(expectedRecords(target).map((r) => [r.id, "ok resolver"])));
        for (const r of report.records) expect(r.fallbackReason, r.id).toMatch(reason);
        // It did try the authority first.
        expect(relay.queries.map((q) => q.name)).toContain(verificationRecordName("probe.test"));
      } finally {
        relay.mode = "relay";
      }
    });
  }

  it("falls back to the resolver when the zone's name server is unreachable, and says so", async () => {
    const target = targetFor("lame.test");
    await publishDomainRecords(provider("lame.test"), expectedRecords(target), { ttl: 60 });
    const report = await direct.check(target);
    expect(summary(report)).toEqual(Object.fromEntries(expectedRecords(target).map((r) => [r.id, "ok resolver"])));
    expect(report.status).toBe("ok");
    for (const r of report.records) expect(r.fallbackReason, r.id).toContain(`${DEAD_ADDRESS}:${authority.port}`);
    // Refused at once (ICMP port unreachable), not after a timeout per lookup.
    expect(report.durationMs).toBeLessThan(2000);
  });

  it("gives the same results as the resolver for every record type, following aliases the same way", async () => {
    const authoritative = new AuthoritativeResolver({
      resolver: resolverAt(resolver.server),
      port: authority.port,
      timeoutMs: 1000,
      tries: 1,
    });
    const names = [
      "v4",
      "v6",
      "alias",
      "chain",
      "far",
      "dangling",
      "dangling-far",
      "_xmpp-client._tcp",
      "_xmpp-server._tcp",
      "txt",
      "big",
      "caa",
      "only-txt",
      "absent",
    ].map((n) => `${n}.map.test`);
    const types: RecordType[] = ["A", "AAAA", "CNAME", "SRV", "TXT", "CAA"];
    const sorted = (r: LookupResult): LookupResult => (r.kind === "found" ? { ...r, values: [...r.values].sort() } : r);
    const seen = new Set<string>();
    for (const name of names) {
      for (const type of types) {
        const [mine, theirs] = await Promise.all([
          authoritative.query(name, type),
          queryRecords(resolverAt(resolver.server), name, type),
        ]);
        expect(sorted(mine), `${name} ${type}`).toEqual(sorted(theirs));
        seen.add(mine.kind === "missing" ? mine.code : mine.kind);
      }
    }
    // The comparison covered answers, NXDOMAIN and NODATA, not only one kind.
    expect([...seen].sort()).toEqual(["ENODATA", "ENOTFOUND", "found"]);
    // Spot checks, so that a shared mistake on both sides does not pass.
    expect(await authoritative.query("chain.map.test", "A")).toMatchObject({ kind: "found" });
    expect(sorted(await authoritative.query("chain.map.test", "A"))).toEqual({
      kind: "found",
      values: ["192.0.2.1", "192.0.2.2"],
    });
    expect(await authoritative.query("far.map.test", "AAAA")).toEqual({ kind: "found", values: ["2001:db8::10"] });
    expect(await authoritative.query("far.map.test", "CNAME")).toEqual({ kind: "found", values: ["xmpp.auth.test."] });
    expect(await authoritative.query("dangling-far.map.test", "A")).toEqual({ kind: "missing", code: "ENOTFOUND" });
    expect(await authoritative.query("only-txt.map.test", "A")).toEqual({ kind: "missing", code: "ENODATA" });
    expect(sorted(await authoritative.query("txt.map.test", "TXT"))).toEqual({
      kind: "found",
      values: ["hello world", "héllo"],
    });
    expect(await authoritative.query("big.map.test", "TXT")).toEqual({
      kind: "found",
      values: [Array.from({ length: 6 }, (_, i) => String(i).repeat(250)).join("")],
    });
    expect(sorted(await authoritative.query("caa.map.test", "CAA"))).toEqual({
      kind: "found",
      values: [
        '0 iodef "mailto:pki@map.test"',
        '0 issue "letsencrypt.org; validationmethods=dns-01"',
        '128 tbs "unknown"',
      ],
    });
    expect(await authoritative.query("_xmpp-server._tcp.map.test", "SRV")).toEqual({
      kind: "found",
      values: ["0 0 0 ."],
    });
  });
});

describe("DnsChecker in authoritative mode without name servers to ask", () => {
  let server: TestDnsServer;

  beforeAll(async () => {
    // It answers A, TXT... but has no NS records anywhere: no zone cut can be found.
    const target = targetFor("family.example");
    server = await startTestDnsServer([
      ...expectedRecords(target),
      { name: "xmpp.auth.test", type: "A", value: "192.0.2.10" },
      { name: "xmpp.auth.test", type: "AAAA", value: "2001:db8::10" },
    ]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers every lookup from the resolvers, as the resolver mode does", async () => {
    const target = targetFor("family.example");
    const options = { servers: [server.server], timeoutMs: 500, tries: 1 };
    const plain = await new DnsChecker(options).check(target);
    const report = await new DnsChecker({ ...options, authoritative: true, authoritativePort: 1 }).check(target);
    expect(report.status).toBe("ok");
    expect(report.records.map(({ source, fallbackReason, ...r }) => r)).toEqual(
      plain.records.map(({ source, ...r }) => r),
    );
    for (const r of report.records) {
      expect(r.source, r.id).toBe("resolver");
      expect(r.fallbackReason, r.id).toMatch(/^no name servers found for /);
    }
  });

  it("refuses an invalid authoritative port", () => {
    expect(() => new DnsChecker({ authoritative: true, authoritativePort: 0 })).toThrow(RangeError);
    expect(() => new DnsChecker({ authoritativePort: 70000 })).toThrow(RangeError);
  });
});
