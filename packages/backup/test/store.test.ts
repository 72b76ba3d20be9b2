import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDirectoryStore, S3Store, StoreError, StoreUnavailableError } from "../src/index.ts";
import { describeBackupStoreContract } from "../src/store-contract.ts";
import { closedPort, type LocalS3, startLocalS3 } from "./support/testing.ts";

describeBackupStoreContract("LocalDirectoryStore", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "xh-local-store-"));
  return {
    store: new LocalDirectoryStore({ root }),
    atomicWrites: true,
    // An unmounted backup volume: the root directory is missing, and must not be created.
    unreachable: () => new LocalDirectoryStore({ root: path.join(root, "not-mounted") }),
    teardown: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describeBackupStoreContract("S3Store (s3rver)", async () => {
  const s3 = await startLocalS3("backups");
  const store = new S3Store({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: s3.credentials,
    forcePathStyle: true,
  });
  return {
    store,
    atomicWrites: false, // s3rver writes in place; AWS S3 itself makes a PUT visible only when complete
    unreachable: async () =>
      new S3Store({
        bucket: s3.bucket,
        endpoint: `http://127.0.0.1:${await closedPort()}`,
        region: s3.region,
        credentials: s3.credentials,
        forcePathStyle: true,
        maxAttempts: 2,
      }),
    teardown: async () => {
      store.close();
      await s3.stop();
    },
  };
});

describe("S3Store error mapping", () => {
  let s3: LocalS3;
  const stores: S3Store[] = [];
  const make = (patch: Partial<ConstructorParameters<typeof S3Store>[0]>) => {
    const store = new S3Store({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: s3.region,
      credentials: s3.credentials,
      forcePathStyle: true,
      ...patch,
    });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    s3 = await startLocalS3("mapping");
  });
  afterAll(async () => {
    for (const s of stores) s.close();
    await s3.stop();
  });

  it("reports bad credentials and a missing bucket as permanent errors, not as unavailability", async () => {
    const badKey = make({ credentials: { accessKeyId: "nobody", secretAccessKey: "wrong" } });
    const noBucket = make({ bucket: "no-such-bucket" });
    for (const call of [() => badKey.put("k", Buffer.from("x")), () => noBucket.put("k", Buffer.from("x"))]) {
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreError);
      expect(err).not.toBeInstanceOf(StoreUnavailableError);
      expect((err as StoreError).retryable).toBe(false);
    }
    await expect(noBucket.list("")).rejects.not.toBeInstanceOf(StoreUnavailableError);
  });

  it("keeps keys under a configured prefix, and lists them without it", async () => {
    const a = make({ keyPrefix: "env-a/" });
    const b = make({ keyPrefix: "env-b/" });
    await a.put("t/1.xhb", Buffer.from("a"));
    await b.put("t/1.xhb", Buffer.from("bb"));
    expect(await a.list("t/")).toMatchObject([{ key: "t/1.xhb", size: 1 }]);
    expect(await b.list("t/")).toMatchObject([{ key: "t/1.xhb", size: 2 }]);
    expect((await make({}).list("")).map((o) => o.key).sort()).toEqual(["env-a/t/1.xhb", "env-b/t/1.xhb"]);
  });
});
