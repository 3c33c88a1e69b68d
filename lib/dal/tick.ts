/**
 * The scheduled tick: its jobs, in order (TICK_JOBS). Called by POST /api/cron/tick (with
 * CRON_SECRET) or `npm run tick`, by the system only. Idempotent: every change to a report is a
 * command that leaves its event, and the deadline plan (lib/domain/tick) skips what an event says
 * is done.
 */
import { and, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, reportCategories, reportEvents, reports, services, users } from "@/db/schema";
import { commandOf, planTick, type TickAction, type TickCommand } from "@/lib/domain/tick";
import { DAY_MS } from "@/lib/domain/time";
import { moveOf, RUNNING_STATUSES } from "@/lib/domain/workflow";
import { env } from "@/lib/env";
import type { LocalizedText } from "@/db/schema";
import { localized, type Locale } from "@/lib/i18n/config";
import { staffLocale } from "@/lib/i18n/staff-locale";
import { renderStaffDigest, type DigestLine } from "@/lib/mail/templates";
import { sweepOrphanFiles, sweepUnclaimedUploads } from "./attachments";
import { applyCommand, applyCommandWhere, inTransaction, loadForChange, type Work } from "./commands";
import { applyPenaltyRules } from "./penalties";
import { anonymiseExpiredReports } from "./privacy";
import { sweepRateLimits } from "./rate-limits";
import { queueMail } from "./mails";
import { cityLocale, getCity } from "./reference";
import { refreshStatsCells } from "./stats-cells";

export type TickResult = {
  reminders: number;
  escalations: number;
  silences: number;
  mails: number;
  sweptUploads: number;
  closed: number;
  anonymised: number;
  statsMonths: number;
};

type Job = (now: Date) => Promise<Partial<TickResult>>;

const TICK_COMMANDS: readonly TickCommand[] = ["remind", "escalate_routing", "escalate_response", "apply_silence"];

/** Reports whose deadlines run, with the tick's commands already given since they were last reopened. */
async function runningReports() {
  const db = await getDb();
  const given = sql.join(
    TICK_COMMANDS.map((c) => sql`${c}`),
    sql`, `,
  );
  return db
    .select({
      id: reports.id,
      trackingNumber: reports.trackingNumber,
      status: reports.status,
      submittedAt: reports.submittedAt,
      routingDueAt: reports.routingDueAt,
      responseDueAt: reports.responseDueAt,
      pausedAt: reports.pausedAt,
      serviceId: reports.serviceId,
      serviceName: services.name,
      serviceEmail: services.email,
      silenceRule: sql<
        "none" | "rejection" | "acceptance"
      >`(select c.silence_rule from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0)`,
      done: sql<
        TickCommand[]
      >`(select coalesce(array_agg(distinct e.type), '{}') from ${reportEvents} e where e.report_id = "reports"."id" and e.type in (${given}) and e.at > coalesce((select max(r.at) from ${reportEvents} r where r.report_id = "reports"."id" and r.type = 'reopen'), '-infinity'::timestamptz))`,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(inArray(reports.status, [...RUNNING_STATUSES]));
}

/** Whether the command was given on the report since its last reopening (checked again under the report's lock: two ticks at once act once). */
async function givenSinceReopening(work: Work, reportId: string, command: TickCommand): Promise<boolean> {
  const [last] = await work.tx
    .select({ id: reportEvents.id })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.type, command)))
    .orderBy(desc(reportEvents.id))
    .limit(1);
  if (!last) return false;
  const [reopened] = await work.tx
    .select({ id: reportEvents.id })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.type, "reopen"), gt(reportEvents.id, last.id)))
    .limit(1);
  return !reopened;
}

/** Gives one planned command in `work`; false when it was already given or the report moved on meanwhile. */
async function giveTickCommand(
  work: Work,
  report: { id: string; silenceRule: "none" | "rejection" | "acceptance" | null },
  action: TickAction,
): Promise<boolean> {
  const command = commandOf(action);
  const { now } = work;
  // Claim, then act: the row lock makes a second tick wait here, then see the first one's event.
  const state = await loadForChange(work.tx, report.id);
  if (await givenSinceReopening(work, report.id, command)) return false;
  if (moveOf(command, state.status, "system") === null) return false;
  if (action.kind === "apply_silence") {
    const rule = report.silenceRule;
    if (rule !== "acceptance" && rule !== "rejection") return false;
    await applyCommand(work, state, "apply_silence", "system", {
      set: { outcome: action.outcome, answeredAt: now },
      data: { outcome: action.outcome, rule },
    });
    // Acceptance by silence counts as upheld: a delegated service then owes its penalty.
    await applyPenaltyRules(work, report.id);
  } else if (action.kind === "escalate" && action.deadline === "routing") {
    await applyCommand(work, state, "escalate_routing", "system", { data: { deadline: "routing" } });
  } else if (action.kind === "escalate") {
    await applyCommand(work, state, "escalate_response", "system", { data: { deadline: "response" } });
  } else {
    await applyCommand(work, state, "remind", "system", { data: null });
  }
  return true;
}

/** Planned commands given per transaction: the digests of a batch are queued in it. */
const DEADLINE_BATCH = 200;

type Digests = { reminders: Map<number, { line: DigestLine; serviceName: LocalizedText }[]>; escalations: { line: DigestLine; serviceName: LocalizedText }[] };

/**
 * Reminders to services, escalations to coordinators and silence rules. The planned commands are
 * given in batches, each one transaction that also queues its digests (one per recipient, in their
 * language; a service's mailbox: the city's): a command is never committed without its mail. The
 * reports are locked in the order of their ids, so two ticks at once wait for each other instead of
 * deadlocking.
 */
async function watchDeadlines(now: Date): Promise<Partial<TickResult>> {
  const open = await runningReports();
  const db = await getDb();
  const staff = await db
    .select({ email: users.email, role: users.role, serviceId: users.serviceId, locale: users.locale })
    .from(users)
    .where(eq(users.active, true));
  const planned = open
    .flatMap((r) => planTick({ ...r, silenceRule: r.silenceRule ?? "none", done: new Set(r.done ?? []) }, now).map((action) => ({ r, action })))
    .sort((a, b) => (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
  const result = { reminders: 0, escalations: 0, silences: 0, mails: 0 };
  for (let start = 0; start < planned.length; start += DEADLINE_BATCH) {
    await inTransaction(now, async (work) => {
      const digests: Digests = { reminders: new Map(), escalations: [] };
      const counts = { reminders: 0, escalations: 0, silences: 0 };
      for (const { r, action } of planned.slice(start, start + DEADLINE_BATCH)) {
        if (!(await giveTickCommand(work, r, action))) continue;
        const line: DigestLine = {
          trackingNumber: r.trackingNumber,
          url: `${env().appUrl}/staff/reports/${r.id}`,
          service: "",
          dueAt: action.kind === "escalate" && action.deadline === "routing" ? r.routingDueAt : r.responseDueAt,
        };
        if (action.kind === "remind_service") {
          counts.reminders++;
          digests.reminders.set(r.serviceId, [...(digests.reminders.get(r.serviceId) ?? []), { line, serviceName: r.serviceName }]);
        } else if (action.kind === "escalate") {
          counts.escalations++;
          digests.escalations.push({ line, serviceName: r.serviceName });
        } else counts.silences++;
      }
      const mails = await queueDigests(work, digests, { open, staff });
      // Counted once the batch commits.
      result.reminders += counts.reminders;
      result.escalations += counts.escalations;
      result.silences += counts.silences;
      result.mails += mails;
    });
  }
  return result;
}

/** Queues a batch's digests in its transaction; returns how many mails. */
async function queueDigests(
  { tx, city }: Work,
  digests: Digests,
  known: {
    open: { serviceId: number; serviceEmail: string | null }[];
    staff: { email: string; role: string | null; serviceId: number | null; locale: string | null }[];
  },
): Promise<number> {
  let mails = 0;
  const queue = async (to: string, locale: Locale, kind: "reminder" | "escalation", entries: { line: DigestLine; serviceName: LocalizedText }[]) => {
    const lines = entries.map((e) => ({ ...e.line, service: localized(e.serviceName, locale) }));
    await queueMail(tx, { to, template: `staff.${kind}`, locale, ...renderStaffDigest({ kind, lines, timeZone: city.timeZone, locale }) });
    mails++;
  };
  for (const [serviceId, entries] of digests.reminders) {
    const service = known.open.find((r) => r.serviceId === serviceId)!;
    const to = new Map<string, Locale>();
    if (service.serviceEmail) to.set(service.serviceEmail, cityLocale(city));
    for (const u of known.staff) if (u.role === "agent" && u.serviceId === serviceId) to.set(u.email, staffLocale(u.locale, city.defaultLocale));
    for (const [email, locale] of to) await queue(email, locale, "reminder", entries);
  }
  if (digests.escalations.length > 0) {
    for (const u of known.staff.filter((s) => s.role === "coordinator"))
      await queue(u.email, staffLocale(u.locale, city.defaultLocale), "escalation", digests.escalations);
  }
  return mails;
}

const CLOSE_BATCH = 1000;

/** Answers the citizen did not react to close themselves after the city's delay, a bounded batch per statement. */
async function closeQuietAnswers(now: Date): Promise<Partial<TickResult>> {
  const { autoCloseDays } = await getCity();
  const limit = new Date(now.getTime() - autoCloseDays * DAY_MS);
  let closed = 0;
  for (;;) {
    const ids = await inTransaction(now, (work) =>
      applyCommandWhere(work, "close", "system", {
        where: lt(reports.answeredAt, limit),
        limit: CLOSE_BATCH,
        set: { closedAt: now },
        data: { reason: "no_feedback" },
      }),
    );
    closed += ids.length;
    if (ids.length < CLOSE_BATCH) return { closed };
  }
}

/** Uploads never attached to a report, and stored files no row names, after a day. */
async function sweepUploads(now: Date): Promise<Partial<TickResult>> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  return { sweptUploads: (await sweepUnclaimedUploads(dayAgo)) + (await sweepOrphanFiles(dayAgo)) };
}

/**
 * The tick's jobs, in the order they run. Each is safe to run again and on its own (the queue of
 * issue 18 may schedule them separately).
 */
export const TICK_JOBS: readonly { name: string; run: Job }[] = [
  { name: "deadlines", run: watchDeadlines },
  { name: "close_quiet_answers", run: closeQuietAnswers },
  { name: "sweep_uploads", run: sweepUploads },
  { name: "anonymise", run: async (now) => ({ anonymised: await anonymiseExpiredReports(now, env().retentionMonths) }) },
  {
    name: "sweep_rate_limits",
    run: async (now) => {
      await sweepRateLimits(now);
      return {};
    },
  },
  // A year of months at most per tick: a first deployment on a long history catches up over a few ticks.
  { name: "stats", run: async (now) => ({ statsMonths: (await refreshStatsCells(now, { maxMonths: 12 })).computed }) },
];

export async function runTick(now = new Date()): Promise<TickResult> {
  const result: TickResult = { reminders: 0, escalations: 0, silences: 0, mails: 0, sweptUploads: 0, closed: 0, anonymised: 0, statsMonths: 0 };
  for (const job of TICK_JOBS) Object.assign(result, await job.run(now));
  return result;
}
