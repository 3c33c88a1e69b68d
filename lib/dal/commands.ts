/**
 * The one way a report changes: `applyCommand` (one report) and `applyCommandWhere` (every report
 * a condition selects, for the tick and the erasures). Each checks the permission table
 * (lib/auth/permissions) for a member of staff and the command table (lib/domain/workflow) for
 * everyone, makes the guarded update (refused if the report changed since it was read), writes the
 * typed event, and collects the citizen's notice; `inTransaction` runs commands together and
 * queues the notices in the outbox in the same transaction (a change that rolls back tells nobody;
 * a committed one is delivered by the queue's worker whatever happens next).
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf, type Database } from "@/db";
import { reportEvents, reports, services, type City, type ReportStatus } from "@/db/schema";
import { actorOf, mayPerform, type ActionTarget, type Viewer } from "@/lib/auth/permissions";
import { COMMANDS, eventData, moveOf, noticeOf, permissionOf, type Actor, type CitizenNotice, type Command, type CommandData } from "@/lib/domain/workflow";
import { AppError } from "@/lib/errors";
import { queueReady } from "@/lib/queue";
import { queueCitizenNotices } from "./notifications";
import { referenceData } from "./reference";

type Tx = Database;
type ErrorCode = ConstructorParameters<typeof AppError>[0];

/** A report as a command needs it: its status (the guard), its scope and its clock. */
export type ReportState = {
  id: string;
  status: ReportStatus;
  serviceId: number;
  serviceDelegateId: number | null;
  submittedAt: Date;
  responseDueAt: Date;
  pausedAt: Date | null;
  duplicateOfId: string | null;
};

/** Who gives a command: a member of staff (null when nobody is signed in), the citizen holding the tracking number, or the tick. */
export type CommandActor = Viewer | null | "citizen" | "system";

/** Commands applied in one transaction, the city (read before it began), and the citizens' notices they call for. */
export type Work = { tx: Tx; now: Date; city: City; notices: { reportId: string; notice: CitizenNotice }[] };

/**
 * Runs `work` in one transaction, then queues the citizens' notices it called for in the outbox,
 * still in that transaction. What a transaction needs besides its rows (the city, the queue) is
 * read before it begins: on the embedded database a transaction holds the one connection.
 */
export async function inTransaction<T>(now: Date, work: (w: Work) => Promise<T>): Promise<T> {
  await queueReady();
  const { city } = await referenceData();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const w: Work = { tx, now, city, notices: [] };
    const result = await work(w);
    await queueCitizenNotices(tx, city, w.notices);
    return result;
  });
}

/**
 * Reads a report to change it, and locks its row until the transaction ends: a second command on
 * the same report (a second tick, a second click) waits, then sees what the first one did.
 */
export async function loadForChange(tx: Tx, reportId: string, unknown: ErrorCode = "staff.errors.report_unknown"): Promise<ReportState> {
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
    .limit(1)
    .for("update", { of: reports });
  if (!row) throw new AppError(unknown);
  return row;
}

function actorRole(actor: Exclude<CommandActor, null>): Actor {
  return typeof actor === "string" ? actor : actorOf(actor);
}

/** Refuses a member of staff the permission table does not allow on this report (or on `target`). */
function authorize(actor: CommandActor, command: Command, report: ReportState, target?: ActionTarget): asserts actor is Exclude<CommandActor, null> {
  if (actor === null) throw new AppError("forbidden:unauthenticated");
  if (typeof actor === "string") return;
  if (!mayPerform(actor, permissionOf(command), target ?? report)) throw new AppError("forbidden:report");
}

export type Change<C extends Command> = {
  data: CommandData<C>;
  /** What else the command writes on the report (its answer, its service, its clock…). */
  set?: Partial<typeof reports.$inferInsert>;
  publicMessage?: string | null;
  internalNote?: string | null;
  /** What the permission is checked against when it is not the report (a penalty's delegate). */
  target?: ActionTarget;
  /** The code a refusal gives, when the citizen must learn nothing more than "not now" from it. */
  refused?: ErrorCode;
};

/**
 * Applies one command to one report: permission, move, guarded update, typed event, notice.
 * Returns the event's id; `report.status` is updated, so a second command in the same work sees it.
 */
export async function applyCommand<C extends Command>(work: Work, report: ReportState, command: C, actor: CommandActor, change: Change<C>): Promise<number> {
  authorize(actor, command, report, change.target);
  const role = actorRole(actor);
  const to = moveOf(command, report.status, role);
  if (to === null) throw new AppError(change.refused ?? "staff.errors.transition_refused", change.refused ? undefined : { from: report.status, command });
  if (to !== report.status || change.set) {
    const updated = await work.tx
      .update(reports)
      .set({ ...change.set, status: to, updatedAt: work.now })
      .where(and(eq(reports.id, report.id), eq(reports.status, report.status)))
      .returning({ id: reports.id });
    if (updated.length === 0) throw new AppError(change.refused ?? "staff.errors.report_changed");
  }
  const from = report.status;
  const [event] = await work.tx
    .insert(reportEvents)
    .values({
      reportId: report.id,
      at: work.now,
      type: command,
      actorUserId: typeof actor === "string" ? null : actor.id,
      actorRole: role,
      fromStatus: from === to ? null : from,
      toStatus: from === to ? null : to,
      publicMessage: change.publicMessage ?? null,
      internalNote: change.internalNote ?? null,
      data: eventData(command, change.data),
    })
    .returning({ id: reportEvents.id });
  report.status = to;
  const notice = noticeOf(command, role);
  if (notice) work.notices.push({ reportId: report.id, notice });
  return event.id;
}

/**
 * Applies a command to every report `where` selects, in at most `limit` of them, in two statements
 * whatever their number (the events are written from one array parameter, never one parameter per
 * row). For the tick and the erasures: commands whose move from each allowed status is the same
 * (a status-neutral command, or one move such as answered → closed). Returns the reports' ids.
 */
export async function applyCommandWhere<C extends Command>(
  work: Work,
  command: C,
  actor: "system" | Viewer,
  change: { where: SQL; limit?: number; data: CommandData<C>; set?: Partial<typeof reports.$inferInsert> },
): Promise<string[]> {
  const role = actorRole(actor);
  if (typeof actor !== "string" && !mayPerform(actor, permissionOf(command))) throw new AppError("forbidden:report");
  const rule = COMMANDS[command] as { in?: readonly ReportStatus[]; moves?: Partial<Record<ReportStatus, unknown>> };
  const froms = (rule.in ?? (Object.keys(rule.moves ?? {}) as ReportStatus[])).filter((s) => moveOf(command, s, role) !== null);
  if (froms.length === 0) throw new AppError("staff.errors.transition_refused", { command });
  const targets = new Set(froms.map((s) => (moveOf(command, s, role) === s ? "same" : moveOf(command, s, role))));
  if (targets.size > 1) throw new Error(`applyCommandWhere: ${command} leads to several statuses; apply it report by report`);
  const changesStatus = !rule.in;
  const to = changesStatus ? moveOf(command, froms[0], role)! : null;
  const selected = and(change.where, inArray(reports.status, froms));
  const scope = change.limit ? inArray(reports.id, work.tx.select({ id: reports.id }).from(reports).where(selected).limit(change.limit)) : selected;
  const changed = await work.tx
    .update(reports)
    .set({ ...change.set, ...(to ? { status: to } : {}), updatedAt: work.now })
    .where(and(scope, inArray(reports.status, froms)))
    .returning({ id: reports.id, status: reports.status });
  if (changed.length === 0) return [];
  const ids = `{${changed.map((r) => r.id).join(",")}}`;
  const from = changesStatus ? froms[0] : null;
  const data = eventData(command, change.data);
  await work.tx.execute(sql`
    insert into report_events (report_id, at, type, actor_role, actor_user_id, from_status, to_status, data)
    select x.id, ${work.now.toISOString()}::timestamptz, ${command}::report_event_type, ${role}, ${typeof actor === "string" ? null : actor.id}::uuid,
      ${from}::report_status, ${to}::report_status, ${data === null ? null : JSON.stringify(data)}::jsonb
    from unnest(${ids}::uuid[]) as x(id)`);
  if (changesStatus) {
    const notice = noticeOf(command, role);
    if (notice) for (const r of changed) work.notices.push({ reportId: r.id, notice });
  }
  return changed.map((r) => r.id);
}

/**
 * The tick's commands on a set of reports, each given at most once since the report's last
 * reopening (a second tick running at once gives none of them twice). The rows are locked in the
 * order of their ids (two ticks wait for each other instead of deadlocking) before the events are
 * read, so the check sees what a tick that held the locks before committed. In four statements
 * whatever the number of reports (ids as one array parameter). `set` is written on the reports when
 * the command moves them (apply_silence); a status-neutral command (remind, escalate) leaves the
 * report's row as it was. Returns the ids of the reports the command was given on.
 */
export async function applyCommandOnce<C extends Command>(
  work: Work,
  command: C,
  reportIds: readonly string[],
  change: { data: CommandData<C>; set?: Partial<typeof reports.$inferInsert> },
): Promise<string[]> {
  if (reportIds.length === 0) return [];
  const role: Actor = "system";
  const rule = COMMANDS[command] as { in?: readonly ReportStatus[]; moves?: Partial<Record<ReportStatus, unknown>> };
  const froms = (rule.in ?? (Object.keys(rule.moves ?? {}) as ReportStatus[])).filter((s) => moveOf(command, s, role) !== null);
  const targets = new Set(froms.map((s) => moveOf(command, s, role)));
  const changesStatus = !rule.in;
  if (froms.length === 0 || (changesStatus && targets.size > 1)) throw new Error(`applyCommandOnce: ${command} is not one move for the tick`);
  const to = changesStatus ? moveOf(command, froms[0], role)! : null;
  const { tx, now } = work;
  const ids = `{${[...reportIds].join(",")}}`;
  const allowed = `{${froms.join(",")}}`;
  // Claim: the rows still in an allowed status, locked until the transaction ends (a report a member
  // of staff moved meanwhile is re-read after their commit and dropped if it left those statuses).
  const locked = rowsOf<{ id: string; status: ReportStatus }>(
    await tx.execute(sql`select id, status from reports where id = any(${ids}::uuid[]) and status = any(${allowed}::report_status[]) order by id for update`),
  );
  if (locked.length === 0) return [];
  // Then act, on those the command was not given on since their last reopening (a new statement: it sees what committed before the locks were ours).
  const due = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select x.id from unnest(${`{${locked.map((r) => r.id).join(",")}}`}::uuid[]) as x(id)
      where not exists (
        select 1 from report_events e where e.report_id = x.id and e.type = ${command}::report_event_type
          and e.id > coalesce((select max(o.id) from report_events o where o.report_id = x.id and o.type = 'reopen'), 0))`),
  ).map((r) => r.id);
  if (due.length === 0) return [];
  const dueIds = `{${due.join(",")}}`;
  if (changesStatus || change.set) {
    await work.tx
      .update(reports)
      .set({ ...change.set, ...(to ? { status: to } : {}), updatedAt: now })
      .where(sql`${reports.id} = any(${dueIds}::uuid[])`);
  }
  const statusOf = new Map(locked.map((r) => [r.id, r.status]));
  const fromStatuses = `{${due.map((id) => statusOf.get(id)).join(",")}}`;
  const data = eventData(command, change.data);
  // Each event names the status its report was locked in (apply_silence: routed or in_progress → answered).
  await tx.execute(sql`
    insert into report_events (report_id, at, type, actor_role, actor_user_id, from_status, to_status, data)
    select x.id, ${now.toISOString()}::timestamptz, ${command}::report_event_type, ${role}, null,
      case when ${changesStatus} then x.status end, ${to}::report_status, ${data === null ? null : JSON.stringify(data)}::jsonb
    from unnest(${dueIds}::uuid[], ${fromStatuses}::report_status[]) as x(id, status)`);
  const notice = noticeOf(command, role);
  if (notice) for (const id of due) work.notices.push({ reportId: id, notice });
  return due;
}
