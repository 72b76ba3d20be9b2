// Families on managed servers that talk across servers, for the federation tests: each signs up, gets a server and a
// domain with one person, and publishes the records the platform shows it in the test zone.
import { Rfc2136Provider } from "@xmpp-host/dns";
import { expect } from "vitest";
import type { TestNamed } from "../../packages/dns/test/support/testing.ts";
import { type Call, signupWithToken } from "./api.ts";
import type { Platform } from "./platform.ts";
import { xmppClient } from "./xmpp.ts";

export interface Family {
  name: string;
  domain: string;
  call: Call;
  instanceId: string;
  domainId: string;
  c2s: string;
  s2s: string;
  user: readonly [string, string];
}

type Expected = { name: string; type: "A" | "AAAA" | "CNAME" | "SRV" | "TXT" | "CAA"; value: string };

/** A family `label` (its domain `label.ZONE`) on a server of its own of kind `server` (the platform's default). */
export async function family(
  world: { platform: Platform; named: TestNamed; zone: string; prefix: string },
  label: string,
  person: string,
  password: string,
  server?: "prosody" | "ejabberd",
): Promise<Family> {
  const { platform, named, zone, prefix } = world;
  const domain = `${label}.${zone}`;
  const { call, tenantId } = await signupWithToken(platform.app, `${prefix}-${label}`);
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, {
    name: `${prefix}-${label}`,
    ...(server ? { server } : {}),
  });
  expect(inst.json.operation?.status, inst.text).toBe("succeeded");
  const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=60`, {
    name: domain,
    registration: "closed",
  });
  expect(dom.json.operation?.status, dom.text).toBe("succeeded");
  const domainId = dom.json.domain.id as string;
  const acct = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart: person, password });
  expect(acct.json.operation?.status, acct.text).toBe("succeeded");
  // The family publishes the records the platform shows it, as it would at its DNS host.
  const records = new Rfc2136Provider({ server: named.address, port: named.port, zone, tsig: named.key });
  for (const r of (await call("GET", `/api/v1/domains/${domainId}/dns`)).json.expected as Expected[]) {
    if (r.type === "SRV" || r.type === "A") await records.addRecord({ name: r.name, type: r.type, value: r.value });
  }
  const row = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: inst.json.instance.id } });
  if (server) expect(row.server).toBe(server);
  return {
    name: label,
    domain,
    call,
    instanceId: inst.json.instance.id,
    domainId,
    c2s: String(row.c2sPort),
    s2s: String(row.s2sPort),
    user: [`${person}@${domain}`, password],
  };
}

/** `from` writes to `to` (who answers) with the independent client; with a room, `from` also posts in `to`'s room. */
export async function federate(caFile: string, from: Family, to: Family, room?: string) {
  const res = await xmppClient([
    "federate",
    "127.0.0.1",
    from.c2s,
    "127.0.0.1",
    to.c2s,
    caFile,
    ...from.user,
    ...to.user,
    room ?? "-",
  ]);
  expect(res.code, JSON.stringify(res.out)).toBe(0);
  return res.out as {
    delivered: boolean;
    replied: boolean;
    error: { condition: string; text: string } | null;
    room?: { joined: boolean; received: boolean };
  };
}

/** Changes the family's domain settings (its federation policy) and waits for the servers to apply them. */
export async function setPolicy(f: Family, patch: Record<string, unknown>) {
  const res = await f.call("PATCH", `/api/v1/domains/${f.domainId}/settings?wait=30`, patch);
  expect(res.status, res.text).toBe(200);
  expect(res.json.operation?.status, res.text).toBe("succeeded");
  return res.json;
}
