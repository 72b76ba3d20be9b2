import type { Domain, Instance, Prisma } from "@xmpp-host/db";
import { accountsLeft } from "../accounts/service.ts";
import { syncInviteToken } from "../invites/handlers.ts";
import { INVITE_LIMITS, inviteStatus, webPublicUrl } from "../invites/service.ts";
import {
  type OperationContext,
  type OperationHandlers,
  PermanentError,
  type Progress,
  type TypedOperation,
} from "../operations/handler.ts";
import { generatePassword, randomToken, sha256 } from "../secrets.ts";
import type { ImportRowCode, MemberRow } from "./csv.ts";
import { type ImportReport, type ImportRowOutcome, importSecretPrefix, type SealedChunk } from "./service.ts";

/** Rows per chunk: one transaction (one quota check, one insert) and one batch of server calls each. */
export const IMPORT_CHUNK = 250;

type ImportOp = TypedOperation<"accounts.import">;
type ImportDomain = Domain & { instance: Instance };
type Outcomes = Map<number, ImportRowOutcome>;

function failed(row: Pick<MemberRow, "line" | "username">, code: ImportRowCode, message: string): ImportRowOutcome {
  return { line: row.line, username: row.username, outcome: "failed", code, message };
}

async function readSealed(ctx: OperationContext, name: string): Promise<SealedChunk> {
  const found = await ctx.db.platformSecret.findUnique({ where: { name } });
  return found ? (JSON.parse(ctx.secrets.decrypt(found.valueEncrypted)) as SealedChunk) : {};
}

function writeSealed(ctx: OperationContext, tx: Prisma.TransactionClient, name: string, sealed: SealedChunk) {
  const valueEncrypted = ctx.secrets.encrypt(JSON.stringify(sealed));
  return tx.platformSecret.upsert({ where: { name }, create: { name, valueEncrypted }, update: { valueEncrypted } });
}

function auditOf(op: ImportOp) {
  return { tenantId: op.tenantId, actorUserId: op.actorUserId, actorTokenId: op.actorTokenId };
}

/**
 * One chunk of accounts. In one transaction: the quota (the tenant's row locked, then one count), the rows already
 * there, the new accounts (one insert, marked with the import), their audit entries and their sealed passwords. Then
 * the server gets them all in one call. A retry finds the accounts this import made with the passwords it gave them,
 * so each row is done once.
 */
async function importAccountsChunk(
  ctx: OperationContext,
  op: ImportOp,
  domain: ImportDomain,
  chunk: MemberRow[],
  index: number,
  outcomes: Outcomes,
): Promise<void> {
  const name = `${importSecretPrefix(op.id)}${index}`;
  const sealed = await readSealed(ctx, name);
  const toServer = await ctx.db.$transaction(async (tx) => {
    const room = await accountsLeft(ctx, tx, domain);
    const existing = await tx.account.findMany({
      where: { domainId: domain.id, localpart: { in: chunk.map((r) => r.username) } },
      select: { id: true, localpart: true, importId: true },
    });
    const byName = new Map(existing.map((a) => [a.localpart, a]));
    let left = room.left;
    const again: { row: MemberRow; id: string; password: string }[] = [];
    const fresh: { row: MemberRow; password: string }[] = [];
    for (const row of chunk) {
      const jid = `${row.username}@${domain.name}`;
      const found = byName.get(row.username);
      if (found?.importId === op.id) {
        // Made by this import in an attempt that did not finish: the same password, from the sealed chunk.
        const password = sealed[row.line]?.password ?? generatePassword();
        sealed[row.line] = { password };
        again.push({ row, id: found.id, password });
      } else if (found?.importId) {
        outcomes.set(row.line, { line: row.line, username: row.username, outcome: "existing", jid });
      } else if (found) {
        outcomes.set(row.line, failed(row, "taken", `${jid} already exists`));
      } else if (left > 0) {
        left--;
        fresh.push({ row, password: generatePassword() });
      } else if (room.limit.code === "quota_reached") {
        outcomes.set(
          row.line,
          failed(row, "quota_reached", `the tenant's account quota (${room.limit.quota}) is reached`),
        );
      } else {
        outcomes.set(row.line, failed(row, "address_full", `this address holds at most ${room.limit.max} accounts`));
      }
    }
    const created = fresh.length
      ? await tx.account.createManyAndReturn({
          data: fresh.map(({ row }) => ({
            tenantId: domain.tenantId,
            domainId: domain.id,
            localpart: row.username,
            importId: op.id,
          })),
          select: { id: true, localpart: true },
        })
      : [];
    const ids = new Map(created.map((a) => [a.localpart, a.id]));
    if (created.length) {
      await tx.auditEvent.createMany({
        data: created.map((a) => ({
          ...auditOf(op),
          action: "account.imported",
          resourceType: "account",
          resourceId: a.id,
          data: { jid: `${a.localpart}@${domain.name}`, importId: op.id },
        })),
      });
    }
    for (const f of fresh) sealed[f.row.line] = { password: f.password };
    if (fresh.length || again.length) await writeSealed(ctx, tx, name, sealed);
    return [...again, ...fresh.map((f) => ({ ...f, id: ids.get(f.row.username) ?? "" }))];
  });
  if (toServer.length === 0) return;
  await ctx.services.driverFor(domain.instance).createAccounts(
    toServer.map(({ row, password }) => ({
      jid: `${row.username}@${domain.name}`,
      password,
      displayName: row.displayName,
    })),
  );
  await ctx.db.account.updateMany({
    where: { id: { in: toServer.map((a) => a.id) } },
    data: { state: "active", lastSeenOnServerAt: new Date() },
  });
  for (const { row } of toServer) {
    outcomes.set(row.line, {
      line: row.line,
      username: row.username,
      outcome: "created",
      jid: `${row.username}@${domain.name}`,
    });
  }
}

/** The invites earlier imports into this domain made, still active, by the username of their row. */
async function earlierInvites(ctx: OperationContext, op: ImportOp): Promise<Map<string, string>> {
  const earlier = await ctx.db.operation.findMany({
    where: {
      type: "accounts.import",
      resourceType: "domain",
      resourceId: op.resourceId,
      status: "succeeded",
      id: { not: op.id },
    },
    select: { result: true },
  });
  const byName = new Map<string, string>();
  for (const e of earlier) {
    for (const row of (e.result as unknown as ImportReport | null)?.rows ?? []) {
      if (row.outcome === "invited") byName.set(row.username, row.inviteId);
    }
  }
  if (byName.size === 0) return byName;
  const active = await ctx.db.invite.findMany({ where: { id: { in: [...byName.values()] } } });
  const live = new Set(active.filter((i) => inviteStatus(i) === "active").map((i) => i.id));
  for (const [username, id] of byName) if (!live.has(id)) byName.delete(username);
  return byName;
}

async function emailInvite(
  ctx: OperationContext,
  importId: string,
  domain: ImportDomain,
  row: MemberRow,
  token: string,
  expiresAt: Date,
): Promise<boolean> {
  if (!row.email) return false;
  const url = `${webPublicUrl(ctx)}/join/${token}`;
  const until = expiresAt.toISOString().slice(0, 10);
  const greeting = row.displayName ?? row.username;
  return ctx.services.sendEmail({
    to: row.email,
    subject: `Your invitation to chat on ${domain.name} / Votre invitation à discuter sur ${domain.name}`,
    text: [
      `Hello ${greeting},`,
      `You are invited to make yourself a chat account on ${domain.name}. Open this link (it works until ${until}):`,
      url,
      `The username suggested for you: ${row.username}`,
      "",
      `Bonjour ${greeting},`,
      `Vous êtes invité·e à créer votre compte de discussion sur ${domain.name}. Ouvrez ce lien (valable jusqu'au ${until}) :`,
      url,
      `Le nom d'utilisateur proposé pour vous : ${row.username}`,
      "",
      "If you did not expect this, ignore this message. / Si vous ne vous y attendiez pas, ignorez ce message.",
    ].join("\n"),
    // Names the import and the row, so that a bounce can be traced to the report.
    headers: { "X-Import-Row": `${importId}#${row.line}` },
  });
}

/**
 * One chunk of invites: in one transaction the invites (one insert), their audit entries and their sealed links;
 * then each token goes to the server's invite store and, where the row has an address, the link by email.
 */
async function importInvitesChunk(
  ctx: OperationContext,
  op: ImportOp,
  domain: ImportDomain,
  chunk: MemberRow[],
  index: number,
  outcomes: Outcomes,
  invitedBefore: Map<string, string>,
): Promise<void> {
  const name = `${importSecretPrefix(op.id)}${index}`;
  const sealed = await readSealed(ctx, name);
  const expiresAt = new Date(Date.now() + INVITE_LIMITS.expiresIn.default * 1000);
  const pending = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.account.findMany({
      where: { domainId: domain.id, localpart: { in: chunk.map((r) => r.username) } },
      select: { localpart: true, importId: true },
    });
    const byName = new Map(existing.map((a) => [a.localpart, a]));
    const fresh: { row: MemberRow; token: string }[] = [];
    const again: MemberRow[] = [];
    for (const row of chunk) {
      const jid = `${row.username}@${domain.name}`;
      const account = byName.get(row.username);
      if (sealed[row.line]?.inviteId) again.push(row);
      else if (account?.importId || invitedBefore.has(row.username))
        outcomes.set(row.line, { line: row.line, username: row.username, outcome: "existing", jid });
      else if (account) outcomes.set(row.line, failed(row, "taken", `${jid} already exists`));
      else fresh.push({ row, token: randomToken("", 24) });
    }
    const invites = fresh.length
      ? await tx.invite.createManyAndReturn({
          data: fresh.map(({ token }) => ({
            tenantId: domain.tenantId,
            domainId: domain.id,
            tokenHash: sha256(token),
            tokenEncrypted: ctx.secrets.encrypt(token),
            maxUses: 1,
            rooms: [],
            expiresAt,
            createdById: op.actorUserId,
          })),
          select: { id: true, tokenHash: true },
        })
      : [];
    const idByHash = new Map(invites.map((i) => [i.tokenHash, i.id]));
    for (const { row, token } of fresh) sealed[row.line] = { inviteId: idByHash.get(sha256(token)) ?? "", token };
    if (invites.length) {
      await tx.auditEvent.createMany({
        data: invites.map((i) => ({
          ...auditOf(op),
          action: "invite.created",
          resourceType: "invite",
          resourceId: i.id,
          data: { domain: domain.name, maxUses: 1, rooms: [], inviterAccountId: null, importId: op.id },
        })),
      });
      await writeSealed(ctx, tx, name, sealed);
    }
    return [...again, ...fresh.map((f) => f.row)];
  });
  if (pending.length === 0) return;
  let mailed = false;
  for (const row of pending) {
    const secret = sealed[row.line];
    if (!secret?.inviteId || !secret.token) throw new Error(`the invite of line ${row.line} is missing`);
    await syncInviteToken(ctx, secret.inviteId);
    if (!secret.emailed && (await emailInvite(ctx, op.id, domain, row, secret.token, expiresAt))) {
      secret.emailed = true;
      mailed = true;
    }
    outcomes.set(row.line, {
      line: row.line,
      username: row.username,
      outcome: "invited",
      inviteId: secret.inviteId,
      emailed: secret.emailed === true,
    });
  }
  if (mailed) await ctx.db.$transaction((tx) => writeSealed(ctx, tx, name, sealed));
}

/** A bulk import: the rows in chunks, with the progress after each, then the report of every row. */
async function runImport(ctx: OperationContext, op: ImportOp, progress: Progress): Promise<ImportReport> {
  const domain = await ctx.db.domain.findUnique({ where: { id: op.resourceId }, include: { instance: true } });
  if (!domain) throw new PermanentError("the domain no longer exists");
  if (domain.state === "deleting") throw new PermanentError("the domain is being deleted");
  const { mode, rows } = op.input;
  const outcomes: Outcomes = new Map();
  for (const e of op.input.errors)
    outcomes.set(e.line, { line: e.line, username: e.username, outcome: "failed", code: e.code, message: e.message });
  const invitedBefore = mode === "invites" ? await earlierInvites(ctx, op) : new Map<string, string>();
  for (let i = 0; i * IMPORT_CHUNK < rows.length; i++) {
    const chunk = rows.slice(i * IMPORT_CHUNK, (i + 1) * IMPORT_CHUNK);
    const done = i * IMPORT_CHUNK;
    await progress(
      Math.min(99, Math.round((done / rows.length) * 100)),
      `rows ${done + 1}–${done + chunk.length} of ${rows.length}`,
    );
    if (mode === "accounts") await importAccountsChunk(ctx, op, domain, chunk, i, outcomes);
    else await importInvitesChunk(ctx, op, domain, chunk, i, outcomes, invitedBefore);
  }
  const report = [...outcomes.values()].sort((a, b) => a.line - b.line);
  const count = (outcome: ImportRowOutcome["outcome"]) => report.filter((r) => r.outcome === outcome).length;
  const invited = report.filter((r) => r.outcome === "invited");
  return {
    mode,
    domain: domain.name,
    fileName: op.input.fileName,
    counts: {
      rows: report.length,
      created: count("created"),
      existing: count("existing"),
      invited: invited.length,
      emailed: invited.filter((r) => r.outcome === "invited" && r.emailed).length,
      failed: count("failed"),
    },
    rows: report,
    download: count("created") + invited.length > 0,
  };
}

export const importHandlers = {
  "accounts.import": {
    run: async (ctx, op, progress) => (await runImport(ctx, op, progress)) as unknown as Prisma.InputJsonValue,
  },
} satisfies OperationHandlers<"accounts.import">;
