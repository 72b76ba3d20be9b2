import type { Domain, Instance, Operation, Prisma } from "@xmpp-host/db";
import type { OperationInput, OperationType } from "@xmpp-host/queue/catalogue";
import type { XmppServerDriver } from "@xmpp-host/xmpp";
import type { CoreContext } from "../context.ts";
import type { PortPool } from "../instances/service.ts";

/** A failure that retrying cannot fix: the operation fails at once. */
export class PermanentError extends Error {
  override readonly name: string = "PermanentError";
}

export type Progress = (percent: number, step: string) => Promise<void>;
export type OperationResult = Prisma.InputJsonValue | undefined;

/** The operation with its input read through the catalogue's schema for its type. */
export type TypedOperation<T extends OperationType> = Omit<Operation, "input"> & { input: OperationInput<T> };

/**
 * What a handler may do beyond the database: the worker's side effects on servers, DNS, stores and schedules.
 * The worker implements it; handlers say what to do and in which order, and keep the state in core.
 */
/** What the worker needs of an instance to reach its server's administration. */
export type AdministeredInstance = Pick<
  Instance,
  | "id"
  | "server"
  | "placement"
  | "host"
  | "c2sPort"
  | "s2sPort"
  | "httpPort"
  | "directTlsPort"
  | "httpsPort"
  | "adminSecretEncrypted"
>;

export interface OperationServices {
  /** The long-lived admin channel of a server. */
  driverFor(instance: AdministeredInstance): XmppServerDriver;
  /** Where the worker opens servers' ports. */
  ports: PortPool;
  /** Runs `fn` as the one writer of that server (across workers). */
  withInstanceLock<T>(instanceId: string, fn: () => Promise<T>): Promise<T>;
  /** Writes the server's certificates and configuration, starts it and activates its hosts. */
  startServer(instanceId: string, progress: Progress): Promise<{ pid: number | null; version: string }>;
  stopServer(instanceId: string): Promise<void>;
  /** Stops the server and removes all its files. */
  destroyServer(instanceId: string): Promise<void>;
  /** Removes the stored data, certificates and keys of hosts already deactivated. */
  removeHostData(instanceId: string, hosts: string[]): Promise<void>;
  /** Renders the configuration from the database and makes the running server match it, live. */
  applyConfiguration(instanceId: string): Promise<{ activated: string[]; deactivated: string[] }>;
  /** Makes sure the domain has a certificate where its server reads it. */
  ensureCertificate(instanceId: string, domain: Domain): Promise<boolean>;
  /** Publishes or removes a free address's records in the platform's zone; false when there is no zone. */
  publishPlatformRecords(domain: Domain, instance: Instance, publish: boolean): Promise<boolean>;
  /** Asks for a public certificate for a free address, where ACME is configured. */
  requestPublicCertificate(domainId: string, tenantId: string): Promise<unknown>;
  issueCertificate(domainId: string, source: "acme" | "internal", progress: Progress): Promise<OperationResult>;
  checkDomainDns(domainId: string): Promise<{ status: string; verified: boolean; durationMs: number } | null>;
  /**
   * Runs the compliance checker against the domain's server, keeps the run and opens or resolves the score-drop
   * alert; null when the domain no longer exists.
   */
  checkCompliance(
    domainId: string,
    trigger: "configuration" | "daily" | "manual",
  ): Promise<{ score: number; failing: string[]; durationMs: number } | { skipped: string } | null>;
  /** Starts re-checking a domain whose records fail (none when `status` passes); true while it watches. */
  watchDomainDns(domainId: string, status: string): Promise<boolean>;
  createBackup(backupId: string, progress: Progress): Promise<OperationResult>;
  restoreBackup(instanceId: string, backupId: string, progress: Progress): Promise<OperationResult>;
  restoreDomainBackup(
    domainId: string,
    input: OperationInput<"domain.restore">,
    progress: Progress,
  ): Promise<OperationResult>;
  /**
   * Moves a domain with its data to another server: copy (or convert, between kinds), brief freeze, switch, verify.
   * Files it places are named after the operation, so a retry after a crash finds them.
   */
  moveDomain(
    domainId: string,
    operationId: string,
    input: OperationInput<"domain.move">,
    progress: Progress,
  ): Promise<OperationResult>;
  /** Writes the domain's data as one XEP-0227 file, sealed in the backup store under the operation's id. */
  exportDomain(domainId: string, operationId: string, progress: Progress): Promise<OperationResult>;
  /** Fills a new domain from a stored XEP-0227 document, once the domain is set up on its server. */
  importDomain(
    domainId: string,
    operationId: string,
    input: OperationInput<"domain.import">,
    progress: Progress,
  ): Promise<OperationResult>;
  deleteStoredBackup(storageKey: string): Promise<void>;
  emailMemberInvite(memberInviteId: string): Promise<OperationResult>;
  /** Sends one plain-text mail through the platform's SMTP server; false when none is configured. */
  sendEmail(message: { to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<boolean>;
  /** The repeating jobs that follow a server (probes, backups): set when it runs, unset when it goes. */
  scheduleServer(instance: Pick<Instance, "id" | "backupIntervalHours">): Promise<void>;
  unscheduleServer(instanceId: string): Promise<void>;
  /** The repeating jobs that follow a domain (DNS checks, and its own backups on a shared server). */
  scheduleDomain(domain: Pick<Domain, "id">, instance: Pick<Instance, "placement" | "server">): Promise<void>;
  unscheduleDomain(domainId: string): Promise<void>;
  /** Starts (or adopts) the domain's IRC gateway process, joined to its server; rendered from the database. */
  startIrcGateway(domainId: string): Promise<{ pid: number }>;
  /** Stops the domain's IRC gateway and removes its files (its database too). */
  removeIrcGateway(domainId: string): Promise<void>;
  /** Removes a free address's gateway records (irc.DOMAIN) from the platform's zone. */
  unpublishIrcGatewayRecords(domain: Domain, instance: Instance): Promise<void>;
}

/** What a handler gets: core's context (state lives there) and the worker's services. */
export interface OperationContext extends CoreContext {
  services: OperationServices;
}

/** Makes the world match one operation; idempotent, so a retry after a crash finishes the same work once. */
export interface OperationHandler<T extends OperationType> {
  run(ctx: OperationContext, op: TypedOperation<T>, progress: Progress): Promise<OperationResult>;
  /** Marks the resource failed once the operation fails for good. */
  failed?(ctx: CoreContext, resourceId: string, message: string): Promise<void>;
}

/** A feature's handlers, keyed by operation type. */
export type OperationHandlers<T extends OperationType> = { [K in T]: OperationHandler<K> };
