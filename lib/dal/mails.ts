/**
 * The mails table. Written by the mail module only; read by the developers' outbox page, which
 * exists only outside production (it shows citizens' addresses).
 */
import { desc } from "drizzle-orm";
import { getDb } from "@/db";
import { mails } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { OutgoingMail } from "@/lib/mail/types";

export async function recordMail(
  mail: OutgoingMail,
  delivery: { transport: string; providerId?: string | null; sentAt?: Date; error?: string },
): Promise<void> {
  const db = await getDb();
  await db.insert(mails).values({
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    template: mail.template,
    locale: mail.locale,
    reportId: mail.reportId ?? null,
    transport: delivery.transport,
    providerId: delivery.providerId ?? null,
    error: delivery.error ?? null,
    sentAt: delivery.sentAt ?? null,
  });
}

export type OutboxMail = { id: string; to: string; subject: string; text: string; template: string; transport: string; createdAt: Date; error: string | null };

/** The latest mails, newest first. Refused in production. */
export async function listOutbox(options: { limit: number }): Promise<OutboxMail[]> {
  if (env().isProduction) throw new AppError("forbidden:outbox");
  const db = await getDb();
  return db
    .select({
      id: mails.id,
      to: mails.to,
      subject: mails.subject,
      text: mails.text,
      template: mails.template,
      transport: mails.transport,
      createdAt: mails.createdAt,
      error: mails.error,
    })
    .from(mails)
    .orderBy(desc(mails.createdAt))
    .limit(Math.min(Math.max(1, options.limit), 200));
}
