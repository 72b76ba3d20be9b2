import type { Readable } from "node:stream";

export interface StoredObject {
  key: string;
  size: number;
  modified: Date;
}

/** What put() accepts: bytes in memory, a stream, or a file on disk (read by path). */
export type PutSource = Buffer | Readable | { file: string };

/**
 * Where archives live. Keys are "/"-separated, path-safe (see assertValidKey). Writes are atomic: a
 * reader sees the old object or the complete new one, never a partial one. Errors: TypeError for an
 * invalid key, StoreNotFoundError, StoreUnavailableError (retry later), StoreError (do not retry).
 */
export interface BackupStore {
  readonly kind: string;
  /** Stores `source` under `key`, replacing any object there. With `size`, a source of another length is refused. */
  put(key: string, source: PutSource, size?: number): Promise<StoredObject>;
  /** The object's bytes. Rejects with StoreNotFoundError before any byte if it does not exist. */
  get(key: string): Promise<Readable>;
  /** Removes the object; absent objects are fine. */
  delete(key: string): Promise<void>;
  /** Objects whose key starts with `prefix` (a plain string prefix, as in S3), sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  stat(key: string): Promise<StoredObject | null>;
  /** Releases connections, if the store holds any. */
  close?(): void;
}

const SEGMENT = /^[A-Za-z0-9_=+@,-][A-Za-z0-9._=+@,-]*$/;

/**
 * Keys: 1–1024 characters, segments of letters, digits and . _ = + @ , - separated by "/". No empty,
 * "." or ".." segment and none starting with "." (the local store keeps its temporary files there).
 * The same rule for every store keeps keys portable between them.
 */
export function assertValidKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0 || key.length > 1024) {
    throw new TypeError(`invalid store key ${JSON.stringify(key)}`);
  }
  for (const seg of key.split("/")) {
    if (!SEGMENT.test(seg) || Buffer.byteLength(seg) > 255)
      throw new TypeError(`invalid store key ${JSON.stringify(key)}`);
  }
}

/** A list prefix may end in the middle of a segment or with "/", and may be empty. */
export function assertValidPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== "string") throw new TypeError("prefix must be a string");
  if (prefix === "") return;
  assertValidKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
}
