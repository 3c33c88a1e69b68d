/**
 * The mail outbox (the `mails` table). A mail is written `queued`, with its delivery job, in the
 * transaction of the change that causes it (`queueMail`): a change that rolls back sends nothing, and
 * a committed one is delivered whatever happens to the process afterwards. The queue's worker
 * delivers it (`deliverMail`): sent, retrying with the reason, or dead. Read by the report's staff
 * page (its mails' delivery), by admins (/staff/admin/mails: what did not go out, "send again"), and
 * by the developers' outbox page, which exists only outside production (it shows citizens' addresses).
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, rowsOf, type Database } from "@/db";
import { mails, type MailState } from "@/db/schema";
import { canSeeCitizenContact, canSeeTrackingNumber, mayPerform, type ReportScope, type Viewer } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { DeliveryFailure, getMailTransport } from "@/lib/mail";
import type { OutgoingMail } from "@/lib/mail/types";
import { enqueue, enqueueMany, queueReady } from "@/lib/queue";
import { recordAudit } from "./audit";
import { letterAttachment } from "./letters";

/** What an erasure (lib/dal/privacy) leaves in a mail's address: such a mail is never sent. */
export const ERASED_ADDRESS = "[anonymised]";

/**
 * Writes a mail to the outbox and its delivery job, in the transaction `tx` (queueReady() awaited
 * before it began). Returns the mail's id, which is also its idempotency key at the provider.
 */
export async function queueMail(tx: Database, mail: OutgoingMail): Promise<string> {
  const [row] = await tx
    .insert(mails)
    .values({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      template: mail.template,
      locale: mail.locale,
      reportId: mail.reportId ?? null,
      letterId: mail.letterId ?? null,
      state: "queued",
    })
    .returning({ id: mails.id });
  await enqueue(tx, "mail.deliver", { mailId: row.id });
  return row.id;
}

/**
 * Writes many mails to the outbox and their delivery jobs in the transaction `tx`, in two statements
 * whatever their number (the rows go as one JSON parameter: no bind limit). For the tick's digests and
 * notices. Returns the mails' ids.
 */
export async function queueMails(tx: Database, batch: readonly OutgoingMail[]): Promise<string[]> {
  if (batch.length === 0) return [];
  const rows = batch.map((m) => ({
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    template: m.template,
    locale: m.locale,
    report_id: m.reportId ?? null,
    letter_id: m.letterId ?? null,
  }));
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into ${mails} ("to", subject, "text", html, template, locale, report_id, letter_id, state)
      select m."to", m.subject, m."text", m.html, m.template, m.locale, m.report_id, m.letter_id, 'queued'
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as m("to" text, subject text, "text" text, html text, template text, locale text, report_id uuid, letter_id uuid)
      returning id`),
  );
  await enqueueMany(
    tx,
    "mail.deliver",
    inserted.map((r) => ({ mailId: r.id })),
  );
  return inserted.map((r) => r.id);
}

/** Queues one mail in a transaction of its own (a mail that no change of data causes: a password reset, a digest). */
export async function queueMailNow(mail: OutgoingMail): Promise<string> {
  await queueReady();
  const db = await getDb();
  return db.transaction((tx) => queueMail(tx as unknown as Database, mail));
}

/** Until when the provider asked us to wait (429 `retry-after`): no call from this process before. */
let providerPausedUntil = 0;

/**
 * One delivery attempt of a queued mail, by the worker (`attempt`: pg-boss's retry count and limit).
 * Sent → recorded with the provider's id. Refused for good (an invalid address) or out of attempts →
 * dead. Otherwise the reason is recorded and the error thrown, so the queue tries again later. An
 * attempt on a mail already sent (a retried job whose first run got through) does nothing; one whose
 * answer was lost is answered by the provider from the idempotency key, never mailed twice.
 */
export async function deliverMail(mailId: string, attempt: { retryCount: number; retryLimit: number }): Promise<MailState | null> {
  const db = await getDb();
  const [mail] = await db.select().from(mails).where(eq(mails.id, mailId)).limit(1);
  if (!mail || mail.state === "sent" || mail.state === "dead") return mail?.state ?? null;
  const transport = getMailTransport();
  const record = (state: MailState, change: Partial<typeof mails.$inferInsert>) =>
    db
      .update(mails)
      .set({ state, attempts: sql`${mails.attempts} + 1`, transport: transport.kind, lastAttemptAt: new Date(), ...change })
      .where(and(eq(mails.id, mailId), inArray(mails.state, ["queued", "retrying"])));
  if (mail.to === ERASED_ADDRESS) {
    await record("dead", { error: "the recipient's data was erased before delivery" });
    return "dead";
  }
  const wait = providerPausedUntil - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60_000)));
  try {
    // The letter it carries, as issued (an erased one is no longer sent: the mail goes without it).
    const letter = mail.letterId ? await letterAttachment(mail.letterId) : null;
    const attachments = letter ? [{ filename: letter.name, content: letter.bytes, contentType: "application/pdf" }] : [];
    const { providerId } = await transport.deliver(
      {
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        template: mail.template,
        locale: mail.locale,
        reportId: mail.reportId,
        attachments,
      },
      { idempotencyKey: mail.id },
    );
    await record("sent", { providerId, sentAt: new Date(), error: null });
    return "sent";
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure("unavailable", error instanceof Error ? error.message : String(error));
    if (failure.kind === "rate_limited" && failure.retryAfterMs) providerPausedUntil = Math.max(providerPausedUntil, Date.now() + failure.retryAfterMs);
    const dead = failure.kind === "refused" || attempt.retryCount >= attempt.retryLimit;
    await record(dead ? "dead" : "retrying", { error: failure.message.slice(0, 1000) });
    log()[dead ? "error" : "warn"](
      { mailId, template: mail.template, kind: failure.kind, attempt: attempt.retryCount + 1 },
      dead ? "mail dead" : "mail delivery failed; will retry",
    );
    if (dead) return "dead";
    throw failure;
  }
}

export type MailDelivery = {
  id: string;
  template: string;
  to: string;
  state: MailState;
  attempts: number;
  transport: string | null;
  providerId: string | null;
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
};

const deliveryColumns = {
  id: mails.id,
  template: mails.template,
  to: mails.to,
  state: mails.state,
  attempts: mails.attempts,
  transport: mails.transport,
  providerId: mails.providerId,
  error: mails.error,
  createdAt: mails.createdAt,
  lastAttemptAt: mails.lastAttemptAt,
  sentAt: mails.sentAt,
};

/** An address shown to someone who may not read it: its first letter and its domain. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return at > 0 ? `${address[0]}…@${address.slice(at + 1)}` : "…";
}

/**
 * A report's mails and their delivery, for its staff page: to who may read the report and its
 * tracking number (not a delegate: these are the city's mails to the citizen); the addresses only to
 * who may see the citizen's contact.
 */
export async function mailsOfReport(viewer: Viewer | null, report: { id: string } & ReportScope): Promise<MailDelivery[]> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  const scope = { serviceId: report.serviceId, serviceDelegateId: report.serviceDelegateId };
  if (!mayPerform(viewer, "report.read", scope) || !canSeeTrackingNumber(viewer)) throw new AppError("forbidden:report");
  const db = await getDb();
  const rows = await db.select(deliveryColumns).from(mails).where(eq(mails.reportId, report.id)).orderBy(desc(mails.createdAt)).limit(50);
  return canSeeCitizenContact(viewer, scope) ? rows : rows.map((r) => ({ ...r, to: maskAddress(r.to) }));
}

/** For admins: the mails that have not gone out (dead first, then retrying, then waiting), and the counts by state. */
export async function listUndeliveredMails(viewer: Viewer | null, options: { limit?: number } = {}) {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "mail.read")) throw new AppError("forbidden:admin");
  const db = await getDb();
  const rows = await db
    .select(deliveryColumns)
    .from(mails)
    .where(sql`${mails.state} <> 'sent'`)
    .orderBy(sql`case ${mails.state} when 'dead' then 0 when 'retrying' then 1 else 2 end`, desc(mails.createdAt))
    .limit(Math.min(Math.max(1, options.limit ?? 100), 500));
  const counts = rowsOf<{ state: MailState; n: number }>(await db.execute(sql`select state, count(*)::int as n from mails group by state`));
  return {
    mails: rows.map((r) => ({ ...r, to: maskAddress(r.to) })),
    counts: Object.fromEntries(counts.map((c) => [c.state, c.n])) as Partial<Record<MailState, number>>,
  };
}

/** "Send again": a dead mail is queued anew (same mail, same idempotency key), audited. */
export async function sendMailAgain(viewer: Viewer | null, mailId: string): Promise<void> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "mail.resend")) throw new AppError("forbidden:admin");
  if (!/^[0-9a-f-]{36}$/.test(mailId)) throw new AppError("admin.errors.mail_unknown");
  await queueReady();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [mail] = await tx
      .update(mails)
      .set({ state: "queued", error: null })
      .where(and(eq(mails.id, mailId), eq(mails.state, "dead"), sql`${mails.to} <> ${ERASED_ADDRESS}`))
      .returning({ id: mails.id, template: mails.template, attempts: mails.attempts });
    if (!mail) throw new AppError("admin.errors.mail_not_dead");
    await enqueue(tx as unknown as Database, "mail.deliver", { mailId });
    await recordAudit(tx as unknown as Database, {
      actor: viewer,
      action: "mail.resend",
      targetType: "mail",
      targetId: mailId,
      before: { state: "dead", attempts: mail.attempts },
      after: { state: "queued", template: mail.template },
    });
  });
}

export type OutboxMail = { id: string; to: string; subject: string; text: string; template: string; state: MailState; createdAt: Date; error: string | null };

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
      state: mails.state,
      createdAt: mails.createdAt,
      error: mails.error,
    })
    .from(mails)
    .orderBy(desc(mails.createdAt))
    .limit(Math.min(Math.max(1, options.limit), 200));
}
