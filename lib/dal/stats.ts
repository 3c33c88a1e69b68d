/**
 * The facts statistics are computed from, read in a few set-based queries. Who asks: the mayor's
 * office, coordinators and admins (`stats`) for everything; the public results for aggregates only
 * (no identity, no description ever leaves this module).
 */
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, delegates, districts, feedback, penalties, reportCategories, reportSupports, reports, services } from "@/db/schema";
import { can, type Viewer } from "@/lib/auth/permissions";
import { computeMetrics, metricsBy, type Dimension, type Metrics, type ReportFacts } from "@/lib/domain/stats";
import { AppError } from "@/lib/errors";
import { localized, type Locale } from "@/lib/i18n/config";

/** Facts of the reports submitted in [from, to), merged duplicates and spam left out. */
export async function loadReportFacts(period: { from: Date; to: Date }): Promise<ReportFacts[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: reports.id,
      status: reports.status,
      channel: reports.channel,
      serviceId: reports.serviceId,
      delegateId: services.delegateId,
      categoryId: sql<number>`(select rc.category_id from ${reportCategories} rc where rc.report_id = "reports"."id" and rc.position = 0)`,
      districtId: reports.districtId,
      submittedAt: reports.submittedAt,
      routingDueAt: reports.routingDueAt,
      responseDueAt: reports.responseDueAt,
      pausedAt: reports.pausedAt,
      routedAt: reports.routedAt,
      answeredAt: reports.answeredAt,
      outcome: reports.outcome,
      supports: sql<number>`(select count(*)::int from ${reportSupports} s where s.report_id = "reports"."id")`,
    })
    .from(reports)
    .innerJoin(services, eq(services.id, reports.serviceId))
    .where(and(gte(reports.submittedAt, period.from), lt(reports.submittedAt, period.to), sql`${reports.status} not in ('duplicate', 'inadmissible')`));
  const ids = rows.map((r) => r.id);
  const [ratings, fines] = ids.length
    ? await Promise.all([
        db.select({ reportId: feedback.reportId, rating: feedback.rating, fixed: feedback.fixed }).from(feedback).where(sql`${feedback.reportId} in (select id from ${reports} where ${reports.submittedAt} >= ${period.from} and ${reports.submittedAt} < ${period.to})`),
        db.select({ reportId: penalties.reportId, state: penalties.state, amountMinor: penalties.amountMinor }).from(penalties).where(sql`${penalties.reportId} in (select id from ${reports} where ${reports.submittedAt} >= ${period.from} and ${reports.submittedAt} < ${period.to})`),
      ])
    : [[], []];
  const ratingsOf = new Map<string, { rating: number; fixed: boolean }[]>();
  for (const f of ratings) ratingsOf.set(f.reportId, [...(ratingsOf.get(f.reportId) ?? []), f]);
  const finesOf = new Map<string, { state: string; amountMinor: number }[]>();
  for (const p of fines) finesOf.set(p.reportId, [...(finesOf.get(p.reportId) ?? []), p]);
  return rows.map(({ id, ...r }) => ({
    ...r,
    ratings: (ratingsOf.get(id) ?? []).map((f) => f.rating),
    fixed: (ratingsOf.get(id) ?? []).map((f) => f.fixed),
    penalties: finesOf.get(id) ?? [],
  }));
}

/** For the statistics page: refuses anyone without the `stats` capability. */
export async function loadStatisticsFacts(viewer: Viewer | null, period: { from: Date; to: Date }): Promise<ReportFacts[]> {
  if (!viewer) throw new AppError("forbidden:unauthenticated");
  if (!can(viewer, "stats")) throw new AppError("forbidden:stats");
  return loadReportFacts(period);
}

export type StatisticsRow = { key: string; label: string; metrics: Metrics };

/** The statistics table for a period and a dimension, with names in the viewer's language. */
export async function getStatisticsTable(
  viewer: Viewer | null,
  options: { from: Date; to: Date; dimension: Dimension },
  locale: Locale,
  now = new Date(),
): Promise<{ rows: StatisticsRow[]; total: Metrics }> {
  const facts = await loadStatisticsFacts(viewer, options);
  const db = await getDb();
  const [svc, cats, dists, dels] = await Promise.all([
    db.select({ id: services.id, name: services.name }).from(services),
    db.select({ id: categories.id, name: categories.name }).from(categories),
    db.select({ id: districts.id, name: districts.name }).from(districts),
    db.select({ id: delegates.id, name: delegates.name }).from(delegates),
  ]);
  const names: Record<Dimension, Map<string, string>> = {
    service: new Map(svc.map((s) => [String(s.id), localized(s.name, locale)])),
    category: new Map(cats.map((c) => [String(c.id), localized(c.name, locale)])),
    district: new Map(dists.map((d) => [String(d.id), localized(d.name, locale)])),
    delegate: new Map(dels.map((d) => [String(d.id), d.name])),
    channel: new Map(),
  };
  const rows = metricsBy(facts, options.dimension, now)
    .map((g) => ({ key: g.key, label: names[options.dimension].get(g.key) ?? g.key, metrics: g.metrics }))
    .sort((a, b) => b.metrics.received - a.metrics.received);
  return { rows, total: computeMetrics(facts, now) };
}
