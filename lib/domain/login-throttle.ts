/**
 * Repeated failed sign-ins slow down, then lock — per account and per address, so that guessing
 * one password and spraying many accounts are both stopped. Pure: the clock is a parameter.
 *
 * Per account: up to 3 failures, no wait; then wait 2^(n−3) seconds before the next try (2 s, 4 s
 * … 64 s); at the 10th, locked for 15 minutes. Per address the thresholds are higher (a town hall's
 * staff share one public address): 20 free failures, locked at the 50th. A success clears the
 * account's counter; failures older than 1 hour are forgotten.
 */
export type AttemptState = { failures: number; lastFailureAt: Date | null; lockedUntil: Date | null };

export type ThrottlePolicy = { freeFailures: number; lockAfter: number; lockMs: number; forgetMs: number };

export const THROTTLE: ThrottlePolicy = { freeFailures: 3, lockAfter: 10, lockMs: 15 * 60_000, forgetMs: 60 * 60_000 };
export const ADDRESS_THROTTLE: ThrottlePolicy = { freeFailures: 20, lockAfter: 50, lockMs: 15 * 60_000, forgetMs: 60 * 60_000 };

/** Whether a new attempt may be made now, and if not, in how many seconds. */
export function checkAttempt(
  state: AttemptState | null,
  now: Date,
  policy: ThrottlePolicy = THROTTLE,
): { allowed: true } | { allowed: false; retryAfterSeconds: number; locked: boolean } {
  if (!state) return { allowed: true };
  if (state.lockedUntil && state.lockedUntil > now) {
    return { allowed: false, locked: true, retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const failures = effectiveFailures(state, now, policy);
  if (failures <= policy.freeFailures || !state.lastFailureAt) return { allowed: true };
  const waitMs = 2 ** Math.min(failures - policy.freeFailures, 10) * 1000;
  const readyAt = state.lastFailureAt.getTime() + waitMs;
  if (readyAt <= now.getTime()) return { allowed: true };
  return { allowed: false, locked: false, retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
}

function effectiveFailures(state: AttemptState, now: Date, policy: ThrottlePolicy): number {
  if (!state.lastFailureAt || now.getTime() - state.lastFailureAt.getTime() > policy.forgetMs) return 0;
  if (state.lockedUntil && state.lockedUntil <= now && state.failures >= policy.lockAfter) return 0;
  return state.failures;
}

/** The state after one more failure. */
export function recordFailure(state: AttemptState | null, now: Date, policy: ThrottlePolicy = THROTTLE): AttemptState {
  const failures = (state ? effectiveFailures(state, now, policy) : 0) + 1;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockMs) : null,
  };
}
