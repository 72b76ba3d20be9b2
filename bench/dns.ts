// npm run bench:dns — DNS checks per second: 10,000 domains (10% broken in various ways) served by the test DNS
// server, all checked by one DnsChecker. Prints throughput, total time and peak RSS, and fails if any domain's
// verdict is not the one its records call for. Standalone: npx tsx bench/dns.ts
//
// The test server runs in a child process (this same file with BENCH_DNS_ROLE=server), so the figures are the
// checker's own, as in production where the DNS servers are elsewhere, and the two do not share one core.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DnsChecker, type DnsTarget, type DomainDnsReport, expectedRecords } from "@xmpp-host/dns";
import { startTestDnsServer, type TestDnsRecord } from "@xmpp-host/dns/testing";

const DOMAINS = Number(process.env.BENCH_DNS_DOMAINS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_DNS_CONCURRENCY ?? 64);
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

// One domain in ten has one fault; the kinds rotate so that every branch of the checker is exercised.
const FAULTS = ["wrong-port", "missing-txt", "wrong-ip", "wrong-cname", "wrong-token", "missing-srv", "caa"] as const;
const faultOf = (i: number) => (i % 10 === 3 ? FAULTS[Math.floor(i / 10) % FAULTS.length] : undefined);

function* recordsOf(i: number): Generator<TestDnsRecord> {
  const fault = faultOf(i);
  for (const r of expectedRecords(targetOf(i))) {
    const rec: TestDnsRecord = { name: r.name, type: r.type, value: r.value };
    if (fault === "wrong-port" && r.id === "srv-client") rec.value = `0 5 5999 ${serverHost}.`;
    else if (fault === "missing-txt" && r.id === "txt-verify") continue;
    else if (fault === "wrong-ip" && r.id === "a") rec.value = "192.0.2.66";
    else if (fault === "wrong-cname" && r.id === "groups") rec.value = "old.chat.example.";
    else if (fault === "wrong-token" && r.id === "txt-verify") rec.value = "xmpp-host-verification=stale";
    else if (fault === "missing-srv" && r.id === "srv-server") continue;
    else if (fault === "caa" && r.id === "caa") rec.value = '0 issue "pki.goog"';
    yield rec;
  }
}

if (process.env.BENCH_DNS_ROLE === "server") await serve();
else await bench();

async function serve() {
  const records: TestDnsRecord[] = [
    { name: serverHost, type: "A", value: "203.0.113.10" },
    { name: serverHost, type: "AAAA", value: "2001:db8::10" },
  ];
  for (let i = 0; i < DOMAINS; i++) records.push(...recordsOf(i));
  const server = await startTestDnsServer(records);
  process.send?.({ server: server.server, records: records.length });
  process.once("message", async () => {
    const queries = server.queryCount;
    await server.close();
    process.send?.({ queries, maxRssKb: process.resourceUsage().maxRSS }, () => process.exit(0));
  });
}

async function bench() {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_DNS_ROLE: "server" } });
  const ready = await new Promise<{ server: string; records: number }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { server: string; records: number }));
    child.once("exit", (code) => reject(new Error(`DNS server process exited (${code})`)));
  });
  const checker = new DnsChecker({ servers: [ready.server], timeoutMs: 2000, tries: 2, concurrency: CONCURRENCY });

  const statuses: Record<string, number> = { ok: 0, warning: 0, unknown: 0, error: 0 };
  const mismatches: string[] = [];
  let broken = 0;
  let slowest = 0;
  function* targets() {
    for (let i = 0; i < DOMAINS; i++) {
      if (faultOf(i)) broken++;
      yield targetOf(i);
    }
  }
  const started = performance.now();
  for await (const report of checker.checkMany(targets())) {
    statuses[report.status] = (statuses[report.status] ?? 0) + 1;
    slowest = Math.max(slowest, report.durationMs);
    const i = Number(report.domain.slice("tenant".length, report.domain.indexOf(".")));
    const want = faultOf(i) ? "error" : "ok";
    if (report.status !== want) mismatches.push(explain(report, want, faultOf(i)));
  }
  const seconds = (performance.now() - started) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;

  const server = await new Promise<{ queries: number; maxRssKb: number }>((resolve) => {
    child.once("message", (m) => resolve(m as { queries: number; maxRssKb: number }));
    child.send("stop");
  });
  const perSecond = DOMAINS / seconds;
  console.log(`domains checked         ${DOMAINS} (${broken} broken; ${ready.records} records served)`);
  console.log(`query concurrency       ${CONCURRENCY}`);
  console.log(`total time              ${seconds.toFixed(2)} s`);
  console.log(`checks per second       ${perSecond.toFixed(0)}`);
  console.log(
    `DNS queries             ${server.queries} (${(server.queries / seconds).toFixed(0)}/s, ${(server.queries / DOMAINS).toFixed(1)} a domain)`,
  );
  console.log(`slowest single check    ${slowest.toFixed(1)} ms`);
  console.log(`verdicts                ${JSON.stringify(statuses)}`);
  console.log(`peak RSS, checker       ${rssMb.toFixed(0)} MB`);
  console.log(
    `peak RSS, test server   ${(server.maxRssKb / 1024).toFixed(0)} MB (separate process, not part of the target)`,
  );
  console.log(
    `targets                 >= 200 checks/s ${perSecond >= 200 ? "met" : "MISSED"}; <= 300 MB ${rssMb <= 300 ? "met" : "MISSED"}`,
  );
  if (mismatches.length) {
    console.error(`${mismatches.length} wrong verdict(s), first ones:\n${mismatches.slice(0, 5).join("\n")}`);
    process.exitCode = 1;
  }
}

function explain(report: DomainDnsReport, want: string, fault: string | undefined): string {
  const bad = report.records.filter((r) => r.status !== "ok").map((r) => `${r.id}=${r.status}`);
  return `${report.domain}: ${report.status}, expected ${want} (${fault ?? "no fault"}; ${bad.join(", ")})`;
}
