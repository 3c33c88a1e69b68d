/** Reads a statistics period from the URL: `from`/`to` as local dates, defaulting to the last 90 days. */
import { endOfLocalDay, localDateOf, zonedTime } from "./deadlines";
import type { Dimension } from "./stats";

export const DIMENSIONS: readonly Dimension[] = ["service", "category", "district", "channel", "delegate"];

export function parsePeriod(search: { from?: string; to?: string; dim?: string }, timeZone: string, now: Date) {
  const iso = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);
  const to = iso(search.to) ?? localDateOf(now, timeZone);
  const from = iso(search.from) ?? localDateOf(new Date(now.getTime() - 90 * 86_400_000), timeZone);
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
