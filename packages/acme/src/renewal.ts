const DAY_MS = 24 * 3600_000;

/** When a certificate should be renewed: `renewBeforeDays` before it expires. */
export function nextRenewalAt(cert: { notAfter: Date }, renewBeforeDays = 30): Date {
  if (!Number.isFinite(renewBeforeDays) || renewBeforeDays < 0) {
    throw new RangeError(`renewBeforeDays must be a non-negative number, not ${renewBeforeDays}`);
  }
  return new Date(cert.notAfter.getTime() - renewBeforeDays * DAY_MS);
}

/** True once `now` has reached the renewal time (inclusive), and for expired certificates. */
export function renewalDue(cert: { notAfter: Date }, now: Date = new Date(), renewBeforeDays = 30): boolean {
  return now.getTime() >= nextRenewalAt(cert, renewBeforeDays).getTime();
}
