/**
 * Sending mail. Every mail is recorded in the `mails` table; with RESEND_API_KEY it is also
 * delivered by Resend, otherwise the table is the outbox (readable at /dev/outbox outside
 * production) and a log line says a mail was written.
 */
import { recordMail } from "@/lib/dal/mails";
import { env } from "@/lib/env";
import { resendTransport } from "./resend";
import type { MailTransport, OutgoingMail } from "./types";
import { log } from "@/lib/log";

export type { OutgoingMail } from "./types";

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
    const { resendApiKey, mailFrom } = env();
    transport = resendApiKey ? resendTransport(resendApiKey, mailFrom) : outboxTransport;
  }
  return transport;
}

/** Delivers a mail and records it, with the provider's id or the error. Never throws on delivery. */
export async function sendMail(mail: OutgoingMail): Promise<{ delivered: boolean }> {
  const t = getMailTransport();
  try {
    const { providerId } = await t.deliver(mail);
    await recordMail(mail, { transport: t.kind, providerId, sentAt: new Date() });
    return { delivered: true };
  } catch (error) {
    log().error({ err: error, transport: t.kind, template: mail.template }, "mail delivery failed");
    await recordMail(mail, { transport: t.kind, error: error instanceof Error ? error.message : String(error) });
    return { delivered: false };
  }
}
