/**
 * The statistics table as CSV, with the same period and dimension as the page: for people in the
 * reader's language (`;` and a BOM in French and Arabic), or `?format=machine` for programs (codes, `,`).
 */
import { currentViewer } from "@/lib/auth/session";
import { staffLocaleOf } from "@/lib/dal/account";
import { getCity } from "@/lib/dal/reference";
import { getStatisticsTable } from "@/lib/dal/stats";
import { parsePeriod } from "@/lib/domain/period";
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
    const { rows, total } = await getStatisticsTable(viewer, period, locale);
    const csv = statisticsCsv(locale, period.dimension, rows, total, csvDialect(search.format, locale));
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Named from the parsed period (days and dimension validated by parsePeriod), never from the query's text.
        "Content-Disposition": exportDisposition(["statistiques", period.fromDay, period.toDay, period.dimension], "csv"),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
