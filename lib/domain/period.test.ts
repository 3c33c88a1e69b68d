import { describe, expect, it } from "vitest";
import { monthsBetween } from "./period";

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
