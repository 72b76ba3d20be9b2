import { mkdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@xmpp-host/config";
import { LocalDirectoryStore } from "./store/local.ts";
import { S3Store } from "./store/s3.ts";
import type { BackupStore } from "./store/types.ts";

/** The settings both apps read from the environment (see packages/config). */
export interface BackupStoreSettings {
  BACKUP_STORE: "local" | "s3";
  BACKUP_LOCAL_DIR?: string | undefined;
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_BUCKET?: string | undefined;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_FORCE_PATH_STYLE: boolean;
}

export function createBackupStore(env: BackupStoreSettings): BackupStore {
  if (env.BACKUP_STORE === "local") {
    if (env.BACKUP_LOCAL_DIR) return new LocalDirectoryStore({ root: env.BACKUP_LOCAL_DIR });
    // The default lives under the data root and is ours to create; a configured one (a mounted disk) must
    // exist, and its absence is reported as the store being unavailable.
    const root = path.join(repoRoot, "var", "backups");
    mkdirSync(root, { recursive: true });
    return new LocalDirectoryStore({ root });
  }
  if (!env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
    throw new Error("BACKUP_STORE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
  }
  return new S3Store({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
  });
}
