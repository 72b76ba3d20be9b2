import { apiEnvSchema, loadEnv } from "@xmpp-host/config";
import { buildApp } from "./app.ts";
import { createCoreContext } from "./context.ts";

/** The OpenAPI document exactly as the running API serves it at /openapi.json. */
export async function openApiDocument(env: Record<string, string | undefined> = process.env): Promise<unknown> {
  const apiEnv = loadEnv(apiEnvSchema, env);
  const { core, redis } = createCoreContext(apiEnv);
  const app = await buildApp({ env: apiEnv, core, redis, logger: false });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    redis.disconnect();
  }
}
