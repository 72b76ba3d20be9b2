import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CloudflareProvider,
  DnsProviderRefusedError,
  DnsProviderUnavailableError,
  type PublishableType,
  unquoteTxt,
} from "../src/index.ts";
import { describeDnsProviderContract } from "../src/provider-contract.ts";

const TOKEN = "cf-test-token";

interface StoredRecord {
  id: string;
  zone_id: string;
  type: string;
  name: string;
  content: string;
  priority?: number;
  ttl: number;
  proxied?: boolean;
  data?: Record<string, unknown>;
}

interface LoggedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: any;
}

/**
 * Stands in for Cloudflare's servers: the documented v4 endpoints for zones and DNS records, with the same response
 * envelope and error codes, and strict checks of what our client sends.
 */
async function startCloudflareStandIn() {
  const zones = [
    { id: "zone-family", name: "family.example" },
    { id: "zone-other", name: "other.example" },
    { id: "zone-third", name: "third.example" },
  ];
  const records: StoredRecord[] = [];
  const log: LoggedRequest[] = [];
  const state = { failWith: 0, hideFromList: false };
  const PAGE = 2; // small pages so that clients must follow result_info

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, code: number, message: string) =>
    send(res, status, { success: false, errors: [{ code, message }], messages: [], result: null });
  const page = <T>(res: http.ServerResponse, items: T[], url: URL) => {
    const p = Number(url.searchParams.get("page") ?? 1);
    const per = Math.min(PAGE, Number(url.searchParams.get("per_page") ?? PAGE));
    const total_pages = Math.max(1, Math.ceil(items.length / per));
    send(res, 200, {
      success: true,
      errors: [],
      messages: [],
      result: items.slice((p - 1) * per, p * per),
      result_info: {
        page: p,
        per_page: per,
        count: Math.min(per, items.length),
        total_count: items.length,
        total_pages,
      },
    });
  };

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => {
      raw += d;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const body = raw ? JSON.parse(raw) : undefined;
      log.push({
        method: req.method ?? "",
        url: `${url.pathname}${url.search}`,
        authorization: req.headers.authorization,
        body,
      });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return fail(res, 403, 10000, "Authentication error");
      if (state.failWith) return fail(res, state.failWith, 10001, "service unavailable");
      if (body !== undefined && req.headers["content-type"] !== "application/json") {
        return fail(res, 400, 6003, "Invalid request headers");
      }
      const path = url.pathname.replace(/^\/client\/v4/, "");
      if (req.method === "GET" && path === "/zones") {
        const name = url.searchParams.get("name");
        return page(res, name ? zones.filter((z) => z.name === name) : zones, url);
      }
      const single = /^\/zones\/([^/]+)$/.exec(path);
      if (req.method === "GET" && single) {
        const zone = zones.find((z) => z.id === single[1]);
        return zone
          ? send(res, 200, { success: true, errors: [], messages: [], result: zone })
          : fail(res, 404, 1001, "Invalid zone identifier");
      }
      const m = /^\/zones\/([^/]+)\/dns_records(?:\/([^/]+))?$/.exec(path);
      const zone = m ? zones.find((z) => z.id === m?.[1]) : undefined;
      if (!m || !zone)
        return fail(res, 404, 7003, "Could not route to /zones, perhaps your object identifier is invalid?");
      const rid = m[2];
      if (req.method === "GET" && !rid) {
        const type = url.searchParams.get("type");
        const name = url.searchParams.get("name");
        const found = state.hideFromList
          ? []
          : records.filter((r) => r.zone_id === zone.id && (!type || r.type === type) && (!name || r.name === name));
        return page(res, found, url);
      }
      if (req.method === "POST" && !rid) {
        const problem = validate(body, zone.name);
        if (problem) return fail(res, 400, 9000, problem);
        const rec = toStored(body, zone.id);
        if (
          records.some(
            (r) => r.zone_id === zone.id && r.type === rec.type && r.name === rec.name && r.content === rec.content,
          )
        ) {
          return fail(res, 400, 81058, "An identical record already exists.");
        }
        records.push(rec);
        return send(res, 200, { success: true, errors: [], messages: [], result: rec });
      }
      if (req.method === "DELETE" && rid) {
        const i = records.findIndex((r) => r.id === rid && r.zone_id === zone.id);
        if (i < 0) return fail(res, 404, 81044, "Record does not exist.");
        records.splice(i, 1);
        return send(res, 200, { success: true, errors: [], messages: [], result: { id: rid } });
      }
      return fail(res, 405, 10405, "Method not allowed");
    });
  });

  function validate(b: any, zoneName: string): string | null {
    if (typeof b?.name !== "string" || !(b.name === zoneName || b.name.endsWith(`.${zoneName}`))) return "invalid name";
    if (b.ttl !== 1 && !(Number.isInteger(b.ttl) && b.ttl >= 60)) return "TTL must be 1 (automatic) or at least 60";
    switch (b.type) {
      case "A":
      case "AAAA":
      case "CNAME":
        if (typeof b.content !== "string") return "content required";
        if (b.proxied !== false) return "test expects records never to be proxied";
        return null;
      case "TXT":
        // Documented: content must consist of quoted character strings.
        return typeof b.content === "string" && /^"/.test(b.content) ? null : "TXT content must be quoted";
      case "SRV": {
        const d = b.data;
        const ok =
          d && ["priority", "weight", "port"].every((k) => Number.isInteger(d[k])) && typeof d.target === "string";
        return ok ? null : "SRV needs data {priority, weight, port, target}";
      }
      case "CAA": {
        const d = b.data;
        return d && Number.isInteger(d.flags) && typeof d.tag === "string" && typeof d.value === "string"
          ? null
          : "CAA needs data {flags, tag, value}";
      }
      default:
        return `unsupported type ${b.type}`;
    }
  }

  function toStored(b: any, zoneId: string): StoredRecord {
    const base = { id: randomBytes(16).toString("hex"), zone_id: zoneId, type: b.type, name: b.name, ttl: b.ttl };
    if (b.type === "SRV") {
      // Cloudflare shows SRV content as "weight port target" with the priority apart.
      return {
        ...base,
        content: `${b.data.weight} ${b.data.port} ${b.data.target}`,
        priority: b.data.priority,
        data: b.data,
      };
    }
    if (b.type === "CAA") return { ...base, content: `${b.data.flags} ${b.data.tag} "${b.data.value}"`, data: b.data };
    return { ...base, content: b.content, ...(b.proxied === undefined ? {} : { proxied: b.proxied }) };
  }

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    records,
    log,
    state,
    /** What the stand-in's store holds for name and type, in presentation format. */
    lookup(name: string, type: PublishableType): string[] {
      return records
        .filter((r) => r.name === name.toLowerCase().replace(/\.$/, "") && r.type === type)
        .map((r) => {
          if (type === "SRV") return `${r.priority} ${r.content}`;
          if (type === "TXT") return unquoteTxt(r.content);
          return r.content;
        });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeDnsProviderContract("CloudflareProvider against a Cloudflare API stand-in", async () => {
  const cf = await startCloudflareStandIn();
  return {
    provider: new CloudflareProvider({
      apiToken: TOKEN,
      zoneId: "zone-family",
      zoneName: "family.example",
      baseUrl: cf.baseUrl,
    }),
    zone: "family.example",
    outside: ["other.example", "example", "x.other.example"],
    lookup: async (name, type) => cf.lookup(name, type),
    teardown: cf.close,
  };
});

describe("CloudflareProvider requests", () => {
  let cf: Awaited<ReturnType<typeof startCloudflareStandIn>>;
  beforeAll(async () => {
    cf = await startCloudflareStandIn();
  });
  afterAll(async () => {
    await cf?.close();
  });
  beforeEach(() => {
    cf.log.length = 0;
    cf.records.length = 0;
    cf.state.failWith = 0;
    cf.state.hideFromList = false;
  });

  it("sends the documented request shapes with the API token", async () => {
    const p = new CloudflareProvider({ apiToken: TOKEN, zoneId: "zone-family", baseUrl: cf.baseUrl });
    await p.addRecord({
      name: "_xmpp-client._tcp.Family.Example.",
      type: "SRV",
      value: "0 5 5222 xmpp1.chat.example.",
      ttl: 300,
    });
    await p.addRecord({ name: "_acme-challenge.family.example", type: "TXT", value: "abc" });
    await p.addRecord({ name: "family.example", type: "CAA", value: '0 issue "letsencrypt.org"', ttl: 30 });
    await p.addRecord({ name: "groups.family.example", type: "CNAME", value: "xmpp1.chat.example." });
    expect(cf.log.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const posts = cf.log.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.url)).toEqual(Array(4).fill("/client/v4/zones/zone-family/dns_records"));
    expect(posts.map((r) => r.body)).toEqual([
      {
        type: "SRV",
        name: "_xmpp-client._tcp.family.example",
        ttl: 300,
        data: { priority: 0, weight: 5, port: 5222, target: "xmpp1.chat.example" },
      },
      { type: "TXT", name: "_acme-challenge.family.example", ttl: 1, content: '"abc"' },
      { type: "CAA", name: "family.example", ttl: 60, data: { flags: 0, tag: "issue", value: "letsencrypt.org" } },
      { type: "CNAME", name: "groups.family.example", ttl: 1, content: "xmpp1.chat.example", proxied: false },
    ]);
    // Each add first looks for the same record.
    expect(cf.log[0]).toMatchObject({
      method: "GET",
      url: "/client/v4/zones/zone-family/dns_records?type=SRV&name=_xmpp-client._tcp.family.example&per_page=100&page=1",
    });
  });

  it("finds the zone by name when no zone id is configured, and remembers it", async () => {
    const p = new CloudflareProvider({ apiToken: TOKEN, baseUrl: cf.baseUrl });
    expect(p.handles("anything.example")).toBe(true); // cannot know before loading zones
    await p.addRecord({ name: "_xmpp-client._tcp.family.example", type: "SRV", value: "0 5 5222 xmpp1.chat.example." });
    const zoneLookups = cf.log.filter((r) => r.url.startsWith("/client/v4/zones?")).map((r) => r.url);
    expect(zoneLookups).toEqual([
      "/client/v4/zones?name=_xmpp-client._tcp.family.example",
      "/client/v4/zones?name=_tcp.family.example",
      "/client/v4/zones?name=family.example",
    ]);
    await p.removeRecord({
      name: "_xmpp-client._tcp.family.example",
      type: "SRV",
      value: "0 5 5222 xmpp1.chat.example.",
    });
    expect(cf.log.filter((r) => r.url.startsWith("/client/v4/zones?"))).toHaveLength(3);
    expect(cf.records).toEqual([]);
    await expect(p.addRecord({ name: "x.unknown.example", type: "A", value: "192.0.2.1" })).rejects.toThrow(
      DnsProviderRefusedError,
    );
  });

  it("knows its zones exactly after loadZones (following pagination)", async () => {
    const p = new CloudflareProvider({ apiToken: TOKEN, baseUrl: cf.baseUrl });
    expect((await p.loadZones()).sort()).toEqual(["family.example", "other.example", "third.example"]);
    expect(p.handles("a.third.example")).toBe(true);
    expect(p.handles("a.fourth.example")).toBe(false);
    const byId = new CloudflareProvider({ apiToken: TOKEN, zoneId: "zone-other", baseUrl: cf.baseUrl });
    expect(await byId.loadZones()).toEqual(["other.example"]);
    expect(byId.handles("x.other.example")).toBe(true);
    expect(byId.handles("x.family.example")).toBe(false);
  });

  it("treats Cloudflare's 'identical record already exists' as success", async () => {
    const p = new CloudflareProvider({ apiToken: TOKEN, zoneId: "zone-family", baseUrl: cf.baseUrl });
    const rec = { name: "a.family.example", type: "A" as const, value: "192.0.2.1" };
    await p.addRecord(rec);
    cf.state.hideFromList = true; // as if another worker added it between our list and our create
    await p.addRecord(rec);
    expect(cf.log.filter((r) => r.method === "POST")).toHaveLength(2);
    expect(cf.records).toHaveLength(1);
  });

  it("removes only the matching value, reading SRV and CAA records from their data", async () => {
    const p = new CloudflareProvider({ apiToken: TOKEN, zoneId: "zone-family", baseUrl: cf.baseUrl });
    const keep = {
      name: "_xmpp-server._tcp.family.example",
      type: "SRV" as const,
      value: "0 5 5269 xmpp1.chat.example.",
    };
    const drop = {
      name: "_xmpp-server._tcp.family.example",
      type: "SRV" as const,
      value: "0 5 5269 old.chat.example.",
    };
    await p.addRecord(keep);
    await p.addRecord(drop);
    await p.addRecord(drop);
    expect(cf.lookup(keep.name, "SRV").sort()).toEqual(["0 5 5269 old.chat.example", "0 5 5269 xmpp1.chat.example"]);
    await p.removeRecord(drop);
    expect(cf.lookup(keep.name, "SRV")).toEqual(["0 5 5269 xmpp1.chat.example"]);
    expect(cf.log.filter((r) => r.method === "DELETE")).toHaveLength(1);
  });

  it("is refused with a bad token and unavailable on server errors, rate limits or no connection", async () => {
    const rec = { name: "a.family.example", type: "A" as const, value: "192.0.2.1" };
    const bad = new CloudflareProvider({ apiToken: "wrong", zoneId: "zone-family", baseUrl: cf.baseUrl });
    await expect(bad.addRecord(rec)).rejects.toThrow(DnsProviderRefusedError);
    await expect(bad.addRecord(rec)).rejects.toThrow(/10000: Authentication error/);
    const p = new CloudflareProvider({ apiToken: TOKEN, zoneId: "zone-family", baseUrl: cf.baseUrl });
    cf.state.failWith = 503;
    await expect(p.addRecord(rec)).rejects.toThrow(DnsProviderUnavailableError);
    cf.state.failWith = 429;
    await expect(p.removeRecord(rec)).rejects.toThrow(DnsProviderUnavailableError);
    cf.state.failWith = 0;
    const nowhere = new CloudflareProvider({
      apiToken: TOKEN,
      zoneId: "zone-family",
      baseUrl: "http://127.0.0.1:1/client/v4",
    });
    await expect(nowhere.addRecord(rec)).rejects.toThrow(DnsProviderUnavailableError);
    await expect(p.addRecord({ ...rec, value: "nope" })).rejects.toThrow(DnsProviderRefusedError);
  });
});
