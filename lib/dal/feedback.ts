/**
 * "Is the problem fixed?" — the citizen's feedback on an answer, from the tracking page (whoever
 * holds the tracking number). A "no" puts the report back with its service, keeping its outcome (an
 * upheld complaint stays upheld, and so does any penalty); if a delegate was at fault, the mayor's
 * office is told.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { feedback, reports, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { renderNotFixedAlert } from "@/lib/mail/templates";
import { staffLocale } from "@/lib/i18n/staff-locale";
import { applyCommand, inTransaction, loadForChange, type Work } from "./commands";
import { queueMail } from "./mails";
import { getCity, loadWorkCalendar } from "./reference";
import { reopenNotFixed } from "./report-workflow";

export async function submitFeedback(
  input: { trackingNumber: string; fixed: boolean; rating: number; comment: string },
  now = new Date(),
): Promise<{ reopened: boolean }> {
  // Unknown, not answered, or already rated: one answer, so that a guess learns nothing.
  const refused = "tracking.feedback.errors.not_answered";
  const calendar = await loadWorkCalendar(await getCity());
  return inTransaction(now, async (work) => {
    const { tx } = work;
    const [r] = await tx
      .select({ id: reports.id, answeredAt: reports.answeredAt, outcome: reports.outcome })
      .from(reports)
      .where(eq(reports.trackingNumber, input.trackingNumber));
    if (!r?.answeredAt) throw new AppError(refused);
    const report = await loadForChange(tx, r.id, refused);
    const [row] = await tx
      .insert(feedback)
      .values({ reportId: r.id, answeredAt: r.answeredAt, fixed: input.fixed, rating: input.rating, comment: input.comment || null, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: feedback.id });
    if (!row) throw new AppError(refused);
    await applyCommand(work, report, "give_feedback", "citizen", {
      internalNote: input.comment || null,
      data: { fixed: input.fixed, rating: input.rating },
      refused,
    });
    if (input.fixed) return { reopened: false };
    await reopenNotFixed(work, calendar, report);
    if (r.outcome === "upheld" && report.serviceDelegateId) await tellMayorOffice(work, { trackingNumber: input.trackingNumber, id: r.id });
    return { reopened: true };
  });
}

/** An upheld complaint against a delegate is still not fixed: the mayor's office hears of it, each in their language. */
async function tellMayorOffice({ tx, city }: Work, report: { trackingNumber: string; id: string }) {
  const office = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, "mayor_office"), eq(users.active, true)));
  const url = `${env().appUrl}/staff/reports/${report.id}`;
  for (const u of office) {
    const locale = staffLocale(u.locale, city.defaultLocale);
    const mail = renderNotFixedAlert({ trackingNumber: report.trackingNumber, url, locale });
    await queueMail(tx, { to: u.email, template: "staff.not_fixed", locale, reportId: report.id, ...mail });
  }
}

/** Whether the citizen may still give feedback on the current answer. */
export async function feedbackOpen(trackingNumber: string): Promise<boolean> {
  const db = await getDb();
  const [r] = await db
    .select({ id: reports.id, status: reports.status, answeredAt: reports.answeredAt })
    .from(reports)
    .where(eq(reports.trackingNumber, trackingNumber));
  if (r?.status !== "answered" || !r.answeredAt) return false;
  const [given] = await db
    .select({ id: feedback.id })
    .from(feedback)
    .where(and(eq(feedback.reportId, r.id), eq(feedback.answeredAt, r.answeredAt)));
  return !given;
}
