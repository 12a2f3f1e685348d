/**
 * Domain errors with a stable code and no HTTP types: the web layer maps codes to status codes,
 * the CLI prints the message on one line and exits non-zero.
 */
export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "conflict"
  /** A plausible-but-unusual input (e.g. a large year-on-year change) that the user must confirm. */
  | "confirmation_required"
  | "rate_limited"
  /** A request body (or a field of it) over its limit. */
  | "too_large"
  /** The server is busy with others' work (the shared upload readers' queue is full): try again after a while. */
  | "unavailable"
  | "migration_failed"
  /** JSON or a value kept in the database that does not have the shape the code expects (db/stored-json.ts). */
  | "stored_data_invalid";

/**
 * The only error the domain and services throw across their boundary for a user's or data's fault: a stable `code`
 * (mapped once to an HTTP status by the web layer and to an exit code by the CLI), a Japanese message naming the place
 * that is shown as it is, and `details` for the caller. Anything else reaching the edge is a bug (500, 予期しないエラー).
 */
export class GyokakuError extends Error {
  override readonly name = "GyokakuError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra facts for the caller, e.g. { retryAfterSeconds: 60 } or a per-field list. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * True when `error` is a GyokakuError (the edges' catch blocks tell a user's fault from a bug with it). Never throws.
 */
export function isGyokakuError(error: unknown): error is GyokakuError {
  return error instanceof GyokakuError;
}

/**
 * True when `error` is a GyokakuError("invalid_input"): the one refusal a catch that turns an error into a message for
 * the user may take. Anything else (a TypeError, another code) is a bug or another outcome, and is thrown on. Never throws.
 */
export function isInvalidInput(error: unknown): error is GyokakuError {
  return error instanceof GyokakuError && error.code === "invalid_input";
}
