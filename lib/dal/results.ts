/**
 * The published results ("la preuve"): per service, for the last 12 months and by month. Public:
 * aggregates only — no identity, no description, no tracking number.
 */
import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { delegates, services } from "@/db/schema";
import { localDateOf, zonedTime } from "@/lib/domain/deadlines";
import { computeMetrics, metricsFromTotals, type Metrics } from "@/lib/domain/stats";
import { localized, type Locale } from "@/lib/i18n/config";
import { getCity } from "./reference";
import { aggregateTotalsWithRollup } from "./stats";

export type PublishedService = {
  id: number;
  name: string;
  delegate: string | null;
  total: Metrics;
  months: { month: string; metrics: Metrics }[];
};

export async function getPublishedResults(locale: Locale, now = new Date()): Promise<{ from: string; to: string; services: PublishedService[] }> {
  const city = await getCity();
  const today = localDateOf(now, city.timeZone);
  const [y, m] = today.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 12, 1));
  const fromMonth = start.toISOString().slice(0, 7);
  // From the first local midnight of the month (a month read from UTC midnight missed its first hours east of Greenwich).
  const period = { from: zonedTime(`${fromMonth}-01`, { hour: 0, minute: 0, second: 0, ms: 0 }, city.timeZone), to: now };
  const options = { now, timeZone: city.timeZone, fromLocalMonth: fromMonth };
  const db = await getDb();
  const [{ groups: monthly, parents: totals }, svc, dels] = await Promise.all([
    // Each service's year is the sum of its months: one read of the reports for both.
    aggregateTotalsWithRollup(period, "service_month", options),
    db.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)),
    db.select().from(delegates),
  ]);
  return {
    from: fromMonth,
    to: today.slice(0, 7),
    services: svc.map((s) => {
      const own = totals.get(String(s.id));
      const months = [...monthly.entries()]
        .filter(([key]) => key.startsWith(`${s.id}:`))
        .map(([key, t]) => ({ month: key.slice(key.indexOf(":") + 1), metrics: metricsFromTotals(t) }))
        .sort((a, b) => a.month.localeCompare(b.month));
      return {
        id: s.id,
        name: localized(s.name, locale),
        delegate: s.delegateId ? (dels.find((d) => d.id === s.delegateId)?.name ?? null) : null,
        total: own ? metricsFromTotals(own) : computeMetrics([], now),
        months,
      };
    }),
  };
}
