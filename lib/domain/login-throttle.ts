/**
 * Repeated failed sign-ins lock, counted three ways so that guessing one password, spraying many
 * accounts and locking someone out from elsewhere are all stopped. Pure: the counters (fixed
 * windows of lib/domain/rate-limit, stored by lib/dal/rate-limits) and the clock come in.
 *
 * - per account **and** address (strict): 10 attempts per 15 minutes, then this address is locked
 *   out of this account until the window ends. An attacker elsewhere locks only themself.
 * - per account (soft ceiling, from every address): 100 per hour. A distributed guess is slowed to
 *   100 tries an hour; the owner's own address keeps its 10.
 * - per address (as before, for a town hall's shared public address): 50 per 15 minutes.
 *
 * Every attempt is counted before its password is hashed (one atomic upsert per counter), so a
 * burst of parallel tries cannot pass before the failures count. A success gives its own attempt
 * back (and clears its account-and-address counter): only failures remain counted.
 */
import { verdict, type RatePolicy, type RateState } from "./rate-limit";

export type SignInCounter = "pair" | "account" | "address";

const MINUTE = 60_000;
export const SIGN_IN_LIMITS: Record<SignInCounter, RatePolicy> = {
  pair: { limit: 10, windowMs: 15 * MINUTE },
  account: { limit: 100, windowMs: 60 * MINUTE },
  address: { limit: 50, windowMs: 15 * MINUTE },
};

/** The rate-limit keys of an attempt; the email is compared in lower case, as accounts are. */
export function signInKeys(email: string, address: string): Record<SignInCounter, string> {
  const account = email.trim().toLowerCase();
  return { pair: `signin:pair:${account}|${address}`, account: `signin:account:${account}`, address: `signin:address:${address}` };
}

export type SignInRefusal = { code: "locked" | "throttled"; retryAfterSeconds: number };

/**
 * Whether the attempt that brought the counters to these states is refused: `locked` when this
 * address used up its tries on this account (whatever else refuses too), `throttled` when only the
 * account's or the address's ceiling is reached; the wait is the longest of those that refuse.
 */
export function signInRefusal(counters: Partial<Record<SignInCounter, RateState>>, now: Date, limits = SIGN_IN_LIMITS): SignInRefusal | null {
  let refusal = null as SignInRefusal | null;
  for (const name of ["pair", "account", "address"] as const) {
    const state = counters[name];
    if (!state) continue;
    const v = verdict(state, now, limits[name]);
    if (v.allowed) continue;
    refusal = {
      code: refusal?.code === "locked" || name === "pair" ? "locked" : "throttled",
      retryAfterSeconds: Math.max(refusal?.retryAfterSeconds ?? 0, v.retryAfterSeconds),
    };
  }
  return refusal;
}

/**
 * The same question asked without counting (the sign-in page asking how long to wait): the next
 * attempt is refused when a counter already holds its limit within its window.
 */
export function nextAttemptRefusal(counters: Partial<Record<SignInCounter, RateState>>, now: Date, limits = SIGN_IN_LIMITS): SignInRefusal | null {
  const next: Partial<Record<SignInCounter, RateState>> = {};
  for (const [name, state] of Object.entries(counters) as [SignInCounter, RateState][]) {
    const over = now.getTime() - state.windowStart.getTime() >= limits[name].windowMs;
    next[name] = over ? { windowStart: now, count: 1 } : { windowStart: state.windowStart, count: state.count + 1 };
  }
  return signInRefusal(next, now, limits);
}
