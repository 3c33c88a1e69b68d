/**
 * Typed errors: a code the interface translates (`report.errors.category_unknown`,
 * `forbidden:report`…), never a sentence built on the server, never a stack shown to a user.
 *
 * The codes are a closed union: a translated code is a key of the messages (lib/i18n/keys), so a
 * code without its translation fails `tsc`; a refusal is `forbidden:<surface>`, shown to the user as
 * `staff.errors.forbidden` (or a 403); the few internal codes never reach a translated interface.
 */
import type { MessageKey } from "@/lib/i18n/keys";

/** What a refusal is about: the surface the caller may not reach (or why: not signed in, no second factor). */
export type ForbiddenSurface =
  | "unauthenticated"
  | "second_factor_required"
  | "admin"
  | "report"
  | "reports"
  | "triage"
  | "desk"
  | "penalty"
  | "penalties"
  | "stats"
  | "outbox";
export type ForbiddenCode = `forbidden:${ForbiddenSurface}`;

/** A code the interface translates: any key under an `errors` namespace of the messages, and the reset link's refusal. */
export type TranslatedErrorCode = Extract<MessageKey, `${string}.errors.${string}`> | "passwordReset.invalidLink";

/** Codes answered by a route in its own terms (an Open311 error, a 503), never translated. */
export type InternalErrorCode = "open311.bad_request" | "open311.forbidden" | "open311.not_found" | "city:not_configured";

export type AppErrorCode = TranslatedErrorCode | ForbiddenCode | InternalErrorCode;

/** The part of the interface a code belongs to: `forbidden`, or the namespace of its message (`report`, `tracking`…). */
export type CodeArea<C extends string = AppErrorCode> = C extends `forbidden:${string}`
  ? "forbidden"
  : C extends `${infer Area}.${string}`
    ? Area
    : C extends `${infer Area}:${string}`
      ? Area
      : never;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(code, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The area of a code: `areaOf("forbidden:admin")` is `"forbidden"`, `areaOf("report.errors.file_type")` is `"report"`. */
export function areaOf<C extends AppErrorCode>(code: C): CodeArea<C> {
  return (code.startsWith("forbidden:") ? "forbidden" : code.split(/[.:]/, 1)[0]) as CodeArea<C>;
}

/** Whether the code is in one of these areas; narrows it to their codes. */
export function isCodeOf<A extends CodeArea>(
  code: AppErrorCode,
  ...areas: A[]
): code is Extract<AppErrorCode, `${A}.${string}` | (A extends "forbidden" ? ForbiddenCode : never)> {
  return (areas as string[]).includes(areaOf(code));
}

/** A code the interface has a message for (not a refusal's `forbidden:*`, not an internal code). */
export function isTranslated(code: AppErrorCode): code is TranslatedErrorCode {
  return !isForbidden(code) && !INTERNAL.has(code);
}
const INTERNAL = new Set<AppErrorCode>(["open311.bad_request", "open311.forbidden", "open311.not_found", "city:not_configured"] satisfies InternalErrorCode[]);

/** A refusal for want of a role, a scope or a signed-in account (`forbidden:*`). */
export function isForbidden(code: AppErrorCode): code is ForbiddenCode {
  return areaOf(code) === "forbidden";
}

/** The error is an `AppError` refusing access: a 403, the "not allowed" page or `staff.errors.forbidden`. */
export function isForbiddenError(error: unknown): error is AppError & { code: ForbiddenCode } {
  return isAppError(error) && isForbidden(error.code);
}
