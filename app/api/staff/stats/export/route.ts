/**
 * The statistics table as CSV, with the same period and dimension as the page: for people in the
 * reader's language (`;` and a BOM in French and Arabic), or `?format=machine` for programs (codes, `,`).
 * Filtered as the page is: `type` (a request type's id) and/or `kind` (complaint, request).
 */
import { currentViewer } from "@/lib/auth/session";
import { staffLocaleOf } from "@/lib/dal/account";
import { getCity } from "@/lib/dal/reference";
import { getStatisticsTable } from "@/lib/dal/stats";
import { parsePeriod, parseStatsFilter } from "@/lib/domain/period";
import { isForbiddenError } from "@/lib/errors";
import { csvDialect } from "@/lib/export/csv";
import { statisticsCsv } from "@/lib/export/stats-csv";
import { exportDisposition } from "@/lib/export/filename";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const city = await getCity();
  const period = parsePeriod(search, city.timeZone, new Date());
  // A bad or reversed period is named, as on the page, never exported as zeros.
  if (period.error) return Response.json({ code: `stats.errors.${period.error}` }, { status: 400 });
  try {
    // Headers and names in the reader's language: their own choice, else the city's default.
    const locale = await staffLocaleOf(viewer);
    // The page's filter too (a request type, a family): parsed, so only a number and a code reach the query and the name.
    const filter = parseStatsFilter(search);
    const { rows, total } = await getStatisticsTable(viewer, { ...period, filter }, locale);
    const csv = statisticsCsv(locale, period.dimension, rows, total, csvDialect(search.format, locale));
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Named from the parsed period (days and dimension validated by parsePeriod), never from the query's text.
        "Content-Disposition": exportDisposition(
          ["statistiques", period.fromDay, period.toDay, period.dimension, filter.categoryId === undefined ? null : `type${filter.categoryId}`, filter.kind],
          "csv",
        ),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
