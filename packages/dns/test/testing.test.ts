import { promises as dns } from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeMessage, lookupRecordValues, parseMessage, Semaphore, TYPE } from "../src/index.ts";
import { startTestDnsServer, type TestDnsServer } from "./support/testing.ts";

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "resolved",
    (e: NodeJS.ErrnoException) => e.code ?? "?",
  );
}

describe("startTestDnsServer", () => {
  let server: TestDnsServer;
  let resolver: dns.Resolver;

  beforeAll(async () => {
    server = await startTestDnsServer([
      { name: "host.example", type: "A", value: "192.0.2.1" },
      { name: "host.example", type: "AAAA", value: "2001:db8::1" },
      { name: "alias.example", type: "CNAME", value: "host.example." },
      { name: "chain.example", type: "CNAME", value: "alias.example" },
      { name: "dangling.example", type: "CNAME", value: "nowhere.example" },
      { name: "_xmpp-client._tcp.family.example", type: "SRV", value: "0 5 5222 host.example." },
      { name: "family.example", type: "CAA", value: '128 issue "letsencrypt.org"' },
      { name: "txt.example", type: "TXT", value: 'v=1 "quoted" é' },
    ]);
    resolver = new dns.Resolver({ timeout: 300, tries: 1 });
    resolver.setServers([server.server]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers each record type", async () => {
    expect(await resolver.resolve4("host.example")).toEqual(["192.0.2.1"]);
    expect(await resolver.resolve6("HOST.example")).toEqual(["2001:db8::1"]);
    expect(await resolver.resolveSrv("_xmpp-client._tcp.family.example")).toEqual([
      { name: "host.example", port: 5222, priority: 0, weight: 5 },
    ]);
    // Node hands TXT bytes over as Latin-1; lookupRecordValues turns them back into UTF-8.
    expect(await resolver.resolveTxt("txt.example")).toEqual([[Buffer.from('v=1 "quoted" é').toString("latin1")]]);
    expect(await lookupRecordValues(resolver, "txt.example", "TXT")).toEqual(['v=1 "quoted" é']);
    expect(await resolver.resolveCaa("family.example")).toEqual([{ critical: 128, issue: "letsencrypt.org" }]);
    expect(await resolver.resolveCname("alias.example")).toEqual(["host.example"]);
  });

  it("follows CNAME chains for other types, like a recursive resolver", async () => {
    expect(await resolver.resolve4("chain.example")).toEqual(["192.0.2.1"]);
    expect(await resolver.resolve6("alias.example")).toEqual(["2001:db8::1"]);
    expect(await code(resolver.resolve4("dangling.example"))).toBe("ENOTFOUND");
  });

  it("tells NXDOMAIN from NODATA, empty non-terminals included", async () => {
    expect(await code(resolver.resolve4("missing.example"))).toBe("ENOTFOUND");
    expect(await code(resolver.resolveTxt("host.example"))).toBe("ENODATA");
    // _tcp.family.example has no records but a name below it: it exists.
    expect(await code(resolver.resolveTxt("_tcp.family.example"))).toBe("ENODATA");
    expect(await code(resolver.resolveSrv("_xmpps-client._tcp.family.example"))).toBe("ENOTFOUND");
  });

  it("times out or fails on request, per name and optionally per type", async () => {
    server.setBehaviour("host.example", "timeout", "A");
    expect(await code(resolver.resolve4("host.example"))).toBe("ETIMEOUT");
    expect(await resolver.resolve6("host.example")).toEqual(["2001:db8::1"]);
    server.setBehaviour("host.example", "servfail");
    expect(await code(resolver.resolve6("host.example"))).toBe("ESERVFAIL");
    server.setBehaviour("host.example", null);
    server.setBehaviour("host.example", null, "A");
    expect(await resolver.resolve4("host.example")).toEqual(["192.0.2.1"]);
  });

  it("replaces records, and sends large answers over TCP after a truncated UDP answer", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      name: "big.example",
      type: "TXT" as const,
      value: `${i}-${"x".repeat(200)}`,
    }));
    server.setRecords(many);
    expect(await code(resolver.resolve4("host.example"))).toBe("ENOTFOUND");
    const txt = await resolver.resolveTxt("big.example");
    expect(txt.map((t) => t.join("")).sort()).toEqual(many.map((m) => m.value).sort());

    // The same over a raw TCP exchange.
    const query = encodeMessage({ id: 7, rd: true, questions: [{ name: "big.example", type: TYPE.TXT, class: 1 }] });
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const s = net.connect(server.port, server.address, () => {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(query.length);
        s.write(Buffer.concat([len, query]));
      });
      let buf = Buffer.alloc(0);
      s.on("data", (d) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          s.destroy();
          resolve(buf.subarray(2));
        }
      });
      s.on("error", reject);
    });
    const parsed = parseMessage(answer);
    expect(parsed.id).toBe(7);
    expect(parsed.tc).toBe(false);
    expect(parsed.answers).toHaveLength(30);
  });
});

describe("Semaphore", () => {
  it("never runs more tasks than its limit, and runs them all", async () => {
    const sem = new Semaphore(3);
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sem.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          active--;
          done.push(i);
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(sem.inUse).toBe(0);
    await expect(sem.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(sem.inUse).toBe(0);
  });
});
