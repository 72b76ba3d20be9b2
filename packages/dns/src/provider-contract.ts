/**
 * The behaviour every DnsProvider must show, as a vitest suite: run it from a test file with a setup that gives a
 * provider, a zone it may write below, and a way to read what is published.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DnsProvider, DnsProviderRefusedError, type DnsRecordInput, type PublishableType } from "./provider.ts";
import { normalizeRecordValue } from "./wire.ts";

export interface DnsProviderContractSetup {
  provider: DnsProvider;
  /** A name the provider handles, below which the suite creates its records (e.g. "contract.chat.example"). */
  zone: string;
  /** Names the provider must not handle (other zones, look-alike suffixes, parents...). */
  outside: string[];
  /** What is published now for name and type, in presentation format ([] if nothing). */
  lookup(name: string, type: PublishableType): Promise<string[]>;
  teardown?(): Promise<void>;
}

export function describeDnsProviderContract(name: string, setup: () => Promise<DnsProviderContractSetup>): void {
  describe(`DnsProvider contract: ${name}`, () => {
    let s: DnsProviderContractSetup;
    // A fresh label per run, so a re-run against a persistent provider starts clean.
    const run = `t${randomBytes(3).toString("hex")}`;
    const at = (label: string) => `${label}.${run}.${s.zone}`;
    const published = async (r: DnsRecordInput) =>
      (await s.lookup(r.name, r.type)).map((v) => normalizeRecordValue(r.type, v));

    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => {
      await s?.teardown?.();
    });

    const samples = (): DnsRecordInput[] => [
      { name: at("host"), type: "A", value: "192.0.2.10", ttl: 120 },
      { name: at("host"), type: "AAAA", value: "2001:db8::10", ttl: 120 },
      { name: at("groups"), type: "CNAME", value: "xmpp1.chat.example.", ttl: 120 },
      { name: `_xmpp-client._tcp.${at("d")}`, type: "SRV", value: "0 5 5222 xmpp1.chat.example.", ttl: 120 },
      { name: `_acme-challenge.${at("d")}`, type: "TXT", value: 'token with spaces and "quotes"', ttl: 120 },
      { name: at("d"), type: "CAA", value: '0 issue "letsencrypt.org"', ttl: 120 },
    ];

    it("handles names in its zone and no others", () => {
      expect(s.provider.handles(at("x"))).toBe(true);
      expect(s.provider.handles(`_xmpp-client._tcp.${at("x")}`)).toBe(true);
      expect(s.provider.handles(`${at("x")}.`)).toBe(true);
      expect(s.provider.handles(at("x").toUpperCase())).toBe(true);
      // A look-alike suffix without a label boundary is another domain.
      expect(s.provider.handles(`evil${s.zone}`)).toBe(false);
      expect(s.provider.handles(`${s.zone}.evil.example`)).toBe(false);
      for (const o of s.outside) expect(s.provider.handles(o), o).toBe(false);
    });

    it("refuses to publish a name it does not handle", async () => {
      const outside = s.outside[0] as string;
      await expect(s.provider.addRecord({ name: outside, type: "TXT", value: "x" })).rejects.toBeInstanceOf(
        DnsProviderRefusedError,
      );
    });

    it("adds each record type and makes it resolvable", async () => {
      for (const r of samples()) {
        await s.provider.addRecord(r);
        expect(await published(r), `${r.type} ${r.name}`).toContain(normalizeRecordValue(r.type, r.value));
      }
    });

    it("adding the same record twice is not an error and leaves one copy", async () => {
      for (const r of samples()) {
        await s.provider.addRecord(r);
        const values = await published(r);
        expect(
          values.filter((v) => v === normalizeRecordValue(r.type, r.value)),
          `${r.type} ${r.name}`,
        ).toHaveLength(1);
      }
    });

    it("removes exactly the given record", async () => {
      const keep: DnsRecordInput = { name: `_acme-challenge.${at("d")}`, type: "TXT", value: "second-token" };
      await s.provider.addRecord(keep);
      for (const r of samples()) {
        await s.provider.removeRecord(r);
        expect(await published(r), `${r.type} ${r.name}`).not.toContain(normalizeRecordValue(r.type, r.value));
      }
      expect(await published(keep)).toEqual([keep.value]);
      await s.provider.removeRecord(keep);
      expect(await published(keep)).toEqual([]);
    });

    it("removing a record that is absent is not an error", async () => {
      await s.provider.removeRecord({ name: at("never"), type: "A", value: "192.0.2.99" });
      await s.provider.removeRecord({
        name: `_xmpp-client._tcp.${at("d")}`,
        type: "SRV",
        value: "0 5 1 nowhere.example.",
      });
    });
  });
}
