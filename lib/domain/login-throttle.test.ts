import { describe, expect, it } from "vitest";
import { SIGN_IN_LIMITS, nextAttemptRefusal, signInKeys, signInRefusal } from "./login-throttle";

const t0 = new Date("2026-11-23T09:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("sign-in throttle", () => {
  it("keys an attempt by account and address, the account in lower case", () => {
    expect(signInKeys(" Admin@City.ma ", "10.0.0.1")).toEqual({
      pair: "signin:pair:admin@city.ma|10.0.0.1",
      account: "signin:account:admin@city.ma",
      address: "signin:address:10.0.0.1",
    });
  });

  it("lets ten attempts per account and address through, then locks that address out until the window ends", () => {
    expect(signInRefusal({ pair: { windowStart: t0, count: 10 } }, at(60))).toBeNull();
    expect(signInRefusal({ pair: { windowStart: t0, count: 11 } }, at(60))).toEqual({ code: "locked", retryAfterSeconds: 14 * 60 });
    expect(nextAttemptRefusal({ pair: { windowStart: t0, count: 10 } }, at(60))).toMatchObject({ code: "locked" });
    expect(nextAttemptRefusal({ pair: { windowStart: t0, count: 10 } }, at(15 * 60))).toBeNull();
  });

  it("has a softer, higher ceiling per account from everywhere, and one per address", () => {
    expect(SIGN_IN_LIMITS.account.limit).toBeGreaterThan(SIGN_IN_LIMITS.pair.limit * 5);
    expect(signInRefusal({ pair: { windowStart: t0, count: 1 }, account: { windowStart: t0, count: 100 } }, at(1))).toBeNull();
    expect(signInRefusal({ pair: { windowStart: t0, count: 1 }, account: { windowStart: t0, count: 101 } }, at(1))).toMatchObject({ code: "throttled" });
    expect(signInRefusal({ address: { windowStart: t0, count: 51 } }, at(1))).toMatchObject({ code: "throttled" });
  });

  it("says locked when the account-and-address counter refuses, with the longest wait of those that refuse", () => {
    const refusal = signInRefusal({ pair: { windowStart: at(-14 * 60), count: 11 }, account: { windowStart: t0, count: 200 } }, t0);
    expect(refusal).toEqual({ code: "locked", retryAfterSeconds: 3600 });
    expect(
      signInRefusal({ pair: { windowStart: t0, count: 2 }, address: { windowStart: at(-60), count: 51 }, account: { windowStart: t0, count: 101 } }, t0),
    ).toEqual({
      code: "throttled",
      retryAfterSeconds: 3600,
    });
  });
});
