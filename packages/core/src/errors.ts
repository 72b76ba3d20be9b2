export type ErrorCode =
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "precondition_failed"
  | "quota_exceeded"
  | "unprocessable"
  | "registration_closed"
  | "invite_expired"
  | "invite_used_up"
  | "invite_revoked"
  | "rate_limited"
  | "unavailable"
  | "internal";

/**
 * Why a field was refused, beside the English message, so that a client can say it in its reader's language. The
 * API's schema validation adds Ajv's own (too_small, too_large, invalid_pattern, invalid_format, wrong_type,
 * not_allowed, unknown_field).
 */
export type FieldCode =
  | "required"
  | "too_short"
  | "too_long"
  | "invalid"
  | "invalid_email"
  | "invalid_url"
  | "invalid_domain"
  | "invalid_username"
  | "invalid_characters"
  | "taken"
  | "reserved"
  | "offensive"
  | "unavailable"
  | "quota_reached"
  | "out_of_range"
  | "not_found"
  | "contains_personal_info"
  | "too_common"
  | "not_saslprep";

/** The values a code's text needs ({ min: 10 }, { max: 100 }). */
export type FieldParams = Record<string, string | number>;

export interface FieldError {
  field: string;
  message: string;
  code?: FieldCode;
  params?: FieldParams;
}

function fieldError(field: string, message: string, code?: FieldCode, params?: FieldParams): FieldError {
  return { field, message, ...(code ? { code } : {}), ...(params ? { params } : {}) };
}

/** The one error type core throws; the API maps `code` to an HTTP status. */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }

  static field(field: string, message: string, code?: FieldCode, params?: FieldParams): AppError {
    return new AppError("validation_failed", `${field}: ${message}`, [fieldError(field, message, code, params)]);
  }

  /** Well-formed input the request cannot go ahead with (a reserved or malformed username, a short password). */
  static unprocessable(field: string, message: string, code?: FieldCode, params?: FieldParams): AppError {
    return new AppError("unprocessable", `${field}: ${message}`, [fieldError(field, message, code, params)]);
  }

  static notFound(what: string): AppError {
    return new AppError("not_found", `${what} not found`);
  }
}
