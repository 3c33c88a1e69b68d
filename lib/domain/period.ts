/** Reads a statistics period from the URL: `from`/`to` as local dates, defaulting to the last 90 days. */
import { endOfLocalDay, localDateOf, zonedTime } from "./deadlines";
import type { Dimension } from "./stats";
import { DAY_MS } from "./time";

export const DIMENSIONS: readonly Dimension[] = ["service", "category", "district", "channel", "delegate"];

export function parsePeriod(search: { from?: string; to?: string; dim?: string }, timeZone: string, now: Date) {
  const iso = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);
  const to = iso(search.to) ?? localDateOf(now, timeZone);
  const from = iso(search.from) ?? localDateOf(new Date(now.getTime() - 90 * DAY_MS), timeZone);
  const dimension = (DIMENSIONS as readonly string[]).includes(search.dim ?? "") ? (search.dim as Dimension) : "service";
  return {
    fromDay: from,
    toDay: to,
    dimension,
    from: zonedTime(from, { hour: 0, minute: 0, second: 0, ms: 0 }, timeZone),
    // `to` is inclusive for people; the query's bound is exclusive.
    to: new Date(endOfLocalDay(to, timeZone).getTime() + 1),
  };
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
