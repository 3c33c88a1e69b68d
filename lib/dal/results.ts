/**
 * The published results ("la preuve"): per service, for the last 12 months and by month. Public:
 * aggregates only — no identity, no description, no tracking number.
 */
import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { delegates, services } from "@/db/schema";
import { localDateOf } from "@/lib/domain/deadlines";
import { computeMetrics, metricsByMonth, type Metrics } from "@/lib/domain/stats";
import { localized, type Locale } from "@/lib/i18n/config";
import { getCity } from "./reference";
import { loadReportFacts } from "./stats";

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
  const facts = await loadReportFacts({ from: new Date(`${fromMonth}-01T00:00:00Z`), to: now });
  const db = await getDb();
  const [svc, dels] = await Promise.all([db.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)), db.select().from(delegates)]);
  const monthOf = (d: Date) => localDateOf(d, city.timeZone).slice(0, 7);
  return {
    from: fromMonth,
    to: today.slice(0, 7),
    services: svc.map((s) => {
      const own = facts.filter((f) => f.serviceId === s.id && monthOf(f.submittedAt) >= fromMonth);
      return {
        id: s.id,
        name: localized(s.name, locale),
        delegate: s.delegateId ? (dels.find((d) => d.id === s.delegateId)?.name ?? null) : null,
        total: computeMetrics(own, now),
        months: metricsByMonth(own, monthOf, now),
      };
    }),
  };
}
