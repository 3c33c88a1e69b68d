/**
 * Rate limits stored in the database, so they hold across every server process. Each hit is one
 * upsert (the window rolls over or the counter increments atomically), run in a statement of its own
 * (`admit`) or inside the statement it guards (`admission`).
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { rateLimits } from "@/db/schema";
import { env } from "@/lib/env";
import { policies, verdict, type RatePolicy } from "@/lib/domain/rate-limit";

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One limit: this hit counted, and whether it is allowed. */
export async function hitRateLimit(key: string, policy: RatePolicy, now = new Date()): Promise<RateVerdict> {
  return (await admit([{ key, policy }], { now })).verdict;
}

/** The platform's limits, scaled by RATE_LIMIT_SCALE. */
export function limits() {
  return policies(env().rateLimitScale);
}

/** The upsert of one counter: a new window once the old one is over, else one more hit. */
const upsertCounter = (key: string, policy: RatePolicy, now: Date, onlyIf = sql``) => {
  const expired = sql`rate_limits.window_start + (${policy.windowMs}::bigint * interval '1 millisecond') <= ${now}::timestamptz`;
  return sql`insert into rate_limits (key, window_start, count) select ${key}, ${now}::timestamptz, 1 ${onlyIf}
    on conflict (key) do update set
      window_start = case when ${expired} then ${now}::timestamptz else rate_limits.window_start end,
      count = case when ${expired} then 1 else rate_limits.count + 1 end
    returning key, window_start, count`;
};

/** What counting some hits decided. */
export type Admitted = { verdict: RateVerdict; firstSight: boolean };
type Hit = { key: string; policy: RatePolicy };
type AdmissionOptions = { now?: Date; once?: { key: string; windowMs?: number } };
/** A counter as the counting statement returns it. */
export type CounterRow = { key: string; window_start: string | Date; count: number | string };

/**
 * The counting of several limits at once (e.g. per address and per email), as SQL that runs alone
 * (`admit`) or inside the statement it guards (filing a report: one round trip instead of two).
 * With `once`, the limits are hit only the first time that key is seen in its window: a retry of
 * the same form (double click, a phone's queue after a lost answer) must not spend the citizen's
 * quota again, nor be refused by it — it only ever returns the report the first attempt made.
 */
export type Admission = {
  /** Data-modifying CTEs (`seen`, `hit0`, …) that count the hits. */
  ctes: SQL[];
  /** Every counter they touched: key, window_start, count. */
  counters: SQL;
  /** True when no hit counted here is over its limit: `withinLimit`, in SQL, for the guarded statement. */
  allowed: SQL;
  /** The verdict (with when to come back) and whether the `once` key was new, from `counters`' rows. */
  read(rows: readonly CounterRow[]): Admitted;
};

export function admission(hits: Hit[], options: AdmissionOptions = {}): Admission | null {
  const now = options.now ?? new Date();
  const once = options.once ? { key: `seen:${options.once.key}`, policy: { limit: 1, windowMs: options.once.windowMs ?? 24 * 3_600_000 } } : null;
  const guard = once ? sql`where (select count from seen) = 1` : sql``;
  const names = [...(once ? ["seen"] : []), ...hits.map((_, i) => `hit${i}`)];
  if (names.length === 0) return null;
  return {
    ctes: [
      ...(once ? [sql`seen as (${upsertCounter(once.key, once.policy, now)})`] : []),
      ...hits.map((h, i) => sql`${sql.raw(`hit${i}`)} as (${upsertCounter(h.key, h.policy, now, guard)})`),
    ],
    counters: sql.join(
      names.map((name) => sql`select key, window_start, count from ${sql.raw(name)}`),
      sql` union all `,
    ),
    allowed: sql.join([sql`true`, ...hits.map((h, i) => sql`not exists (select 1 from ${sql.raw(`hit${i}`)} where count > ${h.policy.limit})`)], sql` and `),
    read(rows) {
      const state = new Map(rows.map((r) => [r.key, { windowStart: new Date(r.window_start), count: Number(r.count) }]));
      const firstSight = !once || verdict(state.get(once.key)!, now, once.policy).allowed;
      let worst: RateVerdict = { allowed: true };
      for (const h of hits) {
        const hit = state.get(h.key);
        if (!hit) continue;
        const v = verdict(hit, now, h.policy);
        if (!v.allowed && (worst.allowed || v.retryAfterSeconds > worst.retryAfterSeconds)) worst = v;
      }
      return { verdict: worst, firstSight };
    },
  };
}

/** Counts the hits in one statement of their own: refused if any is exceeded (see `admission`). */
export async function admit(hits: Hit[], options: AdmissionOptions = {}): Promise<Admitted> {
  const counting = admission(hits, options);
  if (!counting) return { verdict: { allowed: true }, firstSight: true };
  const db = await getDb();
  return counting.read(rowsOf<CounterRow>(await db.execute(sql`with ${sql.join(counting.ctes, sql`, `)} ${counting.counters}`)));
}

/** The tick forgets counters whose window ended long ago (every window is at most a day). */
export async function sweepRateLimits(now = new Date()): Promise<number> {
  const db = await getDb();
  const gone = await db
    .delete(rateLimits)
    .where(sql`${rateLimits.windowStart} < ${new Date(now.getTime() - 2 * 24 * 3_600_000)}`)
    .returning({ key: rateLimits.key });
  return gone.length;
}
