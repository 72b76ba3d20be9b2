import { apiEnvSchema, loadEnv } from "@xmpp-host/config";
import { disconnectAll } from "@xmpp-host/db";
import { buildApp } from "./app.ts";
import { createCoreContext } from "./context.ts";

const env = loadEnv(apiEnvSchema);
const { core, redis, queues, waiters } = createCoreContext(env);
const app = await buildApp({ env, core, redis });
await app.listen({ host: env.API_HOST, port: env.API_PORT });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await app.close();
    await queues.close();
    waiters.close();
    redis.disconnect();
    await disconnectAll();
    process.exit(0);
  });
}
