export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Which template produced it (`acknowledgement`, `answer`…), for the outbox and statistics. */
  template: string;
  locale: string;
  reportId?: string | null;
  /** The letter sent with it as a PDF (lib/dal/letters), read at delivery. */
  letterId?: string | null;
};

/** A file a mail carries, as the transport sends it. */
export type MailAttachment = { filename: string; content: Buffer; contentType: string };

/**
 * Why a delivery failed, as the worker needs to know it: `refused` for good (an invalid recipient:
 * trying again changes nothing, the mail is dead at once), `rate_limited` (try again after
 * `retryAfterMs`), `unavailable` (the provider is down or unreachable: try again later).
 */
export class DeliveryFailure extends Error {
  constructor(
    readonly kind: "refused" | "rate_limited" | "unavailable",
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "DeliveryFailure";
  }
}

/**
 * A way of delivering mail. Returns the provider's message id. `idempotencyKey` is the same at every
 * attempt of one mail: a provider that saw it already answers the first attempt's id instead of
 * mailing twice (an attempt whose answer was lost is retried safely). Throws DeliveryFailure.
 */
export interface MailTransport {
  readonly kind: "outbox" | "resend";
  deliver(mail: OutgoingMail & { attachments?: MailAttachment[] }, options: { idempotencyKey: string }): Promise<{ providerId: string | null }>;
}
