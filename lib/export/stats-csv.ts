/**
 * The statistics table as CSV, its headers in the reader's language (stats.csv.* of the messages):
 * one list of columns gives both the header and each row's cells, so they cannot drift apart.
 */
import { createTranslator } from "next-intl";
import { formatMinor } from "@/lib/domain/penalties";
import type { Dimension, Metrics } from "@/lib/domain/stats";
import type { Locale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";
import { toCsv } from "./csv";

const COLUMNS = {
  received: (m) => m.received,
  routed: (m) => m.routed,
  routed_on_time: (m) => m.routedOnTime,
  answered: (m) => m.answered,
  answered_on_time: (m) => m.answeredOnTime,
  median_response_days: (m) => m.medianResponseDays,
  p90_response_days: (m) => m.p90ResponseDays,
  backlog: (m) => m.backlog,
  late_now: (m) => m.lateNow,
  upheld: (m) => m.outcomes.upheld,
  rejected: (m) => m.outcomes.rejected,
  reoriented: (m) => m.outcomes.reoriented,
  supports: (m) => m.supports,
  ratings: (m) => m.ratings,
  average_rating: (m) => m.averageRating,
  fixed_rate: (m) => m.fixedRate,
  penalties_confirmed: (m) => m.penalties.confirmedCount,
  penalties_confirmed_amount: (m) => formatMinor(m.penalties.confirmedMinor),
  penalties_proposed: (m) => m.penalties.byState.proposed.count,
  penalties_contested: (m) => m.penalties.byState.contested.count,
  penalties_waived: (m) => m.penalties.byState.waived.count,
  penalties_cancelled: (m) => m.penalties.byState.cancelled.count,
} satisfies Record<string, (m: Metrics) => string | number | null>;

type Translate = (key: string) => string;

/** The rows (label and metrics) then the total, under headers in `locale`. */
export function statisticsCsv(locale: Locale, dimension: Dimension, rows: readonly { label: string; metrics: Metrics }[], total: Metrics): string {
  const t = createTranslator({ locale, messages: messages[locale], namespace: "stats.csv" } as never) as unknown as Translate;
  const columns = Object.entries(COLUMNS);
  return toCsv(
    [t(dimension), ...columns.map(([key]) => t(key))],
    [...rows, { label: t("total"), metrics: total }].map(({ label, metrics }) => [label, ...columns.map(([, cell]) => cell(metrics))]),
  );
}
