import { createHash } from "node:crypto";
import type { Operation } from "@xmpp-host/db";
import type { OperationInput } from "@xmpp-host/queue/catalogue";
import { loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { webPublicUrl } from "../invites/service.ts";
import { startOperation } from "../operations/service.ts";
import { type ImportRowCode, parseMembersFile } from "./csv.ts";

export type ImportMode = "accounts" | "invites";
export const IMPORT_MODES: readonly ImportMode[] = ["accounts", "invites"];

/** How long the one-time download of an import's passwords (or invite links) waits to be taken. */
export const IMPORT_DOWNLOAD_DAYS = 7;

/** What became of one row of the file. */
export type ImportRowOutcome =
  | { line: number; username: string; outcome: "created"; jid: string }
  | { line: number; username: string; outcome: "existing"; jid: string }
  | { line: number; username: string; outcome: "invited"; inviteId: string; emailed: boolean }
  | { line: number; username: string; outcome: "failed"; code: ImportRowCode | string; message: string };

/** The operation's result: the counts and every row's outcome, in the file's order. */
export interface ImportReport {
  mode: ImportMode;
  domain: string;
  fileName: string | null;
  counts: { rows: number; created: number; existing: number; invited: number; emailed: number; failed: number };
  rows: ImportRowOutcome[];
  /** Whether a one-time download (passwords, or invite links) was prepared. */
  download: boolean;
}

/**
 * The sealed one-time download of an import lives in PlatformSecret rows named `import:<operation id>:<chunk>`,
 * written in the same transaction as the chunk's accounts or invites (so that a retried job finds the passwords it
 * already gave), never shown by any view, and deleted by the download itself.
 */
export function importSecretPrefix(operationId: string): string {
  return `import:${operationId}:`;
}

/**
 * Starts a bulk import into a domain: the file is checked here (refused as a whole when it cannot be read, each bad
 * row listed), then one operation creates the valid rows' accounts or invites in chunks, with its progress.
 */
export async function startImport(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  input: { mode: ImportMode; file: Uint8Array; fileName?: string | null },
): Promise<Operation> {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (!IMPORT_MODES.includes(input.mode))
    throw AppError.field("mode", "must be accounts or invites", "not_allowed", { allowed: "accounts, invites" });
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  if (input.mode === "invites" && domain.registration === "closed") {
    throw new AppError("conflict", "invites need the domain's registration policy to be invite or open", [
      { field: "registration", message: "is closed; set it to invite or open first", code: "registration_closed" },
    ]);
  }
  const fileName = input.fileName ? input.fileName.slice(0, 255) : null;
  const { rows, errors } = parseMembersFile(input.file);
  const importInput: OperationInput<"accounts.import"> = {
    mode: input.mode,
    fileName,
    fileSha256: createHash("sha256").update(input.file).digest("hex"),
    rows,
    errors,
  };
  // Downloads nobody took are erased after their time.
  await purgeExpiredDownloads(ctx);
  const { operation } = await startOperation(ctx, actor, {
    change: async () => domain,
    operation: () => ({
      type: "accounts.import",
      tenantId: domain.tenantId,
      resourceType: "domain",
      resourceId: domain.id,
      input: importInput,
    }),
    audit: () => ({
      action: "account.import_started",
      data: { domain: domain.name, mode: input.mode, count: rows.length + errors.length, refused: errors.length },
    }),
  });
  return operation;
}

async function purgeExpiredDownloads(ctx: CoreContext): Promise<void> {
  await ctx.db.platformSecret.deleteMany({
    where: {
      name: { startsWith: "import:" },
      createdAt: { lt: new Date(Date.now() - IMPORT_DOWNLOAD_DAYS * 86_400_000) },
    },
  });
}

/** An import of a tenant the actor may run imports in; not found otherwise (another tenant's does not exist). */
export async function loadImport(ctx: CoreContext, actor: Actor, importId: string): Promise<Operation> {
  const found = ctx.db.operation.findFirst({ where: { id: importId, type: "accounts.import" } });
  return loadOwned(ctx, actor, "import", found, "write");
}

/** The import as the dashboard shows it: the operation, and whether its one-time download is still there. */
export async function getImport(ctx: CoreContext, actor: Actor, importId: string) {
  const op = await loadImport(ctx, actor, importId);
  const waiting = await ctx.db.platformSecret.count({ where: { name: { startsWith: importSecretPrefix(op.id) } } });
  return { operation: op, downloadAvailable: waiting > 0 && op.status === "succeeded" };
}

/** One chunk's sealed part of the download: each row's password (accounts) or invite link (invites), by line. */
export type SealedChunk = Record<string, { password?: string; inviteId?: string; token?: string; emailed?: boolean }>;

/**
 * The import's one-time download as CSV, erased in the same statement that reads it: a second download (or one after
 * the time it waits) finds nothing and is refused with not_found.
 */
export async function takeImportDownload(
  ctx: CoreContext,
  actor: Actor,
  importId: string,
): Promise<{ fileName: string; csv: string }> {
  const op = await loadImport(ctx, actor, importId);
  if (op.status !== "succeeded") {
    throw new AppError("conflict", "the import has not finished", [
      { field: "importId", message: "has not finished", code: "unavailable" },
    ]);
  }
  const taken = await ctx.db.$queryRaw<{ name: string; valueEncrypted: string }[]>`
    DELETE FROM "PlatformSecret" WHERE name LIKE ${`${importSecretPrefix(op.id)}%`} RETURNING name, "valueEncrypted"`;
  if (taken.length === 0) {
    throw new AppError("not_found", "this import's download was already taken, or its time ran out", [
      { field: "importId", message: "was already downloaded", code: "unavailable" },
    ]);
  }
  const sealed: SealedChunk = Object.assign(
    {},
    ...taken.map((row) => JSON.parse(ctx.secrets.decrypt(row.valueEncrypted)) as SealedChunk),
  );
  const report = op.result as unknown as ImportReport | null;
  const lines: string[][] = [];
  if (report?.mode === "invites") {
    lines.push(["username", "email", "link", "emailed"]);
    const emails = new Map(
      ((op.input as { rows?: { line: number; email: string | null }[] }).rows ?? []).map((r) => [r.line, r.email]),
    );
    const base = webPublicUrl(ctx);
    for (const row of report.rows) {
      const secret = sealed[row.line];
      if (row.outcome !== "invited" || !secret?.token) continue;
      lines.push([
        row.username,
        emails.get(row.line) ?? "",
        `${base}/join/${secret.token}`,
        row.emailed ? "yes" : "no",
      ]);
    }
  } else {
    lines.push(["username", "address", "password"]);
    for (const row of report?.rows ?? []) {
      const secret = sealed[row.line];
      if (row.outcome !== "created" || !secret?.password) continue;
      lines.push([row.username, row.jid, secret.password]);
    }
  }
  const base = (report?.fileName ?? "members").replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_") || "members";
  return {
    fileName: `${base}-${report?.mode === "invites" ? "invites" : "passwords"}.csv`,
    csv: `${lines.map((l) => l.map(csvField).join(",")).join("\r\n")}\r\n`,
  };
}

/** A CSV field, quoted when it needs to be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
