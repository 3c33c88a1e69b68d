/** Resend, switched on by RESEND_API_KEY (sender: MAIL_FROM, a domain verified at Resend). */
import { Resend } from "resend";
import type { MailTransport } from "./types";

export function resendTransport(apiKey: string, from: string): MailTransport {
  const client = new Resend(apiKey);
  return {
    kind: "resend",
    async deliver(mail) {
      const { data, error } = await client.emails.send({ from, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html });
      if (error) throw new Error(`Resend refused the mail: ${error.name}: ${error.message}`);
      return { providerId: data?.id ?? null };
    },
  };
}
