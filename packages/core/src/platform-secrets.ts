import { isUniqueViolation } from "@xmpp-host/db";
import type { CoreContext } from "./context.ts";

type Ctx = Pick<CoreContext, "db" | "secrets">;

/** A platform-wide secret (the ACME account key, the internal CA), sealed at rest; null until it exists. */
export async function readPlatformSecret(ctx: Ctx, name: string): Promise<string | null> {
  const row = await ctx.db.platformSecret.findUnique({ where: { name } });
  return row ? ctx.secrets.decrypt(row.valueEncrypted) : null;
}

/**
 * The platform secret called `name`, made by `make` the first time. When two workers make it at once, the
 * first one stored wins and both use it.
 */
export async function ensurePlatformSecret(ctx: Ctx, name: string, make: () => Promise<string>): Promise<string> {
  const found = await readPlatformSecret(ctx, name);
  if (found !== null) return found;
  try {
    await ctx.db.platformSecret.create({ data: { name, valueEncrypted: ctx.secrets.encrypt(await make()) } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return ensurePlatformSecret(ctx, name, make);
}
