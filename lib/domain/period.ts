/**
 * Reads a statistics period from the URL: `from`/`to` as local dates, defaulting to the last 90 days.
 * A bad day or a reversed range is named (`error`), never silently read as an empty period; what was
 * typed is kept (`input`) for the form.
 */
import { endOfLocalDay, localDateOf, zonedTime } from "./deadlines";
import type { Dimension, StatsFilter } from "./stats";
import { DAY_MS } from "./time";

export const DIMENSIONS: readonly Dimension[] = ["service", "category", "kind", "district", "channel", "delegate"];

/** The statistics' filter from the URL: `type` (a category's id) and `kind` (complaint or request); anything else is no filter. */
export function parseStatsFilter(search: { type?: string; kind?: string }): StatsFilter {
  const filter: StatsFilter = {};
  if (/^[1-9]\d{0,4}$/.test(search.type ?? "")) filter.categoryId = Number(search.type);
  if (search.kind === "complaint" || search.kind === "request") filter.kind = search.kind;
  return filter;
}

/** Whether a filter keeps only some reports. */
export const isFiltered = (filter: StatsFilter | undefined) => filter !== undefined && (filter.categoryId !== undefined || filter.kind !== undefined);

/** Why a period cannot be read: a day that does not exist or is not a day, or an end before the start. */
export type PeriodError = "invalid_date" | "reversed";

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A day of the calendar as YYYY-MM-DD (2026-02-30 is not one). */
export const isCalendarDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** The day `n` days after (or before, n < 0) a YYYY-MM-DD day: calendar arithmetic, no time zone involved. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export const daysIn = (fromDay: string, toDay: string) => Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS) + 1;

export type Period = { fromDay: string; toDay: string; from: Date; to: Date };

/** The local days [fromDay, toDay] as instants: from the start of the first day to the end of the last (exclusive bound). */
export function periodOfDays(fromDay: string, toDay: string, timeZone: string): Period {
  return {
    fromDay,
    toDay,
    from: zonedTime(fromDay, { hour: 0, minute: 0, second: 0, ms: 0 }, timeZone),
    // `to` is inclusive for people; the query's bound is exclusive.
    to: new Date(endOfLocalDay(toDay, timeZone).getTime() + 1),
  };
}

export function parsePeriod(search: { from?: string; to?: string; dim?: string }, timeZone: string, now: Date) {
  const input = { from: (search.from ?? "").trim(), to: (search.to ?? "").trim() };
  let error: PeriodError | null = null;
  const day = (v: string) => {
    if (v === "") return null;
    if (isCalendarDay(v)) return v;
    error = "invalid_date";
    return null;
  };
  const to = day(input.to) ?? localDateOf(now, timeZone);
  const from = day(input.from) ?? localDateOf(new Date(now.getTime() - 90 * DAY_MS), timeZone);
  if (!error && to < from) error = "reversed";
  const dimension = (DIMENSIONS as readonly string[]).includes(search.dim ?? "") ? (search.dim as Dimension) : "service";
  return { ...periodOfDays(from, to, timeZone), dimension, input, error: error as PeriodError | null };
}

/** The period of the same number of days just before: what a figure's change is measured against. */
export function previousPeriod(period: Pick<Period, "fromDay" | "toDay">, timeZone: string): Period {
  const days = daysIn(period.fromDay, period.toDay);
  return periodOfDays(addDays(period.fromDay, -days), addDays(period.fromDay, -1), timeZone);
}

/** The month before a YYYY-MM month. */
export function monthBefore(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/**
 * The months the trend chart shows: those of the period when it spans twelve months or more,
 * otherwise the twelve months that end with the period's last one (from the first of the month
 * eleven months before, to the period's end).
 */
export function trendPeriod(period: Pick<Period, "fromDay" | "toDay">, timeZone: string): Period {
  const lastMonth = period.toDay.slice(0, 7);
  let first = lastMonth;
  for (let i = 0; i < 11; i++) first = monthBefore(first);
  const fromDay = period.fromDay.slice(0, 7) <= first ? period.fromDay : `${first}-01`;
  return periodOfDays(fromDay, period.toDay, timeZone);
}

/**
 * The calendar months (city time) that [from, to) touches, each with the instants it starts and
 * ends at: the database groups by these ranges, so its months are the city's whatever time-zone
 * data the database has (the embedded one has none for Africa/Casablanca).
 */
export function monthsBetween(from: Date, to: Date, timeZone: string): { month: string; starts: Date; ends: Date }[] {
  const midnight = { hour: 0, minute: 0, second: 0, ms: 0 };
  const first = localDateOf(from, timeZone).slice(0, 7);
  const last = localDateOf(new Date(Math.max(from.getTime(), to.getTime() - 1)), timeZone).slice(0, 7);
  const out: { month: string; starts: Date; ends: Date }[] = [];
  let [y, m] = first.split("-").map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    const next = `${ny}-${String(nm).padStart(2, "0")}`;
    out.push({ month, starts: zonedTime(`${month}-01`, midnight, timeZone), ends: zonedTime(`${next}-01`, midnight, timeZone) });
    if (month >= last) return out;
    [y, m] = [ny, nm];
  }
}
