import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseOpenMetrics, summariseProsodyMetrics } from "../src/index.ts";

// Captured from Prosody 0.12.3 (Debian) mod_http_openmetrics with one c2s session on fam.test.
const fixture = readFileSync(path.join(import.meta.dirname, "fixtures/prosody-0.12.3-metrics.txt"), "utf8");

describe("OpenMetrics parsing", () => {
  it("reads every sample of real Prosody output, with labels", () => {
    const samples = parseOpenMetrics(fixture);
    expect(samples.length).toBe(fixture.split("\n").filter((l) => l.startsWith("prosody_")).length);
    const ipv4 = samples.find((s) => s.name === "prosody_mod_c2s__connections" && s.labels.ip_family === "ipv4");
    expect(ipv4).toEqual({
      name: "prosody_mod_c2s__connections",
      labels: { host: "fam.test", type: "c2s", ip_family: "ipv4" },
      value: 1,
    });
    const inf = samples.find((s) => s.labels.le === "+Inf");
    expect(inf?.name).toMatch(/_bucket$/);
    expect(samples.every((s) => !Number.isNaN(s.value))).toBe(true);
  });

  it("summarises connections, rooms and s2s from the names Prosody 0.12.3 uses", () => {
    const m = summariseProsodyMetrics(parseOpenMetrics(fixture));
    expect(m).toEqual({ c2sConnections: 1, c2sByHost: { "fam.test": 1 }, mucRooms: 0, s2sConnections: 0 });
  });

  it("sums hosts and directions, and unescapes label values", () => {
    const text = [
      "# TYPE prosody_mod_c2s__connections gauge",
      'prosody_mod_c2s__connections{host="a.test",type="c2s",ip_family="ipv4"} 3',
      'prosody_mod_c2s__connections{host="a.test",type="c2s",ip_family="ipv6"} 1',
      'prosody_mod_c2s__connections{host="b.test",type="c2s",ip_family="ipv4"} 2',
      'prosody_mod_muc__live_room{host="groups.a.test"} 4',
      'prosody_mod_muc__live_room{host="groups.b.test"} 1',
      'prosody_mod_s2s__connections_inbound{host="a.test",type="s2sin"} 2',
      'prosody_mod_s2s__connections_outbound{host="a.test",type="s2sout"} 5',
      'odd_metric{quote="say \\"hi\\"",path="a\\\\b"} 7 1700000000',
      "not a metric line",
      "# EOF",
    ].join("\n");
    const samples = parseOpenMetrics(text);
    expect(samples.find((s) => s.name === "odd_metric")?.labels).toEqual({ quote: 'say "hi"', path: "a\\b" });
    expect(summariseProsodyMetrics(samples)).toEqual({
      c2sConnections: 6,
      c2sByHost: { "a.test": 4, "b.test": 2 },
      mucRooms: 5,
      s2sConnections: 7,
    });
  });
});
