import { randomBytes } from "node:crypto";
import type { Domain, Instance, Placement, RuntimeKind, ServerKind } from "@xmpp-host/db";
import { serverKind } from "@xmpp-host/xmpp";
import { authorize, loadOwned } from "../access.ts";
import { auditedChange } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { type DomainWithGateway, withGateway } from "../irc-gateways/service.ts";
import { PermanentError } from "../operations/handler.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";

const PORTS_LOCK = 0x78685f706f727473n; // "xh_ports"

/** Where and how the worker may open servers' ports: its range, its address, and its check that one is free. */
export interface PortPool {
  range: [number, number];
  bindAddress: string;
  isFree(port: number): Promise<boolean>;
}

export type InstancePorts = {
  c2sPort: number;
  s2sPort: number;
  httpPort: number;
  /** Direct TLS for chat apps (XEP-0368). Null on a server not restarted since the platform added it. */
  directTlsPort: number | null;
  /** HTTPS for web clients (WebSocket, BOSH, host-meta). Null like directTlsPort. */
  httpsPort: number | null;
};

const PORT_COLUMNS = ["c2sPort", "s2sPort", "httpPort", "directTlsPort", "httpsPort"] as const;

/**
 * The server's ports (c2s, s2s, http, direct TLS, https), given once from the worker's range, skipping ports in use
 * by anything; a server keeps the ones it has and gets only those it lacks (a server from before direct TLS gets
 * that port at its next start). Under a lock held until the ports are recorded, so that servers started at once
 * never pick the same ones.
 */
export function assignPorts(ctx: Pick<CoreContext, "db">, instanceId: string, pool: PortPool): Promise<InstancePorts> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PORTS_LOCK})`;
    const instance = await tx.instance.findUniqueOrThrow({ where: { id: instanceId } });
    const missing = PORT_COLUMNS.filter((c) => instance[c] === null);
    if (missing.length === 0) return portsOf(instance);
    const used = await usedPorts(tx);
    const [start, end] = pool.range;
    const found: number[] = [];
    for (let p = start; p <= end && found.length < missing.length; p++) {
      if (!used.has(p) && (await pool.isFree(p))) found.push(p);
    }
    if (found.length < missing.length) {
      throw new AppError("unavailable", "no free ports left in the instance port range", { reason: "no_free_ports" });
    }
    const given = Object.fromEntries(missing.map((c, i) => [c, found[i]]));
    const updated = await tx.instance.update({
      where: { id: instanceId },
      data: { ...given, ...(instance.c2sPort === null ? { host: pool.bindAddress } : {}) },
    });
    return portsOf(updated);
  });
}

type PortTx = Pick<CoreContext["db"], "instance">;

async function usedPorts(tx: PortTx): Promise<Set<number | null>> {
  const rows = await tx.instance.findMany({
    select: { c2sPort: true, s2sPort: true, httpPort: true, directTlsPort: true, httpsPort: true, componentPort: true },
  });
  return new Set(
    rows.flatMap((r) => [r.c2sPort, r.s2sPort, r.httpPort, r.directTlsPort, r.httpsPort, r.componentPort]),
  );
}

/**
 * The server's loopback port for components (a domain's IRC gateway), given from the worker's range the first time
 * a gateway needs it, under the same lock as the other ports; a server that has one keeps it.
 */
export function assignComponentPort(ctx: Pick<CoreContext, "db">, instanceId: string, pool: PortPool): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PORTS_LOCK})`;
    const instance = await tx.instance.findUniqueOrThrow({ where: { id: instanceId } });
    if (instance.componentPort !== null) return instance.componentPort;
    const used = await usedPorts(tx);
    const [start, end] = pool.range;
    for (let p = start; p <= end; p++) {
      if (used.has(p) || !(await pool.isFree(p))) continue;
      await tx.instance.update({ where: { id: instanceId }, data: { componentPort: p } });
      return p;
    }
    throw new AppError("unavailable", "no free ports left in the instance port range", { reason: "no_free_ports" });
  });
}

/** A server's ports, which exist once it was first started. */
export function portsOf(
  instance: Pick<Instance, "c2sPort" | "s2sPort" | "httpPort" | "directTlsPort" | "httpsPort">,
): InstancePorts {
  const { c2sPort, s2sPort, httpPort, directTlsPort, httpsPort } = instance;
  if (c2sPort === null || s2sPort === null || httpPort === null) {
    throw new PermanentError("the server has no ports yet: it has not been started");
  }
  return { c2sPort, s2sPort, httpPort, directTlsPort, httpsPort };
}

/** A chat server's name is for people: any text, short enough to fit a phone's screen. */
export const INSTANCE_NAME_MAX = 40;

function checkName(name: string): string {
  const value = name.trim();
  if (value.length === 0) throw AppError.field("name", "is required", "required");
  if (value.length > INSTANCE_NAME_MAX) {
    throw AppError.field("name", `must be at most ${INSTANCE_NAME_MAX} characters`, "too_long", {
      max: INSTANCE_NAME_MAX,
    });
  }
  return value;
}

export async function createInstance(
  ctx: CoreContext,
  actor: Actor,
  tenantId: string,
  input: { name: string; server?: ServerKind; runtime?: RuntimeKind; placement?: Placement },
) {
  await authorize(ctx, actor, tenantId, "write");
  const name = checkName(input.name);
  const server = input.server ?? "prosody";
  const runtime = ctx.settings.runtime ?? "local";
  if ((input.runtime ?? runtime) !== runtime) {
    throw AppError.field("runtime", `this platform runs servers on ${runtime}`, "not_allowed", { allowed: runtime });
  }
  if ((input.placement ?? "dedicated") !== "dedicated") {
    throw AppError.field("placement", "shared instances are created by operators; choose dedicated", "not_allowed", {
      allowed: "dedicated",
    });
  }
  const { resource: instance, operation } = await startOperation(ctx, actor, {
    // Ports are given by the worker when it first starts the server.
    change: (tx) =>
      tx.instance.create({
        data: { tenantId, name, server, runtime, placement: "dedicated", ...adminSecretFor(ctx, server) },
      }),
    operation: (instance) => ({ type: "instance.create", ...target("instance", instance) }),
    audit: () => ({ action: "instance.created", data: { name } }),
  });
  return { instance, operation };
}

/**
 * The admin password of a server administered over HTTP (ejabberd), generated per instance and sealed; Prosody is
 * administered through its local socket and needs none.
 */
export function adminSecretFor(ctx: Pick<CoreContext, "secrets">, server: ServerKind) {
  return serverKind(server).adminPassword
    ? { adminSecretEncrypted: ctx.secrets.encrypt(randomBytes(24).toString("base64url")) }
    : {};
}

/** An instance with all its domains, for the worker rendering its configuration; null once it is gone. */
export function instanceWithDomains(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
): Promise<(Instance & { domains: DomainWithGateway[] }) | null> {
  return ctx.db.instance.findUnique({ where: { id: instanceId }, include: { domains: { include: withGateway } } });
}

/** The same, for jobs that cannot go on without it (Prisma's not-found error otherwise). */
export function instanceWithDomainsOrThrow(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
): Promise<Instance & { domains: DomainWithGateway[] }> {
  return ctx.db.instance.findUniqueOrThrow({
    where: { id: instanceId },
    include: { domains: { include: withGateway } },
  });
}

/** An instance for the platform's own jobs (no actor); null once it is gone. */
export function findInstance(ctx: Pick<CoreContext, "db">, instanceId: string): Promise<Instance | null> {
  return ctx.db.instance.findUnique({ where: { id: instanceId } });
}

/** The same, for jobs that cannot go on without it (Prisma's not-found error otherwise). */
export function getInstance(ctx: Pick<CoreContext, "db">, instanceId: string): Promise<Instance> {
  return ctx.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
}

/** Instances the supervisor keeps running: wanted running, on the local runtime, running or failed to start. */
export function instancesToSupervise(ctx: Pick<CoreContext, "db">): Promise<(Instance & { domains: Domain[] })[]> {
  return ctx.db.instance.findMany({
    where: { desiredState: "running", status: { in: ["running", "failed"] }, runtime: "local" },
    include: { domains: true },
  });
}

/** The server runs under another process than recorded (adopted after a worker restart). */
export async function recordInstancePid(ctx: Pick<CoreContext, "db">, instanceId: string, pid: number | null) {
  await ctx.db.instance.update({ where: { id: instanceId }, data: { pid } });
}

/** The supervisor restarted a server that had stopped; the tenant's events say so. */
export async function recordInstanceRestarted(
  ctx: Pick<CoreContext, "db">,
  instance: Pick<Instance, "id" | "tenantId" | "pid">,
  pid: number | null,
): Promise<void> {
  await ctx.db.instance.update({ where: { id: instance.id }, data: { pid, lastError: null } });
  await ctx.db.auditEvent.create({
    data: {
      tenantId: instance.tenantId,
      action: "instance.restarted_after_exit",
      resourceType: "instance",
      resourceId: instance.id,
      data: { oldPid: instance.pid, newPid: pid },
    },
  });
}

export async function recordInstanceRestartFailed(
  ctx: Pick<CoreContext, "db">,
  instanceId: string,
  message: string,
): Promise<void> {
  await ctx.db.instance.update({ where: { id: instanceId }, data: { lastError: `restart failed: ${message}` } });
}

/** Loads an instance the actor may see, or not_found. */
export function loadInstance(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  need: "read" | "write",
): Promise<Instance> {
  return loadOwned(ctx, actor, "instance", ctx.db.instance.findUnique({ where: { id: instanceId } }), need);
}

export async function listInstances(ctx: CoreContext, actor: Actor, tenantId: string, page: Page) {
  await authorize(ctx, actor, tenantId, "read");
  return pageOf(page, (q) => ctx.db.instance.findMany({ where: { tenantId }, orderBy: { id: "asc" }, ...q }));
}

export async function updateInstance(ctx: CoreContext, actor: Actor, instanceId: string, input: { name?: string }) {
  const instance = await loadInstance(ctx, actor, instanceId, "write");
  if (input.name === undefined) return instance;
  const name = checkName(input.name);
  return auditedChange(
    ctx,
    actor,
    (tx) => tx.instance.update({ where: { id: instance.id }, data: { name } }),
    (updated) => ({ action: "instance.updated", ...target("instance", updated), data: { name } }),
  );
}

export async function instanceAction(
  ctx: CoreContext,
  actor: Actor,
  instanceId: string,
  action: "start" | "stop" | "restart",
) {
  const instance = await loadInstance(ctx, actor, instanceId, "write");
  if (instance.status === "deleting")
    throw new AppError("conflict", "the instance is being deleted", { reason: "instance_deleting" });
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) =>
      tx.instance.update({
        where: { id: instance.id },
        data: { desiredState: action === "stop" ? "stopped" : "running" },
      }),
    operation: () => ({ type: `instance.${action}`, ...target("instance", instance) }),
    audit: () => ({ action: `instance.${action}` }),
  });
  return operation;
}

export async function deleteInstance(ctx: CoreContext, actor: Actor, instanceId: string, force: boolean) {
  const instance = await loadInstance(ctx, actor, instanceId, "write");
  const domains = await ctx.db.domain.count({ where: { instanceId } });
  if (domains > 0 && !force) {
    throw new AppError(
      "precondition_failed",
      `the instance still has ${domains} domain(s); repeat with ?force=true to delete them too`,
      [{ field: "force", message: "must be true to delete an instance that has domains", code: "confirm_delete" }],
    );
  }
  const { operation } = await startOperation(ctx, actor, {
    change: async (tx) => {
      await tx.instance.update({ where: { id: instance.id }, data: { status: "deleting", desiredState: "stopped" } });
      await tx.domain.updateMany({ where: { instanceId }, data: { state: "deleting" } });
    },
    operation: () => ({ type: "instance.delete", ...target("instance", instance), input: { force } }),
    audit: () => ({ action: "instance.deleted", data: { force } }),
  });
  return operation;
}

/**
 * Runs `fn` holding the server's advisory lock, across every worker, for as long as it runs: the one writer of
 * its configuration.
 */
export function holdInstanceLock<T>(ctx: Pick<CoreContext, "db">, instanceId: string, fn: () => Promise<T>) {
  return ctx.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`xh-instance:${instanceId}`}))`;
      return fn();
    },
    // Starting a server or reloading one with hundreds of hosts can take a while.
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** Keeps the configuration files as last written for a server (secrets already replaced by the worker). */
export async function recordRenderedConfiguration(
  ctx: CoreContext,
  instanceId: string,
  files: { path: string; content: string }[],
): Promise<void> {
  await ctx.db.instance.updateMany({
    where: { id: instanceId },
    data: { renderedConfig: files, renderedAt: new Date() },
  });
}

/**
 * The expert view: a server's configuration as the platform last wrote it. Operators only (it shows every
 * domain of a shared server), and each look is audited.
 */
export async function renderedConfiguration(ctx: CoreContext, actor: Actor, instanceId: string) {
  if (!actor.isOperator || actor.token) {
    throw new AppError("forbidden", "only platform operators read server configurations", {
      reason: "operators_only",
    });
  }
  const instance = await ctx.db.instance.findUnique({
    where: { id: instanceId },
    select: { id: true, tenantId: true, server: true, renderedConfig: true, renderedAt: true },
  });
  if (!instance) throw AppError.notFound("instance");
  await auditedChange(
    ctx,
    actor,
    async () => null,
    () => ({ action: "instance.configuration_viewed", ...target("instance", instance) }),
  );
  const files = Array.isArray(instance.renderedConfig)
    ? (instance.renderedConfig as { path: string; content: string }[])
    : [];
  return { server: instance.server, renderedAt: instance.renderedAt, files };
}

/** Where a server runs (ISO 3166-1 alpha-2, lower case), set by operators; null: the platform's own region. */
export async function setInstanceRegion(ctx: CoreContext, actor: Actor, instanceId: string, region: string | null) {
  if (!actor.isOperator || actor.token) {
    throw new AppError("forbidden", "only platform operators say where servers run", { reason: "operators_only" });
  }
  if (region !== null && !/^[a-z]{2}$/.test(region)) {
    throw AppError.field("region", "must be a two-letter country code such as fr", "invalid");
  }
  const instance = await ctx.db.instance.findUnique({
    where: { id: instanceId },
    select: { id: true, tenantId: true },
  });
  if (!instance) throw AppError.notFound("instance");
  return auditedChange(
    ctx,
    actor,
    (tx) => tx.instance.update({ where: { id: instanceId }, data: { region }, select: { id: true, region: true } }),
    () => ({ action: "instance.region_set", ...target("instance", instance), data: { region } }),
  );
}
