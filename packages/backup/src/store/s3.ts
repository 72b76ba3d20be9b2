import { createReadStream } from "node:fs";
import { stat as statFile } from "node:fs/promises";
import { Readable, Transform, type TransformCallback } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { StoreError, StoreNotFoundError, StoreUnavailableError } from "../errors.ts";
import { assertValidKey, assertValidPrefix, type BackupStore, type PutSource, type StoredObject } from "./types.ts";

export interface S3StoreOptions {
  bucket: string;
  /** For S3-compatible services (MinIO, s3rver, ...); omit for AWS. */
  endpoint?: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Path-style URLs (endpoint/bucket/key), which most S3-compatible services need. */
  forcePathStyle?: boolean;
  /** Prepended to every key, so several platforms or environments can share a bucket. */
  keyPrefix?: string;
  /** Attempts per request, including the first (the SDK backs off between them). Default 3. */
  maxAttempts?: number;
  /** Default 5 s. */
  connectionTimeoutMs?: number;
  /** Socket inactivity limit per request. Default 60 s. */
  requestTimeoutMs?: number;
  /**
   * A stream put without a size is buffered in memory to learn its length (a single PUT needs it; this
   * store does not do multipart uploads). Larger streams are refused: write the archive to a file and
   * put the file. Default 256 MiB.
   */
  maxBufferedPutBytes?: number;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ECONNABORTED",
]);

/** Turns an SDK error into StoreNotFoundError, StoreUnavailableError (retry later) or StoreError. */
function mapError(err: unknown, what: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  const status = e.$metadata?.httpStatusCode;
  const message = `${what}: ${e.name ?? "Error"}${e.code ? ` ${e.code}` : ""}${status ? ` (HTTP ${status})` : ""}: ${e.message ?? ""}`;
  if (e.name === "NoSuchKey" || e.name === "NotFound" || (status === 404 && e.name !== "NoSuchBucket")) {
    return new StoreNotFoundError(message, { cause: err });
  }
  if (
    (e.code && NETWORK_CODES.has(e.code)) ||
    e.name === "TimeoutError" ||
    e.name === "RequestTimeout" ||
    e.name === "SlowDown" ||
    e.$retryable ||
    (status !== undefined && (status >= 500 || status === 429 || status === 408))
  ) {
    return new StoreUnavailableError(message, { cause: err });
  }
  return new StoreError(message, { cause: err });
}

/**
 * `source` piped through a check that fails the upload if the byte count is not `size` (S3 would
 * otherwise wait for the missing bytes). The source's own errors are passed on too.
 */
function exactLength(source: Readable, size: number): Readable {
  let n = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      n += chunk.length;
      if (n > size) return cb(new StoreError(`the source has more than the ${size} bytes announced`));
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      cb(n === size ? null : new StoreError(`the source has ${n} bytes, ${size} were announced`));
    },
  });
  source.once("error", (err) => check.destroy(err));
  return source.pipe(check);
}

/**
 * An S3 bucket (or an S3-compatible service) through @aws-sdk/client-s3. Every put is one PutObject,
 * which S3 makes visible atomically: with a file or a known size the body is streamed, otherwise it is
 * buffered (see maxBufferedPutBytes). Single PUTs are limited to 5 GiB by S3.
 */
export class S3Store implements BackupStore {
  readonly kind = "s3";
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly keyPrefix: string;
  private readonly maxBufferedPutBytes: number;

  constructor(opts: S3StoreOptions) {
    if (!opts.bucket) throw new TypeError("S3Store: bucket is required");
    this.bucket = opts.bucket;
    this.keyPrefix = opts.keyPrefix ?? "";
    if (this.keyPrefix !== "") assertValidPrefix(this.keyPrefix);
    this.maxBufferedPutBytes = opts.maxBufferedPutBytes ?? 256 * 1024 * 1024;
    this.client = new S3Client({
      region: opts.region,
      credentials: opts.credentials,
      forcePathStyle: opts.forcePathStyle ?? false,
      maxAttempts: opts.maxAttempts ?? 3,
      requestHandler: {
        connectionTimeout: opts.connectionTimeoutMs ?? 5_000,
        requestTimeout: opts.requestTimeoutMs ?? 60_000,
      },
      // Newer SDKs add CRC checksums with aws-chunked trailers by default, which several S3-compatible
      // services (s3rver among them) reject. The archive carries its own authentication anyway.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    });
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.keyPrefix + key;
  }

  async put(key: string, source: PutSource, size?: number): Promise<StoredObject> {
    const Key = this.objectKey(key);
    let body: Buffer | Readable;
    let length: number;
    if (Buffer.isBuffer(source)) {
      if (size !== undefined && size !== source.length) {
        throw new StoreError(`refusing ${key}: expected ${size} bytes, got ${source.length}`);
      }
      body = source;
      length = source.length;
    } else if (source instanceof Readable) {
      if (size !== undefined) {
        body = exactLength(source, size);
        length = size;
      } else {
        const chunks: Buffer[] = [];
        let n = 0;
        for await (const chunk of source) {
          n += (chunk as Buffer).length;
          if (n > this.maxBufferedPutBytes) {
            source.destroy();
            throw new StoreError(
              `refusing ${key}: a stream without a size is limited to ${this.maxBufferedPutBytes} bytes`,
            );
          }
          chunks.push(chunk as Buffer);
        }
        body = Buffer.concat(chunks, n);
        length = n;
      }
    } else {
      const st = await statFile(source.file);
      if (size !== undefined && size !== st.size) {
        throw new StoreError(`refusing ${key}: expected ${size} bytes, the file has ${st.size}`);
      }
      body = exactLength(createReadStream(source.file), st.size);
      length = st.size;
    }
    // The SDK does not end a request whose body stream fails: it would wait for the missing bytes until
    // the request timeout. Abort it instead, and report the body's own error.
    const abort = new AbortController();
    let bodyError: unknown = null;
    if (body instanceof Readable) {
      body.once("error", (err) => {
        bodyError = err;
        abort.abort(err);
      });
    }
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: body, ContentLength: length }), {
        abortSignal: abort.signal,
      });
    } catch (err) {
      if (bodyError) throw bodyError;
      throw mapError(err, `cannot store ${key}`);
    }
    const st = await this.stat(key);
    if (!st) throw new StoreUnavailableError(`stored ${key} but cannot see it`);
    return st;
  }

  async get(key: string): Promise<Readable> {
    const Key = this.objectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!(out.Body instanceof Readable)) throw new StoreError(`unexpected body type for ${key}`);
      return out.Body;
    } catch (err) {
      throw mapError(err, `cannot read ${key}`);
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    } catch (err) {
      const mapped = mapError(err, `cannot delete ${key}`);
      if (!(mapped instanceof StoreNotFoundError)) throw mapped;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertValidPrefix(prefix);
    const out: StoredObject[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.keyPrefix + prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          if (!o.Key) continue;
          out.push({
            key: o.Key.slice(this.keyPrefix.length),
            size: o.Size ?? 0,
            modified: o.LastModified ?? new Date(0),
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw mapError(err, `cannot list ${prefix}`);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async stat(key: string): Promise<StoredObject | null> {
    const Key = this.objectKey(key);
    try {
      const h = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { key, size: h.ContentLength ?? 0, modified: h.LastModified ?? new Date(0) };
    } catch (err) {
      const mapped = mapError(err, `cannot stat ${key}`);
      if (mapped instanceof StoreNotFoundError) return null;
      throw mapped;
    }
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}
