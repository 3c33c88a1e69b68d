/**
 * What staff (and citizens answering a question) do to reports, each as one command of the
 * lifecycle (lib/domain/workflow) applied by lib/dal/commands: the permission and the move are
 * checked there, the report and its event written in one transaction — refused if the report
 * changed meanwhile — and the citizen told once it is committed. This file only decides what each
 * command writes beside its status. Reference data (the city, its calendar) is read before a
 * transaction, never inside: the embedded database has one connection.
 */
import { issueAnswerLetter } from "./letters";
import { and, eq, inArray } from "drizzle-orm";
import { categories, reportCategories, reports, services } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { computeDeadlines, extendForPause, pausedMilliseconds, type WorkCalendar } from "@/lib/domain/deadlines";
import type { AnswerInput, DelegateAccountInput } from "@/lib/domain/staff-input";
import { AppError } from "@/lib/errors";
import { claimUploads } from "./attachments";
import { applyCommand, inTransaction, loadForChange, type ReportState, type Work } from "./commands";
import { applyPenaltyRules } from "./penalties";
import { getCity, loadWorkCalendar } from "./reference";

/** Routes one or many reports to a service (coordinators). Re-routing a report in progress sends it back to `routed`. */
export async function routeReports(viewer: Viewer | null, input: { reportIds: string[]; serviceId: number; note: string }, now = new Date()) {
  if (!mayPerform(viewer, "report.route")) throw new AppError("forbidden:triage");
  await inTransaction(now, async (work) => {
    const [service] = await work.tx.select({ id: services.id }).from(services).where(eq(services.id, input.serviceId));
    if (!service) throw new AppError("staff.errors.service_unknown");
    // Locked in one order, so that two overlapping batches never wait for each other in a circle.
    for (const reportId of [...input.reportIds].sort()) {
      const report = await loadForChange(work.tx, reportId);
      const first = report.status === "submitted";
      await applyCommand(work, report, first ? "route" : "reroute", viewer, {
        set: { serviceId: input.serviceId, ...(first ? { routedAt: now } : {}) },
        internalNote: input.note || null,
        data: { serviceId: input.serviceId, fromServiceId: report.serviceId },
      });
    }
  });
}

/** The response deadline counted again from `from`, by the report's main category. */
async function freshResponseDeadline(work: Work, calendar: WorkCalendar, reportId: string, from: Date): Promise<Date> {
  const [main] = await work.tx
    .select({ triageHours: categories.triageHours, responseDays: categories.responseDays, dayCount: categories.responseDayCount })
    .from(reportCategories)
    .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
    .where(and(eq(reportCategories.reportId, reportId), eq(reportCategories.position, 0)));
  return computeDeadlines({ submittedAt: from, triageHours: main.triageHours, responseDays: main.responseDays, dayCount: main.dayCount, calendar })
    .responseDueAt;
}

/**
 * Fixes a report's categories (coordinators). The main category decides the service and the
 * response deadline: the report follows it, and a report already with a service is re-routed.
 */
export async function changeCategories(viewer: Viewer | null, input: { reportId: string; categoryIds: number[] }, now = new Date()) {
  const calendar = await loadWorkCalendar(await getCity());
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    const chosen = await work.tx
      .select()
      .from(categories)
      .where(and(inArray(categories.id, input.categoryIds), eq(categories.active, true)));
    if (chosen.length !== input.categoryIds.length) throw new AppError("staff.errors.category_unknown");
    const main = chosen.find((c) => c.id === input.categoryIds[0])!;
    const due = computeDeadlines({
      submittedAt: report.submittedAt,
      triageHours: main.triageHours,
      responseDays: main.responseDays,
      dayCount: main.responseDayCount,
      calendar,
    });
    const set = { serviceId: main.serviceId, responseDueAt: due.responseDueAt, routingDueAt: due.routingDueAt };
    const rerouted = report.status !== "submitted" && main.serviceId !== report.serviceId;
    await applyCommand(work, report, rerouted ? "reroute" : "recategorize", viewer, {
      set,
      data: rerouted ? { serviceId: main.serviceId, categoryIds: input.categoryIds } : { categoryIds: input.categoryIds, serviceId: main.serviceId },
    });
    await work.tx.delete(reportCategories).where(eq(reportCategories.reportId, report.id));
    await work.tx.insert(reportCategories).values(input.categoryIds.map((categoryId, position) => ({ reportId: report.id, categoryId, position })));
  });
}

/** Merges a report into another one about the same problem (coordinators); its citizen then follows the master. */
export async function mergeDuplicate(viewer: Viewer | null, input: { reportId: string; masterId: string }, now = new Date()) {
  if (input.reportId === input.masterId) throw new AppError("staff.errors.merge_self");
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    const master = await loadForChange(work.tx, input.masterId);
    if (master.status === "duplicate" || master.status === "inadmissible") throw new AppError("staff.errors.merge_target_invalid");
    await applyCommand(work, report, "merge", viewer, { set: { duplicateOfId: master.id }, data: { masterId: master.id } });
    await applyCommand(work, master, "attach_duplicate", viewer, { data: { duplicateId: report.id } });
  });
}

/** Asks the citizen for details: the response clock stops until they answer. */
export async function askForInformation(viewer: Viewer | null, input: { reportId: string; question: string }, now = new Date()) {
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    await applyCommand(work, report, "ask_information", viewer, { set: { pausedAt: now }, publicMessage: input.question, data: null });
  });
}

/** The clock after a pause: the due date pushed by the days spent waiting (lib/domain/deadlines). */
function resumedClock(work: Work, report: ReportState) {
  return { pausedAt: null, responseDueAt: extendForPause(report.responseDueAt, pausedMilliseconds(report.pausedAt, work.now), work.city.timeZone) };
}

/** The citizen's reply to a question, from the tracking page (whoever holds the tracking number). */
export async function provideInformation(input: { trackingNumber: string; reply: string; attachmentTokens: string[] }, now = new Date()) {
  // Unknown, or known but waiting for nothing: one answer, so that a guess learns nothing.
  const refused = "tracking.reply.errors.not_waiting";
  await inTransaction(now, async (work) => {
    const [row] = await work.tx.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, input.trackingNumber));
    if (!row) throw new AppError(refused);
    const report = await loadForChange(work.tx, row.id, refused);
    // The reply may hold personal details: staff see it, the public timeline only says a reply came.
    const eventId = await applyCommand(work, report, "provide_information", "citizen", {
      set: resumedClock(work, report),
      internalNote: input.reply,
      data: { attachments: input.attachmentTokens.length },
      refused,
    });
    // Its files come with it: the city's staff see them, a delegate does not (lib/dal/attachments).
    await claimUploads(work.tx, report.id, input.attachmentTokens, { source: "citizen", eventId });
  });
}

/** A member of staff resumes a report waiting for the citizen (e.g. the details came by phone). */
export async function resumeReport(viewer: Viewer | null, input: { reportId: string; note: string }, now = new Date()) {
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    await applyCommand(work, report, "resume", viewer, { set: resumedClock(work, report), internalNote: input.note, data: null });
  });
}

/** The service takes the report in hand. */
export async function takeReport(viewer: Viewer | null, input: { reportId: string }, now = new Date()) {
  await inTransaction(now, async (work) => {
    await applyCommand(work, await loadForChange(work.tx, input.reportId), "take", viewer, { data: null });
  });
}

/** An internal note, seen by staff only. */
export async function addInternalNote(viewer: Viewer | null, input: { reportId: string; note: string }, now = new Date()) {
  await inTransaction(now, async (work) => {
    await applyCommand(work, await loadForChange(work.tx, input.reportId), "add_note", viewer, { internalNote: input.note, data: null });
  });
}

/**
 * The service's answer, signed with the agent's name, title and service: upheld, rejected, or
 * reoriented to the administration the citizen should contact.
 */
export async function answerReport(viewer: Viewer | null, input: AnswerInput, now = new Date()) {
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    const [service] = await work.tx.select({ name: services.name }).from(services).where(eq(services.id, report.serviceId));
    const signature = viewer && { firstName: viewer.firstName ?? "", lastName: viewer.lastName ?? "", title: viewer.title, service: service.name };
    const reorientedTo = input.outcome === "reoriented" ? input.reorientedTo : null;
    const eventId = await applyCommand(work, report, "answer", viewer, {
      set: {
        outcome: input.outcome,
        answer: input.answer,
        reorientedTo,
        answeredAt: now,
        answeredByUserId: viewer?.id,
        answerSignature: signature ?? undefined,
        ...(report.status === "needs_info" ? resumedClock(work, report) : {}),
      },
      publicMessage: input.answer,
      data: { outcome: input.outcome, reorientedTo },
    });
    // Its letter, made with it (the answer mail, queued at the end of this transaction, carries it).
    await issueAnswerLetter(work.tx, work.city, report.id, eventId, now);
    // An upheld complaint about a delegated service proposes a penalty; a reversed one cancels it.
    await applyPenaltyRules(work, report.id);
  });
}

/** Spam or abuse (coordinators): hidden from the public, with the reason in the timeline. */
export async function declareInadmissible(viewer: Viewer | null, input: { reportId: string; reason: string }, now = new Date()) {
  await inTransaction(now, async (work) => {
    await applyCommand(work, await loadForChange(work.tx, input.reportId), "declare_inadmissible", viewer, { internalNote: input.reason, data: null });
  });
}

/** Reopens an answered or closed report with its service (coordinators); the response clock starts again. */
export async function reopenReport(viewer: Viewer | null, input: { reportId: string; reason: string }, now = new Date()) {
  const calendar = await loadWorkCalendar(await getCity());
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    const responseDueAt = await freshResponseDeadline(work, calendar, report.id, now);
    await applyCommand(work, report, "reopen", viewer, {
      set: { outcome: null, answeredAt: null, closedAt: null, responseDueAt },
      internalNote: input.reason,
      data: null,
    });
    await applyPenaltyRules(work, report.id);
  });
}

/** "Not fixed" on the feedback: back to the service with a fresh response deadline; the outcome (and penalty) stand. */
export async function reopenNotFixed(work: Work, calendar: WorkCalendar, report: ReportState) {
  const responseDueAt = await freshResponseDeadline(work, calendar, report.id, work.now);
  await applyCommand(work, report, "reopen", "citizen", {
    set: { responseDueAt },
    data: { reason: "not_fixed" },
    refused: "tracking.feedback.errors.not_answered",
  });
}

/** Closes an answered report (coordinators; the tick closes them after a while). */
export async function closeReport(viewer: Viewer | null, input: { reportId: string }, now = new Date()) {
  await inTransaction(now, async (work) => {
    await applyCommand(work, await loadForChange(work.tx, input.reportId), "close", viewer, { set: { closedAt: now }, data: null });
  });
}

/**
 * A delegate's account of the facts on a report about its service: what happened, the day the
 * work was done, and its evidence (photos, documents), for the city's agent or coordinator who
 * decides the outcome. It changes no status and decides nothing; the citizen never sees it.
 */
export async function giveDelegateAccount(viewer: Viewer | null, input: DelegateAccountInput, now = new Date()) {
  await inTransaction(now, async (work) => {
    const report = await loadForChange(work.tx, input.reportId);
    const eventId = await applyCommand(work, report, "give_account", viewer, {
      internalNote: input.account,
      data: { doneOn: input.doneOn, attachments: input.attachmentTokens.length },
    });
    await claimUploads(work.tx, report.id, input.attachmentTokens, { source: "delegate", eventId });
  });
}
