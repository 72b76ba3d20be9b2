// "Check now" asks the domain's own name servers. A real BIND named is the authority for the family's zone, and a
// second one is the caching resolver the platform is configured with; it keeps a stale "does not exist" for the
// verification record. The check still reports the record ok once it is added, and the re-checks that follow
// "Check now" pick it up on their own within seconds.
import { promises as dns } from "node:dns";
import { Rfc2136Provider } from "@xmpp-host/dns";
import { startTestNamed, type TestNamed } from "@xmpp-host/dns/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";

const DOMAIN = "fam.test";

let authority: TestNamed;
let resolver: TestNamed;
let platform: Platform;
let call: Call;
let domainId: string;

type Expected = { id: string; name: string; type: "A" | "AAAA" | "CNAME" | "SRV" | "TXT" | "CAA"; value: string };
type RecordView = { id: string; status: string; source?: string };

const zone = () =>
  new Rfc2136Provider({ server: authority.address, port: authority.port, zone: DOMAIN, tsig: authority.key });

/** What the platform's own resolver says of a TXT name right now. */
async function resolverTxt(name: string): Promise<string> {
  const r = new dns.Resolver({ timeout: 1000, tries: 1 });
  r.setServers([resolver.server]);
  return r.resolveTxt(name).then(
    (v) => `found ${v.flat().join("")}`,
    (err: NodeJS.ErrnoException) => String(err.code),
  );
}

const view = async () => (await call("GET", `/api/v1/domains/${domainId}/dns`)).json;
const record = (v: Record<string, unknown>, id: string) => (v.records as RecordView[]).find((r) => r.id === id);

beforeAll(async () => {
  authority = await startTestNamed({
    zones: [
      // The parent delegates the family's zone to its name server, as a registry does.
      { name: "test", allowUpdate: false, records: ["fam NS ns.fam", "ns.fam A 127.0.0.1"] },
      { name: DOMAIN, negativeTtl: 3600, records: ["xmpp A 127.0.0.1"] },
    ],
  });
  resolver = await startTestNamed({
    zones: [],
    forward: [{ zone: "test", to: [{ address: authority.address, port: authority.port }] }],
  });
  platform = await startPlatform({
    workerEnv: {
      DNS_SERVERS: resolver.server,
      DNS_TIMEOUT_MS: "1000",
      // The test's authority listens on a port of its own; name servers in the world answer on 53.
      DNS_AUTHORITATIVE_PORT: String(authority.port),
      DNS_WATCH_INTERVAL_MS: "500",
      DNS_WATCH_MS: "60000",
      PLATFORM_HOST: `xmpp.${DOMAIN}`,
      PLATFORM_IPV4: "127.0.0.1",
    },
  });
  const signed = await signupWithToken(platform.app, "authority");
  call = signed.call;
  const inst = await call("POST", `/api/v1/tenants/${signed.tenantId}/instances?wait=30`, { name: "fam" });
  expect(inst.json.operation?.status, inst.text).toBe("succeeded");
  const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=30`, { name: DOMAIN });
  expect(dom.json.operation?.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await resolver?.close();
  await authority?.close();
});

describe("Check now against the zone's own name servers", () => {
  it("sees a record the caching resolver still says does not exist, and re-checks until all pass", async () => {
    const expected = (await view()).expected as Expected[];
    const verification = expected.find((r) => r.id === "txt-verify");
    if (!verification) throw new Error("no verification record expected");
    for (const r of expected) {
      if (r !== verification) await zone().addRecord({ name: r.name, type: r.type, value: r.value });
    }
    // The resolver learns that the verification name does not exist, and keeps that for an hour.
    expect(await resolverTxt(verification.name)).toBe("ENOTFOUND");

    const first = await call("POST", `/api/v1/domains/${domainId}/dns/check?wait=30`);
    expect(first.json.operation?.status, first.text).toBe("succeeded");
    expect(first.json.operation?.result ?? {}).toMatchObject({ status: "error" });
    let now = await view();
    expect(record(now, "txt-verify")).toMatchObject({ status: "error", source: "authoritative" });
    expect(record(now, "srv-client")).toMatchObject({ status: "ok", source: "authoritative" });
    expect(now.watchingUntil).not.toBeNull();
    expect(now.verified).toBe(false);

    // The family adds the record at its DNS host; the resolver goes on serving its cached answer.
    await zone().addRecord({ name: verification.name, type: "TXT", value: verification.value });
    expect(await resolverTxt(verification.name)).toBe("ENOTFOUND");

    // The re-checks that "Check now" started see it on their own, and stop once everything passes.
    now = await until(
      "the re-checks to see every record ok",
      async () => {
        const v = await view();
        return v.status === "ok" && v.watchingUntil === null ? v : null;
      },
      15_000,
      200,
    );
    expect(record(now, "txt-verify")).toMatchObject({ status: "ok", source: "authoritative" });
    expect(now.verified).toBe(true);
    expect(await resolverTxt(verification.name)).toBe("ENOTFOUND");

    // And a "Check now" made at this point says so at once.
    const again = await call("POST", `/api/v1/domains/${domainId}/dns/check?wait=30`);
    expect(again.json.operation?.result ?? {}).toMatchObject({ status: "ok", watching: false });
  });
});
