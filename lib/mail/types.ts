export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Which template produced it (`acknowledgement`, `answer`…), for the outbox and statistics. */
  template: string;
  locale: string;
  reportId?: string | null;
};

/** A way of delivering mail. Returns the provider's message id. */
export interface MailTransport {
  readonly kind: "outbox" | "resend";
  deliver(mail: OutgoingMail): Promise<{ providerId: string | null }>;
}
