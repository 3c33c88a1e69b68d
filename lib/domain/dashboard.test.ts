import { describe, expect, it } from "vitest";
import { changeOf, monthlyTrend, penaltiesChange } from "./dashboard";

describe("changeOf", () => {
  it("gives the difference, its share of the previous value and whether it is good news", () => {
    expect(changeOf(120, 100)).toEqual({ current: 120, previous: 100, delta: 20, relative: 20, direction: "up", tone: "neutral" });
    expect(changeOf(82.5, 90, "higher_is_better")).toMatchObject({ delta: -7.5, relative: -8, direction: "down", tone: "worse" });
    expect(changeOf(3, 5, "lower_is_better")).toMatchObject({ delta: -2, relative: -40, direction: "down", tone: "better" });
    expect(changeOf(5, 3, "lower_is_better")).toMatchObject({ direction: "up", tone: "worse" });
    expect(changeOf(4, 4, "higher_is_better")).toMatchObject({ delta: 0, relative: 0, direction: "same", tone: "neutral" });
  });

  it("rounds to one decimal without float noise", () => {
    expect(changeOf(0.3, 0.1).delta).toBe(0.2);
    expect(changeOf(12.4, 10.1).delta).toBe(2.3);
  });

  it("has no relative change after a zero and no change at all when a value is unknown", () => {
    expect(changeOf(7, 0)).toMatchObject({ delta: 7, relative: null, direction: "up" });
    expect(changeOf(null, 80, "higher_is_better")).toEqual({ current: null, previous: 80, delta: null, relative: null, direction: null, tone: "neutral" });
    expect(changeOf(4.5, null).direction).toBeNull();
  });
});

describe("penaltiesChange", () => {
  it("counts the penalties of the month in every state but cancelled, fewer being better", () => {
    const month = (proposed: number, confirmed: number) => ({
      month: "2026-11",
      proposed,
      contested: 1,
      confirmed,
      confirmedMinor: confirmed * 50_000,
      waived: 0,
    });
    const { count } = penaltiesChange(month(3, 2), month(1, 1));
    expect(count).toMatchObject({ current: 6, previous: 3, delta: 3, relative: 100, tone: "worse" });
  });
});

describe("monthlyTrend", () => {
  it("gives every month in order, zero where nothing was received", () => {
    const figures = new Map([
      ["2026-10", { received: 10, answered: 8, answeredOnTime: 6, answeredOnTimeRate: 75 }],
      ["2026-08", { received: 4, answered: 4, answeredOnTime: 4, answeredOnTimeRate: 100 }],
    ]);
    expect(monthlyTrend(["2026-10", "2026-08", "2026-09"], figures)).toEqual([
      { month: "2026-08", received: 4, answered: 4, answeredOnTime: 4, answeredOnTimeRate: 100 },
      { month: "2026-09", received: 0, answered: 0, answeredOnTime: 0, answeredOnTimeRate: null },
      { month: "2026-10", received: 10, answered: 8, answeredOnTime: 6, answeredOnTimeRate: 75 },
    ]);
  });
});
