import { describe, expect, it } from "vitest";
import { policyAllows } from "../../../apps/worker/src/processors/federation.ts";
import {
  applyPatch,
  ceilingsFor,
  defaultDomainSettingsPlatform,
  defaultSettings,
  MAX_FEDERATION_ALLOWLIST,
  MAX_INSECURE_PARTNERS,
  serverSettings,
} from "../src/domain-settings/settings.ts";
import { AppError } from "../src/errors.ts";

const ceilings = ceilingsFor(defaultDomainSettingsPlatform, "dedicated");
const defaults = defaultSettings(defaultDomainSettingsPlatform, ceilings);

function refused(patch: Record<string, unknown>): { field: string; code: string }[] {
  try {
    applyPatch({}, patch, ceilings, "prosody");
  } catch (err) {
    if (err instanceof AppError) return err.fields;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(patch)}`);
}

describe("federation settings", () => {
  it("default to open, with no list and no exception", () => {
    expect(defaults).toMatchObject({
      federation: "open",
      federationAllowlist: [],
      federationPlatformDomains: true,
      federationInsecurePartners: [],
    });
  });

  it("take a policy, a list of domains and partners", () => {
    const stored = applyPatch(
      {},
      { federation: "allowlist", federationAllowlist: ["partner.example", "school.example.org"] },
      ceilings,
      "prosody",
    );
    expect(stored).toEqual({ federation: "allowlist", federationAllowlist: ["partner.example", "school.example.org"] });
  });

  it("refuse bad entries, naming each", () => {
    expect(refused({ federation: "sometimes" })).toMatchObject([{ field: "federation", code: "invalid" }]);
    expect(refused({ federationAllowlist: ["ok.example", "Upper.example"] })).toMatchObject([
      { field: "federationAllowlist/1", code: "invalid_domain" },
    ]);
    expect(refused({ federationAllowlist: ["localhost"] })).toMatchObject([
      { field: "federationAllowlist/0", code: "invalid_domain" },
    ]);
    expect(refused({ federationAllowlist: ["a.example", "a.example"] })).toMatchObject([
      { field: "federationAllowlist", code: "invalid" },
    ]);
    const many = Array.from({ length: MAX_FEDERATION_ALLOWLIST + 1 }, (_, i) => `d${i}.example`);
    expect(refused({ federationAllowlist: many })).toMatchObject([{ field: "federationAllowlist", code: "too_many" }]);
    const partners = Array.from({ length: MAX_INSECURE_PARTNERS + 1 }, (_, i) => `p${i}.example`);
    expect(refused({ federationInsecurePartners: partners })).toMatchObject([
      { field: "federationInsecurePartners", code: "too_many" },
    ]);
    expect(refused({ federationPlatformDomains: "yes" })).toMatchObject([
      { field: "federationPlatformDomains", code: "invalid" },
    ]);
  });

  it("reach the server as a policy, with the platform's zone only while free addresses are allowed", () => {
    const s = { ...defaults, federation: "allowlist" as const, federationAllowlist: ["b.example"] };
    expect(serverSettings(s, {}, "chat.example").federation).toEqual({
      policy: "allowlist",
      allowlist: ["b.example"],
      allowedSuffixes: ["chat.example"],
      insecurePartners: [],
    });
    expect(serverSettings({ ...s, federationPlatformDomains: false }, {}, "chat.example").federation).toEqual({
      policy: "allowlist",
      allowlist: ["b.example"],
      insecurePartners: [],
    });
  });

  it("decide like the server when the health check may ping a domain", () => {
    const s = { federation: "allowlist", federationAllowlist: ["b.example"], federationPlatformDomains: true };
    expect(policyAllows(s, "b.example")).toBe(true);
    expect(policyAllows(s, "groups.b.example")).toBe(true);
    expect(policyAllows(s, "notb.example")).toBe(false);
    expect(policyAllows(s, "smiths.chat.example", "chat.example")).toBe(true);
    expect(policyAllows({ ...s, federationPlatformDomains: false }, "smiths.chat.example", "chat.example")).toBe(false);
    expect(policyAllows({ ...s, federation: "closed" }, "b.example")).toBe(false);
    expect(policyAllows({ ...s, federation: "open" }, "anything.example")).toBe(true);
  });
});
