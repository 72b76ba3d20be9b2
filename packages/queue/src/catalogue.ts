import { z } from "zod";

/** Payloads carry ids only; handlers re-read the state from the database. */
const operationPayload = z.object({ operationId: z.string().min(1) });
const noPayload = z.object({}).strict();
const domainPayload = z.object({ domainId: z.string().min(1) });
const backupPayload = z.object({ backupId: z.string().min(1) });
const instancePayload = z.object({ instanceId: z.string().min(1) });
const notificationPayload = z.object({ notificationId: z.string().min(1) });

interface JobSpec<S extends z.ZodType> {
  queue: "operations" | "maintenance" | "checks" | "probes" | "alerts";
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
  "account.register": operation,
  "invite.create": operation,
  "invite.revoke": operation,
  /** Emails a tenant invitation to the address it was made for. */
  "member.invite": operation,
  "room.create": operation,
  "room.update": operation,
  "room.members": operation,
  "room.delete": operation,
  "dns.check": operation,
  "certificate.issue": operation,
  "backup.create": operation,
  "backup.restore": operation,
  "domain.restore": operation,
  "domain.dns-check": check,
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
  "maintenance.sweep": maintenance,
  "maintenance.sync": maintenance,
  "maintenance.supervise": maintenance,
  "maintenance.renew-certificates": maintenance,
  "maintenance.health-rollup": maintenance,
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
