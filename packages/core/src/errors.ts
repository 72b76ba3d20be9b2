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

export interface FieldError {
  field: string;
  message: string;
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

  static field(field: string, message: string): AppError {
    return new AppError("validation_failed", `${field}: ${message}`, [{ field, message }]);
  }

  /** Well-formed input the request cannot go ahead with (a reserved or malformed username, a short password). */
  static unprocessable(field: string, message: string): AppError {
    return new AppError("unprocessable", `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string): AppError {
    return new AppError("not_found", `${what} not found`);
  }
}
