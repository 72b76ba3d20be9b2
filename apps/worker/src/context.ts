import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { AcmeIssuer, generateAccountKey, Http01Responder, InternalCa } from "@xmpp-host/acme";
import { type BackupStore, createBackupStore } from "@xmpp-host/backup";
import { LocalIrcGateways } from "@xmpp-host/bridges";
import type { TurnService } from "@xmpp-host/calls";
import { ConfigError, type WorkerEnv } from "@xmpp-host/config";
import {
  type AdministeredInstance,
  type CoreContext,
  type DomainWithGateway,
  domainLimitsFor,
  domainServerSettings,
  domainSettingsFromEnv,
  ensurePlatformSecret,
  INTERNAL_CA_SECRET,
  liveGateway,
  type PortPool,
  platformSettingsFromEnv,
  portsOf,
  recordRenderedConfiguration,
  SecretBox,
  sharedSettingsFromEnv,
} from "@xmpp-host/core";
import { type Domain, getDb } from "@xmpp-host/db";
import {
  CloudflareProvider,
  DnsChecker,
  type DnsProvider,
  PlatformZoneProvider,
  Rfc2136Provider,
} from "@xmpp-host/dns";
import { createRedis, JobQueues } from "@xmpp-host/queue";
import {
  type InstanceRuntime,
  type InstanceSpec,
  isPortFree,
  KubernetesRuntime,
  kubeConfigFromEnvironment,
  LocalRuntime,
} from "@xmpp-host/runtime";
import {
  type CallsSpec,
  type FederationSpec,
  type IrcGatewaySpec,
  serverKind,
  type XmppServerDriver,
} from "@xmpp-host/xmpp";
import type { Logger } from "pino";

/** Everything a processor needs; built once per worker process. */
export interface WorkerContext {
  env: WorkerEnv;
  /** Core's services, for work the worker starts itself (schedules, renewals). */
  core: CoreContext;
  secrets: SecretBox;
  queues: JobQueues;
  runtime: InstanceRuntime;
  log: Logger;
  ca(): Promise<InternalCa>;
  /** The ACME client with the platform's one account key (created and stored sealed on first use). */
  acme(): Promise<AcmeIssuer>;
  /** The HTTP-01 responder, started on first use. */
  http01(): Promise<Http01Responder>;
  /** Where DNS-01 challenges and platform-zone records are published, if configured. */
  dnsProvider(): DnsProvider | null;
  /** The platform's own zone (PLATFORM_BASE_DOMAIN) through the DNS provider, if both are configured. */
  platformZone(): PlatformZoneProvider | null;
  dnsChecker(): DnsChecker;
  /** Where backups are kept (BACKUP_STORE). */
  backupStore(): BackupStore;
  /**
   * Calls: the TURN/STUN service every server announces, set at boot by prepareCalls (its secret lives in the
   * database); null when the platform offers none.
   */
  calls: CallsSpec | null;
  /** How servers find and trust other servers, set at boot by prepareFederation (the CA lives in the database). */
  federation: FederationSpec | null;
  /** The platform's TURN server, supervised by the worker; null when calls are off. */
  turn: TurnService | null;
  /** Domains' IRC gateways, one process each. */
  gateways: LocalIrcGateways;
  /** One long-lived admin channel per instance, reused across jobs. */
  driverFor(instance: AdministeredInstance): XmppServerDriver;
  forgetDriver(instanceId: string): Promise<void>;
  close(): Promise<void>;
}

/** The runtime INSTANCE_RUNTIME names: local processes, or StatefulSets in a Kubernetes namespace. */
export function createRuntime(env: WorkerEnv): InstanceRuntime {
  if (env.INSTANCE_RUNTIME === "local") return new LocalRuntime({ dataRoot: env.DATA_ROOT, runAs: env.INSTANCE_USER });
  if (!env.KUBERNETES_PROSODY_IMAGE || !env.KUBERNETES_EJABBERD_IMAGE) {
    throw new ConfigError(
      "Invalid environment (see .env.example):\n  KUBERNETES_PROSODY_IMAGE, KUBERNETES_EJABBERD_IMAGE: required when INSTANCE_RUNTIME=kubernetes",
    );
  }
  const { kubeConfig, namespace } = kubeConfigFromEnvironment(env.KUBECONFIG);
  return new KubernetesRuntime({
    kubeConfig,
    namespace: env.KUBERNETES_NAMESPACE ?? namespace,
    images: { prosody: env.KUBERNETES_PROSODY_IMAGE, ejabberd: env.KUBERNETES_EJABBERD_IMAGE },
    serviceType: env.KUBERNETES_SERVICE_TYPE,
    volumeSize: env.KUBERNETES_VOLUME_SIZE,
    runAsUser: env.KUBERNETES_SERVER_UID,
    ...(env.KUBERNETES_STORAGE_CLASS ? { storageClass: env.KUBERNETES_STORAGE_CLASS } : {}),
    socketDir: path.join(env.DATA_ROOT, "kubernetes"),
    ...(env.KUBERNETES_SERVER_ADDRESS ? { serviceAddress: () => env.KUBERNETES_SERVER_ADDRESS as string } : {}),
  });
}

export function createWorkerContext(env: WorkerEnv, log: Logger): WorkerContext {
  const redis = createRedis(env.REDIS_URL);
  const secrets = new SecretBox(env.SECRETS_KEY);
  const runtime = createRuntime(env);
  const drivers = new Map<string, XmppServerDriver>();
  let ca: Promise<InternalCa> | null = null;
  let acme: Promise<AcmeIssuer> | null = null;
  let http01: Promise<Http01Responder> | null = null;
  let checker: DnsChecker | null = null;
  let store: BackupStore | null = null;
  let provider: DnsProvider | null | undefined;
  const db = getDb(env.DATABASE_URL);
  const queues = new JobQueues(redis);

  /** The ACME account key, created once for the whole platform. */
  function accountKey(): Promise<string> {
    return ensurePlatformSecret({ db, secrets }, "acme-account-key", generateAccountKey);
  }
  /** The internal CA from the database, created (or adopted from DATA_ROOT/ca, where it used to live) once. */
  async function internalCa(): Promise<InternalCa> {
    const stored = await ensurePlatformSecret({ db, secrets }, INTERNAL_CA_SECRET, async () => {
      // A CA kept on disk is the one clients already trust: it moves to the database rather than being replaced.
      const ca = (await InternalCa.readDir(path.join(env.DATA_ROOT, "ca"), secrets)) ?? (await InternalCa.generate());
      return JSON.stringify(ca);
    });
    return InternalCa.fromStored(JSON.parse(stored));
  }
  const core: CoreContext = {
    db,
    secrets,
    queue: { enqueue: (op) => queues.enqueueOperation(op, env.OPERATION_ATTEMPTS) },
    settings: {
      runtime: env.INSTANCE_RUNTIME,
      platform: platformSettingsFromEnv(env),
      renewBeforeDays: env.ACME_RENEW_BEFORE_DAYS,
      shared: sharedSettingsFromEnv(env),
      domainSettings: domainSettingsFromEnv(env),
      webPublicUrl: env.WEB_PUBLIC_URL,
      alerts: {
        smtpUrl: env.SMTP_URL,
        emailFrom: env.ALERT_EMAIL_FROM,
        allowUnauthorizedSmtpTls: !env.SMTP_TLS_VERIFY,
        webhookAllow: env.ALERT_WEBHOOK_ALLOW,
      },
    },
  };
  return {
    env,
    core,
    secrets,
    queues,
    runtime,
    log,
    calls: null,
    federation: null,
    turn: null,
    gateways: new LocalIrcGateways({ dataRoot: env.DATA_ROOT, runAs: env.INSTANCE_USER }),
    ca() {
      ca ??= internalCa();
      ca.catch(() => {
        ca = null; // a database that was down is asked again next time
      });
      return ca;
    },
    acme() {
      acme ??= accountKey().then((accountKeyPem) =>
        AcmeIssuer.create({
          directoryUrl: env.ACME_DIRECTORY_URL,
          accountKeyPem,
          ...(env.ACME_EMAIL ? { email: env.ACME_EMAIL } : {}),
          ...(env.ACME_CA_CERT_FILE ? { caCertPem: readFileSync(env.ACME_CA_CERT_FILE, "utf8") } : {}),
        }),
      );
      acme.catch(() => {
        acme = null; // a CA that was down at first use is tried again next time
      });
      return acme;
    },
    http01() {
      http01 ??= (async () => {
        const responder = new Http01Responder({ host: env.ACME_HTTP_HOST, port: env.ACME_HTTP_PORT });
        await responder.start();
        return responder;
      })();
      return http01;
    },
    dnsProvider() {
      if (provider === undefined) provider = createDnsProvider(env);
      return provider;
    },
    platformZone() {
      const inner = this.dnsProvider();
      return inner && env.PLATFORM_BASE_DOMAIN
        ? new PlatformZoneProvider({ baseDomain: env.PLATFORM_BASE_DOMAIN, delegate: inner })
        : null;
    },
    backupStore() {
      store ??= createBackupStore(env);
      return store;
    },
    dnsChecker() {
      checker ??= new DnsChecker({
        ...(env.DNS_SERVERS.length ? { servers: env.DNS_SERVERS } : {}),
        timeoutMs: env.DNS_TIMEOUT_MS,
        concurrency: env.DNS_CONCURRENCY,
        authoritative: env.DNS_AUTHORITATIVE,
        authoritativePort: env.DNS_AUTHORITATIVE_PORT,
      });
      return checker;
    },
    driverFor(instance) {
      let driver = drivers.get(instance.id);
      if (!driver) {
        const spec = specOf({ core, secrets }, instance, []);
        driver = serverKind(instance.server).createDriver(runtime.adminChannel(spec));
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
      if (http01) await (await http01.catch(() => null))?.stop();
      await queues.close();
      redis.disconnect();
    },
  };
}

function createDnsProvider(env: WorkerEnv): DnsProvider | null {
  let inner: DnsProvider | null = null;
  if (env.DNS_PROVIDER === "rfc2136") {
    if (!env.RFC2136_ZONE) throw new Error("DNS_PROVIDER=rfc2136 needs RFC2136_ZONE");
    inner = new Rfc2136Provider({
      server: env.RFC2136_SERVER,
      port: env.RFC2136_PORT,
      zone: env.RFC2136_ZONE,
      ...(env.RFC2136_TSIG_NAME && env.RFC2136_TSIG_SECRET
        ? {
            tsig: {
              name: env.RFC2136_TSIG_NAME,
              algorithm: env.RFC2136_TSIG_ALGORITHM,
              secret: env.RFC2136_TSIG_SECRET,
            },
          }
        : {}),
    });
  } else if (env.DNS_PROVIDER === "cloudflare") {
    if (!env.CLOUDFLARE_API_TOKEN) throw new Error("DNS_PROVIDER=cloudflare needs CLOUDFLARE_API_TOKEN");
    inner = new CloudflareProvider({ apiToken: env.CLOUDFLARE_API_TOKEN });
  }
  return inner;
}

/** Domains whose hosts belong in the server's configuration. */
export function liveDomains<D extends Domain>(domains: D[]): D[] {
  return domains.filter((d) => d.state !== "deleting");
}

/** A domain's IRC gateway as its server's configuration carries it; none while it is being turned off. */
function ircGatewayOf(
  ctx: Pick<WorkerContext, "secrets"> & { env?: Pick<WorkerContext["env"], "IRC_ALLOW_PRIVATE_SERVERS"> },
  d: DomainWithGateway,
  componentPort: number | null,
): { ircGateway?: IrcGatewaySpec } {
  const g = liveGateway(d);
  if (!g || componentPort === null) return {};
  return {
    ircGateway: {
      secret: ctx.secrets.decrypt(g.secretEncrypted),
      maxServers: d.tenant.ircMaxServers,
      maxConnections: d.tenant.ircMaxConnections,
      ...(ctx.env?.IRC_ALLOW_PRIVATE_SERVERS ? { allowPrivateServers: true } : {}),
    },
  };
}

export function specOf(
  ctx: Pick<WorkerContext, "core" | "secrets"> & {
    calls?: CallsSpec | null;
    federation?: FederationSpec | null;
    env?: Pick<WorkerContext["env"], "IRC_ALLOW_PRIVATE_SERVERS"> &
      Partial<Pick<WorkerContext["env"], "OPEN_REGISTRATION_PER_IP_PER_HOUR">>;
  },
  instance: AdministeredInstance & { componentPort?: number | null },
  domains: DomainWithGateway[],
): InstanceSpec {
  const limits = domainLimitsFor(ctx.core, instance);
  const componentPort = instance.componentPort ?? null;
  return {
    id: instance.id,
    server: instance.server,
    ports: (({ c2sPort, s2sPort, httpPort, directTlsPort, httpsPort }) => ({
      c2s: c2sPort,
      s2s: s2sPort,
      http: httpPort,
      ...(directTlsPort !== null ? { directTls: directTlsPort } : {}),
      ...(httpsPort !== null ? { https: httpsPort } : {}),
    }))(portsOf(instance)),
    ...(componentPort !== null ? { componentPort } : {}),
    ...(ctx.calls ? { calls: ctx.calls } : {}),
    ...(ctx.federation ? { federation: ctx.federation } : {}),
    bindAddress: instance.host,
    ...(instance.adminSecretEncrypted ? { adminPassword: ctx.secrets.decrypt(instance.adminSecretEncrypted) } : {}),
    domains: liveDomains(domains).map((d) => ({
      name: d.name,
      // Sign-ups awaiting approval go through the platform: the server itself takes no in-band registration.
      registration: d.registration === "approval" ? "closed" : d.registration,
      settings: domainServerSettings(ctx.core, { ...d, instance }),
      ...(d.registrationBlocks?.length ? { registrationBlocklist: d.registrationBlocks.map((b) => b.cidr) } : {}),
      registrationThrottle: { max: ctx.env?.OPEN_REGISTRATION_PER_IP_PER_HOUR ?? 5, periodSeconds: 3600 },
      ...ircGatewayOf(ctx, d, componentPort),
      ...(limits
        ? {
            limits: {
              maxAccounts: limits.maxAccounts,
              uploadQuotaBytes: limits.uploadQuotaMb * 1024 * 1024,
              archiveDays: limits.archiveDays,
            },
          }
        : {}),
    })),
  };
}

/** What servers need to find and authenticate each other: the platform's resolvers and its CA. */
export async function prepareFederation(ctx: WorkerContext): Promise<void> {
  const ca = await ctx.ca();
  const localZone = ctx.env.SERVER_DNS_LOCAL_ZONE ?? ctx.env.PLATFORM_BASE_DOMAIN;
  ctx.federation = {
    caPem: ca.certPem,
    // libunbound writes a resolver's port after an @.
    resolvers: ctx.env.SERVER_DNS_RESOLVERS.map((r) => (isIP(r) === 0 ? r.replace(/:(\d+)$/, "@$1") : r)),
    ...(localZone ? { localZone } : {}),
  };
}

/** Where the worker opens servers' ports: its range and address, skipping ports something already holds. */
export function portPool(ctx: Pick<WorkerContext, "env">): PortPool {
  return {
    range: [ctx.env.INSTANCE_PORT_RANGE_START, ctx.env.INSTANCE_PORT_RANGE_END],
    bindAddress: ctx.env.INSTANCE_BIND_ADDRESS,
    isFree: (port) => isPortFree(ctx.env.INSTANCE_BIND_ADDRESS, port),
  };
}

/** The secrets a spec carries, which the copy of its configuration kept for operators must not show. */
function specSecrets(spec: InstanceSpec): string[] {
  return [spec.calls?.secret, spec.adminPassword, ...spec.domains.map((d) => d.ircGateway?.secret)].filter(
    (v): v is string => typeof v === "string" && v.length > 0,
  );
}

/**
 * Writes the server's configuration and keeps a copy, secrets replaced, for operators to read (the API cannot
 * reach the runtime's files). Returns whether the files changed.
 */
export async function writeServerConfig(ctx: WorkerContext, spec: InstanceSpec): Promise<boolean> {
  const changed = await ctx.runtime.writeConfig(spec);
  const secrets = specSecrets(spec);
  const files = serverKind(spec.server)
    .renderConfig(spec, ctx.runtime.layout(spec.id))
    .map((f) => ({ path: f.path, content: secrets.reduce((c, s) => c.split(s).join("[sealed]"), f.content) }));
  await recordRenderedConfiguration(ctx.core, spec.id, files);
  return changed;
}
