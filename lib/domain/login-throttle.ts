/**
 * Repeated failed sign-ins slow down, then lock — per account and per address, so that guessing
 * one password and spraying many accounts are both stopped. Pure: the clock is a parameter.
 *
 * - up to 3 failures: no wait;
 * - 4th to 9th: wait 2^(n−3) seconds before the next try (2 s, 4 s … 64 s);
 * - 10th: locked for 15 minutes. A success clears the counter; failures older than 1 hour are forgotten.
 */
export type AttemptState = { failures: number; lastFailureAt: Date | null; lockedUntil: Date | null };

export const THROTTLE = { freeFailures: 3, lockAfter: 10, lockMs: 15 * 60_000, forgetMs: 60 * 60_000 } as const;

/** Whether a new attempt may be made now, and if not, in how many seconds. */
export function checkAttempt(state: AttemptState | null, now: Date): { allowed: true } | { allowed: false; retryAfterSeconds: number; locked: boolean } {
  if (!state) return { allowed: true };
  if (state.lockedUntil && state.lockedUntil > now) {
    return { allowed: false, locked: true, retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const failures = effectiveFailures(state, now);
  if (failures <= THROTTLE.freeFailures || !state.lastFailureAt) return { allowed: true };
  const waitMs = 2 ** (failures - THROTTLE.freeFailures) * 1000;
  const readyAt = state.lastFailureAt.getTime() + waitMs;
  if (readyAt <= now.getTime()) return { allowed: true };
  return { allowed: false, locked: false, retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
}

function effectiveFailures(state: AttemptState, now: Date): number {
  if (!state.lastFailureAt || now.getTime() - state.lastFailureAt.getTime() > THROTTLE.forgetMs) return 0;
  if (state.lockedUntil && state.lockedUntil <= now && state.failures >= THROTTLE.lockAfter) return 0;
  return state.failures;
}

/** The state after one more failure. */
export function recordFailure(state: AttemptState | null, now: Date): AttemptState {
  const failures = (state ? effectiveFailures(state, now) : 0) + 1;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: failures >= THROTTLE.lockAfter ? new Date(now.getTime() + THROTTLE.lockMs) : null,
  };
}
