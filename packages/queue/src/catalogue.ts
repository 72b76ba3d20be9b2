import { z } from "zod";

/** Payloads carry ids only (anything else is refused); handlers re-read the state from the database. */
const operationPayload = z.object({ operationId: z.string().min(1) }).strict();
const noPayload = z.object({}).strict();
const domainPayload = z.object({ domainId: z.string().min(1) }).strict();
const backupPayload = z.object({ backupId: z.string().min(1) }).strict();
const instancePayload = z.object({ instanceId: z.string().min(1) }).strict();
const notificationPayload = z.object({ notificationId: z.string().min(1) }).strict();

export type QueueName = "operations" | "maintenance" | "checks" | "probes" | "alerts";

interface JobSpec<S extends z.ZodType> {
  queue: QueueName;
  schema: S;
  attempts: number;
  backoff: { type: "exponential" | "fixed"; delay: number };
}

const operation = {
  queue: "operations",
  schema: operationPayload,
  attempts: 8,
  backoff: { type: "exponential", delay: 500 },
} as const;
const check = {
  queue: "checks",
  schema: domainPayload,
  attempts: 3,
  backoff: { type: "exponential", delay: 2000 },
} as const;
const maintenance = {
  queue: "maintenance",
  schema: noPayload,
  attempts: 1,
  backoff: { type: "fixed", delay: 1000 },
} as const;

/** Every job the platform runs: name -> payload schema, attempts, backoff. */
export const jobCatalogue = {
  "instance.create": operation,
  "instance.start": operation,
  "instance.stop": operation,
  "instance.restart": operation,
  "instance.delete": operation,
  "domain.create": operation,
  "domain.update": operation,
  "domain.delete": operation,
  "account.create": operation,
  "account.delete": operation,
  "account.password": operation,
  /** Suspends an account (no login, sessions closed, data kept) or lifts it: the server is made to match. */
  "account.suspend": operation,
  "account.restore": operation,
  "account.register": operation,
  /** A bulk import of members from a CSV file into a domain: accounts or invites, one operation for the file. */
  "accounts.import": operation,
  "invite.create": operation,
  "invite.revoke": operation,
  /** Emails a tenant invitation to the address it was made for. */
  "member.invite": operation,
  /** Tells the applicant of a sign-up by email that it was approved or rejected. */
  "signup.notify": operation,
  "room.create": operation,
  "room.update": operation,
  "room.members": operation,
  "room.rename": operation,
  "room.delete": operation,
  /** Reads a room's occupants and affiliations from its server (the API cannot reach servers). */
  "room.inspect": operation,
  /** One moderation action in a room, live: kick, ban, unban, role, affiliation, subject. */
  "room.moderate": operation,
  "irc-gateway.enable": operation,
  "irc-gateway.disable": operation,
  "dns.check": operation,
  /** A compliance check someone asked for ("Check now"): the same run as the scheduled one, with its progress. */
  "compliance.check": operation,
  "certificate.issue": operation,
  "backup.create": operation,
  "backup.restore": operation,
  "domain.restore": operation,
  /** A live move of one domain, with its data, to another server: copied while served, then a brief freeze. */
  "domain.move": operation,
  /** All of a domain's data as one XEP-0227 file, sealed in the backup store for its owners to download. */
  "domain.export": operation,
  /** A new domain filled from a XEP-0227 document (stored sealed until taken), once the domain is set up. */
  "domain.import": operation,
  "domain.dns-check": check,
  /** One round of the re-checks after "Check now"; `until` names the watch it belongs to (a newer one supersedes it). */
  "domain.dns-watch": {
    queue: "checks",
    schema: z.object({ domainId: z.string().min(1), until: z.number().int() }),
    attempts: 1,
    backoff: { type: "fixed", delay: 1000 },
  },
  /**
   * The compliance checker against a domain's server: daily (no trigger), and after its configuration changed.
   * Tried once: a check that could not run is simply the next one.
   */
  "domain.compliance-check": {
    queue: "checks",
    schema: z.object({ domainId: z.string().min(1), trigger: z.enum(["configuration"]).optional() }).strict(),
    attempts: 1,
    backoff: { type: "fixed", delay: 1000 },
  },
  "backup.verify": { ...check, schema: backupPayload, attempts: 2 },
  "instance.scheduled-backup": { ...check, schema: instancePayload },
  "domain.scheduled-backup": check,
  /** One probe; a missed one is simply the next one, so no retries. */
  "instance.probe": { queue: "probes", schema: instancePayload, attempts: 1, backoff: { type: "fixed", delay: 1000 } },
  /** One notification to one channel; retried, and a sent one is never sent again. */
  "alert.notify": {
    queue: "alerts",
    schema: notificationPayload,
    attempts: 8,
    backoff: { type: "exponential", delay: 2000 },
  },
  /** A test notification an admin asked for: tried once, since someone is waiting for the answer. */
  "alert.test": {
    queue: "alerts",
    schema: z.object({ testId: z.string().min(1), channelId: z.string().min(1) }).strict(),
    attempts: 1,
    backoff: { type: "fixed", delay: 1000 },
  },
  "maintenance.sweep": maintenance,
  "maintenance.sync": maintenance,
  "maintenance.supervise": maintenance,
  "maintenance.renew-certificates": maintenance,
  "maintenance.health-rollup": maintenance,
  /** Deletes history older than each domain keeps, where the server does not do it itself to everything. */
  "maintenance.expire-history": maintenance,
} as const satisfies Record<string, JobSpec<z.ZodType>>;

export type JobName = keyof typeof jobCatalogue;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalogue)[N]["schema"]>;
export type OperationType = {
  [N in JobName]: (typeof jobCatalogue)[N]["queue"] extends "operations" ? N : never;
}[JobName];

export const operationTypes = (Object.keys(jobCatalogue) as JobName[]).filter(
  (n): n is OperationType => jobCatalogue[n].queue === "operations",
);

export function isOperationType(name: string): name is OperationType {
  return (operationTypes as string[]).includes(name);
}

/** The jobs one queue runs: a worker's handler map is keyed by exactly these. */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof jobCatalogue)[N]["queue"] extends Q ? N : never;
}[JobName];

export type ParsedJob<Q extends QueueName> =
  | { ok: true; name: JobNameOf<Q>; payload: JobPayload<JobNameOf<Q>> }
  | { ok: false; reason: string };

/** Checks a consumed job against the catalogue: a name of this queue and a payload its schema accepts. */
export function parseJob<Q extends QueueName>(queue: Q, name: string, data: unknown): ParsedJob<Q> {
  const spec = (jobCatalogue as Record<string, JobSpec<z.ZodType>>)[name];
  if (!spec || spec.queue !== queue) return { ok: false, reason: `unknown ${queue} job ${name}` };
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: `malformed ${name} payload: ${z.prettifyError(parsed.error)}` };
  return { ok: true, name: name as JobNameOf<Q>, payload: parsed.data as JobPayload<JobNameOf<Q>> };
}

/** The id of the operation a payload names, read leniently: a refused payload can still fail its operation. */
export function operationIdOf(data: unknown): string | null {
  const id = (data as { operationId?: unknown } | null)?.operationId;
  return typeof id === "string" && id.length > 0 ? id : null;
}

const id = z.string().min(1);
const anyInput = z.object({});

/**
 * What each operation type keeps in its `input`, as core records it. Checked when the operation is recorded
 * and again when it runs, so handlers read it typed. Unknown keys are dropped, not refused (older rows).
 */
export const operationInputs = {
  "instance.create": anyInput,
  "instance.start": anyInput,
  "instance.stop": anyInput,
  "instance.restart": anyInput,
  "instance.delete": z.object({ force: z.boolean().optional() }),
  "domain.create": anyInput,
  "domain.update": z.object({
    registration: z.enum(["closed", "invite", "open", "approval"]).optional(),
    /** The settings that changed (names as in core's domain settings, or extraOptions). */
    settings: z.array(z.string()).optional(),
  }),
  "domain.delete": anyInput,
  "account.create": anyInput,
  "account.delete": anyInput,
  "account.password": anyInput,
  "account.suspend": anyInput,
  "account.restore": anyInput,
  /** Set when the registration came through an invite link. */
  "account.register": z.object({ inviteId: id.optional() }),
  /** The members file as checked by the API: its valid rows, and the rows refused already with why. */
  "accounts.import": z.object({
    mode: z.enum(["accounts", "invites"]),
    fileName: z.string().max(255).nullable().default(null),
    fileSha256: z.string(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        username: z.string(),
        displayName: z.string().nullable(),
        email: z.string().nullable(),
      }),
    ),
    errors: z.array(z.object({ line: z.number().int(), username: z.string(), code: z.string(), message: z.string() })),
  }),
  "invite.create": anyInput,
  "invite.revoke": anyInput,
  "member.invite": anyInput,
  "signup.notify": anyInput,
  "room.create": anyInput,
  "room.update": z.object({
    title: z.string().optional(),
    membersOnly: z.boolean().optional(),
    persistent: z.boolean().optional(),
    public: z.boolean().optional(),
  }),
  "room.members": anyInput,
  /** The name the room was given, for the record: the handler applies the room's current one. */
  "room.rename": z.object({ title: z.string() }),
  "room.delete": anyInput,
  "room.inspect": anyInput,
  "room.moderate": z.discriminatedUnion("action", [
    z.object({ action: z.literal("kick"), nick: z.string(), reason: z.string().optional() }),
    z.object({ action: z.literal("ban"), jid: z.string(), reason: z.string().optional() }),
    z.object({ action: z.literal("unban"), jid: z.string(), to: z.enum(["member", "none"]) }),
    z.object({ action: z.literal("role"), nick: z.string(), role: z.enum(["moderator", "participant", "visitor"]) }),
    z.object({ action: z.literal("affiliation"), jid: z.string(), affiliation: z.enum(["admin", "member"]) }),
    z.object({ action: z.literal("subject"), subject: z.string() }),
  ]),
  "irc-gateway.enable": anyInput,
  "irc-gateway.disable": anyInput,
  "dns.check": anyInput,
  "compliance.check": anyInput,
  "certificate.issue": z.object({
    source: z.enum(["acme", "internal"]).default("acme"),
    /** Why the worker asked for it itself. */
    reason: z.enum(["free-address", "renewal"]).optional(),
  }),
  "backup.create": anyInput,
  "backup.restore": z.object({ backupId: id }),
  "domain.restore": z.object({ backupId: id, sourceInstanceId: id, targetInstanceId: id }),
  "domain.move": z.object({ sourceInstanceId: id, targetInstanceId: id }),
  "domain.export": anyInput,
  "domain.import": z.object({ storageKey: z.string().min(1) }),
} as const satisfies Record<OperationType, z.ZodType>;

/** The input as a handler reads it. */
export type OperationInput<T extends OperationType> = z.output<(typeof operationInputs)[T]>;
/** The input as core writes it. */
export type OperationInputIn<T extends OperationType> = z.input<(typeof operationInputs)[T]>;

export function parseOperationInput<T extends OperationType>(
  type: T,
  input: unknown,
): { ok: true; input: OperationInput<T> } | { ok: false; reason: string } {
  const parsed = operationInputs[type].safeParse(input ?? {});
  return parsed.success
    ? { ok: true, input: parsed.data as OperationInput<T> }
    : { ok: false, reason: `malformed ${type} input: ${z.prettifyError(parsed.error)}` };
}

type ResourceKey = "instanceId" | "domainId";

interface ScheduleSpec {
  job: JobName;
  /** The scheduler's id, or for a schedule per resource its prefix (the resource id follows). */
  id: string;
  /** For a schedule per resource: the payload field that carries the resource id. */
  resource?: ResourceKey;
  /** An existing schedule with the same interval keeps its next run, and the first run waits one interval. */
  keepNextRun?: boolean;
  /** How many finished jobs Redis keeps, where the default (all) is too many. */
  keep?: number;
}

/** Every repeating job: its scheduler id and the job it runs. Intervals come from configuration or state. */
export const scheduleCatalogue = {
  sweep: { job: "maintenance.sweep", id: "sweep" },
  supervise: { job: "maintenance.supervise", id: "supervise" },
  sync: { job: "maintenance.sync", id: "sync" },
  "renew-certificates": { job: "maintenance.renew-certificates", id: "renew-certificates" },
  "health-rollup": { job: "maintenance.health-rollup", id: "health-rollup" },
  "expire-history": { job: "maintenance.expire-history", id: "expire-history" },
  /** One probe per instance; a probe every few seconds would otherwise fill Redis with finished jobs. */
  probe: { job: "instance.probe", id: "probe:", resource: "instanceId", keep: 200 },
  /** Adaptive: often while failing, rarely while healthy. */
  dns: { job: "domain.dns-check", id: "dns:", resource: "domainId" },
  /** From the instance's backup interval; a worker restart must not push backups back. */
  backup: { job: "instance.scheduled-backup", id: "backup:", resource: "instanceId", keepNextRun: true },
  /** Every domain's compliance score, daily; a worker restart must not push it back. */
  compliance: { job: "domain.compliance-check", id: "compliance:", resource: "domainId", keepNextRun: true },
  /** Domains on shared servers, daily, so that each can be restored on its own. */
  "domain-backup": {
    job: "domain.scheduled-backup",
    id: "backup:domain:",
    resource: "domainId",
    keepNextRun: true,
  },
} as const satisfies Record<string, ScheduleSpec>;

export type ScheduleName = keyof typeof scheduleCatalogue;
export type ResourceScheduleName = {
  [S in ScheduleName]: (typeof scheduleCatalogue)[S] extends { resource: ResourceKey } ? S : never;
}[ScheduleName];
export type FixedScheduleName = Exclude<ScheduleName, ResourceScheduleName>;
