import { inAnyRange, parseCidr } from "@xmpp-host/core";
import { describe, expect, it } from "vitest";
import {
  renderHostsConfig as renderEjabberdHosts,
  renderMainConfig as renderEjabberdMain,
} from "../packages/xmpp/src/servers/ejabberd/config.ts";
import { renderHostsConfig } from "../packages/xmpp/src/servers/prosody/config.ts";
import type { InstanceSpec } from "../packages/xmpp/src/servers/spec.ts";

describe("registration blocks: addresses and ranges", () => {
  it("normalises addresses and ranges, IPv4 and IPv6", () => {
    const cases: [string, string][] = [
      ["203.0.113.7", "203.0.113.7/32"],
      [" 198.51.100.77/24 ", "198.51.100.0/24"],
      ["10.1.2.3/8", "10.0.0.0/8"],
      ["0.0.0.0/0", "0.0.0.0/0"],
      ["2001:DB8::1", "2001:db8::1/128"],
      ["2001:0db8:0000:0000:0000:0000:0000:0001/32", "2001:db8::/32"],
      ["2001:db8:0:1:0:0:0:0/64", "2001:db8:0:1::/64"],
      ["::ffff:192.0.2.1", "::ffff:c000:201/128"],
      ["fe80::1:2/112", "fe80::1:0/112"],
      ["::", "::/128"],
    ];
    for (const [input, normal] of cases) expect(parseCidr(input)?.text, input).toBe(normal);
  });

  it("refuses what is not an address or a range", () => {
    for (const bad of [
      "",
      "300.1.1.1",
      "10.0.0.0/33",
      "2001:db8::/129",
      "example.com",
      "10.0.0.0/",
      "10.0.0.0/-1",
      "1.2.3",
    ])
      expect(parseCidr(bad), bad).toBeNull();
  });

  it("matches addresses inside a range, and IPv4-mapped IPv6 addresses as IPv4", () => {
    const ranges = ["198.51.100.0/24", "203.0.113.7/32", "2001:db8::/32"];
    expect(inAnyRange("198.51.100.200", ranges)).toBe(true);
    expect(inAnyRange("203.0.113.7", ranges)).toBe(true);
    expect(inAnyRange("::ffff:203.0.113.7", ranges)).toBe(true);
    expect(inAnyRange("2001:db8:ffff::9", ranges)).toBe(true);
    expect(inAnyRange("203.0.113.8", ranges)).toBe(false);
    expect(inAnyRange("198.51.101.1", ranges)).toBe(false);
    expect(inAnyRange("2001:db9::1", ranges)).toBe(false);
    expect(inAnyRange("not an address", ranges)).toBe(false);
  });
});

describe("Prosody's configuration", () => {
  const spec = (domain: Partial<InstanceSpec["domains"][number]>): InstanceSpec => ({
    id: "unit",
    server: "prosody",
    ports: { c2s: 25222, s2s: 25269, http: 25280 },
    bindAddress: "127.0.0.1",
    domains: [{ name: "blocks.example", registration: "open", ...domain }],
  });

  it("renders the blocklist and throttle into mod_register_limits' options on the virtual host", () => {
    const config = renderHostsConfig(
      spec({
        registrationBlocklist: ["198.51.100.0/24", "2001:db8::/32"],
        registrationThrottle: { max: 5, periodSeconds: 3600 },
      }),
    );
    const host = config.slice(config.indexOf('VirtualHost "blocks.example"'), config.indexOf("Component"));
    expect(host).toContain('registration_blocklist = { "198.51.100.0/24"; "2001:db8::/32"; }');
    expect(host).toContain("registration_throttle_max = 5");
    expect(host).toContain("registration_throttle_period = 3600");
  });

  it("renders no blocklist when there is none", () => {
    expect(renderHostsConfig(spec({}))).not.toContain("registration_blocklist");
  });
});

describe("ejabberd's configuration", () => {
  const layout = { dir: "/srv/xh/unit", data: "/srv/xh/unit/data", certs: "/srv/xh/unit/certs" };
  const spec: InstanceSpec = {
    id: "unit",
    server: "ejabberd",
    ports: { c2s: 25222, s2s: 25269, http: 25280 },
    bindAddress: "127.0.0.1",
    domains: [
      { name: "blocks.example", registration: "open", registrationBlocklist: ["127.0.0.1/32", "2001:db8::/32"] },
      { name: "free.example", registration: "open" },
    ],
  };
  /** The lines of a top-level section (or of a domain's module) up to the next one at the same depth. */
  const section = (text: string, start: string) => {
    const from = text.indexOf(start);
    expect(from, start).toBeGreaterThanOrEqual(0);
    const indent = start.match(/^\n?( *)/)?.[1] ?? "";
    const rest = text.slice(from + start.length);
    const end = rest.search(new RegExp(`\\n${indent}[A-Za-z_]`));
    return end < 0 ? rest : rest.slice(0, end);
  };

  it("renders each domain's blocks as a global ip ACL and access rule that mod_register's ip_access names", () => {
    const main = renderEjabberdMain(spec, layout);
    expect(section(main, "\nacl:")).toContain(
      "\n  registration_blocks_blocks.example:\n    ip:\n      - 127.0.0.1/32\n      - 2001:db8::/32",
    );
    expect(section(main, "\naccess_rules:")).toContain(
      "\n  registration_ip_blocks.example:\n    -\n      deny: registration_blocks_blocks.example\n    -\n      allow: all",
    );
    const hosts = renderEjabberdHosts(spec, layout);
    const blocked = section(hosts.slice(hosts.indexOf("  blocks.example:")), "\n      mod_register:");
    expect(blocked).toContain("ip_access: registration_ip_blocks.example");
    expect(blocked).toContain("access: register_open");
  });

  it("renders no rule for a domain without blocks", () => {
    const main = renderEjabberdMain(spec, layout);
    expect(main).not.toContain("free.example:");
    const hosts = renderEjabberdHosts(spec, layout);
    const free = section(hosts.slice(hosts.indexOf("  free.example:")), "\n      mod_register:");
    expect(free).toContain("access: register_open");
    expect(free).not.toContain("ip_access");
  });
});
