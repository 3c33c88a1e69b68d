/**
 * The mayor's office's dashboard, as pure rules: each headline figure beside the same figure over
 * the period of the same length just before, and the monthly trend with a row for every month
 * (a month without reports is a zero, not a gap).
 */
import type { Metrics } from "./stats";

/** Whether a rise is good news (answered on time), bad news (late, slower) or neither (received). */
export type Sense = "higher_is_better" | "lower_is_better" | "neutral";

export type Change = {
  current: number | null;
  previous: number | null;
  /** current − previous (points for a rate), to one decimal; null when either is unknown. */
  delta: number | null;
  /** The change in % of the previous value, rounded; null when there was nothing before to compare with. */
  relative: number | null;
  direction: "up" | "down" | "same" | null;
  /** How to read it: better, worse or neither. */
  tone: "better" | "worse" | "neutral";
};

const oneDecimal = (v: number) => Math.round(v * 10) / 10;

/** A figure against its previous value. */
export function changeOf(current: number | null, previous: number | null, sense: Sense = "neutral"): Change {
  if (current === null || previous === null) return { current, previous, delta: null, relative: null, direction: null, tone: "neutral" };
  const delta = oneDecimal(current - previous);
  const direction = delta > 0 ? "up" : delta < 0 ? "down" : "same";
  const relative = previous === 0 ? null : Math.round((100 * (current - previous)) / Math.abs(previous));
  const tone = direction === "same" || sense === "neutral" ? "neutral" : (direction === "up") === (sense === "higher_is_better") ? "better" : "worse";
  return { current, previous, delta, relative, direction, tone };
}

export type Headline = {
  received: Change;
  /** Answers in the period: what the on-time rate is computed on. */
  answered: number;
  answeredOnTimeRate: Change;
  lateNow: Change;
  medianResponseDays: Change;
};

/** The headline figures of a period against the previous one. */
export function headlineOf(current: Metrics, previous: Metrics): Headline {
  return {
    received: changeOf(current.received, previous.received),
    answered: current.answered,
    answeredOnTimeRate: changeOf(current.answeredOnTimeRate, previous.answeredOnTimeRate, "higher_is_better"),
    lateNow: changeOf(current.lateNow, previous.lateNow, "lower_is_better"),
    medianResponseDays: changeOf(current.medianResponseDays, previous.medianResponseDays, "lower_is_better"),
  };
}

/** Penalties of one month, by what became of them (cancelled ones are left out: they were never due). */
export type PenaltyMonth = { month: string; proposed: number; contested: number; confirmed: number; confirmedMinor: number; waived: number };

/** The penalties of a month and the change of their number (proposed in it, cancelled left out) against the month before. */
export function penaltiesChange(current: PenaltyMonth, previous: PenaltyMonth) {
  const count = (p: PenaltyMonth) => p.proposed + p.contested + p.confirmed + p.waived;
  return { current, previous, count: changeOf(count(current), count(previous), "lower_is_better") };
}

export type TrendMonth = { month: string; received: number; answered: number; answeredOnTime: number; answeredOnTimeRate: number | null };

/** One row per month, in order, from the months' figures (a month absent from them had no report). */
export function monthlyTrend(
  months: readonly string[],
  figures: ReadonlyMap<string, Pick<Metrics, "received" | "answered" | "answeredOnTime" | "answeredOnTimeRate">>,
): TrendMonth[] {
  return [...months].sort().map((month) => {
    const m = figures.get(month);
    return m
      ? { month, received: m.received, answered: m.answered, answeredOnTime: m.answeredOnTime, answeredOnTimeRate: m.answeredOnTimeRate }
      : { month, received: 0, answered: 0, answeredOnTime: 0, answeredOnTimeRate: null };
  });
}
