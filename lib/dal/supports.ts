/**
 * "Me too" supports. Who asks: anyone filing a report — they see the open public reports of the
 * same category near their point (category, status, date, distance, count, the address given and
 * the start of the description — what Open311 already publishes; never a name, a contact, a photo
 * or a tracking number) and may add their support once.
 */
import { createHash } from "node:crypto";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { categories, reportCategories, reportSupports, reports } from "@/db/schema";
import { excerptOf } from "@/lib/domain/excerpt";
import { distanceMeters, hasPoint } from "@/lib/domain/geo";
import { AppError } from "@/lib/errors";
import { localized, type Locale } from "@/lib/i18n/config";
import { isOpen, LIVE_STATUSES, OPEN_STATUSES } from "@/lib/domain/workflow";

export type NearbyReport = {
  id: string;
  category: string;
  status: string;
  submittedAt: string;
  distance: number;
  supports: number;
  /** The description's first words, to tell whether it is the same problem. */
  excerpt: string;
  address: string | null;
};

/** Open reports of this category within `radius` metres of the point, nearest first. Private categories never. */
export async function listNearbyOpenReports(point: { lat: number; lng: number; categoryId: number }, locale: Locale, radius = 200): Promise<NearbyReport[]> {
  const db = await getDb();
  const dLat = radius / 111_000;
  const dLng = radius / (111_000 * Math.cos((point.lat * Math.PI) / 180));
  const rows = await db
    .select({
      id: reports.id,
      lat: reports.lat,
      lng: reports.lng,
      status: reports.status,
      submittedAt: reports.submittedAt,
      description: reports.description,
      address: reports.address,
      category: categories.name,
      isPrivate: categories.isPrivate,
      supports: sql<number>`(select count(*)::int from ${reportSupports} s where s.report_id = "reports"."id")`,
    })
    .from(reports)
    .innerJoin(reportCategories, and(eq(reportCategories.reportId, reports.id), eq(reportCategories.categoryId, point.categoryId)))
    .innerJoin(categories, eq(categories.id, reportCategories.categoryId))
    .where(
      and(
        inArray(reports.status, [...OPEN_STATUSES]),
        sql`${reports.lat} between ${point.lat - dLat} and ${point.lat + dLat}`,
        sql`${reports.lng} between ${point.lng - dLng} and ${point.lng + dLng}`,
        sql`not exists (select 1 from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and c.is_private)`,
      ),
    )
    .limit(50);
  return rows
    .filter(hasPoint)
    .map((r) => ({
      id: r.id,
      category: localized(r.category, locale),
      status: r.status,
      submittedAt: r.submittedAt.toISOString(),
      distance: Math.round(distanceMeters(point, r)),
      supports: r.supports,
      excerpt: excerptOf(r.description),
      address: r.address,
    }))
    .filter((r) => r.distance <= radius)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5);
}

export function supportFingerprint(reportId: string, address: string, userAgent: string): string {
  return createHash("sha256").update(`${reportId}|${address}|${userAgent}`).digest("base64url");
}

/** Adds one support to an open public report (once per person); returns the new count. */
export async function addSupport(reportId: string, fingerprint: string): Promise<{ supports: number; added: boolean }> {
  if (!/^[0-9a-f-]{36}$/.test(reportId)) throw new AppError("support.errors.not_found");
  const db = await getDb();
  const [r] = await db
    .select({
      id: reports.id,
      status: reports.status,
      hidden: sql<boolean>`exists (select 1 from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and c.is_private)`,
    })
    .from(reports)
    .where(eq(reports.id, reportId));
  if (!r || r.hidden) throw new AppError("support.errors.not_found");
  if (!isOpen(r.status)) throw new AppError("support.errors.closed");
  const inserted = await db.insert(reportSupports).values({ reportId, fingerprint }).onConflictDoNothing().returning({ id: reportSupports.id });
  const [{ n }] = await db.select({ n: count() }).from(reportSupports).where(eq(reportSupports.reportId, reportId));
  return { supports: n, added: inserted.length > 0 };
}

export type PublicReportSummary = {
  id: string;
  status: string;
  categories: string[];
  submittedAt: string;
  supports: number;
  /** Whether a "me too" is still taken (open reports only). */
  open: boolean;
  excerpt: string;
  /** The city's published answer: its outcome and first words. */
  answer: { outcome: string; excerpt: string; answeredAt: string } | null;
};

/**
 * A report as a map's popup shows it to anyone: what Open311 publishes (category, status, dates,
 * the description's and the answer's first words, the "me too" count) — never a contact, a photo or
 * a tracking number. Private categories and hidden reports (merged, inadmissible) are not found.
 */
export async function getPublicReportSummary(publicNumber: number, locale: Locale): Promise<PublicReportSummary | null> {
  if (!Number.isSafeInteger(publicNumber) || publicNumber < 1) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: reports.id,
      status: reports.status,
      submittedAt: reports.submittedAt,
      description: reports.description,
      outcome: reports.outcome,
      answer: reports.answer,
      answeredAt: reports.answeredAt,
      supports: sql<number>`(select count(*)::int from ${reportSupports} s where s.report_id = "reports"."id")`,
      privateCategory: sql<boolean>`exists (select 1 from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id" and c.is_private)`,
      names: sql<
        { fr: string; ar?: string; en?: string }[]
      >`(select coalesce(json_agg(c.name order by rc.position), '[]'::json) from ${reportCategories} rc join ${categories} c on c.id = rc.category_id where rc.report_id = "reports"."id")`,
    })
    .from(reports)
    .where(and(eq(reports.publicNumber, publicNumber), inArray(reports.status, [...LIVE_STATUSES])));
  if (!row || row.privateCategory) return null;
  return {
    id: row.id,
    status: row.status,
    categories: row.names.map((n) => localized(n, locale)),
    submittedAt: row.submittedAt.toISOString(),
    supports: row.supports,
    open: isOpen(row.status),
    excerpt: excerptOf(row.description),
    answer:
      row.outcome && row.answeredAt
        ? { outcome: row.outcome, excerpt: row.answer ? excerptOf(row.answer, 280) : "", answeredAt: row.answeredAt.toISOString() }
        : null,
  };
}
