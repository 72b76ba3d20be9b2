/** Why an archive was refused. Each reason has its own wording so operators can act on it. */
export type BackupInvalidReason =
  | "not-a-backup"
  | "unsupported-version"
  | "wrong-key"
  | "corrupted"
  | "truncated"
  | "malformed"
  | "checksum-mismatch";

/**
 * The archive cannot be trusted or understood. Raised before anything outside the staging directory
 * is touched; retrying with the same archive and key will fail the same way.
 */
export class BackupInvalidError extends Error {
  override readonly name = "BackupInvalidError";
  constructor(
    readonly reason: BackupInvalidReason,
    message: string,
    /** Byte offset in the archive where the problem was found, when it is known. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** A snapshot could not be taken (process gone, pause limit exceeded, ...). The instance was resumed. */
export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

/** A storage target refused a request; retrying will not help (bad credentials, missing bucket, size mismatch). */
export class StoreError extends Error {
  override readonly name: string = "StoreError";
  readonly retryable: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The storage target cannot be reached right now (network, 5xx, unmounted directory). Retry later. */
export class StoreUnavailableError extends StoreError {
  override readonly name = "StoreUnavailableError";
  override readonly retryable = true;
}

/** The key does not exist in the store. */
export class StoreNotFoundError extends StoreError {
  override readonly name = "StoreNotFoundError";
}
