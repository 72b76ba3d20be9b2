import { describe, expect, it } from "vitest";
import {
  AddressPolicy,
  checkDestination,
  isAddressOrRange,
  isPublicAddress,
  OutboundRefusedError,
  parseIp,
  type Resolve,
} from "../src/outbound.ts";

/** The host a URL connects to, as WHATWG URL normalises it (decimal, octal and hex IPv4 forms included). */
const hostOf = (url: string) => new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");

describe("isPublicAddress", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.254", "CGNAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["169.254.169.254", "link-local / cloud metadata"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.8", "IETF assignments"],
    ["192.0.2.10", "documentation"],
    ["192.88.99.1", "6to4 relay"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback, long form"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["::ffff:169.254.169.254", "IPv4-mapped metadata"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::127.0.0.1", "IPv4-compatible (deprecated)"],
    ["64:ff9b::7f00:1", "NAT64 of loopback"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of metadata"],
    ["64:ff9b::192.168.1.1", "NAT64 of private"],
    ["64:ff9b:1::1.2.3.4", "local-use NAT64"],
    ["2002:7f00:1::1", "6to4 of loopback"],
    ["2002:a00:1::", "6to4 of private"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "teredo with client 127.0.0.1"],
    ["2001:0:7f00:1::5db8:d822", "teredo with server 127.0.0.1"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001:2::1", "benchmarking"],
    ["2001:10::1", "ORCHID"],
    ["fc00::1", "unique local"],
    ["fd12:3456:789a::1", "unique local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local with zone"],
    ["febf::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["100::1", "discard-only"],
    ["not an address", "garbage"],
    ["", "empty"],
    ["1.2.3", "short form (not an address until a URL parser expands it)"],
  ])("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "93.184.216.34",
    "1.1.1.1",
    "8.8.8.8",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.169.0.1",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:4700::1111",
    "2a00:1450:4007:80f::200e",
    "2001:4860:4860::8888",
    "::ffff:93.184.216.34",
    "64:ff9b::5db8:d822",
    "2002:5db8:d822::1",
    "[2606:4700::1111]",
  ])("accepts the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://%31%32%37.0.0.1/", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "::ffff:7f00:1"],
    ["http://[::1]/", "::1"],
  ])("sees through the odd form %s (WHATWG URL gives %s)", (url, host) => {
    expect(hostOf(url)).toBe(host);
    expect(isPublicAddress(hostOf(url))).toBe(false);
  });

  it("parses IPv6 forms to the same number", () => {
    expect(parseIp("::ffff:127.0.0.1")).toEqual(parseIp("0:0:0:0:0:ffff:7f00:0001"));
    expect(parseIp("2606:4700::1111")?.value).toBe(0x26064700000000000000000000001111n);
    expect(parseIp("1::2::3")).toBeNull();
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIp("010.0.0.1")).toBeNull();
  });
});

describe("AddressPolicy (ALERT_WEBHOOK_ALLOW)", () => {
  it("allows public addresses only by default", () => {
    const policy = new AddressPolicy();
    expect(policy.allows("93.184.216.34")).toBe(true);
    expect(policy.allows("2606:4700::1111")).toBe(true);
    expect(policy.allows("127.0.0.1")).toBe(false);
    expect(() => policy.check("10.0.0.1", "intranet.example")).toThrow(OutboundRefusedError);
    expect(() => policy.check("10.0.0.1", "intranet.example")).toThrow("10.0.0.1 (intranet.example)");
  });

  it("allows the addresses and ranges it names, and nothing next to them", () => {
    const policy = new AddressPolicy(["127.0.0.1", "10.1.0.0/16", "fd00:1::/32"]);
    expect(policy.allows("127.0.0.1")).toBe(true);
    expect(policy.allows("::ffff:127.0.0.1")).toBe(true);
    expect(policy.allows("127.0.0.2")).toBe(false);
    expect(policy.allows("::1")).toBe(false);
    expect(policy.allows("10.1.255.3")).toBe(true);
    expect(policy.allows("10.2.0.1")).toBe(false);
    expect(policy.allows("169.254.169.254")).toBe(false);
    expect(policy.allows("fd00:1:abcd::5")).toBe(true);
    expect(policy.allows("fd00:2::5")).toBe(false);
    expect(policy.allows("93.184.216.34")).toBe(true);
  });

  it("takes an IPv4-mapped entry as the IPv4 address, and refuses bad entries", () => {
    expect(new AddressPolicy(["::ffff:192.168.1.0/120"]).allows("192.168.1.77")).toBe(true);
    expect(new AddressPolicy(["::1"]).allows("::1")).toBe(true);
    expect(() => new AddressPolicy(["localhost"])).toThrow();
    expect(() => new AddressPolicy(["10.0.0.0/33"])).toThrow();
    expect(isAddressOrRange("192.168.0.0/16")).toBe(true);
    expect(isAddressOrRange("fe80::/10")).toBe(true);
    expect(isAddressOrRange("example.com")).toBe(false);
  });
});

describe("checkDestination", () => {
  const zone: Record<string, string[]> = {
    "public.test": ["93.184.216.34", "2606:4700::1111"],
    "mixed.test": ["93.184.216.34", "127.0.0.1"],
    "metadata.test": ["169.254.169.254"],
    "empty.test": [],
  };
  const resolve: Resolve = async (host) => {
    const addresses = zone[host];
    if (!addresses) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const policy = new AddressPolicy();

  it("accepts a host whose every address is public", async () => {
    expect(await checkDestination(new URL("https://public.test/hook"), policy, resolve)).toHaveLength(2);
  });

  it("refuses a host with any refused address, no address, or no answer", async () => {
    for (const host of ["mixed.test", "metadata.test", "empty.test", "nowhere.test"]) {
      await expect(checkDestination(new URL(`https://${host}/`), policy, resolve)).rejects.toThrow(
        OutboundRefusedError,
      );
    }
  });

  it("checks a literal IP without resolving it", async () => {
    const never: Resolve = async () => {
      throw new Error("resolved a literal");
    };
    await expect(checkDestination(new URL("http://[::1]:8080/"), policy, never)).rejects.toThrow("::1");
    expect(await checkDestination(new URL("http://[::1]:8080/"), new AddressPolicy(["::1"]), never)).toEqual([
      { address: "::1", family: 6 },
    ]);
  });

  it("gives up on a resolver that does not answer", async () => {
    const hang: Resolve = () => new Promise(() => undefined);
    await expect(checkDestination(new URL("https://slow.test/"), policy, hang, 50)).rejects.toThrow(
      OutboundRefusedError,
    );
  });

  it("refuses localhost through the system resolver", async () => {
    await expect(checkDestination(new URL("http://localhost/"), policy)).rejects.toThrow(OutboundRefusedError);
  });
});
