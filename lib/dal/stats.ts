/**
 * The facts statistics are computed from, read in a few set-based queries. Who asks: the mayor's
 * office, coordinators and admins (`stats`) for everything; the public results for aggregates only
 * (no identity, no description ever leaves this module).
 */
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { categories, delegates, districts, feedback, penalties, reportCategories, reportSupports, reports, services } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import { BACKLOG_STATUSES, computeMetrics, metricsFromTotals, PENALTY_STATES, type Dimension, type Metrics, type MetricTotals, type ReportFacts } from "@/lib/domain/stats";
import { AppError } from "@/lib/errors";
import { monthsBetween } from "@/lib/domain/period";
import { localized, type Locale } from "@/lib/i18n/config";
import { getCity } from "./reference";

/**
 * Facts of the reports submitted in [from, to), merged duplicates and spam left out: the reference
 * input of `lib/domain/stats`, against which the database's totals are tested (not for pages: a
 * year of a big city is too many rows to move).
 */
export async function loadReportFacts(period: { from: Date; to: Date }): Promise<ReportFacts[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: reports.id,
      status: reports.status,
      channel: reports.channel,
      serviceId: reports.serviceId,
      delegateId: services.delegateId,
      categoryId: sql<number>`(select rc.category_id from ${reportCategories} rc where rc.report_id = "reports"."id" and rc.position = 0)`,
      districtId: reports.districtId,
      submittedAt: reports.submittedAt,
      routingDueAt: reports.routingDueAt,
      responseDueAt: reports.responseDueAt,
      pausedAt: reports.pausedAt,
      routedAt: reports.routedAt,
      answeredAt: reports.answeredAt,
      outcome: reports.outcome,
      supports: sql<number>`(select count(*)::int from ${reportSupports} s where s.report_id = "reports"."id")`,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(and(gte(reports.submittedAt, period.from), lt(reports.submittedAt, period.to), sql`${reports.status} not in ('duplicate', 'inadmissible')`));
  const ids = rows.map((r) => r.id);
  const [ratings, fines] = ids.length
    ? await Promise.all([
        db.select({ reportId: feedback.reportId, rating: feedback.rating, fixed: feedback.fixed }).from(feedback).where(sql`${feedback.reportId} in (select id from ${reports} where ${reports.submittedAt} >= ${period.from} and ${reports.submittedAt} < ${period.to})`),
        db.select({ reportId: penalties.reportId, state: penalties.state, amountMinor: penalties.amountMinor }).from(penalties).where(sql`${penalties.reportId} in (select id from ${reports} where ${reports.submittedAt} >= ${period.from} and ${reports.submittedAt} < ${period.to})`),
      ])
    : [[], []];
  const ratingsOf = new Map<string, { rating: number; fixed: boolean }[]>();
  for (const f of ratings) ratingsOf.set(f.reportId, [...(ratingsOf.get(f.reportId) ?? []), f]);
  const finesOf = new Map<string, { state: string; amountMinor: number }[]>();
  for (const p of fines) finesOf.set(p.reportId, [...(finesOf.get(p.reportId) ?? []), p]);
  return rows.map(({ id, ...r }) => ({
    ...r,
    ratings: (ratingsOf.get(id) ?? []).map((f) => f.rating),
    fixed: (ratingsOf.get(id) ?? []).map((f) => f.fixed),
    penalties: finesOf.get(id) ?? [],
  }));
}

/** The statistics are for the mayor's office, coordinators and admins (`stats`). */
function assertStatsViewer(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!mayPerform(viewer, "stats.read")) throw new AppError("forbidden:stats");
}

/** How reports are grouped: a dimension, the month of submission (city time), both, or not at all. */
export type Grouping = Dimension | "month" | "service_month" | "all";

/**
 * The totals of `lib/domain/stats` per group, computed by the database in two set-based queries
 * (a year of a big city is 300,000+ reports: moving them to Node took seconds). Tested equal to
 * `totalsOf` over the same facts (stats.test.ts). Callers check who asks.
 */
export async function aggregateTotals(
  period: { from: Date; to: Date },
  grouping: Grouping,
  options: { now: Date; timeZone: string; fromLocalMonth?: string },
): Promise<Map<string, MetricTotals>> {
  const db = await getDb();
  // Months are ranges of instants computed in JS: the embedded database has no zone data for every city.
  const monthRanges = monthsBetween(period.from, period.to, options.timeZone).filter((m) => !options.fromLocalMonth || m.month >= options.fromLocalMonth);
  const months = sql`(values ${sql.join(
    monthRanges.map((m) => sql`(${m.month}, ${m.starts.toISOString()}::timestamptz, ${m.ends.toISOString()}::timestamptz)`),
    sql`, `,
  )}) as m(month, starts, ends)`;
  const month = sql`m.month`;
  const key = {
    service: sql`r.service_id::text`,
    category: sql`rc0.category_id::text`,
    district: sql`r.district_id::text`,
    channel: sql`r.channel::text`,
    delegate: sql`s.delegate_id::text`,
    month,
    service_month: sql`r.service_id::text || ':' || ${month}`,
    all: sql`'all'`,
  }[grouping];
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const inPeriod = sql`where r.submitted_at >= ${period.from.toISOString()}::timestamptz and r.submitted_at < ${period.to.toISOString()}::timestamptz`;
  const facts = sql`
    select r.id, r.status, r.submitted_at, r.routing_due_at, r.response_due_at, r.paused_at, r.routed_at, r.answered_at, r.outcome, ${key} as key
    from reports r
    join services s on s.id = r.service_id
    left join report_categories rc0 on rc0.report_id = r.id and rc0.position = 0
    join ${months} on r.submitted_at >= m.starts and r.submitted_at < m.ends
    ${inPeriod}
      and r.status not in ('duplicate', 'inadmissible')`;
  const backlog = sql.join(BACKLOG_STATUSES.map((status) => sql`${status}`), sql`, `);
  const [main, fines] = await Promise.all([
    db.execute(sql`
      select f.key,
        count(*)::int as received,
        count(f.routed_at)::int as routed,
        (count(*) filter (where f.routed_at <= f.routing_due_at))::int as routed_on_time,
        count(f.answered_at)::int as answered,
        (count(*) filter (where f.answered_at <= f.response_due_at))::int as answered_on_time,
        percentile_cont(0.5) within group (order by extract(epoch from f.answered_at - f.submitted_at) / 86400) filter (where f.answered_at is not null) as median_days,
        percentile_cont(0.9) within group (order by extract(epoch from f.answered_at - f.submitted_at) / 86400) filter (where f.answered_at is not null) as p90_days,
        (count(*) filter (where f.status::text in (${backlog})))::int as backlog,
        -- Late now, as reportLateness says: triage overdue, response overdue, paused time excluded.
        (count(*) filter (where (f.status = 'submitted' and f.routing_due_at < ${now})
          or (f.status in ('routed', 'in_progress') and f.response_due_at < ${now})
          or (f.status = 'needs_info' and f.response_due_at + greatest(interval '0', ${now} - coalesce(f.paused_at, ${now})) < ${now})))::int as late_now,
        (count(*) filter (where f.outcome = 'upheld'))::int as upheld,
        (count(*) filter (where f.outcome = 'rejected'))::int as rejected,
        (count(*) filter (where f.outcome = 'reoriented'))::int as reoriented,
        coalesce(sum(sup.n), 0)::int as supports,
        coalesce(sum(fb.n), 0)::int as ratings,
        coalesce(sum(fb.total), 0)::int as rating_sum,
        coalesce(sum(fb.answers), 0)::int as fixed_answers,
        coalesce(sum(fb.yes), 0)::int as fixed_yes
      -- The facts are a subquery read once (as a CTE read three times they were materialised: slower).
      from (${facts}) f
      left join (
        select sr.report_id, count(*)::int as n from report_supports sr join reports r on r.id = sr.report_id ${inPeriod} group by sr.report_id
      ) sup on sup.report_id = f.id
      left join (
        select fr.report_id, count(fr.rating)::int as n, coalesce(sum(fr.rating), 0)::int as total, count(fr.fixed)::int as answers, (count(*) filter (where fr.fixed))::int as yes
        from feedback fr join reports r on r.id = fr.report_id ${inPeriod} group by fr.report_id
      ) fb on fb.report_id = f.id
      where f.key is not null
      group by f.key`),
    db.execute(sql`
      select f.key, p.state::text as state, count(*)::int as n, coalesce(sum(p.amount_minor), 0)::bigint as amount
      from penalties p join (${facts}) f on f.id = p.report_id
      where f.key is not null
      group by f.key, p.state`),
  ]);
  type Row = Record<string, number | string | null> & { key: string };
  const out = new Map<string, MetricTotals>();
  for (const r of rowsOf<Row>(main)) {
    out.set(r.key, {
      received: Number(r.received),
      routed: Number(r.routed),
      routedOnTime: Number(r.routed_on_time),
      answered: Number(r.answered),
      answeredOnTime: Number(r.answered_on_time),
      medianResponseDays: r.median_days === null ? null : Number(r.median_days),
      p90ResponseDays: r.p90_days === null ? null : Number(r.p90_days),
      backlog: Number(r.backlog),
      lateNow: Number(r.late_now),
      outcomes: { upheld: Number(r.upheld), rejected: Number(r.rejected), reoriented: Number(r.reoriented) },
      supports: Number(r.supports),
      ratings: Number(r.ratings),
      ratingSum: Number(r.rating_sum),
      fixedAnswers: Number(r.fixed_answers),
      fixedYes: Number(r.fixed_yes),
      penaltiesByState: Object.fromEntries(PENALTY_STATES.map((state) => [state, { count: 0, amountMinor: 0 }])) as MetricTotals["penaltiesByState"],
    });
  }
  for (const p of rowsOf<{ key: string; state: string; n: number; amount: number | string }>(fines)) {
    const bucket = out.get(p.key)?.penaltiesByState[p.state as (typeof PENALTY_STATES)[number]];
    if (bucket) {
      bucket.count += Number(p.n);
      bucket.amountMinor += Number(p.amount);
    }
  }
  return out;
}

export type StatisticsRow = { key: string; label: string; metrics: Metrics };

/** The statistics table for a period and a dimension, with names in the viewer's language. */
export async function getStatisticsTable(
  viewer: Viewer | null,
  options: { from: Date; to: Date; dimension: Dimension },
  locale: Locale,
  now = new Date(),
): Promise<{ rows: StatisticsRow[]; total: Metrics }> {
  assertStatsViewer(viewer);
  const db = await getDb();
  const { timeZone } = await getCity();
  const period = { from: options.from, to: options.to };
  const [groups, all, svc, cats, dists, dels] = await Promise.all([
    aggregateTotals(period, options.dimension, { now, timeZone }),
    aggregateTotals(period, "all", { now, timeZone }),
    db.select({ id: services.id, name: services.name }).from(services),
    db.select({ id: categories.id, name: categories.name }).from(categories),
    db.select({ id: districts.id, name: districts.name }).from(districts),
    db.select({ id: delegates.id, name: delegates.name }).from(delegates),
  ]);
  const names: Record<Dimension, Map<string, string>> = {
    service: new Map(svc.map((s) => [String(s.id), localized(s.name, locale)])),
    category: new Map(cats.map((c) => [String(c.id), localized(c.name, locale)])),
    district: new Map(dists.map((d) => [String(d.id), localized(d.name, locale)])),
    delegate: new Map(dels.map((d) => [String(d.id), d.name])),
    channel: new Map(),
  };
  const rows = [...groups.entries()]
    .map(([key, totals]) => ({ key, label: names[options.dimension].get(key) ?? key, metrics: metricsFromTotals(totals) }))
    .sort((a, b) => b.metrics.received - a.metrics.received);
  const total = all.get("all");
  return { rows, total: total ? metricsFromTotals(total) : computeMetrics([], now) };
}
