/**
 * The scheduled tick: its jobs, in order (TICK_JOBS). Called by POST /api/cron/tick (with
 * CRON_SECRET) or `npm run tick`, by the system only. Idempotent: every change to a report is a
 * command that leaves its event, and the deadline plan (lib/domain/tick) skips what an event says
 * is done.
 */
import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, reportCategories, reportEvents, reports, services, users } from "@/db/schema";
import { commandOf, planTick, type TickAction, type TickCommand } from "@/lib/domain/tick";
import { DAY_MS } from "@/lib/domain/time";
import { RUNNING_STATUSES } from "@/lib/domain/workflow";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { LocalizedText } from "@/db/schema";
import { localized, type Locale } from "@/lib/i18n/config";
import { staffLocale } from "@/lib/i18n/staff-locale";
import { renderStaffDigest, type DigestLine } from "@/lib/mail/templates";
import type { OutgoingMail } from "@/lib/mail/types";
import { sweepOrphanFiles, sweepUnclaimedUploads } from "./attachments";
import { applyCommandOnce, applyCommandWhere, inTransaction, type Work } from "./commands";
import { applyPenaltyRulesTo } from "./penalties";
import { anonymiseExpiredReports } from "./privacy";
import { sweepRateLimits } from "./rate-limits";
import { queueMails } from "./mails";
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

/** Running reports read, planned and acted on per transaction: memory and lock time stay bounded whatever the backlog. */
const DEADLINE_PAGE = 2000;

/**
 * A page of the reports whose deadlines run (after `after`, in the order of their ids:
 * reports_running_idx), with the tick's commands already given since they were last reopened.
 */
async function runningReports(after: string | null) {
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
      silenceRule: sql<
        "none" | "rejection" | "acceptance"
      >`(select c.silence_rule from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0)`,
      done: sql<
        TickCommand[]
      >`(select coalesce(array_agg(distinct e.type::text), '{}') from ${reportEvents} e where e.report_id = "reports"."id" and e.type in (${given}) and e.id > coalesce((select max(r.id) from ${reportEvents} r where r.report_id = "reports"."id" and r.type = 'reopen'), 0))`,
    })
    .from(reports)
    .where(and(inArray(reports.status, [...RUNNING_STATUSES]), after ? gt(reports.id, after) : undefined))
    .orderBy(asc(reports.id))
    .limit(DEADLINE_PAGE);
}

type Running = Awaited<ReturnType<typeof runningReports>>[number];
type DigestEntry = { line: DigestLine; serviceId: number };
type Digests = { reminders: Map<number, DigestEntry[]>; escalations: DigestEntry[] };
type Known = {
  services: Map<number, { name: LocalizedText; email: string | null }>;
  staff: { email: string; role: string | null; serviceId: number | null; locale: string | null }[];
};

/** What one planned action gives, grouped: actions of a group are one set-based command. */
function groupOf(action: TickAction): { key: string; command: TickCommand; change: { data: never; set?: Partial<typeof reports.$inferInsert> } } {
  const command = commandOf(action);
  if (action.kind === "apply_silence") {
    const rule = action.outcome === "upheld" ? "acceptance" : "rejection";
    return { key: `${command}:${action.outcome}`, command, change: { data: { outcome: action.outcome, rule } as never, set: { outcome: action.outcome } } };
  }
  if (action.kind === "escalate") return { key: command, command, change: { data: { deadline: action.deadline } as never } };
  return { key: command, command, change: { data: null as never } };
}

/**
 * Gives a page's planned commands in `work`, set-based (lib/dal/commands applyCommandOnce: one
 * claim and one insert of events per command, whatever the number of reports); the silences'
 * penalties are proposed for the reports they concern. Returns the counts and the digests' lines.
 */
async function giveTickCommands(work: Work, planned: { r: Running; action: TickAction }[]) {
  const groups = new Map<
    string,
    { command: TickCommand; change: { data: never; set?: Partial<typeof reports.$inferInsert> }; items: { r: Running; action: TickAction }[] }
  >();
  for (const item of planned) {
    const g = groupOf(item.action);
    const group = groups.get(g.key) ?? { command: g.command, change: g.change, items: [] };
    group.items.push(item);
    groups.set(g.key, group);
  }
  const digests: Digests = { reminders: new Map(), escalations: [] };
  const counts = { reminders: 0, escalations: 0, silences: 0 };
  for (const { command, change, items } of groups.values()) {
    const set = command === "apply_silence" ? { ...change.set, answeredAt: work.now } : change.set;
    const given = new Set(
      await applyCommandOnce(
        work,
        command,
        items.map((i) => i.r.id),
        { data: change.data, set },
      ),
    );
    if (given.size === 0) continue;
    if (command === "apply_silence") {
      counts.silences += given.size;
      // Acceptance by silence counts as upheld: a delegated service then owes its penalty.
      await applyPenaltyRulesTo(work, [...given]);
      continue;
    }
    for (const { r, action } of items) {
      if (!given.has(r.id)) continue;
      const line: DigestLine = {
        trackingNumber: r.trackingNumber,
        url: `${env().appUrl}/staff/reports/${r.id}`,
        service: "",
        dueAt: action.kind === "escalate" && action.deadline === "routing" ? r.routingDueAt : r.responseDueAt,
      };
      if (action.kind === "remind_service") {
        counts.reminders++;
        digests.reminders.set(r.serviceId, [...(digests.reminders.get(r.serviceId) ?? []), { line, serviceId: r.serviceId }]);
      } else {
        counts.escalations++;
        digests.escalations.push({ line, serviceId: r.serviceId });
      }
    }
  }
  return { counts, digests };
}

/**
 * Reminders to services, escalations to coordinators and silence rules. The running reports are
 * read a page at a time (in the order of their ids); a page's planned commands are given in one
 * transaction that also queues its digests (one per recipient, in their language; a service's
 * mailbox: the city's) and its citizens' notices: a command is never committed without its mail.
 * The reports are locked in the order of their ids, so two ticks at once wait for each other instead
 * of deadlocking, and the second gives nothing the first gave.
 */
async function watchDeadlines(now: Date): Promise<Partial<TickResult>> {
  const db = await getDb();
  const staff = await db
    .select({ email: users.email, role: users.role, serviceId: users.serviceId, locale: users.locale })
    .from(users)
    .where(eq(users.active, true));
  const known: Known = {
    services: new Map((await db.select({ id: services.id, name: services.name, email: services.email }).from(services)).map((s) => [s.id, s])),
    staff,
  };
  const result = { reminders: 0, escalations: 0, silences: 0, mails: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await runningReports(after);
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const planned = page.flatMap((r) =>
      planTick({ ...r, silenceRule: r.silenceRule ?? "none", done: new Set(r.done ?? []) }, now).map((action) => ({ r, action })),
    );
    if (planned.length > 0) {
      await inTransaction(now, async (work) => {
        const { counts, digests } = await giveTickCommands(work, planned);
        const mails = await queueDigests(work, digests, known);
        // Counted once the page commits.
        result.reminders += counts.reminders;
        result.escalations += counts.escalations;
        result.silences += counts.silences;
        result.mails += mails;
      });
    }
    if (page.length < DEADLINE_PAGE) break;
  }
  return result;
}

/** Queues a page's digests in its transaction, in one statement; returns how many mails. */
async function queueDigests({ tx, city }: Work, digests: Digests, known: Known): Promise<number> {
  const batch: OutgoingMail[] = [];
  const queue = (to: string, locale: Locale, kind: "reminder" | "escalation", entries: DigestEntry[]) => {
    const lines = entries.map((e) => ({ ...e.line, service: localized(known.services.get(e.serviceId)?.name ?? { fr: "" }, locale) }));
    batch.push({ to, template: `staff.${kind}`, locale, ...renderStaffDigest({ kind, lines, timeZone: city.timeZone, locale }) });
  };
  for (const [serviceId, entries] of digests.reminders) {
    const service = known.services.get(serviceId);
    const to = new Map<string, Locale>();
    if (service?.email) to.set(service.email, cityLocale(city));
    for (const u of known.staff) if (u.role === "agent" && u.serviceId === serviceId) to.set(u.email, staffLocale(u.locale, city.defaultLocale));
    for (const [email, locale] of to) queue(email, locale, "reminder", entries);
  }
  if (digests.escalations.length > 0) {
    for (const u of known.staff.filter((s) => s.role === "coordinator"))
      queue(u.email, staffLocale(u.locale, city.defaultLocale), "escalation", digests.escalations);
  }
  await queueMails(tx, batch);
  return batch.length;
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

/** The share of a tick the anonymisation of a backlog may take (see TICK_JOBS). */
const ANONYMISE_BUDGET_MS = 30_000;

/** The share of a tick the statistics' stored months may take (see TICK_JOBS). */
const STATS_BUDGET_MS = 4000;

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
  // No new batch of 5,000 begun after 30 s: years of history to erase at a first deployment take a few ticks.
  { name: "anonymise", run: async (now) => ({ anonymised: await anonymiseExpiredReports(now, env().retentionMonths, { budgetMs: ANONYMISE_BUDGET_MS }) }) },
  {
    name: "sweep_rate_limits",
    run: async (now) => {
      await sweepRateLimits(now);
      return {};
    },
  },
  // A year of months at most per tick, and none begun after 4 s: a first deployment on a long history
  // catches up over a few ticks, each of them short (a month of a big city takes about a second).
  { name: "stats", run: async (now) => ({ statsMonths: (await refreshStatsCells(now, { maxMonths: 12, budgetMs: STATS_BUDGET_MS })).computed }) },
];

/** How long each job of a run took, in milliseconds, in the order they ran. */
export type TickTimings = { job: string; ms: number }[];

/** Runs every job in order; `timings`, when given, receives each job's duration (logged too: where a slow tick spends its time). */
export async function runTick(now = new Date(), timings?: TickTimings): Promise<TickResult> {
  const result: TickResult = { reminders: 0, escalations: 0, silences: 0, mails: 0, sweptUploads: 0, closed: 0, anonymised: 0, statsMonths: 0 };
  for (const job of TICK_JOBS) {
    const started = performance.now();
    const outcome = await job.run(now);
    const ms = Math.round(performance.now() - started);
    Object.assign(result, outcome);
    timings?.push({ job: job.name, ms });
    log().info({ job: job.name, ms, ...outcome }, "tick job done");
  }
  return result;
}
