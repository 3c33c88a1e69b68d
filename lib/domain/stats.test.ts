import { describe, expect, it } from "vitest";
import { computeMetrics, metricsBy, NO_DELEGATE, quantile, type ReportFacts } from "./stats";

const d = (s: string) => new Date(s);
const base: ReportFacts = {
  status: "closed",
  channel: "web",
  serviceId: 1,
  categoryId: 10,
  districtId: 3,
  delegateId: null,
  submittedAt: d("2026-10-01T00:00:00Z"),
  routingDueAt: d("2026-10-03T00:00:00Z"),
  responseDueAt: d("2026-10-31T00:00:00Z"),
  pausedAt: null,
  routedAt: d("2026-10-02T00:00:00Z"),
  answeredAt: d("2026-10-11T00:00:00Z"),
  outcome: "upheld",
  ratings: [],
  fixed: [],
  penalties: [],
};
const now = d("2026-11-20T00:00:00Z");

describe("quantile", () => {
  it("interpolates between ranks", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.9)).toBeCloseTo(9.1);
  });
});

describe("computeMetrics", () => {
  it("counts on-time routing and answers against their own denominators", () => {
    const m = computeMetrics(
      [
        base,
        { ...base, routedAt: d("2026-10-05T00:00:00Z"), answeredAt: d("2026-11-05T00:00:00Z"), outcome: "rejected" }, // both late
        { ...base, status: "submitted", routedAt: null, answeredAt: null, outcome: null }, // not routed yet, late triage
        { ...base, status: "in_progress", answeredAt: null, outcome: null, responseDueAt: d("2026-12-01T00:00:00Z") }, // open, on time
      ],
      now,
    );
    expect(m).toMatchObject({
      received: 4,
      routed: 3,
      routedOnTime: 2,
      routedOnTimeRate: 66.7,
      answered: 2,
      answeredOnTime: 1,
      answeredOnTimeRate: 50,
      backlog: 2,
      lateNow: 1,
    });
    expect(m.medianResponseDays).toBe(22.5); // 10 and 35 days
    expect(m.outcomes).toEqual({ upheld: 1, rejected: 1, reoriented: 0 });
  });

  it("averages ratings, the share fixed, and penalties by state", () => {
    const m = computeMetrics(
      [
        { ...base, ratings: [5], fixed: [true], penalties: [{ state: "confirmed", amountMinor: 50000 }] },
        {
          ...base,
          ratings: [2],
          fixed: [false],
          penalties: [
            { state: "waived", amountMinor: 50000 },
            { state: "cancelled", amountMinor: 50000 },
          ],
        },
        { ...base, ratings: [], fixed: [], penalties: [{ state: "proposed", amountMinor: 50000 }] },
      ],
      now,
    );
    expect(m).toMatchObject({ ratings: 2, averageRating: 3.5, fixedRate: 50 });
    expect(m.penalties).toMatchObject({ count: 3, confirmedCount: 1, confirmedMinor: 50000, standingMinor: 100000 });
    expect(m.penalties.byState).toEqual({
      proposed: { count: 1, amountMinor: 50000 },
      contested: { count: 0, amountMinor: 0 },
      confirmed: { count: 1, amountMinor: 50000 },
      waived: { count: 1, amountMinor: 50000 },
      cancelled: { count: 1, amountMinor: 50000 },
    });
  });

  it("says nothing rather than 0 % when there is nothing to measure", () => {
    expect(computeMetrics([], now)).toMatchObject({
      received: 0,
      routedOnTimeRate: null,
      answeredOnTimeRate: null,
      medianResponseDays: null,
      averageRating: null,
      fixedRate: null,
    });
  });
});

describe("grouping", () => {
  it("groups by dimension, leaving out reports without a district; reports with no delegate are a group of their own", () => {
    const rows = [base, { ...base, serviceId: 2 }, { ...base, delegateId: 7 }, { ...base, districtId: null }];
    expect(metricsBy(rows, "service", now).map((g) => [g.key, g.metrics.received])).toEqual([
      ["1", 3],
      ["2", 1],
    ]);
    expect(metricsBy(rows, "district", now).map((g) => [g.key, g.metrics.received])).toEqual([["3", 3]]);
    // The delegate rows add up to every report: the city's own services are the group NO_DELEGATE.
    expect(metricsBy(rows, "delegate", now).map((g) => [g.key, g.metrics.received])).toEqual([
      [NO_DELEGATE, 3],
      ["7", 1],
    ]);
  });
});
