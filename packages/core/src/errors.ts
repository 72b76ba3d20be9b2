/** The top-level codes of refusals; each maps to one HTTP status (apps/api errors plugin). */
export const errorCodes = [
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "precondition_failed",
  "quota_exceeded",
  "unprocessable",
  "registration_closed",
  "registration_blocked",
  "invite_expired",
  "invite_used_up",
  "invite_revoked",
  "reset_link_used",
  "reset_link_expired",
  "reset_link_revoked",
  "rate_limited",
  "two_factor_required",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * Why a field was refused, beside the English message, so that a client can say it in its reader's language. The
 * API's schema validation adds Ajv's own (too_small, too_large, invalid_pattern, invalid_format, wrong_type,
 * not_allowed, unknown_field).
 */
export const fieldCodes = [
  "required",
  "too_short",
  "too_long",
  "too_many",
  "invalid",
  "invalid_email",
  "invalid_url",
  "invalid_domain",
  "invalid_username",
  "invalid_jid",
  "invalid_characters",
  "not_allowed",
  "taken",
  "reserved",
  "offensive",
  "unavailable",
  "not_offered",
  "quota_reached",
  "address_full",
  "out_of_range",
  "not_found",
  "deleting",
  "not_running",
  "not_verified",
  "not_public",
  "has_credentials",
  "role_too_high",
  "confirm_delete",
  "registration_closed",
  "contains_personal_info",
  "too_common",
  "not_saslprep",
  "too_large",
] as const;
export type FieldCode = (typeof fieldCodes)[number];

/**
 * Why, finer than the code, for a refusal that names no field (the role it needs, what is under way), so that a
 * client can say it as precisely as the English detail.
 */
export const refusalReasons = [
  "needs_admin",
  "needs_owner",
  "support_view_read_only",
  "operators_only",
  "token_not_allowed",
  "token_invalid",
  "wrong_credentials",
  "invite_other_email",
  "instance_deleting",
  "domain_deleting",
  "account_deleting",
  "room_deleting",
  "domain_not_ready",
  "backup_under_way",
  "backup_not_ready",
  "move_under_way",
  "no_free_ports",
  "test_not_delivered",
  "account_not_created",
  "account_not_ready",
  "password_not_set",
  "not_supported_by_server",
  "room_moderation_unsupported",
  "not_in_room",
  "not_banned",
  "irc_gateway_unsupported",
  "irc_gateway_disabling",
  "irc_gateway_quota",
  "signup_already_approved",
  "signup_already_rejected",
  "email_not_configured",
  "wrong_code",
  "challenge_invalid",
  "two_factor_already_enabled",
  "two_factor_not_enabled",
  "two_factor_not_started",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** The values a code's text needs ({ min: 10 }, { max: 100 }). */
export type FieldParams = Record<string, string | number>;

export interface FieldError {
  field: string;
  message: string;
  code: FieldCode;
  params?: FieldParams;
}

function fieldError(field: string, message: string, code: FieldCode, params?: FieldParams): FieldError {
  return { field, message, code, ...(params ? { params } : {}) };
}

/** What a refusal carries besides its code and English words. */
export interface RefusalDetails {
  reason?: RefusalReason;
  /** The values the reason's words need. */
  params?: FieldParams;
  fields?: FieldError[];
}

/** The one error type core throws; the API maps `code` to an HTTP status. */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly fields: FieldError[];
  readonly reason: RefusalReason | undefined;
  readonly params: FieldParams | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: FieldError[] | RefusalDetails = [],
  ) {
    super(message);
    const d = Array.isArray(details) ? { fields: details } : details;
    this.fields = d.fields ?? [];
    this.reason = d.reason;
    this.params = d.params;
  }

  static field(field: string, message: string, code: FieldCode, params?: FieldParams): AppError {
    return new AppError("validation_failed", `${field}: ${message}`, [fieldError(field, message, code, params)]);
  }

  /** Well-formed input the request cannot go ahead with (a reserved or malformed username, a short password). */
  static unprocessable(field: string, message: string, code: FieldCode, params?: FieldParams): AppError {
    return new AppError("unprocessable", `${field}: ${message}`, [fieldError(field, message, code, params)]);
  }

  static notFound(what: string): AppError {
    return new AppError("not_found", `${what} not found`);
  }
}
