/**
 * Typed errors: a code the interface translates (`report.errors.category_unknown`,
 * `forbidden:report`…), never a sentence built on the server, never a stack shown to a user.
 */
export class AppError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(code, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
