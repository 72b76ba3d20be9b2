/** Downsampling of health samples: raw points into 5-minute buckets, 5-minute buckets into hours. */

export interface RawPoint {
  at: Date;
  status: string;
  loginMs: number | null;
  onlineUsers: number | null;
  memoryBytes: number | null;
  messagesPerMinute: number | null;
}

export interface RollupRow {
  bucket: Date;
  samples: number;
  /** Samples whose status was not down. */
  upSamples: number;
  loginMs: number | null;
  onlineUsers: number | null;
  memoryBytes: number | null;
  messagesPerMinute: number | null;
}

export const FIVE_MINUTES = 300;
export const ONE_HOUR = 3600;

export function bucketStart(at: Date, resolutionSeconds: number): Date {
  const ms = resolutionSeconds * 1000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

const fields = ["loginMs", "onlineUsers", "memoryBytes", "messagesPerMinute"] as const;

/** Weighted mean of the non-null values. */
function mean(values: { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const v of values) {
    if (v.value === null || !Number.isFinite(v.value)) continue;
    sum += v.value * v.weight;
    weight += v.weight;
  }
  return weight === 0 ? null : sum / weight;
}

function group<T>(items: T[], key: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Averages raw points into buckets of `resolutionSeconds`. Only complete buckets (ending at or before
 * `completeBefore`) are returned, so a bucket is written once with all its points and re-running gives
 * the same rows.
 */
export function rollupRaw(points: RawPoint[], resolutionSeconds: number, completeBefore: Date): RollupRow[] {
  const limit = bucketStart(completeBefore, resolutionSeconds).getTime();
  const groups = group(
    points.filter((p) => p.at.getTime() < limit),
    (p) => bucketStart(p.at, resolutionSeconds).getTime(),
  );
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, ps]) => {
      const row: RollupRow = {
        bucket: new Date(bucket),
        samples: ps.length,
        upSamples: ps.filter((p) => p.status !== "down").length,
        loginMs: null,
        onlineUsers: null,
        memoryBytes: null,
        messagesPerMinute: null,
      };
      for (const f of fields) row[f] = mean(ps.map((p) => ({ value: p[f], weight: 1 })));
      return row;
    });
}

/** Merges finer rollups into coarser buckets (e.g. 5-minute rows into hours), weighting by samples. */
export function mergeRollups(rows: RollupRow[], resolutionSeconds: number, completeBefore: Date): RollupRow[] {
  const limit = bucketStart(completeBefore, resolutionSeconds).getTime();
  const groups = group(
    rows.filter((r) => r.bucket.getTime() < limit),
    (r) => bucketStart(r.bucket, resolutionSeconds).getTime(),
  );
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, rs]) => {
      const row: RollupRow = {
        bucket: new Date(bucket),
        samples: rs.reduce((a, r) => a + r.samples, 0),
        upSamples: rs.reduce((a, r) => a + r.upSamples, 0),
        loginMs: null,
        onlineUsers: null,
        memoryBytes: null,
        messagesPerMinute: null,
      };
      for (const f of fields) row[f] = mean(rs.map((r) => ({ value: r[f], weight: r.samples })));
      return row;
    });
}

/** Share of samples that were up, from rollups plus raw points not yet rolled up; null without data. */
export function uptimeRatio(rollups: Pick<RollupRow, "samples" | "upSamples">[], raw: Pick<RawPoint, "status">[]) {
  const samples = rollups.reduce((a, r) => a + r.samples, 0) + raw.length;
  const up = rollups.reduce((a, r) => a + r.upSamples, 0) + raw.filter((p) => p.status !== "down").length;
  return samples === 0 ? null : up / samples;
}

/** How long each resolution is kept. */
export const RETENTION = {
  rawMs: 48 * 3600_000,
  fiveMinuteMs: 30 * 24 * 3600_000,
  hourlyMs: 365 * 24 * 3600_000,
} as const;
