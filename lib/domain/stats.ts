/**
 * Service statistics as pure functions of per-report facts: what the mayor's office reads and what
 * the public results publish. Every rate says what it is computed on (its denominator), so that
 * "answered within the deadline" never hides the reports not answered yet.
 */
import { reportLateness } from "./deadlines";

export type ReportFacts = {
  status: string;
  channel: string;
  serviceId: number;
  categoryId: number;
  districtId: number | null;
  delegateId: number | null;
  submittedAt: Date;
  routingDueAt: Date;
  responseDueAt: Date;
  pausedAt: Date | null;
  routedAt: Date | null;
  answeredAt: Date | null;
  outcome: "upheld" | "rejected" | "reoriented" | null;
  ratings: number[];
  fixed: boolean[];
  penalties: { state: string; amountMinor: number }[];
  /** "Me too" supports from other citizens. */
  supports?: number;
};

export type Metrics = {
  received: number;
  routed: number;
  routedOnTime: number;
  /** % of routed reports routed within the triage deadline, null when none was routed. */
  routedOnTimeRate: number | null;
  answered: number;
  answeredOnTime: number;
  answeredOnTimeRate: number | null;
  /** Days from submission to answer. */
  medianResponseDays: number | null;
  p90ResponseDays: number | null;
  backlog: number;
  lateNow: number;
  outcomes: { upheld: number; rejected: number; reoriented: number };
  supports: number;
  ratings: number;
  averageRating: number | null;
  fixedRate: number | null;
  penalties: {
    count: number;
    confirmedCount: number;
    confirmedMinor: number;
    standingMinor: number;
    /** Count and amount in each state (cancelled included, for the record). */
    byState: Record<"proposed" | "contested" | "confirmed" | "waived" | "cancelled", { count: number; amountMinor: number }>;
  };
};

const DAY_MS = 86_400_000;
const OPEN = new Set(["submitted", "routed", "in_progress", "needs_info"]);

/** The q-quantile (0–1) by linear interpolation between closest ranks; null for no value. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function computeMetrics(reports: readonly ReportFacts[], now: Date): Metrics {
  let routed = 0,
    routedOnTime = 0,
    answered = 0,
    answeredOnTime = 0,
    backlog = 0,
    lateNow = 0;
  const responseDays: number[] = [];
  const outcomes = { upheld: 0, rejected: 0, reoriented: 0 };
  const ratings: number[] = [];
  const fixed: boolean[] = [];
  const byState = Object.fromEntries(["proposed", "contested", "confirmed", "waived", "cancelled"].map((k) => [k, { count: 0, amountMinor: 0 }])) as Metrics["penalties"]["byState"];
  const penalties = { count: 0, confirmedCount: 0, confirmedMinor: 0, standingMinor: 0, byState };
  let supports = 0;
  for (const r of reports) {
    supports += r.supports ?? 0;
    if (r.routedAt) {
      routed++;
      if (r.routedAt <= r.routingDueAt) routedOnTime++;
    }
    if (r.answeredAt) {
      answered++;
      if (r.answeredAt <= r.responseDueAt) answeredOnTime++;
      responseDays.push((r.answeredAt.getTime() - r.submittedAt.getTime()) / DAY_MS);
    }
    if (OPEN.has(r.status)) {
      backlog++;
      if (reportLateness(r, now) === "late") lateNow++;
    }
    if (r.outcome) outcomes[r.outcome]++;
    ratings.push(...r.ratings);
    fixed.push(...r.fixed);
    for (const p of r.penalties) {
      const bucket = byState[p.state as keyof typeof byState];
      if (bucket) {
        bucket.count++;
        bucket.amountMinor += p.amountMinor;
      }
      if (p.state === "cancelled") continue;
      penalties.count++;
      if (p.state === "confirmed") {
        penalties.confirmedCount++;
        penalties.confirmedMinor += p.amountMinor;
      }
      if (p.state !== "waived") penalties.standingMinor += p.amountMinor;
    }
  }
  return {
    received: reports.length,
    routed,
    routedOnTime,
    routedOnTimeRate: rate(routedOnTime, routed),
    answered,
    answeredOnTime,
    answeredOnTimeRate: rate(answeredOnTime, answered),
    medianResponseDays: round1(quantile(responseDays, 0.5)),
    p90ResponseDays: round1(quantile(responseDays, 0.9)),
    backlog,
    lateNow,
    outcomes,
    supports,
    ratings: ratings.length,
    averageRating: ratings.length ? Math.round((10 * ratings.reduce((a, b) => a + b, 0)) / ratings.length) / 10 : null,
    fixedRate: rate(fixed.filter(Boolean).length, fixed.length),
    penalties,
  };
}

export type Dimension = "service" | "category" | "district" | "channel" | "delegate";

const KEY: Record<Dimension, (r: ReportFacts) => string | null> = {
  service: (r) => String(r.serviceId),
  category: (r) => String(r.categoryId),
  district: (r) => (r.districtId === null ? null : String(r.districtId)),
  channel: (r) => r.channel,
  delegate: (r) => (r.delegateId === null ? null : String(r.delegateId)),
};

/** Metrics per value of a dimension (reports without a value, e.g. no delegate, are left out). */
export function metricsBy(reports: readonly ReportFacts[], dimension: Dimension, now: Date): { key: string; metrics: Metrics }[] {
  const groups = new Map<string, ReportFacts[]>();
  for (const r of reports) {
    const key = KEY[dimension](r);
    if (key === null) continue;
    // Appended in place: copying the group on every report made a year of a big city quadratic.
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.entries()].map(([key, rows]) => ({ key, metrics: computeMetrics(rows, now) }));
}

/** Metrics per calendar month of submission (`YYYY-MM`, in the city's zone through `monthOf`). */
export function metricsByMonth(reports: readonly ReportFacts[], monthOf: (d: Date) => string, now: Date): { month: string; metrics: Metrics }[] {
  const groups = new Map<string, ReportFacts[]>();
  for (const r of reports) {
    const month = monthOf(r.submittedAt);
    const group = groups.get(month);
    if (group) group.push(r);
    else groups.set(month, [r]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, rows]) => ({ month, metrics: computeMetrics(rows, now) }));
}
