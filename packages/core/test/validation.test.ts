import { describe, expect, it } from "vitest";
import { AppError, normalizeBareJid, normalizeDomainName, normalizeLocalpart, SecretBox } from "../src/index.ts";

function fieldError(fn: () => unknown): { field: string; message: string } | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.fields[0];
    throw err;
  }
  return undefined;
}

describe("domain names", () => {
  it.each([
    ["Family.Example.", "family.example"],
    ["chat.xn--bcher-kva.example", "chat.xn--bcher-kva.example"],
    ["a-b.c", "a-b.c"],
  ])("accepts %s as %s", (input, expected) => {
    expect(normalizeDomainName("name", input)).toBe(expected);
  });

  it.each([
    "",
    "localhost",
    "-a.example",
    "a-.example",
    "a..example",
    "a b.example",
    "1.2.3.4",
    `${"a".repeat(64)}.example`,
    `${"a.".repeat(127)}ab`,
  ])("refuses %j naming the field", (input) => {
    expect(fieldError(() => normalizeDomainName("name", input))?.field).toBe("name");
  });
});

describe("localparts (RFC 7622)", () => {
  it("case-maps and normalises", () => {
    expect(normalizeLocalpart("localpart", "Élodie")).toBe("élodie");
    expect(normalizeLocalpart("localpart", "e\u0301lodie")).toBe("élodie");
  });

  it.each([
    "",
    "a b",
    'a"b',
    "a&b",
    "a'b",
    "a/b",
    "a:b",
    "a<b",
    "a>b",
    "a@b",
    "a\u0000b",
    "a\u200bb",
    "x".repeat(1024),
  ])("refuses %j", (input) => {
    expect(fieldError(() => normalizeLocalpart("localpart", input))?.field).toBe("localpart");
  });

  it("checks both halves of a bare JID", () => {
    expect(normalizeBareJid("members[0]", "Alice@Family.Example")).toBe("alice@family.example");
    expect(fieldError(() => normalizeBareJid("members[0]", "alice@family.example/phone"))?.field).toBe("members[0]");
    expect(fieldError(() => normalizeBareJid("members[0]", "no-at-sign"))?.field).toBe("members[0]");
  });
});

describe("SecretBox", () => {
  it("round-trips and detects tampering or a wrong key", () => {
    const box = new SecretBox("11".repeat(32));
    const sealed = box.encrypt("a password");
    expect(sealed).not.toContain("a password");
    expect(box.decrypt(sealed)).toBe("a password");
    expect(box.encrypt("a password")).not.toBe(sealed);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    parts[3] = data.toString("base64url");
    expect(() => box.decrypt(parts.join("."))).toThrow();
    expect(() => new SecretBox("22".repeat(32)).decrypt(sealed)).toThrow();
    expect(() => new SecretBox("too-short")).toThrow(/32 bytes/);
  });
});
