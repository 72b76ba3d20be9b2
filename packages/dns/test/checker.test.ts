import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DnsChecker,
  type DnsTarget,
  type DomainDnsReport,
  type ExpectedRecord,
  expectedRecords,
  type RecordResult,
} from "../src/index.ts";
import { startTestDnsServer, type TestDnsRecord, type TestDnsServer } from "./support/testing.ts";

const target: DnsTarget = {
  domain: "family.example",
  serverHost: "xmpp1.chat.example",
  ipv4: ["203.0.113.10"],
  ipv6: ["2001:db8::10"],
  c2sPort: 5222,
  c2sDirectTlsPort: 5223,
  s2sPort: 5269,
  s2sDirectTlsPort: 5270,
  verificationToken: "tok-0123456789abcdef",
  caaIssuers: ["letsencrypt.org"],
};
const expected = expectedRecords(target);
/** The platform's own records, outside the tenant's zone. */
const platform: TestDnsRecord[] = [
  { name: "xmpp1.chat.example", type: "A", value: "203.0.113.10" },
  { name: "xmpp1.chat.example", type: "AAAA", value: "2001:db8::10" },
  { name: "old.chat.example", type: "A", value: "198.51.100.7" },
];
const good = (): TestDnsRecord[] => [...platform, ...expected];
const without = (id: string) => good().filter((r) => (r as ExpectedRecord).id !== id);

/** A wrong variant of each record, with the words its fix must contain. */
function alterations(rec: ExpectedRecord): { label: string; record: TestDnsRecord; fixMentions: string[] }[] {
  const base = { name: rec.name, type: rec.type };
  switch (rec.type) {
    case "A":
      return [{ label: "wrong IP", record: { ...base, value: "192.0.2.99" }, fixMentions: ["192.0.2.99", rec.value] }];
    case "AAAA":
      return [
        { label: "wrong IP", record: { ...base, value: "2001:db8::99" }, fixMentions: ["2001:db8::99", rec.value] },
      ];
    case "SRV": {
      const [p, w, port] = rec.value.split(" ").map(Number) as [number, number, number];
      return [
        {
          label: "wrong port",
          record: { ...base, value: `${p} ${w} ${port + 1} xmpp1.chat.example.` },
          fixMentions: [`from ${port + 1} to ${port}`, "port"],
        },
        {
          label: "wrong target",
          record: { ...base, value: `${p} ${w} ${port} old.chat.example.` },
          fixMentions: ["from old.chat.example to xmpp1.chat.example", "target"],
        },
      ];
    }
    case "CNAME":
      return [
        {
          label: "wrong target",
          record: { ...base, value: "old.chat.example." },
          fixMentions: ["from old.chat.example to xmpp1.chat.example"],
        },
      ];
    case "TXT":
      return [
        {
          label: "wrong token",
          record: { ...base, value: "xmpp-host-verification=tok-stale" },
          fixMentions: ["tok-stale", rec.value],
        },
      ];
    case "CAA":
      return [
        {
          label: "other issuer only",
          record: { ...base, value: '0 issue "pki.goog"' },
          fixMentions: ["pki.goog", "letsencrypt.org"],
        },
      ];
  }
}

function statuses(report: DomainDnsReport): Record<string, string> {
  return Object.fromEntries(report.records.map((r) => [r.id, r.status]));
}

function only(report: DomainDnsReport, id: string): RecordResult {
  return report.records.find((r) => r.id === id) as RecordResult;
}

/** Every record except `id` is ok. */
function expectOthersOk(report: DomainDnsReport, id: string) {
  const others = report.records.filter((r) => r.id !== id && r.status !== "ok");
  expect(others, `records other than ${id}`).toEqual([]);
}

describe("DnsChecker against a real DNS server", () => {
  let dns: TestDnsServer;
  let checker: DnsChecker;

  beforeAll(async () => {
    dns = await startTestDnsServer();
    checker = new DnsChecker({ servers: [dns.server], timeoutMs: 300, tries: 1, concurrency: 8 });
  });
  afterAll(async () => {
    await dns?.close();
  });
  beforeEach(() => {
    dns.setRecords(good());
    for (const r of expected) {
      dns.setBehaviour(r.name, null);
      dns.setBehaviour(r.name, null, r.type);
    }
  });

  it("reports every record ok when everything is right", async () => {
    const report = await checker.check(target);
    expect(report.status).toBe("ok");
    expect(report.domain).toBe("family.example");
    expect(report.records.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    for (const r of report.records) {
      expect(r.status, r.id).toBe("ok");
      expect(r.fix, r.id).toBeNull();
    }
    expect(only(report, "srv-client")).toMatchObject({
      expected: ["0 5 5222 xmpp1.chat.example."],
      found: ["0 5 5222 xmpp1.chat.example."],
    });
    expect(only(report, "aaaa").found).toEqual(["2001:db8::10"]);
    expect(only(report, "txt-verify").found).toEqual([`xmpp-host-verification=${target.verificationToken}`]);
    expect(Date.parse(report.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(report.durationMs).toBeGreaterThan(0);
  });

  for (const rec of expected) {
    it(`pinpoints a missing ${rec.id} record`, async () => {
      dns.setRecords(without(rec.id));
      const report = await checker.check(target);
      const r = only(report, rec.id);
      expectOthersOk(report, rec.id);
      if (rec.type === "CAA") {
        // No CAA at all means every certificate authority may issue: nothing to fix.
        expect(r.status).toBe("ok");
        expect(report.status).toBe("ok");
        return;
      }
      expect(r.status).toBe(rec.required ? "error" : "warning");
      expect(report.status).toBe(rec.required ? "error" : "warning");
      expect(r.found).toEqual([]);
      expect(r.fix).toContain(rec.name);
      expect(r.fix).toContain("Add ");
      expect(r.fix).toContain(`${rec.name}. 3600 IN ${rec.type}`);
    });

    for (const alt of alterations(rec)) {
      it(`pinpoints ${rec.id} with a ${alt.label}`, async () => {
        dns.setRecords([...without(rec.id), alt.record]);
        const report = await checker.check(target);
        const r = only(report, rec.id);
        expectOthersOk(report, rec.id);
        expect(r.status).toBe("error");
        expect(report.status).toBe("error");
        expect(r.fix).toContain(rec.name);
        for (const words of alt.fixMentions) expect(r.fix).toContain(words);
        expect(r.expected).toEqual([rec.value]);
        expect(r.found.length).toBeGreaterThan(0);
      });
    }
  }

  it("warns about extra values next to the right one and names them", async () => {
    dns.setRecords([
      ...good(),
      { name: "family.example", type: "A", value: "198.51.100.7" },
      { name: "_xmpp-client._tcp.family.example", type: "SRV", value: "0 5 5222 old.chat.example." },
      { name: "_xmpp-host-verify.family.example", type: "TXT", value: "xmpp-host-verification=tok-old" },
    ]);
    const report = await checker.check(target);
    expect(report.status).toBe("warning");
    expect(statuses(report)).toMatchObject({ a: "warning", "srv-client": "warning", "txt-verify": "warning" });
    expect(only(report, "a").fix).toMatch(/^Remove the extra address record of family\.example .*198\.51\.100\.7/);
    expect(only(report, "srv-client").fix).toMatch(/^Remove the extra service record .*old\.chat\.example/);
    expect(only(report, "txt-verify").fix).toContain("tok-old");
    expect(report.records.filter((r) => r.status !== "ok").map((r) => r.id)).toEqual(["a", "srv-client", "txt-verify"]);
  });

  it("accepts SRV targets and ports regardless of case, trailing dot, priority and weight", async () => {
    dns.setRecords([
      ...without("srv-client"),
      { name: "_xmpp-client._tcp.family.example", type: "SRV", value: "10 0 5222 XMPP1.Chat.Example" },
    ]);
    const r = only(await checker.check(target), "srv-client");
    expect(r.status).toBe("ok");
    expect(r.detail).toContain("Priority 10 and weight 0");
  });

  it("treats an SRV target of '.' (service refused) as an error", async () => {
    dns.setRecords([
      ...without("srv-server"),
      { name: "_xmpp-server._tcp.family.example", type: "SRV", value: "0 0 0 ." },
    ]);
    const r = only(await checker.check(target), "srv-server");
    expect(r.status).toBe("error");
    expect(r.fix).toContain("not offered");
  });

  it("accepts a CNAME where address records are expected when it leads to the right address", async () => {
    dns.setRecords([
      ...good().filter((r) => r.name !== "family.example"),
      { name: "family.example", type: "CNAME", value: "xmpp1.chat.example." },
    ]);
    const report = await checker.check(target);
    expect(statuses(report)).toMatchObject({ a: "ok", aaaa: "ok", caa: "ok" });
    expect(only(report, "a").found).toEqual(["203.0.113.10"]);
  });

  it("explains an alias that leads to the wrong address", async () => {
    dns.setRecords([
      ...good().filter((r) => r.name !== "family.example"),
      { name: "family.example", type: "CNAME", value: "old.chat.example." },
    ]);
    const r = only(await checker.check(target), "a");
    expect(r.status).toBe("error");
    expect(r.fix).toContain("alias (CNAME) of old.chat.example");
  });

  it("warns when a service host has working address records instead of the alias", async () => {
    dns.setRecords([...without("groups"), { name: "groups.family.example", type: "A", value: "203.0.113.10" }]);
    let r = only(await checker.check(target), "groups");
    expect(r.status).toBe("warning");
    expect(r.fix).toContain("groups.family.example");
    dns.setRecords([...without("groups"), { name: "groups.family.example", type: "A", value: "198.51.100.7" }]);
    r = only(await checker.check(target), "groups");
    expect(r.status).toBe("error");
    expect(r.found).toEqual(["A 198.51.100.7"]);
  });

  it("applies CAA records inherited from a parent domain", async () => {
    dns.setRecords([...without("caa"), { name: "example", type: "CAA", value: '0 issue "pki.goog"' }]);
    let r = only(await checker.check(target), "caa");
    expect(r.status).toBe("error");
    expect(r.fix).toContain("example");
    expect(r.found).toEqual(['0 issue "pki.goog"']);
    dns.setRecords([
      ...without("caa"),
      { name: "example", type: "CAA", value: '0 issue "letsencrypt.org; validationmethods=dns-01"' },
    ]);
    r = only(await checker.check(target), "caa");
    expect(r.status).toBe("ok");
    expect(r.detail).toContain("example");
  });

  it("reports a query that times out as unknown, never as error", async () => {
    dns.setBehaviour("_xmpp-server._tcp.family.example", "timeout");
    const report = await checker.check(target);
    const r = only(report, "srv-server");
    expect(r.status).toBe("unknown");
    expect(r.fix).toBeNull();
    expect(r.detail).toContain("did not answer in time");
    expectOthersOk(report, "srv-server");
    expect(report.status).toBe("unknown");
  });

  it("reports SERVFAIL as unknown, and an error elsewhere still wins", async () => {
    dns.setBehaviour("_xmpp-host-verify.family.example", "servfail", "TXT");
    dns.setRecords(without("srv-client"));
    const report = await checker.check(target);
    expect(statuses(report)).toMatchObject({ "txt-verify": "unknown", "srv-client": "error" });
    expect(only(report, "txt-verify").detail).toContain("SERVFAIL");
    expect(report.status).toBe("error");
  });

  it("limits the queries in flight across the checker", async () => {
    // Two queries that each hang for the whole timeout: one at a time they take twice as long as side by side.
    dns.setBehaviour("_xmpp-server._tcp.family.example", "timeout");
    dns.setBehaviour("_xmpp-client._tcp.family.example", "timeout");
    const serial = new DnsChecker({ servers: [dns.server], timeoutMs: 300, tries: 1, concurrency: 1 });
    let t = performance.now();
    const report = await serial.check(target);
    expect(performance.now() - t).toBeGreaterThanOrEqual(590);
    expect(statuses(report)).toMatchObject({ "srv-server": "unknown", "srv-client": "unknown" });
    t = performance.now();
    await checker.check(target);
    expect(performance.now() - t).toBeLessThan(590);
  });

  it("checks many domains concurrently and reports each on its own", async () => {
    const targets: DnsTarget[] = Array.from({ length: 30 }, (_, i) => ({ ...target, domain: `d${i}.example` }));
    const records: TestDnsRecord[] = [...platform];
    targets.forEach((t, i) => {
      for (const r of expectedRecords(t)) {
        // Every third domain has the wrong client port.
        if (r.id === "srv-client" && i % 3 === 0) records.push({ ...r, value: "0 5 5999 xmpp1.chat.example." });
        else records.push(r);
      }
    });
    dns.setRecords(records);
    const before = dns.queryCount;
    const reports: DomainDnsReport[] = [];
    for await (const r of checker.checkMany(targets)) reports.push(r);
    expect(reports).toHaveLength(30);
    for (const r of reports) {
      const i = Number(r.domain.slice(1, r.domain.indexOf(".")));
      expect(r.status, r.domain).toBe(i % 3 === 0 ? "error" : "ok");
      if (i % 3 === 0) expect(only(r, "srv-client").fix).toContain("from 5999 to 5222");
    }
    // One query per name and type per domain: 11 records, 10 distinct name/type pairs, plus the CAA climb to "example".
    expect(dns.queryCount - before).toBe(30 * 11);
    const ordered = await checker.checkAll(targets.slice(0, 5));
    expect(ordered.map((r) => r.domain)).toEqual(targets.slice(0, 5).map((t) => t.domain));
    // An invalid target is a programming error, not a DNS finding.
    await expect(checker.checkAll([target, { ...target, domain: "not a domain" }])).rejects.toThrow(RangeError);
  });
});
