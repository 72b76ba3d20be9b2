import { serverKind } from "@xmpp-host/xmpp";
import { activateAccount, markAccountFailed, operationSecret, requireAccount } from "../accounts/handlers.ts";
import type { CoreContext } from "../context.ts";
import {
  type OperationContext,
  type OperationHandlers,
  PermanentError,
  type Progress,
  type TypedOperation,
} from "../operations/handler.ts";
import { roomJid } from "../rooms/service.ts";
import { inviteStatus, inviteUri } from "./service.ts";

/** The account's name exists on the server with another password: someone registered it in-band first. */
export class UsernameTakenError extends PermanentError {
  override readonly name: string = "UsernameTakenError";
}

/**
 * Makes the server's invite store match the invite: an active invite is stored under the same token (so the
 * XEP-0401 URI works in clients), any other is removed. Idempotent.
 */
export async function syncInviteToken(
  ctx: OperationContext,
  inviteId: string,
): Promise<{ token: "stored" | "removed" | "web_only" }> {
  const invite = await ctx.db.invite.findUnique({
    where: { id: inviteId },
    include: { domain: { include: { instance: true } } },
  });
  if (!invite) return { token: "removed" };
  // A server with no invite store of its own: the invite works through the platform's web page alone.
  if (!serverKind(invite.domain.instance.server).features.inBandInvites) return { token: "web_only" };
  const driver = ctx.services.driverFor(invite.domain.instance);
  const token = ctx.secrets.decrypt(invite.tokenEncrypted);
  if (inviteStatus(invite) !== "active" || invite.domain.state === "deleting") {
    await driver.deleteInvite(invite.domain.name, token);
    return { token: "removed" };
  }
  const inviter = invite.inviterAccountId
    ? await ctx.db.account.findUnique({ where: { id: invite.inviterAccountId } })
    : null;
  const rooms = invite.rooms.length ? await ctx.db.room.findMany({ where: { id: { in: invite.rooms } } }) : [];
  const inviterJid = inviter ? `${inviter.localpart}@${invite.domain.name}` : null;
  await driver.putInvite(invite.domain.name, {
    token,
    jid: inviterJid ?? invite.domain.name,
    inviter: inviterJid !== null,
    uri: inviteUri(invite.domain.name, token, inviterJid),
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    reusable: invite.maxUses > 1,
    data: {
      xh_invite: invite.id,
      xh_max_uses: invite.maxUses,
      // Prosody adds its own in-band registrations to this: give it only the platform's.
      xh_uses: invite.uses - invite.serverUses,
      xh_rooms: rooms.map((r) => roomJid(r, invite.domain.name)),
      xh_room_names: rooms.map((r) => r.title),
    },
  });
  return { token: "stored" };
}

/** Undoes what a registration request recorded, as one change: the name was taken on the server meanwhile. */
async function undoRegistration(ctx: CoreContext, accountId: string, jid: string, inviteId: string | undefined) {
  await ctx.db.$transaction(async (tx) => {
    await tx.account.delete({ where: { id: accountId } });
    if (inviteId) {
      await tx.$executeRaw`UPDATE "Invite" SET uses = uses - 1 WHERE id = ${inviteId} AND uses > 0`;
      await tx.$executeRaw`UPDATE "Room" SET members = array_remove(members, ${jid}) WHERE ${jid} = ANY(members)`;
    }
  });
}

/**
 * A self-service registration (open domain or invite link): the server account, then for an invite its
 * rooms (membership and autojoin bookmarks), the inviter as a mutual contact, and the token's new state.
 * Every step is idempotent, so a retry after a crash finishes the same work once.
 */
async function registerAccount(ctx: OperationContext, op: TypedOperation<"account.register">, progress: Progress) {
  const { account, jid, instance } = await requireAccount(ctx, op.resourceId);
  const driver = ctx.services.driverFor(instance);
  const inviteId = op.input.inviteId;
  await progress(20, "creating the account");
  const outcome = await driver.registerAccount(jid, operationSecret(ctx, op));
  if (outcome === "taken") {
    await undoRegistration(ctx, account.id, jid, inviteId);
    throw new UsernameTakenError(`${jid} already exists on the server`);
  }
  await activateAccount(ctx, account.id);
  const rooms: string[] = [];
  let inviter: string | null = null;
  const invite = inviteId ? await ctx.db.invite.findUnique({ where: { id: inviteId } }) : null;
  if (invite) {
    const found = invite.rooms.length
      ? await ctx.db.room.findMany({ where: { id: { in: invite.rooms }, state: "active" } })
      : [];
    await progress(40, "joining the rooms");
    for (const room of found) {
      const roomAddress = roomJid(room, account.domain.name);
      await driver.addRoomMember(roomAddress, jid);
      rooms.push(roomAddress);
    }
    await driver.addBookmarks(
      jid,
      found.map((r) => ({ jid: roomJid(r, account.domain.name), name: r.title })),
    );
    const inviterAccount = invite.inviterAccountId
      ? await ctx.db.account.findUnique({ where: { id: invite.inviterAccountId } })
      : null;
    if (inviterAccount && inviterAccount.state === "active") {
      await progress(70, "adding the inviter as a contact");
      inviter = `${inviterAccount.localpart}@${account.domain.name}`;
      await driver.addMutualContacts(inviter, jid);
    }
    await progress(90, "updating the invite on the server");
    await syncInviteToken(ctx, invite.id);
  }
  return { jid, outcome, rooms, inviter };
}

export const inviteHandlers = {
  "invite.create": { run: (ctx, op) => syncInviteToken(ctx, op.resourceId) },
  "invite.revoke": { run: (ctx, op) => syncInviteToken(ctx, op.resourceId) },
  "account.register": { run: registerAccount, failed: markAccountFailed },
} satisfies OperationHandlers<"invite.create" | "invite.revoke" | "account.register">;
