/**
 * The statistics of months that are over, stored per dimension (stats_cells) so that a year or the
 * whole history is read from a few hundred rows instead of every report. Exact: the cells are made
 * by the same query as the live figures (stats-sums.ts), and a month is read from them only while no
 * day of it is marked in stats_dirty (triggers of migration 0009 mark the day of every report whose
 * facts change); otherwise it is summed live until the tick computes it again. Called by the tick and
 * the statistics (who may read them is checked there); the cells hold counts only.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { readAll } from "@/db/sql";
import { statsCells, statsMonths } from "@/db/schema";
import { localDateOf } from "@/lib/domain/deadlines";
import { monthsBetween } from "@/lib/domain/period";
import { NO_DELEGATE, type MetricTotals } from "@/lib/domain/stats";
import { getCity } from "./reference";
import { addInto, groupIn, sumsOver, type Executor, type GroupSums, type Grouping } from "./stats-sums";
import { DAY_MS } from "@/lib/domain/time";

/** "all" is stored too: the whole city read from one row a month, not from every service's. */
const STORED_DIMENSIONS = ["service", "category", "district", "channel", "all"] as const;
type StoredDimension = (typeof STORED_DIMENSIONS)[number];
const isStored = (grouping: Grouping): grouping is StoredDimension => (STORED_DIMENSIONS as readonly string[]).includes(grouping);

/**
 * A month is computed this long after it ends. The triggers leave out changes to reports less than an
 * hour old (a submission marks nothing): those reports are in a month that is still read live.
 */
export const SETTLE_MS = 2 * 3_600_000;
/** One refresher at a time: the key of its transaction-level advisory lock. */
const REFRESH_LOCK = 6_021_011;

/** The local months (one or two) that a UTC day of stats_dirty touches: zones are less than a day off UTC. */
export function monthsOfUtcDay(day: string, timeZone: string): string[] {
  const starts = new Date(`${day}T00:00:00Z`);
  const ends = new Date(starts.getTime() + DAY_MS - 1);
  return [...new Set([localDateOf(starts, timeZone).slice(0, 7), localDateOf(ends, timeZone).slice(0, 7)])];
}

/** Among these months, those whose stored cells are exact in this snapshot: computed, and untouched since. */
export async function storedMonthsAmong(db: Executor, months: readonly string[], timeZone: string): Promise<Set<string>> {
  if (months.length === 0) return new Set();
  const list = sql.join(
    months.map((m) => sql`${m}`),
    sql`, `,
  );
  const [computed, dirty] = await readAll(db, [
    () => db.execute(sql`select month from stats_months where month in (${list})`),
    () => db.execute(sql`select day::text as day from stats_dirty`),
  ]);
  const touched = new Set(rowsOf<{ day: string }>(dirty).flatMap((d) => monthsOfUtcDay(d.day, timeZone)));
  return new Set(
    rowsOf<{ month: string }>(computed)
      .map((r) => r.month)
      .filter((m) => !touched.has(m)),
  );
}

/**
 * The stored sums of the months, grouped as asked: a stored dimension directly; the months from the
 * whole city's cells; the services by month from the service cells; delegates from the service cells
 * and today's contracts (as the live query joins them).
 */
export async function readCells(db: Executor, months: readonly string[], grouping: Grouping): Promise<Map<string, GroupSums>> {
  const out = new Map<string, GroupSums>();
  if (months.length === 0) return out;
  // Families are read from the type (category) cells and today's types' families, as delegates from the services'.
  const dimension: StoredDimension = isStored(grouping) ? grouping : grouping === "month" ? "all" : grouping === "kind" ? "category" : "service";
  const [cells, contracts] = await readAll(db, [
    () =>
      db.execute(
        sql`select month, key, totals, bins from stats_cells where dimension = ${dimension} and month in (${sql.join(
          months.map((m) => sql`${m}`),
          sql`, `,
        )})`,
      ),
    async () =>
      grouping === "delegate"
        ? db.execute(sql`select id::text as id, delegate_id::text as delegate from services`)
        : grouping === "kind"
          ? db.execute(sql`select id::text as id, kind::text as kind from categories`)
          : null,
  ]);
  const delegateOf = new Map(
    contracts && grouping === "delegate" ? rowsOf<{ id: string; delegate: string | null }>(contracts).map((s) => [s.id, s.delegate]) : [],
  );
  const kindOf = new Map(contracts && grouping === "kind" ? rowsOf<{ id: string; kind: string }>(contracts).map((c) => [c.id, c.kind]) : []);
  const keyOf = (cell: { month: string; key: string }): string | null => {
    if (grouping === "month") return cell.month;
    if (grouping === "service_month") return `${cell.key}:${cell.month}`;
    if (grouping === "delegate") return delegateOf.get(cell.key) ?? NO_DELEGATE;
    if (grouping === "kind") return kindOf.get(cell.key) ?? null;
    return cell.key;
  };
  for (const cell of rowsOf<{ month: string; key: string; totals: MetricTotals | string; bins: number[] | string }>(cells)) {
    const key = keyOf(cell);
    if (key === null) continue;
    const totals = (typeof cell.totals === "string" ? JSON.parse(cell.totals) : cell.totals) as MetricTotals;
    const pairs = (typeof cell.bins === "string" ? JSON.parse(cell.bins) : cell.bins) as number[];
    const bins = new Map<number, number>();
    for (let i = 0; i < pairs.length; i += 2) bins.set(pairs[i], pairs[i + 1]);
    addInto(groupIn(out, key), { totals, bins });
  }
  return out;
}

/**
 * The tick's part: months whose reports changed are uncomputed (read live), then every month over for
 * two hours and not computed is computed, oldest first, at most `maxMonths` in one call, and no new
 * month begun once `budgetMs` are spent (a first deployment on years of history catches up over a
 * few ticks, each of them short).
 */
export async function refreshStatsCells(
  now = new Date(),
  options: { maxMonths?: number; budgetMs?: number } = {},
): Promise<{ computed: number; pending: number }> {
  const started = performance.now();
  const db = await getDb();
  const { timeZone } = await getCity();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    // Waits for the transactions marking days right now, so that none is cleared unseen.
    await tx.execute(sql`lock table stats_dirty in share mode`);
    const days = rowsOf<{ day: string }>(await tx.execute(sql`delete from stats_dirty returning day::text as day`));
    const months = [...new Set(days.flatMap((d) => monthsOfUtcDay(d.day, timeZone)))];
    if (months.length > 0) await tx.delete(statsMonths).where(inArray(statsMonths.month, months));
  });
  const [first] = rowsOf<{ at: string | Date | null }>(await db.execute(sql`select min(submitted_at) as at from reports`));
  if (!first?.at) return { computed: 0, pending: 0 };
  const settled = new Date(now.getTime() - SETTLE_MS);
  const computed = new Set(rowsOf<{ month: string }>(await db.execute(sql`select month from stats_months`)).map((r) => r.month));
  const todo =
    new Date(first.at) < settled ? monthsBetween(new Date(first.at), settled, timeZone).filter((m) => m.ends <= settled && !computed.has(m.month)) : [];
  const batch = todo.slice(0, options.maxMonths ?? todo.length);
  let computedNow = 0;
  for (const month of batch) {
    if (options.budgetMs !== undefined && computedNow > 0 && performance.now() - started > options.budgetMs) break;
    // Read committed, after the lock: each query sees every change committed before it, and a change
    // committed meanwhile leaves its day marked (only the part above clears marks, under the same lock).
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
      const sums = await readAll(
        tx,
        STORED_DIMENSIONS.map((dimension) => () => sumsOver(tx, [month], dimension)),
      );
      await tx.delete(statsCells).where(eq(statsCells.month, month.month));
      const rows = STORED_DIMENSIONS.flatMap((dimension, i) =>
        [...sums[i]].map(([key, { totals, bins }]) => ({ month: month.month, dimension, key, totals, bins: [...bins].flat() })),
      );
      if (rows.length > 0) await tx.insert(statsCells).values(rows);
      await tx
        .insert(statsMonths)
        .values({ month: month.month, computedAt: now })
        .onConflictDoUpdate({ target: statsMonths.month, set: { computedAt: now } });
    });
    computedNow++;
  }
  return { computed: computedNow, pending: todo.length - computedNow };
}
