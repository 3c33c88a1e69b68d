/**
 * Service statistics as pure functions of per-report facts: what the mayor's office reads and what
 * the public results publish. Every rate says what it is computed on (its denominator), so that
 * "answered within the deadline" never hides the reports not answered yet.
 */
import { reportLateness } from "./deadlines";
import { DAY_MS } from "./time";
import { OPEN_STATUSES } from "./workflow";

export type ReportFacts = {
  status: string;
  channel: string;
  serviceId: number;
  categoryId: number;
  /** The family of the main category (request type): complaints about a dysfunction, or other requests. */
  categoryKind?: "complaint" | "request" | null;
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
  /** Days from submission to answer, to one decimal. */
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

const OPEN = new Set<string>(OPEN_STATUSES);

/** Where the q-quantile (0–1) of `count` sorted values lies: the two closest ranks (0-based) and the weight between them. */
export function quantilePosition(count: number, q: number): { low: number; high: number; fraction: number } {
  const position = (count - 1) * q;
  const low = Math.floor(position);
  return { low, high: Math.ceil(position), fraction: position - low };
}

/** The q-quantile (0–1) by linear interpolation between closest ranks; null for no value. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const { low, high, fraction } = quantilePosition(sorted.length, q);
  return interpolate(sorted[low], sorted[high], fraction);
}

const interpolate = (low: number, high: number, fraction: number) => low + (high - low) * fraction;

/** Milliseconds in a tenth of a day: response times are published in days to one decimal. */
export const TENTH_OF_DAY_MS = DAY_MS / 10;

/**
 * The tenth of a day a response time is published as (round half up). Statistics keep, per group, how
 * many responses fall in each tenth (`ResponseBins`): a quantile whose two closest ranks share a bin
 * is published as that bin whatever the values inside it (the interpolated value lies between them),
 * so only a quantile that straddles two bins needs the two exact values (see `quantileFromBins`).
 */
export const responseBin = (ms: number) => Math.round(ms / TENTH_OF_DAY_MS);

/** Response bin → number of responses in it. */
export type ResponseBins = Map<number, number>;

/**
 * Where the q-quantile of the responses counted in `bins` lies, exact as published: in one bin when
 * both closest ranks fall in it (published as that bin whatever the values inside), or between the
 * largest value of a lower bin and the smallest of the next non-empty one (consecutive ranks in two
 * bins are the last of one and the first of the other), which only the reports can tell.
 */
export type QuantilePlan = { kind: "none" } | { kind: "bin"; bin: number } | { kind: "edges"; lowerBin: number; upperBin: number; fraction: number };

export function planQuantile(bins: ResponseBins, q: number): QuantilePlan {
  const sorted = [...bins.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return { kind: "none" };
  const { low, high, fraction } = quantilePosition(count, q);
  const binOf = (rank: number) => {
    let seen = 0;
    for (const [bin, n] of sorted) {
      seen += n;
      if (rank < seen) return bin;
    }
    return sorted[sorted.length - 1][0];
  };
  const [lowerBin, upperBin] = [binOf(low), binOf(high)];
  return lowerBin === upperBin ? { kind: "bin", bin: lowerBin } : { kind: "edges", lowerBin, upperBin, fraction };
}

/** The quantile in milliseconds from its plan and, for a straddling one, the two edge values. */
export function quantileFromPlan(plan: QuantilePlan, edges?: { lowerMax: number; upperMin: number }): number | null {
  if (plan.kind === "none") return null;
  if (plan.kind === "bin") return plan.bin * TENTH_OF_DAY_MS;
  if (!edges) throw new Error("a quantile between two bins needs their edge values");
  return interpolate(edges.lowerMax, edges.upperMin, plan.fraction);
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
const inDays = (ms: number | null) => (ms === null ? null : responseBin(ms) / 10);

/**
 * What the figures are computed from: counts and sums of a group of reports. The database computes
 * them over a million reports (lib/dal/stats); `totalsOf` computes them from per-report facts and is
 * the reference the database is tested against.
 */
export type MetricTotals = Pick<
  Metrics,
  "received" | "routed" | "routedOnTime" | "answered" | "answeredOnTime" | "backlog" | "lateNow" | "outcomes" | "supports" | "ratings"
> & {
  /** Submission to answer, in milliseconds: exact, or a value that publishes the same (see `quantileFromBins`). */
  medianResponseMs: number | null;
  p90ResponseMs: number | null;
  ratingSum: number;
  fixedAnswers: number;
  fixedYes: number;
  penaltiesByState: Metrics["penalties"]["byState"];
};

export const PENALTY_STATES = ["proposed", "contested", "confirmed", "waived", "cancelled"] as const;
/** Statuses counted in the backlog (the report waits for the city). */
export const BACKLOG_STATUSES = [...OPEN];

/** The totals of no report: what a group's sums start from. */
export const emptyTotals = (): MetricTotals => ({
  received: 0,
  routed: 0,
  routedOnTime: 0,
  answered: 0,
  answeredOnTime: 0,
  medianResponseMs: null,
  p90ResponseMs: null,
  backlog: 0,
  lateNow: 0,
  outcomes: { upheld: 0, rejected: 0, reoriented: 0 },
  supports: 0,
  ratings: 0,
  ratingSum: 0,
  fixedAnswers: 0,
  fixedYes: 0,
  penaltiesByState: Object.fromEntries(PENALTY_STATES.map((k) => [k, { count: 0, amountMinor: 0 }])) as Metrics["penalties"]["byState"],
});

/** The totals of a group of reports, from their facts. */
export function totalsOf(reports: readonly ReportFacts[], now: Date): MetricTotals {
  const t: MetricTotals = { ...emptyTotals(), received: reports.length };
  const responseMs: number[] = [];
  for (const r of reports) {
    t.supports += r.supports ?? 0;
    if (r.routedAt) {
      t.routed++;
      if (r.routedAt <= r.routingDueAt) t.routedOnTime++;
    }
    if (r.answeredAt) {
      t.answered++;
      if (r.answeredAt <= r.responseDueAt) t.answeredOnTime++;
      responseMs.push(r.answeredAt.getTime() - r.submittedAt.getTime());
    }
    if (OPEN.has(r.status)) {
      t.backlog++;
      if (reportLateness(r, now) === "late") t.lateNow++;
    }
    if (r.outcome) t.outcomes[r.outcome]++;
    for (const rating of r.ratings) {
      t.ratings++;
      t.ratingSum += rating;
    }
    for (const fixed of r.fixed) {
      t.fixedAnswers++;
      if (fixed) t.fixedYes++;
    }
    for (const p of r.penalties) {
      const bucket = t.penaltiesByState[p.state as keyof MetricTotals["penaltiesByState"]];
      if (bucket) {
        bucket.count++;
        bucket.amountMinor += p.amountMinor;
      }
    }
  }
  t.medianResponseMs = quantile(responseMs, 0.5);
  t.p90ResponseMs = quantile(responseMs, 0.9);
  return t;
}

/** The published figures of a group: rates on their stated denominators, rounded for reading. */
export function metricsFromTotals(t: MetricTotals): Metrics {
  const byState = t.penaltiesByState;
  const standing = PENALTY_STATES.filter((s) => s !== "cancelled");
  return {
    received: t.received,
    routed: t.routed,
    routedOnTime: t.routedOnTime,
    routedOnTimeRate: rate(t.routedOnTime, t.routed),
    answered: t.answered,
    answeredOnTime: t.answeredOnTime,
    answeredOnTimeRate: rate(t.answeredOnTime, t.answered),
    medianResponseDays: inDays(t.medianResponseMs),
    p90ResponseDays: inDays(t.p90ResponseMs),
    backlog: t.backlog,
    lateNow: t.lateNow,
    outcomes: t.outcomes,
    supports: t.supports,
    ratings: t.ratings,
    averageRating: t.ratings ? Math.round((10 * t.ratingSum) / t.ratings) / 10 : null,
    fixedRate: rate(t.fixedYes, t.fixedAnswers),
    penalties: {
      // Cancelled penalties are kept for the record only; waived ones count but are not owed.
      count: standing.reduce((sum, s) => sum + byState[s].count, 0),
      confirmedCount: byState.confirmed.count,
      confirmedMinor: byState.confirmed.amountMinor,
      standingMinor: standing.filter((s) => s !== "waived").reduce((sum, s) => sum + byState[s].amountMinor, 0),
      byState,
    },
  };
}

export function computeMetrics(reports: readonly ReportFacts[], now: Date): Metrics {
  return metricsFromTotals(totalsOf(reports, now));
}

/** `category` is the request type (every category is one); `kind` its family, complaint or request. */
export type Dimension = "service" | "category" | "kind" | "district" | "channel" | "delegate";

/**
 * Which reports the statistics are of: all, those of one request type (their main category), and/or
 * of one family of types. Filtered figures are summed live (the stored cells are per dimension only).
 */
export type StatsFilter = { categoryId?: number; kind?: "complaint" | "request" };

/**
 * The delegate group of the reports about services the city runs itself (no delegate): with it the
 * delegate groups split the reports exactly, so that the rows add up to the city's total.
 */
export const NO_DELEGATE = "none";

const KEY: Record<Dimension, (r: ReportFacts) => string | null> = {
  service: (r) => String(r.serviceId),
  category: (r) => String(r.categoryId),
  kind: (r) => r.categoryKind ?? null,
  district: (r) => (r.districtId === null ? null : String(r.districtId)),
  channel: (r) => r.channel,
  delegate: (r) => (r.delegateId === null ? NO_DELEGATE : String(r.delegateId)),
};

/** Metrics per value of a dimension (reports without a value, e.g. no district, are left out; no delegate is the group `NO_DELEGATE`). */
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
