/**
 * The sums behind the statistics, as the database computes them over some months: one rule for the
 * live figures (lib/dal/stats.ts) and the stored months (lib/dal/stats-cells.ts). No identity, no
 * description ever leaves this module; callers check who asks.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db";
import { readAll } from "@/db/sql";
import {
  BACKLOG_STATUSES,
  emptyTotals,
  NO_DELEGATE,
  PENALTY_STATES,
  type Dimension,
  type MetricTotals,
  type ResponseBins,
  type StatsFilter,
} from "@/lib/domain/stats";

/** How reports are grouped: a dimension, the month of submission (city time), both, or not at all. */
export type Grouping = Dimension | "month" | "service_month" | "all";

export type MonthRange = { month: string; starts: Date; ends: Date };
/** What a group adds up to, before its quantiles and its lateness (which depend on the moment of reading). */
export type GroupSums = { totals: MetricTotals; bins: ResponseBins };
export type Executor = Pick<Database, "execute">;

const OPEN_STATUSES = sql.join(
  BACKLOG_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);
/**
 * The response bin of a report (lib/domain/stats `responseBin`), written as the index
 * reports_response_bin_idx is (migration 0009), on the reports (`r`) or on their facts (`f`).
 */
const responseBinOf = (table: "r" | "f") => sql.raw(`(floor(extract(epoch from (${table}.answered_at - ${table}.submitted_at)) / 8640 + 0.5)::int)`);
const RESPONSE_BIN = responseBinOf("r");
const RESPONSE_MS = sql`(extract(epoch from (r.answered_at - r.submitted_at)) * 1000)::float8`;

const keyOf = (grouping: Grouping) =>
  ({
    service: sql`r.service_id::text`,
    category: sql`rc0.category_id::text`,
    kind: sql`c0.kind::text`,
    district: sql`r.district_id::text`,
    channel: sql`r.channel::text`,
    // The city's own services are a group too (NO_DELEGATE), so that the delegates' rows add up to the total.
    delegate: sql`coalesce(s.delegate_id::text, ${NO_DELEGATE})`,
    month: sql`m.month`,
    service_month: sql`r.service_id::text || ':' || m.month`,
    all: sql`'all'`,
  })[grouping];

/** Only the reports of a request type and/or a family of types (their main category), when asked. */
const filterOf = (filter: StatsFilter | undefined) => {
  if (!filter || (filter.categoryId === undefined && filter.kind === undefined)) return sql``;
  const conditions = [
    sql`rcf.report_id = r.id and rcf.position = 0`,
    ...(filter.categoryId === undefined ? [] : [sql`rcf.category_id = ${filter.categoryId}`]),
    ...(filter.kind === undefined ? [] : [sql`cf.kind = ${filter.kind}`]),
  ];
  return sql`and exists (select 1 from report_categories rcf join categories cf on cf.id = rcf.category_id where ${sql.join(conditions, sql` and `)})`;
};

/** The reports of the statistics (merged duplicates and spam left out) submitted in the ranges, with their group's key. */
function factsOf(ranges: readonly MonthRange[], grouping: Grouping, where = sql``, filter?: StatsFilter) {
  return sql`
    select r.id, r.status, r.submitted_at, r.routing_due_at, r.response_due_at, r.paused_at, r.routed_at, r.answered_at, r.outcome, ${keyOf(grouping)} as key
    from reports r
    ${joinsFor(grouping)}
    ${monthsJoin(ranges, grouping)}
    where ${spanOf(ranges)} and r.status not in ('duplicate', 'inadmissible') ${where} ${filterOf(filter)}`;
}

/** Only the tables the key needs (the primary category, the service's delegate): joined for nothing, they cost a scan. */
const joinsFor = (grouping: Grouping) =>
  grouping === "category"
    ? sql`left join report_categories rc0 on rc0.report_id = r.id and rc0.position = 0`
    : grouping === "kind"
      ? sql`left join report_categories rc0 on rc0.report_id = r.id and rc0.position = 0 left join categories c0 on c0.id = rc0.category_id`
      : grouping === "delegate"
        ? sql`join services s on s.id = r.service_id`
        : sql``;

/**
 * The month of each report, for the groupings by month: months are ranges of instants computed in JS
 * (the embedded database has no zone data for every city). Other groupings need no join: `spanOf`
 * already keeps exactly the reports of the ranges.
 */
const monthsJoin = (ranges: readonly MonthRange[], grouping: Grouping) =>
  grouping === "month" || grouping === "service_month"
    ? sql`join (values ${sql.join(
        ranges.map((m) => sql`(${m.month}, ${m.starts.toISOString()}::timestamptz, ${m.ends.toISOString()}::timestamptz)`),
        sql`, `,
      )}) as m(month, starts, ends) on r.submitted_at >= m.starts and r.submitted_at < m.ends`
    : sql``;

/** The ranges said plainly (adjacent ones joined), so that the planner reads only them through reports' submission index. */
const spanOf = (ranges: readonly MonthRange[]) => {
  const spans: { starts: number; ends: number }[] = [];
  for (const m of [...ranges].sort((a, b) => a.starts.getTime() - b.starts.getTime())) {
    const last = spans[spans.length - 1];
    if (last && m.starts.getTime() <= last.ends) last.ends = Math.max(last.ends, m.ends.getTime());
    else spans.push({ starts: m.starts.getTime(), ends: m.ends.getTime() });
  }
  const each = spans.map(
    (span) =>
      sql`(r.submitted_at >= ${new Date(span.starts).toISOString()}::timestamptz and r.submitted_at < ${new Date(span.ends).toISOString()}::timestamptz)`,
  );
  return sql`(${sql.join(each, sql` or `)})`;
};

/** Adds a group's sums into another (counts, bins, penalties): how months and stored cells combine. */
export function addInto(target: GroupSums, source: GroupSums) {
  const t = target.totals;
  const o = source.totals;
  for (const field of [
    "received",
    "routed",
    "routedOnTime",
    "answered",
    "answeredOnTime",
    "backlog",
    "supports",
    "ratings",
    "ratingSum",
    "fixedAnswers",
    "fixedYes",
  ] as const)
    t[field] += o[field];
  for (const outcome of ["upheld", "rejected", "reoriented"] as const) t.outcomes[outcome] += o.outcomes[outcome];
  for (const state of PENALTY_STATES) {
    t.penaltiesByState[state].count += o.penaltiesByState[state].count;
    t.penaltiesByState[state].amountMinor += o.penaltiesByState[state].amountMinor;
  }
  for (const [bin, n] of source.bins) target.bins.set(bin, (target.bins.get(bin) ?? 0) + n);
}

export const groupIn = (groups: Map<string, GroupSums>, key: string) => {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { totals: emptyTotals(), bins: new Map() }));
  return group;
};

/**
 * The sums of every group over the ranges, computed by the database in three set-based queries: the
 * one rule behind both the live figures and the stored months (tested equal to `totalsOf`).
 */
export async function sumsOver(db: Executor, ranges: readonly MonthRange[], grouping: Grouping, filter?: StatsFilter): Promise<Map<string, GroupSums>> {
  const out = new Map<string, GroupSums>();
  if (ranges.length === 0) return out;
  const facts = factsOf(ranges, grouping, sql``, filter);
  const within = sql`where ${spanOf(ranges)}`;
  const [main, fines, bins] = await readAll(db, [
    () =>
      db.execute(sql`
      select f.key,
        count(*)::int as received,
        count(f.routed_at)::int as routed,
        (count(*) filter (where f.routed_at <= f.routing_due_at))::int as routed_on_time,
        count(f.answered_at)::int as answered,
        (count(*) filter (where f.answered_at <= f.response_due_at))::int as answered_on_time,
        (count(*) filter (where f.status::text in (${OPEN_STATUSES})))::int as backlog,
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
        select sr.report_id, count(*)::int as n from report_supports sr join reports r on r.id = sr.report_id ${within} group by sr.report_id
      ) sup on sup.report_id = f.id
      left join (
        select fr.report_id, count(fr.rating)::int as n, coalesce(sum(fr.rating), 0)::int as total, count(fr.fixed)::int as answers, (count(*) filter (where fr.fixed))::int as yes
        from feedback fr join reports r on r.id = fr.report_id ${within} group by fr.report_id
      ) fb on fb.report_id = f.id
      where f.key is not null
      group by f.key`),
    () =>
      db.execute(sql`
      select f.key, p.state::text as state, count(*)::int as n, coalesce(sum(p.amount_minor), 0)::bigint as amount
      from penalties p join (${facts}) f on f.id = p.report_id
      where f.key is not null
      group by f.key, p.state`),
    () =>
      db.execute(sql`
      select f.key, ${responseBinOf("f")} as bin, count(*)::int as n
      from (${facts}) f
      where f.key is not null and f.answered_at is not null
      group by 1, 2`),
  ]);
  type Row = Record<string, number | string | null> & { key: string };
  for (const r of rowsOf<Row>(main)) {
    const t = groupIn(out, r.key).totals;
    Object.assign(t, {
      received: Number(r.received),
      routed: Number(r.routed),
      routedOnTime: Number(r.routed_on_time),
      answered: Number(r.answered),
      answeredOnTime: Number(r.answered_on_time),
      backlog: Number(r.backlog),
      outcomes: { upheld: Number(r.upheld), rejected: Number(r.rejected), reoriented: Number(r.reoriented) },
      supports: Number(r.supports),
      ratings: Number(r.ratings),
      ratingSum: Number(r.rating_sum),
      fixedAnswers: Number(r.fixed_answers),
      fixedYes: Number(r.fixed_yes),
    });
  }
  for (const p of rowsOf<{ key: string; state: string; n: number; amount: number | string }>(fines)) {
    const bucket = out.get(p.key)?.totals.penaltiesByState[p.state as (typeof PENALTY_STATES)[number]];
    if (bucket) {
      bucket.count += Number(p.n);
      bucket.amountMinor += Number(p.amount);
    }
  }
  for (const b of rowsOf<{ key: string; bin: number; n: number }>(bins)) out.get(b.key)?.bins.set(Number(b.bin), Number(b.n));
  return out;
}

/** Late now, as reportLateness says (triage overdue, response overdue, paused time excluded): always live, it moves with the clock. */
export async function lateNowOver(
  db: Executor,
  ranges: readonly MonthRange[],
  grouping: Grouping,
  now: Date,
  filter?: StatsFilter,
): Promise<Map<string, number>> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    select f.key, count(*)::int as n
    from (${factsOf(ranges, grouping, sql`and r.status in (${OPEN_STATUSES})`, filter)}) f
    where f.key is not null
      and ((f.status = 'submitted' and f.routing_due_at < ${at})
        or (f.status in ('routed', 'in_progress') and f.response_due_at < ${at})
        or (f.status = 'needs_info' and f.response_due_at + greatest(interval '0', ${at} - coalesce(f.paused_at, ${at})) < ${at}))
    group by f.key`);
  return new Map(rowsOf<{ key: string; n: number }>(result).map((r) => [r.key, Number(r.n)]));
}

/**
 * The smallest and largest response of each asked bin in each asked group, over the ranges (exact
 * values, for the quantiles that straddle two bins): index-only look-ups in reports_response_bin_idx,
 * each bin within its group's month when the grouping is by month.
 */
export async function binEdges(
  db: Executor,
  ranges: readonly MonthRange[],
  grouping: Grouping,
  wanted: readonly { key: string; bin: number }[],
  filter?: StatsFilter,
): Promise<Map<string, { min: number; max: number }>> {
  if (wanted.length === 0) return new Map();
  const byMonth = grouping === "month" || grouping === "service_month";
  const where = byMonth
    ? sql.join(
        [...new Map(wanted.map((w) => [`${w.bin}|${w.key.slice(-7)}`, { bin: w.bin, month: w.key.slice(-7) }])).values()].map(({ bin, month }) => {
          const m = ranges.find((r) => r.month === month)!;
          return sql`(${RESPONSE_BIN} = ${bin} and r.submitted_at >= ${m.starts.toISOString()}::timestamptz and r.submitted_at < ${m.ends.toISOString()}::timestamptz)`;
        }),
        sql` or `,
      )
    : sql`${RESPONSE_BIN} in (${sql.join(
        [...new Set(wanted.map((w) => w.bin))].map((b) => sql`${b}`),
        sql`, `,
      )}) and ${spanOf(ranges)}`;
  // Not `factsOf`: only the columns of the index are read, so that the look-up never visits the table.
  const result = await db.execute(sql`
    select f.key, f.bin, min(f.ms) as min, max(f.ms) as max
    from (
      select ${RESPONSE_MS} as ms, ${RESPONSE_BIN} as bin, ${keyOf(grouping)} as key
      from reports r
      ${joinsFor(grouping)}
      ${monthsJoin(ranges, grouping)}
      where r.answered_at is not null and (${where}) and r.status not in ('duplicate', 'inadmissible') ${filterOf(filter)}
    ) f
    where f.key is not null
    group by 1, 2`);
  return new Map(
    rowsOf<{ key: string; bin: number; min: number | string; max: number | string }>(result).map((r) => [
      `${r.key}|${r.bin}`,
      { min: Number(r.min), max: Number(r.max) },
    ]),
  );
}
