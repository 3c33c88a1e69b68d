import { describe, expect, it } from "vitest";
import { addDays, isCalendarDay, monthBefore, monthsBetween, parsePeriod, previousPeriod, trendPeriod } from "./period";

describe("monthsBetween", () => {
  it("gives the city's months with the instants they start and end at", () => {
    const months = monthsBetween(new Date("2026-09-15T12:00:00Z"), new Date("2026-11-20T10:00:00Z"), "Africa/Casablanca");
    expect(months.map((m) => m.month)).toEqual(["2026-09", "2026-10", "2026-11"]);
    // Tétouan is an hour ahead of UTC outside Ramadan: October starts at 23:00 UTC on 30 September.
    expect(months[1].starts.toISOString()).toBe("2026-09-30T23:00:00.000Z");
    expect(months[1].ends.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(months[0].ends).toEqual(months[1].starts);
  });

  it("crosses a year and handles a period inside one month", () => {
    expect(monthsBetween(new Date("2026-12-10T00:00:00Z"), new Date("2027-01-31T12:00:00Z"), "Europe/Paris").map((m) => m.month)).toEqual([
      "2026-12",
      "2027-01",
    ]);
    expect(monthsBetween(new Date("2026-03-02T00:00:00Z"), new Date("2026-03-05T00:00:00Z"), "UTC").map((m) => m.month)).toEqual(["2026-03"]);
  });
});

describe("parsePeriod", () => {
  const now = new Date("2026-11-20T10:00:00Z");
  const zone = "Africa/Casablanca";

  it("reads local days, the last one whole, and defaults to the last 90 days", () => {
    const p = parsePeriod({ from: "2026-10-01", to: "2026-10-31", dim: "delegate" }, zone, now);
    expect(p).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-10-31", dimension: "delegate", error: null });
    expect(p.from.toISOString()).toBe("2026-09-30T23:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(parsePeriod({}, zone, now)).toMatchObject({ fromDay: "2026-08-22", toDay: "2026-11-20", dimension: "service", error: null });
  });

  it("names a reversed range and keeps what was typed", () => {
    const p = parsePeriod({ from: "2026-06-01", to: "2026-01-01" }, zone, now);
    expect(p.error).toBe("reversed");
    expect(p.input).toEqual({ from: "2026-06-01", to: "2026-01-01" });
    // Only the from typed, after today: reversed too, not an empty period.
    expect(parsePeriod({ from: "2026-12-25" }, zone, now).error).toBe("reversed");
  });

  it("names a day that does not exist or is not a day", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "31/12/2026", "yesterday", "2026-1-5"]) {
      const p = parsePeriod({ from: bad, to: "2026-03-31" }, zone, now);
      expect(p.error, bad).toBe("invalid_date");
      expect(p.input.from).toBe(bad);
    }
    expect(parsePeriod({ from: "2026-01-01", to: "2026-02-29" }, zone, now).error).toBe("invalid_date");
    expect(parsePeriod({ from: "2024-01-01", to: "2024-02-29" }, zone, now).error).toBeNull();
  });
});

describe("days and months", () => {
  it("counts calendar days and months across years", () => {
    expect(isCalendarDay("2026-02-28")).toBe(true);
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(monthBefore("2026-01")).toBe("2025-12");
    expect(monthBefore("2026-10")).toBe("2026-09");
  });

  it("compares with the period of the same number of days just before", () => {
    const zone = "Africa/Casablanca";
    // 31 days of October → the 31 days before: 30 August to 30 September.
    expect(previousPeriod({ fromDay: "2026-10-01", toDay: "2026-10-31" }, zone)).toMatchObject({ fromDay: "2026-08-31", toDay: "2026-09-30" });
    const one = previousPeriod({ fromDay: "2026-03-01", toDay: "2026-03-01" }, zone);
    expect(one).toMatchObject({ fromDay: "2026-02-28", toDay: "2026-02-28" });
    expect(one.to.getTime() - one.from.getTime()).toBe(24 * 3_600_000);
  });

  it("shows twelve months in the trend, or the period's months when it is longer", () => {
    const zone = "Africa/Casablanca";
    const short = trendPeriod({ fromDay: "2026-10-15", toDay: "2026-11-20" }, zone);
    expect(short).toMatchObject({ fromDay: "2025-12-01", toDay: "2026-11-20" });
    expect(monthsBetween(short.from, short.to, zone)).toHaveLength(12);
    expect(monthsBetween(short.from, short.to, zone)[0].month).toBe("2025-12");
    const long = trendPeriod({ fromDay: "2024-06-10", toDay: "2026-11-20" }, zone);
    expect(long.fromDay).toBe("2024-06-10");
    expect(monthsBetween(long.from, long.to, zone)).toHaveLength(30);
  });
});
