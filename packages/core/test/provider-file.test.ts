import { describe, expect, it } from "vitest";
import { providerFileProblems } from "../../../tests/helpers/provider-file-schema.ts";
import { type ProviderFileInput, type ProviderFileV2, providerFile } from "../src/domain-settings/provider-file.ts";

const MiB = 1024 * 1024;

function input(overrides: Partial<ProviderFileInput> = {}): ProviderFileInput {
  return {
    website: { en: "https://chat.example.org/", FR: "https://chat.example.org/fr/" },
    legalNotice: { en: "https://chat.example.org/legal" },
    passwordReset: {},
    serverLocations: ["FR", "de"],
    since: "2024-02-29",
    organization: "company",
    busFactor: 2,
    serverTesting: true,
    freeOfCharge: false,
    professionalHosting: true,
    maxFileBytes: 100 * MiB,
    totalFileBytesPerPerson: 1000 * MiB,
    fileRetentionDays: 30,
    historyRetentionDays: 365,
    alternativeJids: [],
    ...overrides,
  };
}

/** A file the schema accepts, to break one property at a time. */
function valid(): Record<string, unknown> {
  return { ...providerFile(input()) };
}

describe("providerFile", () => {
  it("builds a file that conforms to v2, with codes in lower case", () => {
    const file = providerFile(input());
    expect(providerFileProblems(file)).toEqual([]);
    expect(file).toEqual({
      website: { en: "https://chat.example.org/", fr: "https://chat.example.org/fr/" },
      alternativeJids: [],
      busFactor: 2,
      organization: "company",
      passwordReset: {},
      serverTesting: true,
      maximumHttpFileUploadTotalSize: 1048,
      maximumHttpFileUploadStorageTime: 30,
      maximumMessageArchiveManagementStorageTime: 365,
      professionalHosting: true,
      freeOfCharge: false,
      legalNotice: { en: "https://chat.example.org/legal" },
      serverLocations: ["fr", "de"],
      since: "2024-02-29",
    } satisfies ProviderFileV2);
  });

  it("survives a JSON round trip as the same valid file", () => {
    const file = providerFile(input({ alternativeJids: ["Other.Example.org."] }));
    const served = JSON.parse(JSON.stringify(file));
    expect(providerFileProblems(served)).toEqual([]);
    expect(served.alternativeJids).toEqual(["other.example.org"]);
  });

  it("writes unlimited storage and forever as 0 (the spec's no limit)", () => {
    const file = providerFile(
      input({ totalFileBytesPerPerson: null, fileRetentionDays: null, historyRetentionDays: null }),
    );
    expect(providerFileProblems(file)).toEqual([]);
    expect(file.maximumHttpFileUploadTotalSize).toBe(0);
    expect(file.maximumHttpFileUploadStorageTime).toBe(0);
    expect(file.maximumMessageArchiveManagementStorageTime).toBe(0);
  });

  it("writes uploads off as -1 for size and time, whatever the other upload settings say", () => {
    for (const maxFileBytes of [null, 0]) {
      const file = providerFile(input({ maxFileBytes, totalFileBytesPerPerson: null, fileRetentionDays: null }));
      expect(providerFileProblems(file)).toEqual([]);
      expect(file.maximumHttpFileUploadTotalSize).toBe(-1);
      expect(file.maximumHttpFileUploadStorageTime).toBe(-1);
    }
  });

  it("writes history off as -1 (less than a day), not 0, which would mean kept forever", () => {
    const file = providerFile(input({ historyRetentionDays: 0 }));
    expect(providerFileProblems(file)).toEqual([]);
    expect(file.maximumMessageArchiveManagementStorageTime).toBe(-1);
  });

  it("counts decimal megabytes, rounded down, and less than one as -1", () => {
    // The spec's own example: 100 MiB is about 104 MB.
    expect(providerFile(input({ totalFileBytesPerPerson: 100 * MiB })).maximumHttpFileUploadTotalSize).toBe(104);
    expect(providerFile(input({ totalFileBytesPerPerson: 1_999_999 })).maximumHttpFileUploadTotalSize).toBe(1);
    expect(providerFile(input({ totalFileBytesPerPerson: 999_999 })).maximumHttpFileUploadTotalSize).toBe(-1);
    expect(providerFile(input({ totalFileBytesPerPerson: 0 })).maximumHttpFileUploadTotalSize).toBe(-1);
  });

  it("keeps the unknown values the spec defines", () => {
    const file = providerFile(input({ busFactor: -1, organization: "", since: "", website: {}, legalNotice: {} }));
    expect(providerFileProblems(file)).toEqual([]);
    expect(file).toMatchObject({ busFactor: -1, organization: "", since: "", website: {}, legalNotice: {} });
  });

  it.each<[string, Partial<ProviderFileInput>]>([
    ["a bus factor of 0", { busFactor: 0 }],
    ["a fractional bus factor", { busFactor: 1.5 }],
    ["an http page", { website: { en: "http://chat.example.org/" } }],
    ["a three-letter language", { legalNotice: { eng: "https://chat.example.org/" } }],
    ["a three-letter country", { serverLocations: ["fra"] }],
    ["an impossible date", { since: "2023-02-29" }],
    ["a negative retention", { fileRetentionDays: -1 }],
    ["fractional bytes", { totalFileBytesPerPerson: 1.5 }],
    ["an address that is not a domain", { alternativeJids: ["user@example.org"] }],
    ["an organisation v2 does not know", { organization: "association" as ProviderFileInput["organization"] }],
  ])("refuses %s", (_name, overrides) => {
    expect(() => providerFile(input(overrides))).toThrow(RangeError);
  });
});

describe("the v2 schema check", () => {
  const properties = Object.keys(providerFile(input()));

  it("knows the 14 properties of v2", () => {
    expect(properties).toHaveLength(14);
  });

  it.each(properties)("rejects a file without %s, which v2 requires", (name) => {
    const file = valid();
    expect(providerFileProblems(file)).toEqual([]);
    Reflect.deleteProperty(file, name);
    expect(providerFileProblems(file)).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a number written as text", { busFactor: "2" }, "busFactor"],
    ["a boolean written as text", { freeOfCharge: "false" }, "freeOfCharge"],
    ["a limit below -1", { maximumHttpFileUploadStorageTime: -2 }, "maximumHttpFileUploadStorageTime"],
    ["a fractional limit", { maximumHttpFileUploadTotalSize: 1.5 }, "maximumHttpFileUploadTotalSize"],
    ["a bus factor of 0", { busFactor: 0 }, "busFactor"],
    ["an upper-case country code", { serverLocations: ["FR"] }, "serverLocations.0"],
    ["a reserved country code", { serverLocations: ["uk"] }, "serverLocations.0"],
    ["a three-letter country code", { serverLocations: ["fra"] }, "serverLocations.0"],
    ["a repeated country", { serverLocations: ["fr", "fr"] }, "serverLocations"],
    ["a page list instead of an object", { website: ["https://chat.example.org/"] }, "website"],
    ["an unknown language", { website: { xx: "https://chat.example.org/" } }, "website.xx"],
    ["an http page", { passwordReset: { en: "http://chat.example.org/" } }, "passwordReset.en"],
    ["a page without //", { passwordReset: { en: "https:chat.example.org" } }, "passwordReset.en"],
    ["a date with a time", { since: "2024-02-29T00:00:00Z" }, "since"],
    ["an impossible date", { since: "2023-02-29" }, "since"],
    ["an organisation v2 does not know", { organization: "association" }, "organization"],
    ["a JID with a localpart", { alternativeJids: ["user@example.org"] }, "alternativeJids.0"],
    ["a property v2 does not define", { maximumHttpFileUploadFileSize: 100 }, "(root)"],
  ])("rejects %s", (_name, change, path) => {
    const file = valid();
    expect(providerFileProblems(file)).toEqual([]);
    const problems = providerFileProblems({ ...file, ...change });
    expect(problems.some((p) => p.startsWith(`${path}: `))).toBe(true);
  });

  it("rejects things that are not a provider file at all", () => {
    for (const value of [null, [], "{}", 42]) expect(providerFileProblems(value)).not.toEqual([]);
  });
});
