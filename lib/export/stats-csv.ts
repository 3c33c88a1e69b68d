/**
 * The statistics table as CSV: one list of columns gives both the header and each row's cells, so
 * they cannot drift apart. For people, headers, channels and the row of the city's own services in
 * the reader's language (stats.csv.* of the messages); for programs (`format=machine`), the columns'
 * codes, the groups' codes and names as stored.
 */
import { NO_DELEGATE, type Dimension, type Metrics } from "@/lib/domain/stats";
import type { Locale } from "@/lib/i18n/config";
import { csvNumber, csvTranslator as translator, MACHINE_CSV, toCsv, type CsvDialect } from "./csv";

type Cell = (m: Metrics, dialect: CsvDialect) => string | number | null;

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
  penalties_confirmed_amount: (m, dialect) => csvNumber(m.penalties.confirmedMinor / 100, dialect, 2),
  penalties_proposed: (m) => m.penalties.byState.proposed.count,
  penalties_contested: (m) => m.penalties.byState.contested.count,
  penalties_waived: (m) => m.penalties.byState.waived.count,
  penalties_cancelled: (m) => m.penalties.byState.cancelled.count,
} satisfies Record<string, Cell>;

/** The rows (their group's key, label and metrics) then the total, in the dialect asked. */
export function statisticsCsv(
  locale: Locale,
  dimension: Dimension,
  rows: readonly { key: string; label: string; metrics: Metrics }[],
  total: Metrics,
  dialect: CsvDialect = MACHINE_CSV,
): string {
  const columns = Object.entries(COLUMNS) as [string, Cell][];
  const cells = (metrics: Metrics) => columns.map(([, cell]) => cell(metrics, dialect));
  if (dialect.machine) {
    return toCsv(
      [dimension, "name", ...columns.map(([key]) => key)],
      [...rows.map((r) => [r.key, r.label, ...cells(r.metrics)]), ["total", "", ...cells(total)]],
      dialect,
    );
  }
  const t = translator(locale, "stats.csv");
  const extra = translator(locale, "stats.csvExtra");
  const channel = translator(locale, "staff.channel");
  const kind = translator(locale, "stats.kinds");
  const label = (r: { key: string; label: string }) =>
    dimension === "channel"
      ? channel(r.key)
      : dimension === "kind"
        ? kind(r.key)
        : dimension === "delegate" && r.key === NO_DELEGATE
          ? extra("no_delegate")
          : r.label;
  return toCsv(
    [t(dimension), ...columns.map(([key]) => t(key))],
    [...rows.map((r) => [label(r), ...cells(r.metrics)]), [t("total"), ...cells(total)]],
    dialect,
  );
}
