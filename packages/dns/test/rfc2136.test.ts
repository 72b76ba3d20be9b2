import dgram from "node:dgram";
import { promises as dns } from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DnsChecker,
  DnsProviderRefusedError,
  DnsProviderUnavailableError,
  type DnsTarget,
  expectedRecords,
  lookupRecordValues,
  PlatformZoneProvider,
  publishDomainRecords,
  Rfc2136Provider,
  unpublishDomainRecords,
} from "../src/index.ts";
import { describeDnsProviderContract } from "../src/provider-contract.ts";
import { startTestNamed, type TestNamed } from "./support/testing.ts";

function resolverFor(named: TestNamed): dns.Resolver {
  const r = new dns.Resolver({ timeout: 1000, tries: 2 });
  r.setServers([named.server]);
  return r;
}

describeDnsProviderContract("Rfc2136Provider against BIND named", async () => {
  const named = await startTestNamed({ zones: ["chat.example", "other.example"] });
  const resolver = resolverFor(named);
  return {
    provider: new Rfc2136Provider({ server: named.address, port: named.port, zone: "chat.example", tsig: named.key }),
    zone: "chat.example",
    outside: ["other.example", "example", "x.other.example", "chat.example.other.example", "bad name.chat.example"],
    lookup: (name, type) => lookupRecordValues(resolver, name, type),
    teardown: () => named.close(),
  };
});

describeDnsProviderContract("PlatformZoneProvider over RFC 2136 (BIND named)", async () => {
  const named = await startTestNamed({ zones: ["chat.example"] });
  const resolver = resolverFor(named);
  const delegate = new Rfc2136Provider({
    server: named.address,
    port: named.port,
    zone: "chat.example",
    tsig: named.key,
  });
  return {
    provider: new PlatformZoneProvider({ baseDomain: "chat.example", delegate }),
    zone: "chat.example",
    // The base domain itself belongs to the platform, not to tenants.
    outside: ["chat.example", "other.example", "xchat.example"],
    lookup: (name, type) => lookupRecordValues(resolver, name, type),
    teardown: () => named.close(),
  };
});

describe("Rfc2136Provider failures and transports", () => {
  let named: TestNamed;
  let resolver: dns.Resolver;
  const opened: { close(): unknown }[] = [];

  beforeAll(async () => {
    named = await startTestNamed({ zones: ["chat.example", { name: "locked.example", allowUpdate: false }] });
    resolver = resolverFor(named);
  });
  afterAll(async () => {
    for (const o of opened) o.close();
    await named?.close();
  });

  const provider = (over: Partial<ConstructorParameters<typeof Rfc2136Provider>[0]> = {}) =>
    new Rfc2136Provider({ server: named.address, port: named.port, zone: "chat.example", tsig: named.key, ...over });

  it("is refused with a wrong secret (BADSIG), an unknown key (BADKEY) or no key", async () => {
    const record = { name: "x.chat.example", type: "A" as const, value: "192.0.2.1" };
    const wrongSecret = provider({ tsig: { ...named.key, secret: Buffer.alloc(32, 7).toString("base64") } });
    await expect(wrongSecret.addRecord(record)).rejects.toThrow(DnsProviderRefusedError);
    await expect(wrongSecret.addRecord(record)).rejects.toThrow(/BADSIG/);
    await expect(provider({ tsig: { ...named.key, name: "nobody" } }).addRecord(record)).rejects.toThrow(/BADKEY/);
    const unsigned = new Rfc2136Provider({ server: named.address, port: named.port, zone: "chat.example" });
    await expect(unsigned.addRecord(record)).rejects.toThrow(/REFUSED/);
    expect(await lookupRecordValues(resolver, record.name, "A")).toEqual([]);
  });

  it("is refused for a zone that takes no updates (REFUSED) or that the server does not serve (NOTAUTH)", async () => {
    const locked = provider({ zone: "locked.example" });
    await expect(locked.addRecord({ name: "a.locked.example", type: "A", value: "192.0.2.1" })).rejects.toThrow(
      /REFUSED/,
    );
    const foreign = provider({ zone: "elsewhere.example" });
    const err = await foreign.addRecord({ name: "a.elsewhere.example", type: "A", value: "192.0.2.1" }).catch((e) => e);
    expect(err).toBeInstanceOf(DnsProviderRefusedError);
    expect(String(err.message)).toMatch(/NOTAUTH|REFUSED/);
  });

  it("refuses invalid records before sending anything", async () => {
    await expect(provider().addRecord({ name: "x.chat.example", type: "A", value: "not-an-ip" })).rejects.toThrow(
      DnsProviderRefusedError,
    );
    await expect(provider().addRecord({ name: "x.chat.example", type: "SRV", value: "0 5 xmpp" })).rejects.toThrow(
      DnsProviderRefusedError,
    );
  });

  it("is unavailable when the server does not answer, or nothing listens", async () => {
    const silent = dgram.createSocket("udp4");
    opened.push(silent);
    await new Promise<void>((r) => silent.bind(0, "127.0.0.1", () => r()));
    const started = Date.now();
    const p = provider({ port: silent.address().port, timeoutMs: 200, tries: 2 });
    await expect(p.addRecord({ name: "x.chat.example", type: "A", value: "192.0.2.1" })).rejects.toThrow(
      DnsProviderUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2000);

    const closedPort = silent.address().port;
    silent.close();
    opened.pop();
    await expect(
      provider({ port: closedPort, timeoutMs: 500 }).addRecord({
        name: "x.chat.example",
        type: "A",
        value: "192.0.2.1",
      }),
    ).rejects.toThrow(DnsProviderUnavailableError);
  });

  it("does not trust an unsigned success answer to a signed update", async () => {
    // A forger answering NOERROR without the server's TSIG must not make us believe the record is published.
    const forger = dgram.createSocket("udp4");
    opened.push(forger);
    forger.on("message", (msg, rinfo) => {
      const answer = Buffer.from(msg.subarray(0, 12));
      answer.writeUInt16BE(0xa800, 2); // QR, opcode UPDATE, NOERROR
      answer.writeUInt16BE(0, 4);
      answer.writeUInt16BE(0, 8);
      answer.writeUInt16BE(0, 10);
      forger.send(answer, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => forger.bind(0, "127.0.0.1", () => r()));
    await expect(
      provider({ port: forger.address().port }).addRecord({ name: "x.chat.example", type: "A", value: "192.0.2.1" }),
    ).rejects.toThrow(/no valid TSIG/);
  });

  /** A UDP responder that only says "truncated", and a TCP relay to named, to watch which transport is used. */
  async function truncatingFront() {
    const seen = { udp: 0, tcp: 0 };
    const udp = dgram.createSocket("udp4");
    udp.on("message", (msg, rinfo) => {
      seen.udp++;
      const answer = Buffer.from(msg.subarray(0, 12));
      answer.writeUInt16BE(0xaa00, 2); // QR, opcode UPDATE, TC
      answer.writeUInt16BE(0, 4);
      answer.writeUInt16BE(0, 8);
      answer.writeUInt16BE(0, 10);
      udp.send(answer, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
    const port = udp.address().port;
    const tcp = net.createServer((c) => {
      seen.tcp++;
      const upstream = net.connect(named.port, named.address);
      c.pipe(upstream).pipe(c);
      c.on("error", () => upstream.destroy());
      upstream.on("error", () => c.destroy());
    });
    await new Promise<void>((r) => tcp.listen(port, "127.0.0.1", () => r()));
    opened.push(udp, tcp);
    return { port, seen };
  }

  it("falls back to TCP when the UDP answer is truncated, and sends large updates over TCP directly", async () => {
    const front = await truncatingFront();
    const p = provider({ port: front.port });
    await p.addRecord({ name: "tc.chat.example", type: "A", value: "192.0.2.44" });
    expect(front.seen).toEqual({ udp: 1, tcp: 1 });
    expect(await lookupRecordValues(resolver, "tc.chat.example", "A")).toEqual(["192.0.2.44"]);

    // Over 512 bytes: no UDP attempt at all. Two 255-byte strings plus one more: a DKIM-sized TXT.
    const long = `v=DKIM1; k=rsa; p=${"A".repeat(600)}`;
    await p.addRecord({ name: "big._domainkey.chat.example", type: "TXT", value: long });
    expect(front.seen).toEqual({ udp: 1, tcp: 2 });
    expect(await lookupRecordValues(resolver, "big._domainkey.chat.example", "TXT")).toEqual([long]);
    await p.removeRecord({ name: "big._domainkey.chat.example", type: "TXT", value: long });
    expect(await lookupRecordValues(resolver, "big._domainkey.chat.example", "TXT")).toEqual([]);
  });

  it("works over TCP only when asked", async () => {
    const p = provider({ transport: "tcp" });
    await p.addRecord({ name: "viatcp.chat.example", type: "AAAA", value: "2001:db8::44" });
    expect(await lookupRecordValues(resolver, "viatcp.chat.example", "AAAA")).toEqual(["2001:db8::44"]);
  });

  it("publishes a platform subdomain's records so that the checker finds them all, and removes them", async () => {
    const zone = new PlatformZoneProvider({ baseDomain: "chat.example", delegate: provider() });
    const target: DnsTarget = {
      domain: "alice.chat.example",
      serverHost: "xmpp1.chat.example",
      ipv4: ["203.0.113.10"],
      ipv6: ["2001:db8::10"],
      c2sPort: 5222,
      c2sDirectTlsPort: 5223,
      s2sPort: 5269,
      verificationToken: "tok-alice-0123456789",
      caaIssuers: ["letsencrypt.org"],
    };
    const records = expectedRecords(target);
    await publishDomainRecords(zone, records, { ttl: 60 });
    const checker = new DnsChecker({ servers: [named.server], timeoutMs: 1000, tries: 2 });
    const report = await checker.check(target);
    expect(report.records.filter((r) => r.status !== "ok")).toEqual([]);
    expect(report.status).toBe("ok");

    // A domain outside the base domain is refused as a whole, before anything is written.
    await expect(
      publishDomainRecords(zone, expectedRecords({ ...target, domain: "bob.other.example" })),
    ).rejects.toThrow(DnsProviderRefusedError);

    await unpublishDomainRecords(zone, records);
    const after = await checker.check(target);
    expect(after.status).toBe("error");
    for (const r of after.records) expect(r.found, r.id).toEqual([]);
  });
});
