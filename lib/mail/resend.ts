/**
 * Resend, switched on by RESEND_API_KEY (sender: MAIL_FROM, a domain verified at Resend;
 * RESEND_BASE_URL points it elsewhere, e.g. the tests' stand-in). `POST /emails` with an
 * `Idempotency-Key` per mail; its answers are sorted for the worker: 429 → wait `retry-after`,
 * 400/422 (an invalid address, a malformed mail) and 409 `invalid_idempotent_request` (the key was
 * used for another mail) → refused for good, anything else (5xx, unreachable, 401/403 while a key
 * is being fixed, 409 `concurrent_idempotent_requests`) → try again.
 */
import { Resend } from "resend";
import { DeliveryFailure, type MailTransport } from "./types";

/** A call that hangs is given up after this long (the worker retries it). */
const TIMEOUT_MS = 15_000;

export function resendTransport(apiKey: string, from: string, baseUrl?: string): MailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    kind: "resend",
    async deliver(mail, { idempotencyKey }) {
      const { data, error, headers } = await client.emails.send(
        {
          from,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.attachments?.length
            ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content.toString("base64"), contentType: a.contentType })) }
            : {}),
        },
        {
          idempotencyKey,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        } as Parameters<typeof client.emails.send>[1],
      );
      if (!error) return { providerId: data?.id ?? null };
      throw failureOf(error as { name?: string; message?: string; statusCode?: number | null }, headers ?? null);
    },
  };
}

/** Sorts a Resend error answer (exported for its test). */
export function failureOf(error: { name?: string; message?: string; statusCode?: number | null }, headers: Record<string, string> | null): DeliveryFailure {
  const status = error.statusCode ?? null;
  const what = `Resend ${status ?? "unreachable"}: ${error.name ?? "error"}: ${error.message ?? ""}`.trim();
  if (status === 429 || error.name === "rate_limit_exceeded" || error.name === "daily_quota_exceeded") {
    const seconds = Number(headers?.["retry-after"]);
    return new DeliveryFailure("rate_limited", what, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
  }
  if (
    status === 400 ||
    status === 422 ||
    error.name === "validation_error" ||
    error.name === "invalid_parameter" ||
    error.name === "invalid_idempotent_request"
  ) {
    return new DeliveryFailure("refused", what);
  }
  return new DeliveryFailure("unavailable", what);
}
