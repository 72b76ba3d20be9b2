import type { CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { readPlatformSecret } from "../platform-secrets.ts";

/** The PlatformSecret row of the internal CA: its certificate and private key, sealed together. */
export const INTERNAL_CA_SECRET = "internal-ca";

export interface InternalCaRecord {
  certPem: string;
  keyPem: string;
}

export async function readInternalCa(ctx: Pick<CoreContext, "db" | "secrets">): Promise<InternalCaRecord | null> {
  const stored = await readPlatformSecret(ctx, INTERNAL_CA_SECRET);
  return stored === null ? null : (JSON.parse(stored) as InternalCaRecord);
}

/** The internal CA's certificate, for clients to trust; the worker creates the CA when it starts. */
export async function internalCaCertificate(ctx: Pick<CoreContext, "db" | "secrets">): Promise<string> {
  const ca = await readInternalCa(ctx);
  if (!ca)
    throw new AppError("unavailable", "the internal CA does not exist yet: the worker creates it when it starts");
  return ca.certPem;
}
