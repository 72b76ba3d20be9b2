export type ErrorCode =
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "precondition_failed"
  | "quota_exceeded"
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

  static notFound(what: string): AppError {
    return new AppError("not_found", `${what} not found`);
  }
}
