import { describe, expect, it } from "vitest";
import { ADDRESS_THROTTLE, THROTTLE, checkAttempt, recordFailure, type AttemptState } from "./login-throttle";

const t0 = new Date("2026-11-23T09:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(n: number, start = t0): AttemptState {
  let state: AttemptState | null = null;
  for (let i = 0; i < n; i++) state = recordFailure(state, new Date(start.getTime() + i * 100_000));
  return state!;
}

describe("login throttle", () => {
  it("lets the first attempts through", () => {
    expect(checkAttempt(null, t0)).toEqual({ allowed: true });
    const state = failTimes(3);
    expect(checkAttempt(state, state.lastFailureAt!)).toEqual({ allowed: true });
  });

  it("slows down after three failures, doubling the wait", () => {
    let state = failTimes(3);
    state = recordFailure(state, at(1000));
    expect(checkAttempt(state, at(1000))).toEqual({ allowed: false, locked: false, retryAfterSeconds: 2 });
    expect(checkAttempt(state, at(1002))).toEqual({ allowed: true });
    state = recordFailure(state, at(1002));
    expect(checkAttempt(state, at(1002))).toMatchObject({ allowed: false, retryAfterSeconds: 4 });
  });

  it("locks for 15 minutes at the tenth failure, then starts afresh", () => {
    let state: AttemptState | null = null;
    for (let i = 0; i < THROTTLE.lockAfter; i++) state = recordFailure(state, at(i * 200));
    const last = at((THROTTLE.lockAfter - 1) * 200);
    expect(state!.lockedUntil).toEqual(new Date(last.getTime() + THROTTLE.lockMs));
    expect(checkAttempt(state, last)).toEqual({ allowed: false, locked: true, retryAfterSeconds: 900 });
    const after = new Date(state!.lockedUntil!.getTime() + 1000);
    expect(checkAttempt(state, after)).toEqual({ allowed: true });
    expect(recordFailure(state, after).failures).toBe(1);
  });

  it("forgets failures after an hour", () => {
    const state = failTimes(8);
    const later = new Date(state.lastFailureAt!.getTime() + THROTTLE.forgetMs + 1);
    expect(checkAttempt(state, later)).toEqual({ allowed: true });
    expect(recordFailure(state, later).failures).toBe(1);
  });

  it("is more lenient per address, where a whole town hall may share one", () => {
    let state: AttemptState | null = null;
    for (let i = 0; i < 10; i++) state = recordFailure(state, at(i), ADDRESS_THROTTLE);
    expect(checkAttempt(state, at(10), ADDRESS_THROTTLE)).toEqual({ allowed: true });
    for (let i = 10; i < ADDRESS_THROTTLE.lockAfter; i++) state = recordFailure(state, at(i), ADDRESS_THROTTLE);
    expect(checkAttempt(state, at(ADDRESS_THROTTLE.lockAfter), ADDRESS_THROTTLE)).toMatchObject({ allowed: false, locked: true });
  });
});
