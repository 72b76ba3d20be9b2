import { isUniqueViolation, type RegistrationBlock } from "@xmpp-host/db";
import { loadOwned } from "../access.ts";
import type { Actor, CoreContext } from "../context.ts";
import { loadDomain } from "../domains/service.ts";
import { AppError } from "../errors.ts";
import { type Page, pageOf, startOperation, target } from "../operations/service.ts";
import { inAnyRange, parseCidr } from "./cidr.ts";

export const REGISTRATION_BLOCK_LIMITS = { note: 200, perDomain: 1000 } as const;

export function blockView(b: RegistrationBlock) {
  return { id: b.id, domainId: b.domainId, cidr: b.cidr, note: b.note, createdAt: b.createdAt };
}

/** Refuses a registration from a blocked address (403 registration_blocked), whatever the way in. */
export async function checkNotBlocked(ctx: CoreContext, domainId: string, ip: string | undefined): Promise<void> {
  if (!ip) return;
  const blocks = await ctx.db.registrationBlock.findMany({ where: { domainId }, select: { cidr: true } });
  if (
    inAnyRange(
      ip,
      blocks.map((b) => b.cidr),
    )
  )
    throw new AppError("registration_blocked", "registrations from your network are not accepted here");
}

export async function listRegistrationBlocks(ctx: CoreContext, actor: Actor, domainId: string, page: Page) {
  await loadDomain(ctx, actor, domainId, "write");
  return pageOf(
    page,
    (q) => ctx.db.registrationBlock.findMany({ where: { domainId }, orderBy: { id: "asc" }, ...q }),
    blockView,
  );
}

/** Blocks an address or range and re-renders the server's configuration, whose in-band registration refuses it too. */
export async function createRegistrationBlock(
  ctx: CoreContext,
  actor: Actor,
  domainId: string,
  input: { cidr: string; note?: string },
) {
  const domain = await loadDomain(ctx, actor, domainId, "write");
  if (domain.state === "deleting")
    throw new AppError("conflict", "the domain is being deleted", { reason: "domain_deleting" });
  const cidr = parseCidr(typeof input.cidr === "string" ? input.cidr : "");
  if (!cidr)
    throw AppError.field("cidr", "must be an IPv4 or IPv6 address, or a network such as 198.51.100.0/24", "invalid");
  const note = (input.note ?? "").trim();
  if (note.length > REGISTRATION_BLOCK_LIMITS.note)
    throw AppError.field("note", `must be at most ${REGISTRATION_BLOCK_LIMITS.note} characters`, "too_long", {
      max: REGISTRATION_BLOCK_LIMITS.note,
    });
  if ((await ctx.db.registrationBlock.count({ where: { domainId } })) >= REGISTRATION_BLOCK_LIMITS.perDomain)
    throw AppError.field("cidr", `a domain holds at most ${REGISTRATION_BLOCK_LIMITS.perDomain} blocks`, "too_many", {
      max: REGISTRATION_BLOCK_LIMITS.perDomain,
    });
  try {
    const { resource: block, operation } = await startOperation(ctx, actor, {
      change: (tx) =>
        tx.registrationBlock.create({
          data: { tenantId: domain.tenantId, domainId, cidr: cidr.text, note, createdById: actor.userId },
        }),
      operation: () => ({
        type: "domain.update",
        ...target("domain", domain),
        input: { settings: ["registrationBlocks"] },
      }),
      audit: (block) => ({ action: "registration_block.created", data: { blockId: block.id, cidr: cidr.text, note } }),
    });
    return { block: blockView(block), operation };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", `${cidr.text} is already blocked`, [
        { field: "cidr", message: "is already blocked", code: "taken" },
      ]);
    throw err;
  }
}

export async function deleteRegistrationBlock(ctx: CoreContext, actor: Actor, blockId: string) {
  const block = await loadOwned(
    ctx,
    actor,
    "registration block",
    ctx.db.registrationBlock.findUnique({ where: { id: blockId }, include: { domain: true } }),
    "write",
  );
  const { operation } = await startOperation(ctx, actor, {
    change: (tx) => tx.registrationBlock.delete({ where: { id: block.id } }),
    operation: () => ({
      type: "domain.update",
      ...target("domain", block.domain),
      input: { settings: ["registrationBlocks"] },
    }),
    audit: () => ({ action: "registration_block.deleted", data: { blockId: block.id, cidr: block.cidr } }),
  });
  return operation;
}
