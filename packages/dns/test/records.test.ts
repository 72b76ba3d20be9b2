import { describe, expect, it } from "vitest";
import {
  type DnsTarget,
  expectedRecords,
  normalizeRecordValue,
  quoteTxt,
  recordLine,
  splitTxt,
  unquoteTxt,
  zoneSnippet,
} from "../src/index.ts";

const target: DnsTarget = {
  domain: "Family.Example.",
  serverHost: "xmpp1.chat.example",
  ipv4: ["203.0.113.10"],
  ipv6: ["2001:DB8:0:0::10"],
  c2sPort: 5222,
  c2sDirectTlsPort: 5223,
  s2sPort: 5269,
  s2sDirectTlsPort: 5270,
  verificationToken: "Zk3-tok_12345678",
  caaIssuers: ["letsencrypt.org"],
};

describe("expectedRecords", () => {
  it("lists every record a domain needs, with stable ids and presentation values", () => {
    const recs = expectedRecords(target);
    const table = recs.map((r) => [r.id, r.name, r.type, r.value, r.required]);
    expect(table).toEqual([
      ["a", "family.example", "A", "203.0.113.10", true],
      ["aaaa", "family.example", "AAAA", "2001:db8::10", false],
      ["srv-client", "_xmpp-client._tcp.family.example", "SRV", "0 5 5222 xmpp1.chat.example.", true],
      ["srvs-client", "_xmpps-client._tcp.family.example", "SRV", "0 5 5223 xmpp1.chat.example.", false],
      ["srv-server", "_xmpp-server._tcp.family.example", "SRV", "0 5 5269 xmpp1.chat.example.", true],
      ["srvs-server", "_xmpps-server._tcp.family.example", "SRV", "0 5 5270 xmpp1.chat.example.", false],
      ["groups", "groups.family.example", "CNAME", "xmpp1.chat.example.", true],
      ["srv-groups-server", "_xmpp-server._tcp.groups.family.example", "SRV", "0 5 5269 xmpp1.chat.example.", true],
      ["share", "share.family.example", "CNAME", "xmpp1.chat.example.", true],
      ["txt-verify", "_xmpp-host-verify.family.example", "TXT", "xmpp-host-verification=Zk3-tok_12345678", true],
      ["caa", "family.example", "CAA", '0 issue "letsencrypt.org"', false],
    ]);
    for (const r of recs) {
      expect(r.purpose).toMatch(/^[A-Z].+\.$/);
      expect(r.purpose.length).toBeLessThan(200);
    }
    expect(new Set(recs.map((r) => r.id)).size).toBe(recs.length);
  });

  it("never puts a CNAME on the domain itself, and uses addresses for service hosts when useCname is false", () => {
    const recs = expectedRecords({ ...target, useCname: false, ipv4: ["203.0.113.10", "203.0.113.11"] });
    expect(recs.filter((r) => r.type === "CNAME")).toEqual([]);
    const ids = recs.map((r) => `${r.id} ${r.name} ${r.type} ${r.value}`);
    expect(ids).toContain("a family.example A 203.0.113.10");
    expect(ids).toContain("a-2 family.example A 203.0.113.11");
    expect(ids).toContain("groups-a groups.family.example A 203.0.113.10");
    expect(ids).toContain("groups-a-2 groups.family.example A 203.0.113.11");
    expect(ids).toContain("share-aaaa share.family.example AAAA 2001:db8::10");
    for (const r of expectedRecords({ ...target, useCname: true })) {
      if (r.name === "family.example") expect(r.type).not.toBe("CNAME");
    }
  });

  it("without platform addresses the domain gets no address record and hosts always alias", () => {
    const recs = expectedRecords({ ...target, ipv4: [], ipv6: [], useCname: false, caaIssuers: [] });
    expect(recs.map((r) => r.id)).toEqual([
      "srv-client",
      "srvs-client",
      "srv-server",
      "srvs-server",
      "groups",
      "srv-groups-server",
      "share",
      "txt-verify",
    ]);
  });

  it("leaves out the direct TLS records when no such port is set", () => {
    const { c2sDirectTlsPort: _c, s2sDirectTlsPort: _s, ...plain } = target;
    const ids = expectedRecords(plain).map((r) => r.id);
    expect(ids).not.toContain("srvs-client");
    expect(ids).not.toContain("srvs-server");
  });

  it("rejects targets that cannot produce valid records", () => {
    expect(() => expectedRecords({ ...target, domain: "bad domain.example" })).toThrow(RangeError);
    expect(() => expectedRecords({ ...target, domain: "localhost" })).toThrow(RangeError);
    expect(() => expectedRecords({ ...target, c2sPort: 0 })).toThrow(RangeError);
    expect(() => expectedRecords({ ...target, s2sDirectTlsPort: 70000 })).toThrow(RangeError);
    expect(() => expectedRecords({ ...target, ipv4: ["300.1.1.1"] })).toThrow(RangeError);
    expect(() => expectedRecords({ ...target, verificationToken: 'a"b; rm' })).toThrow(RangeError);
  });
});

describe("zoneSnippet", () => {
  it("has one commented zone-file line per record, ready to paste", () => {
    const recs = expectedRecords(target);
    const snippet = zoneSnippet(recs, { ttl: 600 });
    const lines = snippet.trimEnd().split("\n");
    const records = lines.filter((l) => l && !l.startsWith(";"));
    expect(records).toEqual([
      "family.example. 600 IN A 203.0.113.10",
      "family.example. 600 IN AAAA 2001:db8::10",
      "_xmpp-client._tcp.family.example. 600 IN SRV 0 5 5222 xmpp1.chat.example.",
      "_xmpps-client._tcp.family.example. 600 IN SRV 0 5 5223 xmpp1.chat.example.",
      "_xmpp-server._tcp.family.example. 600 IN SRV 0 5 5269 xmpp1.chat.example.",
      "_xmpps-server._tcp.family.example. 600 IN SRV 0 5 5270 xmpp1.chat.example.",
      "groups.family.example. 600 IN CNAME xmpp1.chat.example.",
      "_xmpp-server._tcp.groups.family.example. 600 IN SRV 0 5 5269 xmpp1.chat.example.",
      "share.family.example. 600 IN CNAME xmpp1.chat.example.",
      '_xmpp-host-verify.family.example. 600 IN TXT "xmpp-host-verification=Zk3-tok_12345678"',
      'family.example. 600 IN CAA 0 issue "letsencrypt.org"',
    ]);
    // Each record is preceded by a comment with its purpose and whether it is required.
    for (const r of recs) {
      const i = lines.indexOf(recordLine(r, 600));
      expect(lines[i - 1]).toBe(`; ${r.purpose} (${r.required ? "required" : "recommended"})`);
    }
    expect(zoneSnippet(recs)).toContain("family.example. 3600 IN A 203.0.113.10");
  });

  it("quotes and splits TXT values as zone files need", () => {
    expect(quoteTxt('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    const long = "x".repeat(300);
    expect(splitTxt(long).map((c) => c.length)).toEqual([255, 45]);
    expect(quoteTxt(long)).toBe(`"${"x".repeat(255)}" "${"x".repeat(45)}"`);
    expect(unquoteTxt(quoteTxt(long))).toBe(long);
    // Multi-byte characters are never cut in half.
    expect(splitTxt("é".repeat(200)).every((c) => Buffer.byteLength(c) <= 255 && !c.includes("\uFFFD"))).toBe(true);
  });

  it("normalizes values so equivalent spellings compare equal", () => {
    expect(normalizeRecordValue("AAAA", "2001:DB8:0:0:0:0:0:10")).toBe("2001:db8::10");
    expect(normalizeRecordValue("AAAA", "::ffff:192.0.2.1")).toBe("::ffff:c000:201");
    expect(normalizeRecordValue("SRV", "0  5 5222 XMPP1.Chat.Example")).toBe("0 5 5222 xmpp1.chat.example.");
    expect(normalizeRecordValue("CNAME", "Host.Example")).toBe("host.example.");
    expect(normalizeRecordValue("CAA", "0 ISSUE letsencrypt.org")).toBe('0 issue "letsencrypt.org"');
  });
});
