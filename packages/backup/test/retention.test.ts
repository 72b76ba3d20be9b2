import { describe, expect, it } from "vitest";
import { isoWeekKey, type RetentionBackup, selectForDeletion } from "../src/index.ts";

const DAY = 86_400_000;
const t = (iso: string) => new Date(iso);

/** One backup a day at 03:00 UTC for `days` days ending on `last`, ids "d<yyyy-mm-dd>". */
function daily(last: string, days: number, status = "succeeded"): RetentionBackup[] {
  const end = Date.parse(`${last}T03:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(end - i * DAY);
    return { id: `d${at.toISOString().slice(0, 10)}`, createdAt: at, status };
  });
}

const kept = (all: RetentionBackup[], deleted: string[]) =>
  all
    .map((b) => b.id)
    .filter((id) => !deleted.includes(id))
    .sort();

describe("selectForDeletion (grandfather-father-son)", () => {
  it("keeps the newest of the last 7 days, 4 weeks and 6 months of a year of daily backups", () => {
    const all = daily("2026-11-24", 400);
    const del = selectForDeletion(all, { daily: 7, weekly: 4, monthly: 6 }, t("2026-11-24T12:00:00Z"));
    expect(kept(all, del)).toEqual(
      [
        // days: 18..24 Nov (Tue 24 Nov back to Wed 18 Nov)
        ...["18", "19", "20", "21", "22", "23", "24"].map((d) => `d2026-11-${d}`),
        // weeks: the newest of W48 (24th, already kept), W47 (Sun 22nd, kept), W46 (Sun 15th), W45 (Sun 8th)
        "d2026-11-15",
        "d2026-11-08",
        // months: Nov (24th), Oct 31, Sep 30, Aug 31, Jul 31, Jun 30
        "d2026-10-31",
        "d2026-09-30",
        "d2026-08-31",
        "d2026-07-31",
        "d2026-06-30",
      ].sort(),
    );
    expect(del).toHaveLength(400 - 14);
  });

  it("keeps only the newest backup of a day", () => {
    const all: RetentionBackup[] = [
      { id: "morning", createdAt: t("2026-11-24T01:00:00Z"), status: "succeeded" },
      { id: "noon", createdAt: t("2026-11-24T12:00:00Z"), status: "succeeded" },
      { id: "evening", createdAt: t("2026-11-24T23:59:59Z"), status: "succeeded" },
      { id: "yesterday", createdAt: t("2026-11-23T23:00:00Z"), status: "succeeded" },
    ];
    expect(selectForDeletion(all, undefined, t("2026-11-25T00:30:00Z")).sort()).toEqual(["morning", "noon"]);
  });

  it("never deletes the newest successful backup, even with a zero policy", () => {
    const all = daily("2026-11-24", 10);
    const del = selectForDeletion(all, { daily: 0, weekly: 0, monthly: 0 }, t("2026-11-25T00:00:00Z"));
    expect(kept(all, del)).toEqual(["d2026-11-24"]);
  });

  it("deletes nothing at all when there are only failed backups, however old", () => {
    const all = daily("2026-11-24", 60, "failed");
    expect(selectForDeletion(all, undefined, t("2026-11-25T00:00:00Z"))).toEqual([]);
    expect(selectForDeletion([], undefined, t("2026-11-25T00:00:00Z"))).toEqual([]);
  });

  it("does not count failed backups, and deletes them after 7 days once a good backup exists", () => {
    const ok = daily("2026-11-20", 30);
    const failed = daily("2026-11-24", 10, "failed").map((b) => ({ ...b, id: `f${b.id}` }));
    const all = [...ok, ...failed];
    const del = selectForDeletion(all, { daily: 7, weekly: 0, monthly: 0 }, t("2026-11-24T12:00:00Z"));
    // Seven successful days are kept even though the last four days only have failures.
    expect(kept(ok, del)).toEqual(["14", "15", "16", "17", "18", "19", "20"].map((d) => `d2026-11-${d}`));
    // Failures of the last 7 days stay for inspection; older ones go.
    expect(kept(failed, del)).toEqual(["18", "19", "20", "21", "22", "23", "24"].map((d) => `fd2026-11-${d}`));
    expect(del).toContain("fd2026-11-17");
  });

  it("does not eat into the kept set when backups stop", () => {
    const all = daily("2026-03-31", 200);
    const right = selectForDeletion(all, undefined, t("2026-03-31T12:00:00Z"));
    const later = selectForDeletion(all, undefined, t("2026-11-24T12:00:00Z"));
    expect(later.sort()).toEqual(right.sort());
  });

  it("keeps queued, running, unknown, future-dated and undatable records", () => {
    const all: RetentionBackup[] = [
      ...daily("2026-11-24", 20),
      { id: "queued-old", createdAt: t("2025-01-01T00:00:00Z"), status: "queued" },
      { id: "running-old", createdAt: t("2025-01-01T00:00:00Z"), status: "running" },
      { id: "weird", createdAt: t("2025-01-01T00:00:00Z"), status: "verifying" },
      { id: "future", createdAt: t("2027-01-01T00:00:00Z"), status: "succeeded" },
      { id: "future-failed", createdAt: t("2027-01-01T00:00:00Z"), status: "failed" },
      { id: "nodate", createdAt: "not a date", status: "succeeded" },
    ];
    const del = selectForDeletion(all, undefined, t("2026-11-24T12:00:00Z"));
    for (const id of ["queued-old", "running-old", "weird", "future", "future-failed", "nodate"]) {
      expect(del).not.toContain(id);
    }
    // The future-dated backup did not take the place of the real newest one.
    expect(del).not.toContain("d2026-11-24");
  });

  it("accepts ISO strings and is independent of input order", () => {
    const all = daily("2026-11-24", 90).map((b) => ({ ...b, createdAt: (b.createdAt as Date).toISOString() }));
    const now = t("2026-11-24T12:00:00Z");
    const a = selectForDeletion(all, undefined, now).sort();
    const b = selectForDeletion([...all].reverse(), undefined, now).sort();
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
  });

  it("refuses invalid policies", () => {
    expect(() => selectForDeletion([], { daily: -1, weekly: 4, monthly: 6 })).toThrow(RangeError);
    expect(() => selectForDeletion([], { daily: 1.5, weekly: 4, monthly: 6 })).toThrow(RangeError);
  });

  it("uses ISO weeks (Monday to Sunday, UTC), also across year ends", () => {
    expect(isoWeekKey(Date.parse("2026-11-22T23:59:59Z"))).toBe("2026-W47"); // Sunday
    expect(isoWeekKey(Date.parse("2026-11-23T00:00:00Z"))).toBe("2026-W48"); // Monday
    expect(isoWeekKey(Date.parse("2021-01-03T12:00:00Z"))).toBe("2020-W53");
    expect(isoWeekKey(Date.parse("2024-12-30T12:00:00Z"))).toBe("2025-W01");
    expect(isoWeekKey(Date.parse("2026-01-01T00:00:00Z"))).toBe("2026-W01");
  });
});
