import path from "node:path";
import { InternalCa } from "@xmpp-host/acme";
import type { WorkerEnv } from "@xmpp-host/config";
import { SecretBox } from "@xmpp-host/core";
import { type Db, type Domain, getDb, type Instance } from "@xmpp-host/db";
import { createRedis, JobQueues } from "@xmpp-host/queue";
import { type InstanceRuntime, type InstanceSpec, LocalRuntime } from "@xmpp-host/runtime";
import { createDriver, type XmppServerDriver } from "@xmpp-host/xmpp";
import type { Logger } from "pino";

/** Everything a processor needs; built once per worker process. */
export interface WorkerContext {
  env: WorkerEnv;
  db: Db;
  secrets: SecretBox;
  queues: JobQueues;
  runtime: InstanceRuntime;
  log: Logger;
  ca(): Promise<InternalCa>;
  /** One long-lived admin channel per instance, reused across jobs. */
  driverFor(instance: Pick<Instance, "id" | "server">): XmppServerDriver;
  forgetDriver(instanceId: string): Promise<void>;
  close(): Promise<void>;
}

export function createWorkerContext(env: WorkerEnv, log: Logger): WorkerContext {
  const redis = createRedis(env.REDIS_URL);
  const secrets = new SecretBox(env.SECRETS_KEY);
  const runtime = new LocalRuntime({ dataRoot: env.DATA_ROOT });
  const drivers = new Map<string, XmppServerDriver>();
  let ca: Promise<InternalCa> | null = null;
  const queues = new JobQueues(redis);
  return {
    env,
    db: getDb(env.DATABASE_URL),
    secrets,
    queues,
    runtime,
    log,
    ca() {
      ca ??= InternalCa.loadOrCreate(path.join(env.DATA_ROOT, "ca"), secrets);
      return ca;
    },
    driverFor(instance) {
      let driver = drivers.get(instance.id);
      if (!driver) {
        driver = createDriver(instance.server, { socketPath: runtime.adminSocketPath(instance.id) });
        drivers.set(instance.id, driver);
      }
      return driver;
    },
    async forgetDriver(instanceId) {
      const driver = drivers.get(instanceId);
      drivers.delete(instanceId);
      await driver?.close().catch(() => undefined);
    },
    async close() {
      await Promise.all([...drivers.values()].map((d) => d.close().catch(() => undefined)));
      await queues.close();
      redis.disconnect();
    },
  };
}

/** Domains whose hosts belong in the server's configuration. */
export function liveDomains(domains: Domain[]): Domain[] {
  return domains.filter((d) => d.state !== "deleting");
}

export function specOf(instance: Instance, domains: Domain[]): InstanceSpec {
  return {
    id: instance.id,
    server: instance.server,
    ports: { c2s: instance.c2sPort, s2s: instance.s2sPort, http: instance.httpPort },
    bindAddress: instance.host,
    domains: liveDomains(domains).map((d) => ({ name: d.name, registration: d.registration })),
  };
}
