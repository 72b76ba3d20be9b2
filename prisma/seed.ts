// Creates the demo operator, a demo tenant and its first managed instance, and, when the platform offers free
// addresses (PLATFORM_BASE_DOMAIN), the first shared server of the pool. Safe to run repeatedly.
import { apiEnvSchema, loadEnv } from "@xmpp-host/config";
import {
  type CoreContext,
  createInstance,
  hashPassword,
  openSharedInstance,
  platformSettingsFromEnv,
  SecretBox,
  sharedSettingsFromEnv,
} from "@xmpp-host/core";
import { disconnectAll, getDb } from "@xmpp-host/db";
import { createRedis, JobQueues } from "@xmpp-host/queue";

const env = loadEnv(apiEnvSchema);
const email = process.env.DEMO_OPERATOR_EMAIL ?? "operator@demo.test";
const password = process.env.DEMO_OPERATOR_PASSWORD ?? "demo-operator-pass";
const db = getDb(env.DATABASE_URL);
const redis = createRedis(env.REDIS_URL);
const queues = new JobQueues(redis);
const core: CoreContext = {
  db,
  queue: { enqueue: (op) => queues.enqueueOperation(op) },
  secrets: new SecretBox(env.SECRETS_KEY),
  settings: {
    platform: platformSettingsFromEnv(env),
    shared: sharedSettingsFromEnv(env),
  },
};

let user = await db.user.findUnique({ where: { email } });
if (!user) {
  user = await db.user.create({
    data: { email, name: "Demo operator", passwordHash: await hashPassword(password), isOperator: true },
  });
}
let membership = await db.membership.findFirst({ where: { userId: user.id, role: "owner" } });
if (!membership) {
  const tenant = await db.tenant.create({ data: { name: "Demo family" } });
  membership = await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "owner" } });
}
if ((await db.instance.count({ where: { tenantId: membership.tenantId } })) === 0) {
  await createInstance(core, { userId: user.id, isOperator: true }, membership.tenantId, { name: "demo" });
}
if (env.PLATFORM_BASE_DOMAIN && (await db.instance.count({ where: { placement: "shared" } })) === 0) {
  await openSharedInstance(core, null);
}
console.log(`    Login:     ${email} / ${password}`);
await queues.close();
redis.disconnect();
await disconnectAll();
