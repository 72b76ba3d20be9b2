import type { ApiEnv } from "@xmpp-host/config";
import {
  type CoreContext,
  domainSettingsFromEnv,
  platformSettingsFromEnv,
  SecretBox,
  sharedSettingsFromEnv,
} from "@xmpp-host/core";
import { getDb } from "@xmpp-host/db";
import { createRedis, JobQueues, OperationWaiters, readAlertTest } from "@xmpp-host/queue";

/** Wires core to PostgreSQL and the queues. */
export function createCoreContext(env: ApiEnv) {
  const redis = createRedis(env.REDIS_URL);
  const queues = new JobQueues(redis);
  const waiters = new OperationWaiters(redis);
  const core: CoreContext = {
    db: getDb(env.DATABASE_URL),
    queue: { enqueue: (op) => queues.enqueueOperation(op) },
    events: waiters,
    alertTests: {
      enqueue: (testId, channelId) => queues.enqueue("alert.test", { testId, channelId }, { jobId: testId }),
      outcome: (testId) => readAlertTest(redis, testId),
    },
    alertNotifications: {
      async enqueue(ids) {
        for (const notificationId of ids)
          await queues.enqueue("alert.notify", { notificationId }, { jobId: `notify-${notificationId}` });
      },
    },
    secrets: new SecretBox(env.SECRETS_KEY),
    settings: {
      runtime: env.INSTANCE_RUNTIME,
      renewBeforeDays: env.ACME_RENEW_BEFORE_DAYS,
      platform: platformSettingsFromEnv(env),
      webPublicUrl: env.WEB_PUBLIC_URL,
      shared: sharedSettingsFromEnv(env),
      domainSettings: domainSettingsFromEnv(env),
      alerts: {
        smtpUrl: env.SMTP_URL,
        emailFrom: env.ALERT_EMAIL_FROM,
        allowUnauthorizedSmtpTls: !env.SMTP_TLS_VERIFY,
        webhookAllow: env.ALERT_WEBHOOK_ALLOW,
      },
    },
  };
  return { core, redis, queues, waiters };
}
