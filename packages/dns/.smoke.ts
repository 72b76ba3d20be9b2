import { DnsChecker, expectedRecords, zoneSnippet } from "./src/index.ts";
import { startTestDnsServer } from "./src/testing.ts";

const target = {
  domain: "family.example",
  serverHost: "xmpp1.chat.example",
  ipv4: ["203.0.113.10"],
  ipv6: ["2001:db8::10"],
  c2sPort: 5222,
  c2sDirectTlsPort: 5223,
  s2sPort: 5269,
  s2sDirectTlsPort: 5270,
  verificationToken: "tok-12345678",
  caaIssuers: ["letsencrypt.org"],
};
const recs = expectedRecords(target);
console.log(zoneSnippet(recs));
const srv = await startTestDnsServer([...recs, { name: "xmpp1.chat.example", type: "A", value: "203.0.113.10" }]);
const checker = new DnsChecker({ servers: [srv.server], timeoutMs: 300, tries: 1 });
let r = await checker.check(target);
console.log(r.status, r.durationMs, r.records.map((x) => `${x.id}:${x.status}`).join(" "));
srv.setRecords([
  ...recs.filter((x) => x.id !== "srv-client"),
  { name: "_xmpp-client._tcp.family.example", type: "SRV", value: "0 5 5223 xmpp1.chat.example." },
  { name: "xmpp1.chat.example", type: "A", value: "203.0.113.10" },
]);
r = await checker.check(target);
console.log(
  r.status,
  JSON.stringify(
    r.records.filter((x) => x.status !== "ok"),
    null,
    1,
  ),
);
srv.setBehaviour("_xmpp-server._tcp.family.example", "timeout");
srv.setBehaviour("family.example", "servfail", "CAA");
r = await checker.check(target);
console.log(r.status, r.durationMs, r.records.map((x) => `${x.id}:${x.status}`).join(" "));
await srv.close();
