import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The repository root; the default data root lives under it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const port = z.coerce.number().int().min(1).max(65535);
const ms = z.coerce.number().int().min(10);

/** An optional value where an empty string (VAR= in an env file) means unset. */
const optional = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === "" ? undefined : v), t.optional());

const list = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const base = {
  /**
   * Where managed servers run (the API records it on new servers): `local` (processes of this machine, watched by the worker's supervisor) or
   * `kubernetes` (a StatefulSet each in the worker's namespace; Kubernetes restarts them).
   */
  INSTANCE_RUNTIME: z.enum(["local", "kubernetes"]).default("local"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  SECRETS_KEY: z.string().regex(/^[0-9a-f]{64}$/i, "must be 64 hex characters (32 bytes), e.g. `openssl rand -hex 32`"),
  /** Domains under this base (e.g. chat.example -> smiths.chat.example) get their DNS records from the platform. */
  PLATFORM_BASE_DOMAIN: z.string().optional(),
  /** The host name clients and servers connect to; the target of every SRV record. */
  PLATFORM_HOST: z.string().default("xmpp.localhost"),
  PLATFORM_IPV4: list,
  PLATFORM_IPV6: list,
  /** Resolvers for DNS checks, e.g. "127.0.0.1:53,9.9.9.9"; empty means the system's. */
  DNS_SERVERS: list,
  DNS_TIMEOUT_MS: ms.default(3000),
  DNS_CONCURRENCY: z.coerce.number().int().min(1).default(32),
  /** The CA that CAA records must allow (e.g. letsencrypt.org); empty skips the CAA check. */
  ACME_CAA_ISSUER: z.string().optional(),
  ACME_RENEW_BEFORE_DAYS: z.coerce.number().int().min(1).default(30),
  /** Where backups are stored: a local directory, or S3-compatible storage. */
  BACKUP_STORE: z.enum(["local", "s3"]).default("local"),
  /** For BACKUP_STORE=local, the same directory for the API (downloads) and the worker; default var/backups. */
  BACKUP_LOCAL_DIR: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(true),
  /** Where alert mail is sent through: smtp://user:pass@host:port or smtps://...; unset turns email channels off. */
  SMTP_URL: optional(z.string().url()),
  ALERT_EMAIL_FROM: z.string().default("XMPP platform alerts <alerts@xmpp.localhost>"),
  /** Where the web app's public pages live: invite links are WEB_PUBLIC_URL/join/TOKEN. */
  WEB_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** The sender of mail to people (tenant invitations). */
  EMAIL_FROM: z.string().default("XMPP platform <noreply@xmpp.localhost>"),
  /** Verify the SMTP server's TLS certificate (turn off only for internal relays with self-signed certificates). */
  SMTP_TLS_VERIFY: z.stringbool().default(true),
  /**
   * Webhooks reach public addresses only; these addresses and CIDR ranges (e.g. "10.1.2.3,192.168.50.0/24")
   * are allowed too, for receivers on the operator's own network. Empty: public addresses only.
   */
  ALERT_WEBHOOK_ALLOW: list.refine(
    (entries) =>
      entries.every((e) => {
        const [ip = "", bits, ...rest] = e.split("/");
        const kind = isIP(ip);
        return (
          kind !== 0 &&
          !rest.length &&
          (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128)))
        );
      }),
    "must be comma-separated IP addresses or CIDR ranges",
  ),
  /** The kind of server the pool opens for free addresses: prosody (the default) or ejabberd. */
  SHARED_SERVER_KIND: z.enum(["prosody", "ejabberd"]).default("prosody"),
  /** Free addresses live on shared servers: at most this many domains per shared server. */
  SHARED_INSTANCE_MAX_DOMAINS: z.coerce.number().int().min(1).max(5000).default(250),
  /** Limits of each domain on a shared server: accounts, upload storage (MB) and message archive retention (days). */
  SHARED_DOMAIN_MAX_ACCOUNTS: z.coerce.number().int().min(1).default(50),
  SHARED_DOMAIN_UPLOAD_QUOTA_MB: z.coerce.number().int().min(1).default(1024),
  SHARED_DOMAIN_ARCHIVE_DAYS: z.coerce.number().int().min(1).default(30),
  /** Ceilings of domains' settings: the largest shared file on any server, and on shared servers (MB). */
  UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(10_240).default(512),
  SHARED_DOMAIN_MAX_FILE_MB: z.coerce.number().int().min(1).max(10_240).default(100),
  /** Contact addresses every domain announces (XEP-0157) until it sets its own: mailto:, xmpp: or https: URIs. */
  CONTACT_ABUSE_ADDRESS: optional(z.string().regex(/^(mailto|xmpp|https):\S+$/)),
  CONTACT_SUPPORT_ADDRESS: optional(z.string().regex(/^(mailto|xmpp|https):\S+$/)),
  /** The platform's website and legal notice, shown in every domain's provider file until it sets its own. */
  PROVIDER_WEBSITE_URL: optional(z.string().url().startsWith("https://")),
  PROVIDER_LEGAL_NOTICE_URL: optional(z.string().url().startsWith("https://")),
  /** What every domain's provider file (providers.xmpp.net) says of the operator; "" / -1 when not stated. */
  PROVIDER_ORGANIZATION: z
    .enum(["", "company", "commercial person", "private person", "governmental", "non-governmental"])
    .default(""),
  PROVIDER_BUS_FACTOR: z.coerce
    .number()
    .int()
    .min(-1)
    .refine((n) => n !== 0, "must be -1 or at least 1")
    .default(-1),
  PROVIDER_FREE_OF_CHARGE: z.stringbool().default(false),
  PROVIDER_PROFESSIONAL_HOSTING: z.stringbool().default(true),
  PROVIDER_SERVER_TESTING: z.stringbool().default(false),
  /** The country servers run in (ISO 3166-1 alpha-2, lower case), unless an operator says otherwise per server. */
  SERVER_REGION: optional(z.string().regex(/^[a-z]{2}$/)),
};

export const apiEnvSchema = z.object({
  ...base,
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: port.default(3001),
  /** A request (headers and body) must arrive within this long, or the connection is closed. */
  API_REQUEST_TIMEOUT_MS: ms.default(30_000),
  PUBLIC_URL: z.string().url().default("http://localhost:3001"),
  /** Send the session cookie over HTTPS only; unset: whenever PUBLIC_URL is https. */
  COOKIE_SECURE: optional(z.stringbool()),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Per account, whatever the address: failed sign-ins in a row before a lock, its first length, and the delay step. */
  AUTH_LOCK_AFTER_FAILURES: z.coerce.number().int().min(1).default(10),
  AUTH_LOCK_SECONDS: z.coerce.number().int().min(1).default(60),
  AUTH_FAILURE_DELAY_MS: z.coerce.number().int().min(0).default(250),
  /**
   * Which peers may tell the API a client's address in X-Forwarded-For (per-IP rate limits use it):
   * "loopback" (the web app on the same machine), comma-separated addresses or CIDRs, or "true".
   */
  TRUST_PROXY: z.string().min(1).default("loopback"),
  /** Open connections one client address may hold at a time (trusted proxies exempt); more are closed at once. */
  API_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(100),
  /** Invitations by email one user may send per hour (POST /tenants/:id/members). */
  MEMBER_INVITES_PER_HOUR: z.coerce.number().int().min(1).default(30),
  MAX_WAIT_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Self-service registrations on open domains, per client IP and per domain, per hour. */
  OPEN_REGISTRATION_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(5),
  OPEN_REGISTRATION_PER_DOMAIN_PER_HOUR: z.coerce.number().int().min(1).default(50),
  /** Registrations through invite links, per client IP, per hour. */
  INVITE_REGISTRATION_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** New passwords set through password reset links, per client IP, per hour (weak ones refused count too). */
  RESET_LINK_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Bearer token for GET /metrics; unset leaves /metrics open (bind the API to a private address then). */
  METRICS_TOKEN: optional(z.string().min(16)),
  /** The worker counts as gone when its heartbeat is older than this. */
  WORKER_HEARTBEAT_STALE_SECONDS: z.coerce.number().int().min(1).default(30),
});

export const workerEnvSchema = z.object({
  ...base,
  /** Where the worker keeps managed servers' files (instances/), its logs and local state. */
  DATA_ROOT: z.string().default(path.join(repoRoot, "var")),
  /** When the platform runs as root, managed servers run as this unprivileged system user (Debian's prosody). */
  INSTANCE_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/)
    .default("prosody"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(16),
  /** Managed servers' ports come from this range, given by the worker when a server first starts. */
  INSTANCE_PORT_RANGE_START: port.default(20000),
  INSTANCE_PORT_RANGE_END: port.default(29999),
  INSTANCE_BIND_ADDRESS: z.string().default("127.0.0.1"),
  /** In-band registrations per client address per hour on the servers themselves (the API's open limit too). */
  OPEN_REGISTRATION_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(5),
  /** Kubernetes: a kubeconfig file to use instead of the pod's service account (a worker outside the cluster). */
  KUBECONFIG: optional(z.string().min(1)),
  /**
   * Kubernetes: the address the worker reaches servers' Services at; default each Service's cluster DNS name
   * (NAME.NAMESPACE.svc). Only for a worker outside the cluster that reaches every server through one address.
   */
  KUBERNETES_SERVER_ADDRESS: optional(z.string().min(1)),
  /** Kubernetes: the namespace of the servers; default the worker's own (from its service account). */
  KUBERNETES_NAMESPACE: optional(z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a namespace name")),
  /** Kubernetes: the server images (infra/docker/prosody.Dockerfile, ejabberd.Dockerfile); required in that mode. */
  KUBERNETES_PROSODY_IMAGE: optional(z.string().min(1)),
  KUBERNETES_EJABBERD_IMAGE: optional(z.string().min(1)),
  /** Kubernetes: how each server's ports are exposed. */
  KUBERNETES_SERVICE_TYPE: z.enum(["LoadBalancer", "NodePort"]).default("LoadBalancer"),
  /** Kubernetes: the storage class of servers' data volumes; empty means the cluster's default. */
  KUBERNETES_STORAGE_CLASS: optional(z.string().min(1)),
  KUBERNETES_VOLUME_SIZE: z
    .string()
    .regex(/^[0-9]+(Mi|Gi|Ti)$/, "must be a size such as 1Gi")
    .default("1Gi"),
  /** Kubernetes: the numeric account of the images' server user (the Dockerfiles create it with this id). */
  KUBERNETES_SERVER_UID: z.coerce.number().int().min(1).default(10001),
  /** How long a job's lock lasts; a crashed worker's job is picked up again after about this long. */
  WORKER_LOCK_MS: ms.default(30_000),
  SWEEP_INTERVAL_MS: ms.default(30_000),
  SYNC_INTERVAL_MS: ms.default(60_000),
  SUPERVISE_INTERVAL_MS: ms.default(5_000),
  OPERATION_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** How many DNS checks are kept per domain. */
  DNS_CHECK_HISTORY: z.coerce.number().int().min(1).default(20),
  /** Ask each zone's own name servers (no cache in between), falling back to DNS_SERVERS where they cannot answer. */
  DNS_AUTHORITATIVE: z.stringbool().default(true),
  /** The port of name servers: 53 in the world; tests run theirs elsewhere. */
  DNS_AUTHORITATIVE_PORT: port.default(53),
  /** After "Check now", failing records are checked again this often, for this long, until all pass. */
  DNS_WATCH_INTERVAL_MS: ms.default(5_000),
  DNS_WATCH_MS: ms.default(3 * 60_000),
  DNS_RECHECK_FAILING_MS: ms.default(5 * 60_000),
  DNS_RECHECK_HEALTHY_MS: ms.default(24 * 3600_000),
  ACME_DIRECTORY_URL: z.string().url().default("https://acme-staging-v02.api.letsencrypt.org/directory"),
  ACME_EMAIL: z.string().email().optional(),
  /** Extra CA (PEM file) to trust for the ACME server's own HTTPS, e.g. a test CA. */
  ACME_CA_CERT_FILE: z.string().optional(),
  ACME_CHALLENGE: z.enum(["http-01", "dns-01"]).default("http-01"),
  /** Where the worker answers HTTP-01 challenges (/.well-known/acme-challenge/); port 80 must reach it. */
  ACME_HTTP_HOST: z.string().default("0.0.0.0"),
  ACME_HTTP_PORT: port.default(8402),
  RENEWAL_INTERVAL_MS: ms.default(3600_000),
  /** Where DNS-01 challenges and platform-zone records are published. */
  DNS_PROVIDER: z.enum(["none", "rfc2136", "cloudflare"]).default("none"),
  RFC2136_SERVER: z.string().default("127.0.0.1"),
  RFC2136_PORT: port.default(53),
  RFC2136_ZONE: z.string().optional(),
  RFC2136_TSIG_NAME: z.string().optional(),
  RFC2136_TSIG_ALGORITHM: z.string().default("hmac-sha256"),
  RFC2136_TSIG_SECRET: z.string().optional(),
  CLOUDFLARE_API_TOKEN: z.string().optional(),
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).default(4),
  BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).default(6),
  /** Restore every new backup into a throwaway instance to prove it works. */
  BACKUP_VERIFY: z.stringbool().default(true),
  BACKUP_VERIFY_TIMEOUT_MS: ms.default(120_000),
  /** Ports for throwaway verification instances. */
  VERIFY_PORT_RANGE_START: port.default(30000),
  VERIFY_PORT_RANGE_END: port.default(30999),
  /** How often each instance is probed (connect, STARTTLS, login, ping, metrics). */
  HEALTH_PROBE_INTERVAL_MS: ms.default(60_000),
  /** Time limit for one probe. */
  HEALTH_PROBE_TIMEOUT_MS: ms.default(10_000),
  HEALTH_PROBE_CONCURRENCY: z.coerce.number().int().min(1).default(32),
  /** Login slower than this degrades the instance and opens the login_slow alert. */
  HEALTH_LOGIN_SLOW_MS: ms.default(2000),
  /** Certificates with fewer days left than this open the certificate_expiring alert. */
  HEALTH_CERT_MIN_DAYS: z.coerce.number().min(0).default(14),
  /** Resident memory of a server above this opens the memory_high alert; 0 turns it off. */
  HEALTH_MEMORY_LIMIT_MB: z.coerce.number().min(0).default(512),
  /** Probes in a row that must find an instance down before the down alert opens. */
  HEALTH_DOWN_AFTER_PROBES: z.coerce.number().int().min(1).default(2),
  /** The newest successful backup may be this old before the backup alert opens. */
  HEALTH_BACKUP_MAX_AGE_HOURS: z.coerce.number().min(1).default(36),
  /** How often samples are rolled up and old ones pruned. */
  HEALTH_ROLLUP_INTERVAL_MS: ms.default(300_000),
  /** How often each domain is checked against the XMPP Compliance Suites; 0 turns the daily check off. */
  COMPLIANCE_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3600_000),
  /** How long after a configuration change its domains are checked: changes close together make one check. */
  COMPLIANCE_CHECK_DELAY_MS: z.coerce.number().int().min(0).default(60_000),
  /** Time limit for each exchange of one compliance check (a login, an upload, a TURN allocation). */
  COMPLIANCE_CHECK_TIMEOUT_MS: ms.default(10_000),
  /** How often history beyond each domain's retention is deleted on its server. */
  HISTORY_EXPIRY_INTERVAL_MS: ms.default(24 * 3600_000),
  /** How often the worker writes its heartbeat to Redis. */
  WORKER_HEARTBEAT_MS: ms.default(5_000),
  /** Calls: the worker runs one TURN/STUN server (coturn) that every managed server announces (XEP-0215). */
  TURN_ENABLED: z.stringbool().default(true),
  /** The name or address clients reach the TURN server at; default the first PLATFORM_IPV4, else PLATFORM_HOST. */
  TURN_HOST: optional(z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be a host name or an IP address")),
  /** Where coturn listens (UDP and TCP). */
  TURN_LISTEN_IP: z
    .string()
    .refine((v) => isIP(v) !== 0, "must be an IP address")
    .default("0.0.0.0"),
  TURN_PORT: port.default(3478),
  /** The address relayed media leaves from; default the listening address. */
  TURN_RELAY_IP: optional(z.string().refine((v) => isIP(v) !== 0, "must be an IP address")),
  /** The public address, when coturn sits behind NAT (a cloud machine's private address). */
  TURN_EXTERNAL_IP: optional(z.string().refine((v) => isIP(v) !== 0, "must be an IP address")),
  /** The UDP ports relayed media uses; open them in the firewall. */
  TURN_MIN_PORT: port.default(49152),
  TURN_MAX_PORT: port.default(65535),
  /** How long the credentials servers hand out for calls stay valid. */
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).default(86400),
  /** Let IRC gateways reach IRC servers on loopback and private addresses. For tests only: never in production. */
  IRC_ALLOW_PRIVATE_SERVERS: z.stringbool().default(false),
  /**
   * The resolvers managed servers ask to find other servers (federation): "IP" or "IP:PORT", comma-separated; empty
   * means the system's. Point them at the platform zone's name server so that its domains find each other.
   */
  SERVER_DNS_RESOLVERS: list.refine(
    (v) => v.every((r) => isIP(r) !== 0 || /^(\d{1,3}(\.\d{1,3}){3}):(\d{1,5})$/.test(r)),
    "each resolver must be an IP address, or IPv4:PORT",
  ),
  /** The domain each server's federation check pings; default another domain of the platform on another server. */
  FEDERATION_PROBE_DOMAIN: optional(z.string().regex(/^[a-z0-9.-]{1,253}$/, "must be a domain name in lower case")),
  /** A zone under a special-use name (home.arpa, test) those resolvers serve; default PLATFORM_BASE_DOMAIN. */
  SERVER_DNS_LOCAL_ZONE: optional(z.string().regex(/^[a-z0-9.-]{1,253}$/, "must be a domain name in lower case")),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment against a schema; fails with one line per bad variable. */
export function loadEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  return result.data;
}
