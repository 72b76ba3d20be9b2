// npm run bench:dns — DNS checks per second: 10,000 domains (about 10% broken in various ways) served by the
// in-process test DNS server, all checked by one DnsChecker. Prints throughput, total time and peak RSS, and fails
// if any domain's verdict is not the one its records call for. Standalone: npx tsx bench/dns.ts
import { DnsChecker, type DnsTarget, type DomainDnsReport, expectedRecords } from "@xmpp-host/dns";
import { startTestDnsServer, type TestDnsRecord } from "@xmpp-host/dns/testing";

const DOMAINS = Number(process.env.BENCH_DNS_DOMAINS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_DNS_CONCURRENCY ?? 64);
const BROKEN_EVERY = 10;

const serverHost = "xmpp1.chat.example";
const targetOf = (i: number): DnsTarget => ({
  domain: `tenant${i}.example`,
  serverHost,
  ipv4: ["203.0.113.10"],
  ipv6: ["2001:db8::10"],
  c2sPort: 5222,
  c2sDirectTlsPort: 5223,
  s2sPort: 5269,
  verificationToken: `tok-${i.toString(36).padStart(8, "0")}`,
  caaIssuers: ["letsencrypt.org"],
});

// Each broken domain has one fault; the kinds rotate so that every code path of the checker is exercised.
const faults = ["wrong-port", "missing-txt", "wrong-ip", "wrong-cname", "wrong-token", "missing-srv", "caa"] as const;
const records: TestDnsRecord[] = [
  { name: serverHost, type: "A", value: "203.0.113.10" },
  { name: serverHost, type: "AAAA", value: "2001:db8::10" },
];
const targets: DnsTarget[] = [];
const broken = new Map<string, (typeof faults)[number]>();
for (let i = 0; i < DOMAINS; i++) {
  const t = targetOf(i);
  targets.push(t);
  const fault = i % BROKEN_EVERY === 3 ? faults[(i / BROKEN_EVERY) % faults.length | 0] : undefined;
  if (fault) broken.set(t.domain, fault);
  for (const r of expectedRecords(t)) {
    const rec: TestDnsRecord = { name: r.name, type: r.type, value: r.value };
    if (fault === "wrong-port" && r.id === "srv-client") rec.value = `0 5 5999 ${serverHost}.`;
    else if (fault === "missing-txt" && r.id === "txt-verify") continue;
    else if (fault === "wrong-ip" && r.id === "a") rec.value = "192.0.2.66";
    else if (fault === "wrong-cname" && r.id === "groups") rec.value = "old.chat.example.";
    else if (fault === "wrong-token" && r.id === "txt-verify") rec.value = "xmpp-host-verification=stale";
    else if (fault === "missing-srv" && r.id === "srv-server") continue;
    else if (fault === "caa" && r.id === "caa") rec.value = '0 issue "pki.goog"';
    records.push(rec);
  }
}

const server = await startTestDnsServer(records);
const checker = new DnsChecker({ servers: [server.server], timeoutMs: 2000, tries: 2, concurrency: CONCURRENCY });

const statuses: Record<string, number> = { ok: 0, warning: 0, unknown: 0, error: 0 };
const mismatches: string[] = [];
let slowest = 0;
const queriesBefore = server.queryCount;
const started = performance.now();
for await (const report of checker.checkMany(targets)) {
  statuses[report.status] = (statuses[report.status] ?? 0) + 1;
  slowest = Math.max(slowest, report.durationMs);
  const want = broken.has(report.domain) ? "error" : "ok";
  if (report.status !== want) mismatches.push(describe(report, want));
}
const seconds = (performance.now() - started) / 1000;
const queries = server.queryCount - queriesBefore;
await server.close();

const rssMb = process.resourceUsage().maxRSS / 1024;
const perSecond = DOMAINS / seconds;
console.log(`domains checked      ${DOMAINS} (${broken.size} broken, ${records.length} records served)`);
console.log(`query concurrency    ${CONCURRENCY}`);
console.log(`total time           ${seconds.toFixed(2)} s`);
console.log(`checks per second    ${perSecond.toFixed(0)}`);
console.log(`DNS queries          ${queries} (${(queries / seconds).toFixed(0)}/s, ${(queries / DOMAINS).toFixed(1)} per domain)`);
console.log(`slowest single check ${slowest.toFixed(1)} ms`);
console.log(`verdicts             ${JSON.stringify(statuses)}`);
console.log(`peak RSS             ${rssMb.toFixed(0)} MB`);
console.log(`targets              >= 200 checks/s: ${perSecond >= 200 ? "met" : "MISSED"}; <= 300 MB: ${rssMb <= 300 ? "met" : "MISSED"}`);
if (mismatches.length) {
  console.error(`${mismatches.length} wrong verdict(s), first ones:\n${mismatches.slice(0, 5).join("\n")}`);
  process.exitCode = 1;
}

function describe(report: DomainDnsReport, want: string): string {
  const bad = report.records.filter((r) => r.status !== "ok").map((r) => `${r.id}=${r.status}`);
  return `${report.domain}: ${report.status}, expected ${want} (${broken.get(report.domain) ?? "no fault"}; ${bad.join(", ")})`;
}
