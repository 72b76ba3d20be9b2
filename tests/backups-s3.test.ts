import { type LocalS3, startLocalS3 } from "@xmpp-host/backup/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let s3: LocalS3;
let platform: Platform;
let call: Call;
let s3Running = true;

beforeAll(async () => {
  s3 = await startLocalS3("platform-backups");
  platform = await startPlatform({
    workerEnv: {
      BACKUP_STORE: "s3",
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      BACKUP_VERIFY: "false",
    },
  });
  ({ call } = await signupWithToken(platform.app, "s3"));
});

afterAll(async () => {
  await platform?.close();
  if (s3Running) await s3?.stop();
});

describe("backups on S3-compatible storage", () => {
  it("completes the round trip: back up, wipe, restore, log in", async () => {
    const me = await call("GET", "/api/v1/me");
    const inst = await call("POST", `/api/v1/tenants/${me.json.tenants[0].id}/instances?wait=30`, { name: "s3" });
    const instance = inst.json.instance;
    const dom = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, { name: "s3.example" });
    const acct = await call("POST", `/api/v1/domains/${dom.json.domain.id}/accounts?wait=30`, {
      localpart: "sam",
      password: "amber-orchard-lamp",
    });
    expect(acct.json.operation.status).toBe("succeeded");

    const backup = await call("POST", `/api/v1/instances/${instance.id}/backups?wait=60`);
    expect(backup.json.backup, backup.text).toMatchObject({ status: "succeeded", store: "s3" });
    // The archive is in the bucket, not on the local disk.
    const objects = await platform.workerCtx.backupStore().list("");
    expect(objects.map((o) => o.key)).toEqual([expect.stringContaining(backup.json.backup.id)]);

    const deleted = await call("DELETE", `/api/v1/accounts/${acct.json.account.id}?wait=30`);
    expect(deleted.json.operation.status).toBe("succeeded");
    const caFile = (await internalCa(platform)).file;
    const login = () =>
      xmppClient([
        "login",
        "sam@s3.example",
        "amber-orchard-lamp",
        instance.endpoints.host,
        String(instance.endpoints.c2sPort),
        caFile,
      ]);
    expect((await login()).code).toBe(2);

    const restored = await call("POST", `/api/v1/backups/${backup.json.backup.id}/restore?wait=90`, {});
    expect(restored.json.operation, restored.text).toMatchObject({ status: "succeeded" });
    expect(await login()).toEqual({ code: 0, out: { result: "ok" } });
    // The platform's view is synced again: the account is back in the list.
    const accounts = await call("GET", `/api/v1/domains/${dom.json.domain.id}/accounts`);
    expect(accounts.json.items.map((a: { jid: string }) => a.jid)).toContain("sam@s3.example");
  });

  it("fails and retries when the store is unreachable, pruning nothing", async () => {
    await s3.stop();
    s3Running = false;
    const me = await call("GET", "/api/v1/me");
    const list = await call("GET", `/api/v1/tenants/${me.json.tenants[0].id}/instances`);
    const instance = list.json.items[0];
    const before = await platform.app.core.db.backup.count({ where: { status: "succeeded" } });
    const res = await call("POST", `/api/v1/instances/${instance.id}/backups?wait=5`);
    expect(res.json.operation.status).not.toBe("succeeded");
    const op = await platform.app.core.db.operation.findUniqueOrThrow({ where: { id: res.json.operation.id } });
    expect(JSON.stringify(op.error)).toMatch(/StoreUnavailable|unavailable|ECONNREFUSED/i);
    expect(await platform.app.core.db.backup.count({ where: { status: "succeeded" } })).toBe(before);
  });
});
