import { describe, expect, it } from "vitest";
import { nextState, policies, verdict } from "./rate-limit";

const policy = { limit: 3, windowMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s));

describe("rate limits", () => {
  it("allows up to the limit in a window, then says when to come back", () => {
    let state = null;
    for (let i = 0; i < 3; i++) {
      state = nextState(state, at(i), policy);
      expect(verdict(state, at(i), policy)).toEqual({ allowed: true });
    }
    state = nextState(state, at(10), policy);
    expect(verdict(state, at(10), policy)).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it("starts a new window once the old one is over", () => {
    const full = { windowStart: at(0), count: 9 };
    const fresh = nextState(full, at(61), policy);
    expect(fresh).toEqual({ windowStart: at(61), count: 1 });
    expect(verdict(fresh, at(61), policy)).toEqual({ allowed: true });
  });

  it("scales the platform's limits", () => {
    expect(policies().reportPerAddress.limit).toBe(20);
    expect(policies(50).reportPerAddress.limit).toBe(1000);
  });
});
