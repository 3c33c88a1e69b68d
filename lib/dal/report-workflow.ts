/**
 * Changes staff (and the scheduled tick, and citizens answering a question) make to reports. Each
 * command checks who asks (capability and scope, lib/auth/permissions), whether the lifecycle
 * allows the move (lib/domain/workflow), writes the report and its timeline event in one
 * transaction — refusing if the report changed meanwhile — and then tells the citizen.
 */
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { categories, reportCategories, reportEvents, reports, services, type ReportStatus } from "@/db/schema";
import { actorOf, mayPerform, type Action, type Viewer } from "@/lib/auth/permissions";
import { computeDeadlines, extendForPause, pausedMilliseconds } from "@/lib/domain/deadlines";
import type { AnswerInput, DelegateAccountInput } from "@/lib/domain/staff-input";
import { canTransition, type Actor } from "@/lib/domain/workflow";
import { AppError } from "@/lib/errors";
import { claimUploads } from "./attachments";
import { applyPenaltyRules } from "./penalties";
import { notifyCitizens, type CitizenUpdate } from "./notifications";
import { getCity, loadWorkCalendar } from "./reference";

type Tx = Database;

type LoadedReport = {
  id: string;
  status: ReportStatus;
  serviceId: number;
  serviceDelegateId: number | null;
  submittedAt: Date;
  responseDueAt: Date;
  pausedAt: Date | null;
  duplicateOfId: string | null;
};

async function loadForChange(tx: Tx, reportId: string): Promise<LoadedReport> {
  const [row] = await tx
    .select({
      id: reports.id,
      status: reports.status,
      serviceId: reports.serviceId,
      serviceDelegateId: services.delegateId,
      submittedAt: reports.submittedAt,
      responseDueAt: reports.responseDueAt,
      pausedAt: reports.pausedAt,
      duplicateOfId: reports.duplicateOfId,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!row) throw new AppError("staff.errors.report_unknown");
  return row;
}

/** Refuses unless the authorization table lets the viewer perform the action on this report. */
function authorize(viewer: Viewer | null, report: LoadedReport, action: Action): asserts viewer is Viewer {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, action, report)) throw new AppError("forbidden:report");
}

function mustTransition(report: LoadedReport, to: ReportStatus, actor: Actor) {
  if (!canTransition(report.status, to, actor)) throw new AppError("staff.errors.transition_refused", { from: report.status, to });
}

/** Writes the new state only if nobody changed the report since it was read. */
async function writeReport(tx: Tx, report: LoadedReport, set: Partial<typeof reports.$inferInsert>, now: Date) {
  const updated = await tx
    .update(reports)
    .set({ ...set, updatedAt: now })
    .where(and(eq(reports.id, report.id), eq(reports.status, report.status)))
    .returning({ id: reports.id });
  if (updated.length === 0) throw new AppError("staff.errors.report_changed");
}

async function addEvent(
  tx: Tx,
  event: {
    reportId: string;
    at: Date;
    type: string;
    actor: Viewer | "system" | "citizen";
    fromStatus?: ReportStatus | null;
    toStatus?: ReportStatus | null;
    publicMessage?: string | null;
    internalNote?: string | null;
    data?: Record<string, unknown> | null;
  },
) {
  const [row] = await tx
    .insert(reportEvents)
    .values({
      reportId: event.reportId,
      at: event.at,
      type: event.type,
      actorUserId: typeof event.actor === "string" ? null : event.actor.id,
      actorRole: typeof event.actor === "string" ? event.actor : event.actor.role,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      publicMessage: event.publicMessage ?? null,
      internalNote: event.internalNote ?? null,
      data: event.data ?? null,
    })
    .returning({ id: reportEvents.id });
  return row.id;
}

async function afterCommit(updates: { reportId: string; update: CitizenUpdate }[]) {
  for (const { reportId, update } of updates) await notifyCitizens(reportId, update);
}

/** Routes one or many reports to a service (coordinators). Re-routing a report in progress sends it back to `routed`. */
export async function routeReports(viewer: Viewer | null, input: { reportIds: string[]; serviceId: number; note: string }, now = new Date()) {
  if (!mayPerform(viewer, "report.route")) throw new AppError("forbidden:triage");
  const db = await getDb();
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.id, input.serviceId));
  if (!service) throw new AppError("staff.errors.service_unknown");
  await db.transaction(async (tx) => {
    for (const reportId of input.reportIds) {
      const report = await loadForChange(tx, reportId);
      authorize(viewer, report, "report.route");
      mustTransition(report, "routed", actorOf(viewer));
      const first = report.status === "submitted";
      await writeReport(tx, report, { status: "routed", serviceId: input.serviceId, ...(first ? { routedAt: now } : {}) }, now);
      await addEvent(tx, {
        reportId,
        at: now,
        type: first ? "routed" : "rerouted",
        actor: viewer,
        fromStatus: report.status,
        toStatus: "routed",
        internalNote: input.note || null,
        data: { serviceId: input.serviceId, fromServiceId: report.serviceId },
      });
    }
  });
  await afterCommit(input.reportIds.map((reportId) => ({ reportId, update: "routed" as const })));
}

/**
 * Fixes a report's categories (coordinators). The main category decides the service and the
 * response deadline: the report follows it, and a report already with a service is re-routed.
 */
export async function changeCategories(viewer: Viewer | null, input: { reportId: string; categoryIds: number[] }, now = new Date()) {
  const db = await getDb();
  const city = await getCity();
  const calendar = await loadWorkCalendar(city);
  let rerouted = false;
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.recategorize");
    if (!["submitted", "routed", "in_progress"].includes(report.status)) throw new AppError("staff.errors.transition_refused");
    const chosen = await tx
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
    rerouted = report.status !== "submitted" && main.serviceId !== report.serviceId;
    await writeReport(
      tx,
      report,
      { serviceId: main.serviceId, responseDueAt: due.responseDueAt, routingDueAt: due.routingDueAt, ...(rerouted ? { status: "routed" as const } : {}) },
      now,
    );
    await tx.delete(reportCategories).where(eq(reportCategories.reportId, report.id));
    await tx.insert(reportCategories).values(input.categoryIds.map((categoryId, position) => ({ reportId: report.id, categoryId, position })));
    await addEvent(tx, {
      reportId: report.id,
      at: now,
      type: rerouted ? "rerouted" : "recategorized",
      actor: viewer!,
      fromStatus: report.status,
      toStatus: rerouted ? "routed" : report.status,
      data: { categoryIds: input.categoryIds, serviceId: main.serviceId },
    });
  });
  if (rerouted) await afterCommit([{ reportId: input.reportId, update: "routed" }]);
}

/** Merges a report into another one about the same problem (coordinators); its citizen then follows the master. */
export async function mergeDuplicate(viewer: Viewer | null, input: { reportId: string; masterId: string }, now = new Date()) {
  if (input.reportId === input.masterId) throw new AppError("staff.errors.merge_self");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.merge");
    const master = await loadForChange(tx, input.masterId);
    if (master.status === "duplicate" || master.status === "inadmissible") throw new AppError("staff.errors.merge_target_invalid");
    mustTransition(report, "duplicate", actorOf(viewer));
    await writeReport(tx, report, { status: "duplicate", duplicateOfId: master.id }, now);
    await addEvent(tx, {
      reportId: report.id,
      at: now,
      type: "merged",
      actor: viewer,
      fromStatus: report.status,
      toStatus: "duplicate",
      data: { masterId: master.id },
    });
    await addEvent(tx, { reportId: master.id, at: now, type: "duplicate_attached", actor: viewer, data: { duplicateId: report.id } });
  });
  await afterCommit([{ reportId: input.reportId, update: "merged" }]);
}

/** Asks the citizen for details: the response clock stops until they answer. */
export async function askForInformation(viewer: Viewer | null, input: { reportId: string; question: string }, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.ask_information");
    mustTransition(report, "needs_info", actorOf(viewer));
    await writeReport(tx, report, { status: "needs_info", pausedAt: now }, now);
    await addEvent(tx, {
      reportId: report.id,
      at: now,
      type: "info_requested",
      actor: viewer,
      fromStatus: report.status,
      toStatus: "needs_info",
      publicMessage: input.question,
    });
  });
  await afterCommit([{ reportId: input.reportId, update: "needs_info" }]);
}

/** Restarts the clock after a pause, pushing the due date by the time spent waiting. */
async function resumeFromPause(
  tx: Tx,
  report: LoadedReport,
  actor: Viewer | "citizen",
  now: Date,
  details: { internalNote?: string; data?: Record<string, unknown> },
): Promise<number> {
  const responseDueAt = extendForPause(report.responseDueAt, pausedMilliseconds(report.pausedAt, now));
  await writeReport(tx, report, { status: "in_progress", pausedAt: null, responseDueAt }, now);
  return addEvent(tx, {
    reportId: report.id,
    at: now,
    type: "info_provided",
    actor,
    fromStatus: "needs_info",
    toStatus: "in_progress",
    internalNote: details.internalNote,
    data: details.data,
  });
}

/** The citizen's reply to a question, from the tracking page (whoever holds the tracking number). */
export async function provideInformation(input: { trackingNumber: string; reply: string; attachmentTokens: string[] }, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: reports.id }).from(reports).where(eq(reports.trackingNumber, input.trackingNumber));
    // Unknown, or known but waiting for nothing: one answer, so that a guess learns nothing.
    if (!row) throw new AppError("tracking.reply.errors.not_waiting");
    const report = await loadForChange(tx, row.id);
    if (!canTransition(report.status, "in_progress", "citizen") || report.status !== "needs_info") throw new AppError("tracking.reply.errors.not_waiting");
    // The reply may hold personal details: staff see it, the public timeline only says a reply came.
    const eventId = await resumeFromPause(tx, report, "citizen", now, { internalNote: input.reply, data: { attachments: input.attachmentTokens.length } });
    // Its files come with it: the city's staff see them, a delegate does not (lib/dal/attachments).
    await claimUploads(tx, report.id, input.attachmentTokens, { source: "citizen", eventId });
  });
}

/** A member of staff resumes a report waiting for the citizen (e.g. the details came by phone). */
export async function resumeReport(viewer: Viewer | null, input: { reportId: string; note: string }, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.resume");
    mustTransition(report, "in_progress", actorOf(viewer));
    if (report.status !== "needs_info") throw new AppError("staff.errors.transition_refused");
    await resumeFromPause(tx, report, viewer, now, { internalNote: input.note });
  });
}

/** The service takes the report in hand. */
export async function takeReport(viewer: Viewer | null, input: { reportId: string }, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.take");
    mustTransition(report, "in_progress", actorOf(viewer));
    if (report.status !== "routed") throw new AppError("staff.errors.transition_refused");
    await writeReport(tx, report, { status: "in_progress" }, now);
    await addEvent(tx, { reportId: report.id, at: now, type: "taken", actor: viewer, fromStatus: "routed", toStatus: "in_progress" });
  });
}

/** An internal note, seen by staff only. */
export async function addInternalNote(viewer: Viewer | null, input: { reportId: string; note: string }, now = new Date()) {
  const db = await getDb();
  const report = await loadForChange(db, input.reportId);
  authorize(viewer, report, "report.add_note");
  await addEvent(db, { reportId: report.id, at: now, type: "note", actor: viewer, internalNote: input.note });
}

/**
 * The service's answer, signed with the agent's name, title and service: upheld, rejected, or
 * reoriented to the administration the citizen should contact.
 */
export async function answerReport(viewer: Viewer | null, input: AnswerInput, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.answer");
    mustTransition(report, "answered", actorOf(viewer));
    const [service] = await tx.select({ name: services.name }).from(services).where(eq(services.id, report.serviceId));
    const signature = { firstName: viewer.firstName ?? "", lastName: viewer.lastName ?? "", title: viewer.title, service: service.name };
    const paused =
      report.status === "needs_info" ? { pausedAt: null, responseDueAt: extendForPause(report.responseDueAt, pausedMilliseconds(report.pausedAt, now)) } : {};
    await writeReport(
      tx,
      report,
      {
        status: "answered",
        outcome: input.outcome,
        answer: input.answer,
        reorientedTo: input.outcome === "reoriented" ? input.reorientedTo : null,
        answeredAt: now,
        answeredByUserId: viewer.id,
        answerSignature: signature,
        ...paused,
      },
      now,
    );
    await addEvent(tx, {
      reportId: report.id,
      at: now,
      type: "answered",
      actor: viewer,
      fromStatus: report.status,
      toStatus: "answered",
      publicMessage: input.answer,
      data: { outcome: input.outcome, reorientedTo: input.outcome === "reoriented" ? input.reorientedTo : null },
    });
    // An upheld complaint about a delegated service proposes a penalty; a reversed one cancels it.
    await applyPenaltyRules(tx, report.id, now);
  });
  await afterCommit([{ reportId: input.reportId, update: "answered" }]);
}

/** Spam or abuse (coordinators): hidden from the public, with the reason in the timeline. */
export async function declareInadmissible(viewer: Viewer | null, input: { reportId: string; reason: string }, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.declare_inadmissible");
    mustTransition(report, "inadmissible", actorOf(viewer));
    await writeReport(tx, report, { status: "inadmissible" }, now);
    await addEvent(tx, {
      reportId: report.id,
      at: now,
      type: "inadmissible",
      actor: viewer,
      fromStatus: report.status,
      toStatus: "inadmissible",
      internalNote: input.reason,
    });
  });
}

/** Reopens an answered or closed report with its service (coordinators); the response clock starts again. */
export async function reopenReport(viewer: Viewer | null, input: { reportId: string; reason: string }, now = new Date()) {
  const db = await getDb();
  const city = await getCity();
  const calendar = await loadWorkCalendar(city);
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.reopen");
    const to: ReportStatus = report.status === "closed" ? "routed" : "in_progress";
    mustTransition(report, to, actorOf(viewer));
    const [main] = await tx
      .select({ triageHours: categories.triageHours, responseDays: categories.responseDays, dayCount: categories.responseDayCount })
      .from(reportCategories)
      .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
      .where(and(eq(reportCategories.reportId, report.id), eq(reportCategories.position, 0)));
    const due = computeDeadlines({ submittedAt: now, triageHours: main.triageHours, responseDays: main.responseDays, dayCount: main.dayCount, calendar });
    await writeReport(tx, report, { status: to, outcome: null, answeredAt: null, closedAt: null, responseDueAt: due.responseDueAt }, now);
    await addEvent(tx, { reportId: report.id, at: now, type: "reopened", actor: viewer, fromStatus: report.status, toStatus: to, internalNote: input.reason });
    await applyPenaltyRules(tx, report.id, now);
  });
  await afterCommit([{ reportId: input.reportId, update: "reopened" }]);
}

/** Closes an answered report (coordinators; the tick closes them after a while). */
export async function closeReport(viewer: Viewer | null, input: { reportId: string }, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.close");
    mustTransition(report, "closed", actorOf(viewer));
    await writeReport(tx, report, { status: "closed", closedAt: now }, now);
    await addEvent(tx, { reportId: report.id, at: now, type: "closed", actor: viewer, fromStatus: report.status, toStatus: "closed" });
  });
}

/**
 * A delegate's account of the facts on a report about its service: what happened, the day the
 * work was done, and its evidence (photos, documents), for the city's agent or coordinator who
 * decides the outcome. It changes no status and decides nothing; the citizen never sees it.
 */
export async function giveDelegateAccount(viewer: Viewer | null, input: DelegateAccountInput, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await loadForChange(tx, input.reportId);
    authorize(viewer, report, "report.give_account");
    if (report.status === "duplicate" || report.status === "inadmissible") throw new AppError("staff.errors.transition_refused");
    const eventId = await addEvent(tx, {
      reportId: report.id,
      at: now,
      type: "delegate_account",
      actor: viewer,
      internalNote: input.account,
      data: { doneOn: input.doneOn, attachments: input.attachmentTokens.length },
    });
    await claimUploads(tx, report.id, input.attachmentTokens, { source: "delegate", eventId });
  });
}
