/**
 * Rate limits stored in the database, so they hold across every server process. One statement per
 * hit: the window rolls over or the counter increments atomically.
 */
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { env } from "@/lib/env";
import { policies, verdict, type RatePolicy } from "@/lib/domain/rate-limit";

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function hitRateLimit(key: string, policy: RatePolicy, now = new Date()): Promise<RateVerdict> {
  const db = await getDb();
  const expired = sql`${rateLimits.windowStart} + (${policy.windowMs}::bigint * interval '1 millisecond') <= ${now}`;
  const [state] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowStart: sql`case when ${expired} then ${now}::timestamptz else ${rateLimits.windowStart} end`,
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
      },
    })
    .returning({ windowStart: rateLimits.windowStart, count: rateLimits.count });
  return verdict(state, now, policy);
}

/** The platform's limits, scaled by RATE_LIMIT_SCALE. */
export function limits() {
  return policies(env().rateLimitScale);
}

/** Several limits at once (e.g. per address and per email): refused if any is exceeded. */
export async function hitAll(hits: { key: string; policy: RatePolicy }[], now = new Date()): Promise<RateVerdict> {
  let worst: RateVerdict = { allowed: true };
  for (const h of hits) {
    const v = await hitRateLimit(h.key, h.policy, now);
    if (!v.allowed && (worst.allowed || v.retryAfterSeconds > worst.retryAfterSeconds)) worst = v;
  }
  return worst;
}

/**
 * Whether this is the first time a submission key is seen in the window. A retry of the same form
 * (double click, a phone's queue after a lost answer) must not spend the citizen's quota again,
 * nor be refused by it: it only ever returns the report the first attempt made.
 */
export async function firstSight(key: string, windowMs = 24 * 3_600_000, now = new Date()): Promise<boolean> {
  const verdict = await hitRateLimit(`seen:${key}`, { limit: 1, windowMs }, now);
  return verdict.allowed;
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
