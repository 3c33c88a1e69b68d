/**
 * The facts statistics are computed from, read in a few set-based queries. Who asks: the mayor's
 * office, coordinators and admins (`stats`) for everything; the public results for aggregates only
 * (no identity, no description ever leaves this module).
 */
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { categories, delegates, districts, feedback, penalties, reportCategories, reportSupports, reports, services } from "@/db/schema";
import { mayPerform, type Viewer } from "@/lib/auth/permissions";
import {
  computeMetrics,
  metricsFromTotals,
  NO_DELEGATE,
  planQuantile,
  quantileFromPlan,
  type Dimension,
  type Metrics,
  type MetricTotals,
  type QuantilePlan,
  type ReportFacts,
  type StatsFilter,
} from "@/lib/domain/stats";
import { AppError } from "@/lib/errors";
import { headlineOf, monthlyTrend, penaltiesChange, type Headline, type PenaltyMonth, type TrendMonth } from "@/lib/domain/dashboard";
import { zonedTime } from "@/lib/domain/deadlines";
import { isFiltered, monthBefore, monthsBetween, previousPeriod, trendPeriod } from "@/lib/domain/period";
import { localized, type Locale } from "@/lib/i18n/config";
import { getCity } from "./reference";
import { readCells, storedMonthsAmong } from "./stats-cells";
import { addInto, binEdges, groupIn, lateNowOver, sumsOver, type Executor, type GroupSums, type Grouping, type MonthRange } from "./stats-sums";

export type { Grouping } from "./stats-sums";

/** When and where the figures are read; `filter`: only the reports of a request type or a family of types. */
type AggregateOptions = { now: Date; timeZone: string; fromLocalMonth?: string; filter?: StatsFilter };

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
      categoryKind: sql<
        "complaint" | "request" | null
      >`(select c.kind::text from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and rc.position = 0)`,
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
        db
          .select({ reportId: feedback.reportId, rating: feedback.rating, fixed: feedback.fixed })
          .from(feedback)
          .where(
            sql`${feedback.reportId} in (select id from ${reports} where ${reports.submittedAt} >= ${period.from} and ${reports.submittedAt} < ${period.to})`,
          ),
        db
          .select({ reportId: penalties.reportId, state: penalties.state, amountMinor: penalties.amountMinor })
          .from(penalties)
          .where(
            sql`${penalties.reportId} in (select id from ${reports} where ${reports.submittedAt} >= ${period.from} and ${reports.submittedAt} < ${period.to})`,
          ),
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

/**
 * Groupings whose groups split the reports exactly — each report in one group and one only — so the
 * totals of a coarser grouping are the sum of theirs and need no second read of the same reports.
 * Delegates too (the city's own services are the group NO_DELEGATE). Not districts (a report may
 * have none) nor categories (grouped by the first of a report's one or two).
 */
const ROLLUPS = {
  service: { parent: "all", parentKey: () => "all" },
  channel: { parent: "all", parentKey: () => "all" },
  delegate: { parent: "all", parentKey: () => "all" },
  service_month: { parent: "service", parentKey: (key: string) => key.slice(0, key.indexOf(":")) },
} as const satisfies Partial<Record<Grouping, { parent: Grouping; parentKey: (key: string) => string }>>;
export type RollupGrouping = keyof typeof ROLLUPS;

/**
 * The totals of `lib/domain/stats` per group for [from, to). Months that are over, computed and
 * untouched since are read from the stored cells (lib/dal/stats-cells.ts); the others — the current
 * month, partial months at the period's ends, months whose reports changed — are summed live; lateness
 * is always live; quantiles come from the merged response bins. Tested equal to `totalsOf` over the
 * same facts, whichever months are stored. Callers check who asks.
 */
export async function aggregateTotals(period: { from: Date; to: Date }, grouping: Grouping, options: AggregateOptions): Promise<Map<string, MetricTotals>> {
  return (await aggregate(period, grouping, options, false)).groups;
}

/**
 * `aggregateTotals` for a grouping and for the coarser one its groups add up to (service → the
 * whole city, service × month → service…), from one read of the reports: only the quantiles'
 * edge values are looked up again for the coarser groups.
 */
export async function aggregateTotalsWithRollup(
  period: { from: Date; to: Date },
  grouping: RollupGrouping,
  options: AggregateOptions,
): Promise<{ groups: Map<string, MetricTotals>; parents: Map<string, MetricTotals> }> {
  return aggregate(period, grouping, options, true);
}

async function aggregate(
  period: { from: Date; to: Date },
  grouping: Grouping,
  options: AggregateOptions,
  rollup: boolean,
): Promise<{ groups: Map<string, MetricTotals>; parents: Map<string, MetricTotals> }> {
  const none = { groups: new Map<string, MetricTotals>(), parents: new Map<string, MetricTotals>() };
  const database = await getDb();
  const ranges = monthsBetween(period.from, period.to, options.timeZone)
    .filter((m) => !options.fromLocalMonth || m.month >= options.fromLocalMonth)
    .map((m) => ({
      month: m.month,
      starts: new Date(Math.max(m.starts.getTime(), period.from.getTime())),
      ends: new Date(Math.min(m.ends.getTime(), period.to.getTime())),
      whole: m.starts >= period.from && m.ends <= period.to,
    }))
    .filter((m) => m.starts < m.ends);
  if (ranges.length === 0) return none;
  // Each month is read once, from its cells or live: which months are stored and their cells come from
  // one snapshot (cells never stand for a month that changed after they were computed). Lateness moves
  // with the clock and is read meanwhile, on another connection.
  const [first] = rowsOf<{ at: string | Date | null }>(await database.execute(sql`select min(submitted_at) as at from reports`));
  if (!first?.at) return none;
  // Months before the first report hold nothing: neither stored nor summed.
  const inUse = ranges.filter((m) => m.ends > new Date(first.at!));
  if (inUse.length === 0) return none;
  const filter = isFiltered(options.filter) ? options.filter : undefined;
  const [{ stored, cells }, late] = await Promise.all([
    // Filtered figures are all summed live: the cells hold each dimension over every report.
    filter
      ? { stored: new Set<string>(), cells: new Map<string, GroupSums>() }
      : database.transaction(
          async (db) => {
            const months = await storedMonthsAmong(
              db,
              inUse.filter((m) => m.whole).map((m) => m.month),
              options.timeZone,
            );
            return { stored: months, cells: await readCells(db, [...months], grouping) };
          },
          { isolationLevel: "repeatable read", accessMode: "read only" },
        ),
    lateNowOver(database, inUse, grouping, options.now, filter),
  ]);
  const live = await sumsOver(
    database,
    inUse.filter((m) => !stored.has(m.month)),
    grouping,
    filter,
  );
  const groups = new Map<string, GroupSums>();
  for (const part of [cells, live]) for (const [key, sums] of part) addInto(groupIn(groups, key), sums);
  const levels: { grouping: Grouping; sums: Map<string, GroupSums>; late: Map<string, number> }[] = [{ grouping, sums: groups, late }];
  if (rollup) {
    const { parent, parentKey } = ROLLUPS[grouping as RollupGrouping];
    const parents = new Map<string, GroupSums>();
    const parentLate = new Map<string, number>();
    for (const [key, sums] of groups) addInto(groupIn(parents, parentKey(key)), sums);
    for (const [key, n] of late) parentLate.set(parentKey(key), (parentLate.get(parentKey(key)) ?? 0) + n);
    levels.push({ grouping: parent, sums: parents, late: parentLate });
  }
  const [own, parents = new Map()] = await Promise.all(levels.map((level) => publish(database, inUse, level, filter)));
  return { groups: own, parents };
}

/** The published totals of summed groups: lateness added, quantiles resolved (edge values read when needed). */
async function publish(
  database: Executor,
  inUse: readonly MonthRange[],
  { grouping, sums, late }: { grouping: Grouping; sums: Map<string, GroupSums>; late: Map<string, number> },
  filter?: StatsFilter,
): Promise<Map<string, MetricTotals>> {
  const plans = new Map([...sums].map(([key, { bins }]) => [key, [planQuantile(bins, 0.5), planQuantile(bins, 0.9)] as const]));
  const asked = [...plans].flatMap(([key, both]) =>
    both.flatMap((p) =>
      p.kind === "edges"
        ? [
            { key, bin: p.lowerBin },
            { key, bin: p.upperBin },
          ]
        : [],
    ),
  );
  const edges = await binEdges(database, inUse, grouping, asked, filter);
  const resolve = (key: string, plan: QuantilePlan) =>
    quantileFromPlan(
      plan,
      plan.kind === "edges" ? { lowerMax: edges.get(`${key}|${plan.lowerBin}`)!.max, upperMin: edges.get(`${key}|${plan.upperBin}`)!.min } : undefined,
    );
  const out = new Map<string, MetricTotals>();
  for (const [key, { totals }] of sums) {
    const [median, p90] = plans.get(key)!;
    out.set(key, { ...totals, lateNow: late.get(key) ?? 0, medianResponseMs: resolve(key, median), p90ResponseMs: resolve(key, p90) });
  }
  return out;
}

export type StatisticsRow = { key: string; label: string; metrics: Metrics };

/** The statistics table for a period and a dimension, with names in the viewer's language. */
export async function getStatisticsTable(
  viewer: Viewer | null,
  options: { from: Date; to: Date; dimension: Dimension; filter?: StatsFilter },
  locale: Locale,
  now = new Date(),
): Promise<{ rows: StatisticsRow[]; total: Metrics }> {
  assertStatsViewer(viewer);
  const db = await getDb();
  const { timeZone } = await getCity();
  const period = { from: options.from, to: options.to };
  const asked = { now, timeZone, filter: options.filter };
  // Where the groups split the reports exactly, the city's total is their sum (one read, not two).
  const figures =
    options.dimension in ROLLUPS
      ? aggregateTotalsWithRollup(period, options.dimension as RollupGrouping, asked).then(({ groups, parents }) => [groups, parents] as const)
      : Promise.all([aggregateTotals(period, options.dimension, asked), aggregateTotals(period, "all", asked)]);
  const [[groups, all], svc, cats, dists, dels] = await Promise.all([
    figures,
    db.select({ id: services.id, name: services.name }).from(services),
    db.select({ id: categories.id, name: categories.name }).from(categories),
    db.select({ id: districts.id, name: districts.name }).from(districts),
    db.select({ id: delegates.id, name: delegates.name }).from(delegates),
  ]);
  const names: Record<Dimension, Map<string, string>> = {
    service: new Map(svc.map((s) => [String(s.id), localized(s.name, locale)])),
    category: new Map(cats.map((c) => [String(c.id), localized(c.name, locale)])),
    // Families are codes (complaint, request): the page and the CSV translate them.
    kind: new Map(),
    district: new Map(dists.map((d) => [String(d.id), localized(d.name, locale)])),
    delegate: new Map(dels.map((d) => [String(d.id), d.name])),
    channel: new Map(),
  };
  const rows = [...groups.entries()]
    .map(([key, totals]) => ({ key, label: names[options.dimension].get(key) ?? key, metrics: metricsFromTotals(totals) }))
    // The city's own services (no delegate) come last, just above the total they complete.
    .sort((a, b) => Number(a.key === NO_DELEGATE) - Number(b.key === NO_DELEGATE) || b.metrics.received - a.metrics.received);
  const total = all.get("all");
  return { rows, total: total ? metricsFromTotals(total) : computeMetrics([], now) };
}

export type StatisticsType = { id: number; name: string; kind: "complaint" | "request"; active: boolean };

/** The request types the statistics can be filtered by, inactive ones too (their history counts), by family then name. Who asks: `stats`. */
export async function getStatisticsTypes(viewer: Viewer | null, locale: Locale): Promise<StatisticsType[]> {
  assertStatsViewer(viewer);
  const db = await getDb();
  const rows = await db.select({ id: categories.id, name: categories.name, kind: categories.kind, active: categories.active }).from(categories);
  return rows
    .map((c) => ({ id: c.id, name: localized(c.name, locale), kind: c.kind, active: c.active }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, locale));
}

export type StatisticsDashboard = {
  /** The period just before, of the same number of days, that each change is measured against. */
  previous: { fromDay: string; toDay: string };
  headline: Headline;
  /** Penalties proposed in the month of the period's last day, against the month before (city time). */
  penalties: ReturnType<typeof penaltiesChange>;
  trend: TrendMonth[];
};

/**
 * The headline figures of a period against the previous one of the same length, the penalties of its
 * last month against the month before, and the monthly trend (twelve months, or the period when
 * longer). Who asks: `stats`, as for the table.
 */
export async function getStatisticsDashboard(
  viewer: Viewer | null,
  period: { fromDay: string; toDay: string; from: Date; to: Date; filter?: StatsFilter },
  now = new Date(),
): Promise<StatisticsDashboard> {
  assertStatsViewer(viewer);
  const { timeZone } = await getCity();
  const before = previousPeriod(period, timeZone);
  const trendRange = trendPeriod(period, timeZone);
  const asked = { now, timeZone, filter: period.filter };
  const month = period.toDay.slice(0, 7);
  const [current, previous, byMonth, fines] = await Promise.all([
    aggregateTotals(period, "all", asked),
    aggregateTotals(before, "all", asked),
    aggregateTotals(trendRange, "month", asked),
    penaltiesOfMonths([monthBefore(month), month], timeZone, period.filter),
  ]);
  const metricsOf = (m: Map<string, MetricTotals>) => {
    const t = m.get("all");
    return t ? metricsFromTotals(t) : computeMetrics([], now);
  };
  const months = monthsBetween(trendRange.from, trendRange.to, timeZone).map((m) => m.month);
  return {
    previous: { fromDay: before.fromDay, toDay: before.toDay },
    headline: headlineOf(metricsOf(current), metricsOf(previous)),
    penalties: penaltiesChange(fines[1], fines[0]),
    trend: monthlyTrend(months, new Map([...byMonth].map(([key, totals]) => [key, metricsFromTotals(totals)]))),
  };
}

/** Penalties proposed in each month (city time), by state; cancelled ones left out (never due). Callers check who asks. */
async function penaltiesOfMonths(months: readonly string[], timeZone: string, filter?: StatsFilter): Promise<PenaltyMonth[]> {
  const ofFilter = isFiltered(filter)
    ? sql`exists (select 1 from ${reportCategories} rcf join ${categories} cf on cf.id = rcf.category_id where rcf.report_id = ${penalties.reportId} and rcf.position = 0${
        filter?.categoryId === undefined ? sql`` : sql` and rcf.category_id = ${filter.categoryId}`
      }${filter?.kind === undefined ? sql`` : sql` and cf.kind = ${filter.kind}`})`
    : undefined;
  const db = await getDb();
  return Promise.all(
    months.map(async (month) => {
      const [range] = monthsBetween(zonedTime(`${month}-01`, MIDDAY, timeZone), zonedTime(`${month}-01`, MIDDAY, timeZone), timeZone);
      const rows = await db
        .select({ state: penalties.state, n: sql<number>`count(*)::int`, amount: sql<string>`coalesce(sum(${penalties.amountMinor}), 0)::bigint` })
        .from(penalties)
        .where(and(gte(penalties.proposedAt, range.starts), lt(penalties.proposedAt, range.ends), ofFilter))
        .groupBy(penalties.state);
      const of = (state: string) => rows.find((r) => r.state === state);
      return {
        month,
        proposed: Number(of("proposed")?.n ?? 0),
        contested: Number(of("contested")?.n ?? 0),
        confirmed: Number(of("confirmed")?.n ?? 0),
        confirmedMinor: Number(of("confirmed")?.amount ?? 0),
        waived: Number(of("waived")?.n ?? 0),
      };
    }),
  );
}

const MIDDAY = { hour: 12, minute: 0, second: 0, ms: 0 };
