/**
 * Delivering mail. Mails are queued in the outbox (lib/dal/mails, in the transaction of the change
 * that causes them) and delivered by the queue's worker through the transport chosen here: Resend
 * with RESEND_API_KEY, otherwise the outbox itself (readable at /dev/outbox outside production) and
 * a log line.
 */
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { resendTransport } from "./resend";
import type { MailTransport } from "./types";

export type { OutgoingMail } from "./types";
export { DeliveryFailure } from "./types";

const outboxTransport: MailTransport = {
  kind: "outbox",
  async deliver(mail) {
    log().info({ template: mail.template, locale: mail.locale, subject: mail.subject }, "mail kept in the outbox (/dev/outbox)");
    return { providerId: null };
  },
};

let transport: MailTransport | undefined;

export function getMailTransport(): MailTransport {
  if (!transport) {
    const { resendApiKey, mailFrom, resendBaseUrl } = env();
    transport = resendApiKey ? resendTransport(resendApiKey, mailFrom, resendBaseUrl) : outboxTransport;
  }
  return transport;
}

/** Tests deliver through a transport of their own. */
export function useMailTransport(t: MailTransport | undefined): void {
  transport = t;
}
