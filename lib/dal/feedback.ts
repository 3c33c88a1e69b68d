/**
 * "Is the problem fixed?" — the citizen's feedback on an answer, from the tracking page (whoever
 * holds the tracking number). A "no" puts the report back with its service, keeping its outcome (an
 * upheld complaint stays upheld, and so does any penalty); if a delegate was at fault, the mayor's
 * office is told.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, feedback, reportCategories, reportEvents, reports, services, users } from "@/db/schema";
import { computeDeadlines } from "@/lib/domain/deadlines";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { env } from "@/lib/env";
import { renderNotFixedAlert } from "@/lib/mail/templates";
import { getCity, loadWorkCalendar } from "./reference";

export async function submitFeedback(
  input: { trackingNumber: string; fixed: boolean; rating: number; comment: string },
  now = new Date(),
): Promise<{ reopened: boolean }> {
  const db = await getDb();
  const city = await getCity();
  const calendar = await loadWorkCalendar(city);
  let escalate: { trackingNumber: string; id: string } | null = null;
  const result = await db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: reports.id, status: reports.status, answeredAt: reports.answeredAt, outcome: reports.outcome, delegateId: services.delegateId })
      .from(reports)
      .innerJoin(services, eq(services.id, reports.serviceId))
      .where(eq(reports.trackingNumber, input.trackingNumber));
    // Unknown, not answered, or already rated: one answer, so that a guess learns nothing.
    if (!r) throw new AppError("tracking.feedback.errors.not_answered");
    if (r.status !== "answered" || !r.answeredAt) throw new AppError("tracking.feedback.errors.not_answered");
    const [row] = await tx
      .insert(feedback)
      .values({ reportId: r.id, answeredAt: r.answeredAt, fixed: input.fixed, rating: input.rating, comment: input.comment || null, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: feedback.id });
    if (!row) throw new AppError("tracking.feedback.errors.not_answered");
    await tx.insert(reportEvents).values({
      reportId: r.id,
      at: now,
      type: "feedback",
      actorRole: "citizen",
      internalNote: input.comment || null,
      data: { fixed: input.fixed, rating: input.rating },
    });
    if (input.fixed) return { reopened: false };
    // Not fixed: back to the service with a fresh response deadline; the outcome (and penalty) stand.
    const [main] = await tx
      .select({ triageHours: categories.triageHours, responseDays: categories.responseDays, dayCount: categories.responseDayCount })
      .from(reportCategories)
      .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
      .where(and(eq(reportCategories.reportId, r.id), eq(reportCategories.position, 0)));
    const due = computeDeadlines({ submittedAt: now, triageHours: main.triageHours, responseDays: main.responseDays, dayCount: main.dayCount, calendar });
    const updated = await tx
      .update(reports)
      .set({ status: "in_progress", responseDueAt: due.responseDueAt, updatedAt: now })
      .where(and(eq(reports.id, r.id), eq(reports.status, "answered")))
      .returning({ id: reports.id });
    if (updated.length === 0) throw new AppError("tracking.feedback.errors.not_answered");
    await tx.insert(reportEvents).values({
      reportId: r.id,
      at: now,
      type: "reopened",
      actorRole: "citizen",
      fromStatus: "answered",
      toStatus: "in_progress",
      data: { reason: "not_fixed" },
    });
    if (r.outcome === "upheld" && r.delegateId) escalate = { trackingNumber: input.trackingNumber, id: r.id };
    return { reopened: true };
  });
  if (escalate) await tellMayorOffice(escalate);
  return result;
}

/** An upheld complaint against a delegate is still not fixed: the mayor's office hears of it. */
async function tellMayorOffice(report: { trackingNumber: string; id: string }) {
  const db = await getDb();
  const office = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, "mayor_office"), eq(users.active, true)));
  const mail = renderNotFixedAlert({ trackingNumber: report.trackingNumber, url: `${env().appUrl}/staff/reports/${report.id}` });
  for (const u of office) await sendMail({ to: u.email, template: "staff.not_fixed", locale: "fr", reportId: report.id, ...mail });
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
