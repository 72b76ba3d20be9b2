import { describe, expect, it } from "vitest";
import { nextRenewalAt, renewalDue } from "../src/index.ts";

const DAY = 24 * 3600_000;

describe("renewalDue / nextRenewalAt", () => {
  const notAfter = new Date("2030-03-31T12:00:00Z");
  const cert = { notAfter };

  it("is due exactly renewBeforeDays before expiry, not a millisecond earlier", () => {
    const at = new Date(notAfter.getTime() - 30 * DAY);
    expect(nextRenewalAt(cert)).toEqual(at);
    expect(nextRenewalAt(cert, 30)).toEqual(at);
    expect(renewalDue(cert, new Date(at.getTime() - 1))).toBe(false);
    expect(renewalDue(cert, at)).toBe(true);
    expect(renewalDue(cert, new Date(at.getTime() + 1))).toBe(true);
  });

  it("honours other windows, and expired certificates are always due", () => {
    expect(renewalDue(cert, new Date(notAfter.getTime() - 8 * DAY), 7)).toBe(false);
    expect(renewalDue(cert, new Date(notAfter.getTime() - 7 * DAY), 7)).toBe(true);
    expect(renewalDue(cert, new Date(notAfter.getTime() - 1), 0)).toBe(false);
    expect(renewalDue(cert, notAfter, 0)).toBe(true);
    expect(renewalDue(cert, new Date(notAfter.getTime() + 365 * DAY))).toBe(true);
    expect(nextRenewalAt(cert, 7)).toEqual(new Date(notAfter.getTime() - 7 * DAY));
  });

  it("a fresh 90-day certificate is not due; one with 29 days left is", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    expect(renewalDue({ notAfter: new Date(now.getTime() + 90 * DAY) }, now)).toBe(false);
    expect(renewalDue({ notAfter: new Date(now.getTime() + 29 * DAY) }, now)).toBe(true);
  });

  it("rejects a negative or non-numeric window", () => {
    expect(() => nextRenewalAt(cert, -1)).toThrow(RangeError);
    expect(() => renewalDue(cert, new Date(), Number.NaN)).toThrow(RangeError);
  });
});
