import { loadEnv, workerEnvSchema } from "@xmpp-host/config";
import { disconnectAll } from "@xmpp-host/db";
import { pino } from "pino";
import { createWorkerContext } from "./context.ts";
import { startWorker } from "./worker.ts";

const env = loadEnv(workerEnvSchema);
const log = pino({ level: env.LOG_LEVEL, name: "worker" });
const ctx = createWorkerContext(env, log);
const worker = await startWorker(ctx);
log.info("worker started");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    // Managed instances keep running: they are adopted by the next worker.
    await worker.close();
    await ctx.close();
    await disconnectAll();
    process.exit(0);
  });
}
