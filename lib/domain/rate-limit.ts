/**
 * Fixed-window rate limits: at most `limit` hits per `windowMs` for a key (an address, an email).
 * Pure: the stored state and the clock come in. The data layer applies it in one SQL statement so
 * that it holds across several server processes.
 */
export type RatePolicy = { limit: number; windowMs: number };
export type RateState = { windowStart: Date; count: number };

export function nextState(state: RateState | null, now: Date, policy: RatePolicy): RateState {
  if (!state || now.getTime() - state.windowStart.getTime() >= policy.windowMs) return { windowStart: now, count: 1 };
  return { windowStart: state.windowStart, count: state.count + 1 };
}

/**
 * The limit itself: the hit that brought a window's count to `count` is allowed. (The data layer
 * also states it in SQL, `count > limit` refused, where the hit guards the statement it is part of.)
 */
export function withinLimit(count: number, policy: RatePolicy): boolean {
  return count <= policy.limit;
}

/** Whether the hit that produced `state` is allowed, and if not when to come back (seconds). */
export function verdict(state: RateState, now: Date, policy: RatePolicy): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  if (withinLimit(state.count, policy)) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((state.windowStart.getTime() + policy.windowMs - now.getTime()) / 1000)) };
}

const HOUR = 3_600_000;
/** The platform's limits; `scale` multiplies them (RATE_LIMIT_SCALE, e.g. for load tests). */
export function policies(scale = 1) {
  const p = (limit: number, windowMs: number): RatePolicy => ({ limit: Math.max(1, Math.round(limit * scale)), windowMs });
  return {
    reportPerAddress: p(20, HOUR),
    reportPerEmail: p(10, HOUR),
    uploadPerAddress: p(100, HOUR),
    trackPerAddress: p(60, 10 * 60_000),
    // A tracking page shows up to 5 photos and each reply adds more: ten pages' worth per window.
    trackedFilePerAddress: p(600, 10 * 60_000),
    supportPerAddress: p(60, HOUR),
    open311PerKey: p(1000, HOUR),
  };
}
