import { describe, expect, it } from "vitest";
import { bucketStart, mergeRollups, type RawPoint, rollupRaw, uptimeRatio } from "../src/index.ts";

const t0 = new Date("2026-03-01T10:00:00Z").getTime();
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const point = (minutes: number, status: string, loginMs: number | null, onlineUsers: number | null = 1): RawPoint => ({
  at: at(minutes),
  status,
  loginMs,
  onlineUsers,
  memoryBytes: 1000,
  messagesPerMinute: null,
});

describe("rollups", () => {
  it("aligns buckets to their resolution", () => {
    expect(bucketStart(new Date("2026-03-01T10:07:59.999Z"), 300).toISOString()).toBe("2026-03-01T10:05:00.000Z");
    expect(bucketStart(new Date("2026-03-01T10:59:00Z"), 3600).toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("averages raw points into complete 5-minute buckets, ignoring nulls, counting up samples", () => {
    const points = [
      point(0, "healthy", 100),
      point(1, "healthy", 300),
      point(2, "down", null, null),
      point(6, "degraded", 50),
      point(11, "healthy", 10), // its bucket (10:10) is not complete at 10:12
    ];
    const rows = rollupRaw(points, 300, at(12));
    expect(rows).toEqual([
      {
        bucket: at(0),
        samples: 3,
        upSamples: 2,
        loginMs: 200,
        onlineUsers: 1,
        memoryBytes: 1000,
        messagesPerMinute: null,
      },
      {
        bucket: at(5),
        samples: 1,
        upSamples: 1,
        loginMs: 50,
        onlineUsers: 1,
        memoryBytes: 1000,
        messagesPerMinute: null,
      },
    ]);
    // Running again over the same points gives the same rows (the job upserts them).
    expect(rollupRaw([...points].reverse(), 300, at(12))).toEqual(rows);
  });

  it("merges 5-minute buckets into hours weighted by their samples", () => {
    const fives = rollupRaw(
      [
        point(0, "healthy", 100),
        point(1, "healthy", 100),
        point(2, "healthy", 100),
        point(5, "down", 400),
        point(61, "healthy", 1),
      ],
      300,
      at(70),
    );
    const hours = mergeRollups(fives, 3600, at(70));
    expect(hours).toHaveLength(1); // 11:00 is not complete
    expect(hours[0]).toMatchObject({ bucket: at(0), samples: 4, upSamples: 3, loginMs: 175 });
  });

  it("computes uptime from rollups plus raw points not rolled up yet", () => {
    expect(uptimeRatio([], [])).toBeNull();
    expect(uptimeRatio([{ samples: 10, upSamples: 9 }], [{ status: "down" }, { status: "healthy" }])).toBeCloseTo(
      10 / 12,
    );
  });
});
