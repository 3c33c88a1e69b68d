/**
 * Deadlines of a report, in the city's calendar.
 *
 * - Routing: within `triageHours` of submission (clock hours: a coordinator's 48 h).
 * - Response: `responseDays` after the day of submission, counted in calendar days or in working
 *   days (weekends and public holidays skipped), ending at the end of that day in the city's time
 *   zone. As in French procedure (art. 642 CPC), a calendar deadline that ends on a non-working
 *   day moves to the next working day.
 * - Time spent waiting for the citizen (`needs_info`) does not count: the due date moves on.
 * - Lateness is derived when read, never stored.
 *
 * Pure: the calendar, the time zone and the clock are parameters.
 */
import { TZDate } from "@date-fns/tz";
import Holidays from "date-holidays";
import { DAY_MS, HOUR_MS } from "./time";

/** The city's working calendar. `isHoliday` takes a local date `YYYY-MM-DD`. */
export type WorkCalendar = {
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: number[];
  isHoliday: (isoDate: string) => boolean;
};

export type DayCount = "calendar" | "working";

/** The wall clock of a zone at an instant (`@date-fns/tz` reads the zone's rules from Intl). */
function wallClock(instant: Date, timeZone: string) {
  const t = new TZDate(instant.getTime(), timeZone);
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate(), hour: t.getHours(), minute: t.getMinutes(), second: t.getSeconds() };
}

/** The instant at which the wall clock of `timeZone` shows this local time. */
export function zonedTime(isoDate: string, time: { hour: number; minute: number; second: number; ms: number }, timeZone: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(TZDate.tz(timeZone, y, m - 1, d, time.hour, time.minute, time.second, time.ms).getTime());
}

/** The local date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWorkingDay(isoDate: string, calendar: WorkCalendar): boolean {
  return !calendar.weekendDays.includes(weekdayOf(isoDate)) && !calendar.isHoliday(isoDate);
}

/** The last instant of a local day: 23:59:59.999 on the city's wall clock. */
export function endOfLocalDay(isoDate: string, timeZone: string): Date {
  return zonedTime(isoDate, { hour: 23, minute: 59, second: 59, ms: 999 }, timeZone);
}

/**
 * The due dates of a report submitted at `submittedAt`.
 * @example computeDeadlines({ submittedAt, triageHours: 48, responseDays: 30, dayCount: "calendar", calendar })
 */
export function computeDeadlines(options: { submittedAt: Date; triageHours: number; responseDays: number; dayCount: DayCount; calendar: WorkCalendar }): {
  routingDueAt: Date;
  responseDueAt: Date;
} {
  const { submittedAt, triageHours, responseDays, dayCount, calendar } = options;
  if (!(triageHours > 0) || !(responseDays > 0)) throw new RangeError("deadlines must be positive");
  const routingDueAt = new Date(submittedAt.getTime() + triageHours * HOUR_MS);
  const start = localDateOf(submittedAt, calendar.timeZone);
  let due: string;
  if (dayCount === "working") {
    due = start;
    let counted = 0;
    while (counted < responseDays) {
      due = addDays(due, 1);
      if (isWorkingDay(due, calendar)) counted++;
    }
  } else {
    due = addDays(start, responseDays);
    // A deadline never ends on a day the city is closed.
    for (let guard = 0; guard < 60 && !isWorkingDay(due, calendar); guard++) due = addDays(due, 1);
  }
  return { routingDueAt, responseDueAt: endOfLocalDay(due, calendar.timeZone) };
}

/** How long a report has been waiting for its citizen (0 when it is not paused). */
export function pausedMilliseconds(pausedAt: Date | null, now: Date): number {
  if (!pausedAt) return 0;
  return Math.max(0, now.getTime() - pausedAt.getTime());
}

/** Whole days a pause of `pausedMs` adds to a response deadline: any part of a day counts as a day. */
export function pausedDays(pausedMs: number): number {
  return pausedMs > 0 ? Math.ceil(pausedMs / DAY_MS) : 0;
}

/**
 * A response deadline pushed back by the time the clock was paused (waiting for the citizen), in
 * whole days: it still ends at the end of a local day (23:59 on the city's clock), as every response
 * deadline does, so a pause never leaves it at an odd hour ("9 Dec 00:00" for a pause of minutes).
 */
export function extendForPause(dueAt: Date, pausedMs: number, timeZone: string): Date {
  const days = pausedDays(pausedMs);
  if (days === 0) return dueAt;
  return endOfLocalDay(addDays(localDateOf(dueAt, timeZone), days), timeZone);
}

export type Lateness = "on_time" | "due_soon" | "late";

/** Whether a due date is comfortably ahead, close (within `soonMs`, default 2 days) or passed. */
export function lateness(dueAt: Date, now: Date, soonMs = 2 * DAY_MS): Lateness {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return "late";
  if (left <= soonMs) return "due_soon";
  return "on_time";
}

/**
 * A holiday checker from the country's public holidays (date-holidays, `public` type only) plus
 * the days an admin added. Years are computed once, on first use.
 */
export function makeHolidayChecker(options: { country: string; extraDates?: string[] }): (isoDate: string) => boolean {
  const extra = new Set(options.extraDates ?? []);
  return (isoDate: string) => extra.has(isoDate) || publicHolidaysOf(options.country, Number(isoDate.slice(0, 4))).has(isoDate);
}

/** A public holiday as the country's calendar names it: its first day, its name, how many days it lasts. */
export type OfficialHoliday = { day: string; name: string; days: number };

/**
 * The country's public holidays of a year (the ones the working-day count skips: `public` type
 * only), named in `language` when the calendar has it (else in the country's own), in date order.
 */
export function officialHolidays(countryCode: string, year: number, language: string): OfficialHoliday[] {
  return (calendarOf(countryCode).getHolidays(year, language) || [])
    .filter((h) => h.type === "public")
    .map((h) => ({ day: h.date.slice(0, 10), name: h.name, days: Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS)) }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** A calendar day as an instant to format: its local midday in `timeZone` (the same day on every clock of the zone). */
export function middayOf(isoDate: string, timeZone: string): Date {
  return zonedTime(isoDate, { hour: 12, minute: 0, second: 0, ms: 0 }, timeZone);
}

/**
 * A country's public holidays in a year (multi-day ones expanded). The same for every caller, and
 * costly (the Islamic calendar is computed): kept for the life of the process, as a pure memo.
 */
const holidayYears = new Map<string, Set<string>>();
const holidayCalendars = new Map<string, Holidays>();
function calendarOf(countryCode: string): Holidays {
  let calendar = holidayCalendars.get(countryCode);
  if (!calendar) {
    const [country, region] = countryCode.split("-");
    calendar = new Holidays(country, region);
    holidayCalendars.set(countryCode, calendar);
  }
  return calendar;
}
function publicHolidaysOf(countryCode: string, year: number): Set<string> {
  const key = `${countryCode}:${year}`;
  let days = holidayYears.get(key);
  if (days) return days;
  days = new Set<string>();
  for (const h of calendarOf(countryCode).getHolidays(year) || []) {
    if (h.type !== "public") continue;
    const first = h.date.slice(0, 10);
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < length; i++) days.add(addDays(first, i));
  }
  holidayYears.set(key, days);
  return days;
}

/**
 * The lateness that matters for a report now: routing while it waits for triage, response while
 * the service works it (paused time excluded), none once answered or closed.
 */
export function reportLateness(
  report: { status: string; routingDueAt: Date; responseDueAt: Date; pausedAt: Date | null },
  now: Date,
  soonMs = DAY_MS,
): Lateness | null {
  switch (report.status) {
    case "submitted":
      return lateness(report.routingDueAt, now, soonMs);
    case "routed":
    case "in_progress":
      return lateness(report.responseDueAt, now, soonMs);
    case "needs_info":
      // Paused: the deadline moves on with the clock, at least by the time waited so far.
      return lateness(new Date(report.responseDueAt.getTime() + pausedMilliseconds(report.pausedAt, now)), now, soonMs);
    default:
      return null;
  }
}

/** A W3C date-time with the zone's offset at that instant, e.g. `2026-11-23T10:00:00+01:00` (Open311). */
export function w3cDateTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  // getTimezoneOffset() is minutes west of UTC, as for a local Date.
  const offsetMinutes = -new TZDate(instant.getTime(), timeZone).getTimezoneOffset();
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetMinutes >= 0 ? "+" : "-"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Why a report's response deadline is what it is, from its timeline: counted from the filing or the
 * last reopening (`from`), plus the whole days of each pause since then (a question to the citizen
 * until their reply, a resumption or the answer; the pause still running counts up to `now`).
 */
export function deadlineBasis(events: { type: string; at: Date }[], now: Date): { from: Date | null; pausedDays: number } {
  let from: Date | null = null;
  let pausedDays_ = 0;
  let pausedAt: Date | null = null;
  for (const e of events) {
    if (e.type === "submit" || e.type === "reopen") {
      from = e.at;
      pausedDays_ = 0;
      pausedAt = null;
    } else if (e.type === "ask_information") {
      pausedAt ??= e.at;
    } else if (pausedAt && (e.type === "provide_information" || e.type === "resume" || e.type === "answer")) {
      pausedDays_ += pausedDays(e.at.getTime() - pausedAt.getTime());
      pausedAt = null;
    }
  }
  if (pausedAt) pausedDays_ += pausedDays(now.getTime() - pausedAt.getTime());
  return { from, pausedDays: pausedDays_ };
}
