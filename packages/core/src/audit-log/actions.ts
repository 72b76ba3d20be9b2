import { type OperationType, operationTypes } from "@xmpp-host/queue/catalogue";

/**
 * Every action an audit entry records, in one place: `audit()` takes only these names, and the dashboard's two
 * dictionaries must word each one (their type check fails otherwise). A new action goes here first, under its
 * resource, with the data it carries noted when the dashboard's sentence uses it.
 */
export const RECORDED_ACTIONS = [
  // The organisation and the people who run it.
  "tenant.created",
  "tenant.two_factor_required",
  "tenant.two_factor_optional",
  "support.viewed", // { operatorUserId, member }
  "api_token.created",
  "api_token.revoked",
  "member_invite.created", // { role, email? }
  "member_invite.revoked",
  "member_invite.accepted", // { role }
  "audit.exported", // { format, rows, truncated, filters }
  // People's own sign-in (platform users).
  "user.password_reset_requested",
  "user.password_reset",
  "user.password_reset_by_operator", // { email }
  "user.two_factor_enabled",
  "user.two_factor_disabled",
  "user.recovery_codes_regenerated",
  "user.recovery_code_used", // { left }
  // Chat servers.
  "instance.created", // { name }
  "instance.updated", // { name }
  "instance.deleted", // { force }
  "instance.start",
  "instance.stop",
  "instance.restart",
  "instance.restarted_after_exit",
  "instance.configuration_viewed",
  "instance.region_set", // { region }
  // Domains and their settings.
  "domain.created", // { name }
  "domain.updated", // { registration }
  "domain.deleted", // { name }
  "domain.dns_check_requested",
  "domain.compliance_check_requested",
  "domain.compliance_badge_published",
  "domain.compliance_badge_hidden",
  "domain.settings_changed", // { <setting>: value }
  "domain.options_changed", // { options }
  "domain.logo_changed",
  "domain.logo_removed",
  "certificate.requested", // { source }
  // Who may sign up.
  "registration_block.created", // { cidr }
  "registration_block.deleted", // { cidr }
  "signup.requested", // { jid }
  "signup.approved", // { jid }
  "signup.rejected", // { jid }
  // Chat accounts.
  "account.created", // { jid }
  "account.deleted", // { jid }
  "account.password_reset",
  "account.registered", // { jid }
  "account.registered_with_invite", // { jid, inviteId }
  "account.suspended", // { jid, reason? }
  "account.unsuspended", // { jid }
  "account.reset_link_created", // { jid }
  "account.reset_link_revoked",
  "account.reset_link_used",
  "account.import_started", // { domain, count }
  "account.imported", // { jid }
  // Group chats.
  "room.created", // { jid }
  "room.updated",
  "room.members_set",
  "room.renamed", // { from, to }
  "room.deleted", // { jid }
  "room.occupant_kicked", // { room, occupant, reason? }
  "room.occupant_banned", // { room, occupant, reason? }
  "room.ban_lifted", // { room, occupant }
  "room.role_set", // { room, occupant, role }
  "room.affiliation_set", // { room, occupant, affiliation }
  "room.subject_set", // { room, subject }
  // Invite links to chat accounts.
  "invite.created", // { domain, maxUses, rooms, inviterAccountId }
  "invite.revoked",
  // Backups, gateways, alerts.
  "backup.requested", // { trigger, domainId? }
  "backup.restore_requested", // { backupId, moved? }
  "domain.move_requested", // { from, to, operator? }
  "domain.export_requested", // { domain }
  "domain.import_requested", // { name, users }
  "irc_gateway.enabled", // { address }
  "irc_gateway.disabled", // { address }
  "alert_channel.created", // { kind, name }
  "alert_channel.deleted",
] as const;

/** An action written by a change itself (see RECORDED_ACTIONS). */
export type RecordedAction = (typeof RECORDED_ACTIONS)[number];

/** The entry the worker writes when an operation succeeds: `<operation type>.succeeded` (operations/lifecycle.ts). */
export type OperationOutcomeAction = `${OperationType}.succeeded`;

export type AuditAction = RecordedAction | OperationOutcomeAction;

/** The whole catalogue: what a change records, then each operation's outcome. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...RECORDED_ACTIONS,
  ...operationTypes.map((type): OperationOutcomeAction => `${type}.succeeded`),
];

export function isAuditAction(name: string): name is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(name);
}
