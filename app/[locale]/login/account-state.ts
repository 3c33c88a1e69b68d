/**
 * What the account forms (sign-in side and the staff's account page) get back: a code to translate,
 * the field it is about, and what to keep. A data-layer refusal names its field and, for a
 * throttle, when to try again (`AppError` details); anything else is logged with the request's id.
 */
import { isAppError, isForbidden, isTranslated } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/keys";
import { currentRequest } from "@/lib/request-log";

export type AccountFormState =
  | { status: "idle" }
  | { status: "ok"; code: MessageKey; recoveryCodes?: string[]; next?: string }
  | { status: "error"; code: MessageKey; field?: string; minutes?: number; requestId?: string };

export async function accountFailure(error: unknown, what: string): Promise<AccountFormState> {
  if (isAppError(error)) {
    if (isForbidden(error.code)) return { status: "error", code: "staff.errors.forbidden" };
    if (isTranslated(error.code)) {
      const seconds = typeof error.details?.retryAfterSeconds === "number" ? error.details.retryAfterSeconds : undefined;
      const field = typeof error.details?.field === "string" ? error.details.field : undefined;
      return { status: "error", code: error.code, ...(field ? { field } : {}), ...(seconds ? { minutes: Math.max(1, Math.ceil(seconds / 60)) } : {}) };
    }
  }
  const { requestId, log } = await currentRequest();
  log.error({ err: error }, what);
  return { status: "error", code: "staff.errors.server", requestId };
}
