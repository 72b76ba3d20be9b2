/**
 * Grandfather-father-son retention, as a pure function over backup records.
 *
 * Decisions:
 * - Only backups with status "succeeded" count. A policy of `daily: 7` keeps the newest successful
 *   backup of each of the 7 most recent UTC days *that have one* (likewise ISO weeks and calendar
 *   months, UTC), as restic does. Counting days that have backups rather than the last 7 calendar days
 *   means old backups are not eaten away while backups keep failing or are switched off.
 * - The newest successful backup is always kept.
 * - Failed backups never count. They are kept for `failedMaxAgeDays` (default 7) so that operators can
 *   look at them, then deleted, but only when at least one successful backup exists: with no good
 *   backup at all, nothing is deleted, since the failed records are then the only evidence left.
 * - Anything else (queued, running, unknown status), anything dated after `now` and anything with an
 *   invalid date is kept: never delete what this function cannot reason about.
 */
export interface RetentionBackup {
  id: string;
  createdAt: Date | string;
  /** "succeeded" | "failed" | "queued" | "running" (others are kept). */
  status: string;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** Failed backups older than this are deleted. Default 7. */
  failedMaxAgeDays?: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 6, failedMaxAgeDays: 7 };

const DAY_MS = 86_400_000;

function dayKey(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO 8601 week, e.g. "2026-W48" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(t: number): string {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function monthKey(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** IDs of the backups to delete under `policy` at time `now`. */
export function selectForDeletion(
  backups: RetentionBackup[],
  policy: RetentionPolicy = DEFAULT_RETENTION,
  now: Date = new Date(),
): string[] {
  for (const n of [policy.daily, policy.weekly, policy.monthly]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError("retention counts must be non-negative integers");
  }
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError("now must be a valid date");
  const at = (b: RetentionBackup) => new Date(b.createdAt).getTime();

  const ok = backups
    .filter((b) => b.status === "succeeded" && Number.isFinite(at(b)) && at(b) <= nowMs)
    .sort((a, b) => at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)); // newest first, stable
  if (ok.length === 0) return [];

  const keep = new Set<string>([(ok[0] as RetentionBackup).id]);
  const bucket = (count: number, keyOf: (t: number) => string) => {
    const seen = new Set<string>();
    for (const b of ok) {
      if (seen.size >= count) break;
      const k = keyOf(at(b));
      if (seen.has(k)) continue; // an older backup in a period already represented
      seen.add(k);
      keep.add(b.id);
    }
  };
  bucket(policy.daily, dayKey);
  bucket(policy.weekly, isoWeekKey);
  bucket(policy.monthly, monthKey);

  const failedCutoff = nowMs - (policy.failedMaxAgeDays ?? 7) * DAY_MS;
  const doomed: string[] = [];
  for (const b of backups) {
    const t = at(b);
    if (!Number.isFinite(t) || t > nowMs) continue;
    if (b.status === "succeeded" && !keep.has(b.id)) doomed.push(b.id);
    else if (b.status === "failed" && t < failedCutoff) doomed.push(b.id);
  }
  return doomed;
}
