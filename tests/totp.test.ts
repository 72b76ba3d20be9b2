// The platform's TOTP against the test vectors of RFC 6238 (appendix B) and RFC 4226 (appendix D).
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpStep } from "@xmpp-host/core";
import { describe, expect, it } from "vitest";

const seeds = {
  sha1: Buffer.from("12345678901234567890"),
  sha256: Buffer.from("12345678901234567890123456789012"),
  sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
};

// RFC 6238 appendix B: time (s), then the 8-digit TOTP for SHA-1, SHA-256 and SHA-512.
const vectors: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP", () => {
  it("matches RFC 6238's test vectors", () => {
    for (const [time, sha1, sha256, sha512] of vectors) {
      const step = totpStep(time);
      expect([
        hotp(seeds.sha1, step, 8, "sha1"),
        hotp(seeds.sha256, step, 8, "sha256"),
        hotp(seeds.sha512, step, 8, "sha512"),
      ]).toEqual([sha1, sha256, sha512]);
    }
  });

  it("matches RFC 4226's HOTP values", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expect(expected.map((_, counter) => hotp(seeds.sha1, counter))).toEqual(expected);
  });

  it("round-trips base32 (RFC 4648 vectors) and accepts a code only for steps after the last one used", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI").toString()).toBe("foobar");
    const secret = base32Encode(seeds.sha1);
    const now = 1_700_000_000_000;
    const step = totpStep(now / 1000);
    const code = hotp(seeds.sha1, step);
    expect(matchTotp(secret, code, now, null)).toBe(step);
    expect(matchTotp(secret, code, now, step)).toBeNull();
    expect(matchTotp(secret, hotp(seeds.sha1, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(secret, hotp(seeds.sha1, step - 2), now, null)).toBeNull();
    expect(matchTotp(secret, "12345", now, null)).toBeNull();
    expect(otpauthUri(secret, "a@b.example", "XMPP Host")).toBe(
      `otpauth://totp/XMPP%20Host:a%40b.example?secret=${secret}&issuer=XMPP+Host&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
