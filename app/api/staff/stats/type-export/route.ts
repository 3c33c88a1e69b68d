/**
 * One request type's requests as CSV, with one column per field of its form (all its versions), for
 * the same period as the statistics page: for people in the reader's language (fields' labels,
 * choices, yes/no; `;` and a BOM in French and Arabic), or `?format=machine` for programs (codes, `,`).
 * Who may: whoever reads the statistics (checked in lib/dal/type-export). At most
 * TYPE_EXPORT_MAX_ROWS requests; when there were more, `X-Export-Truncated` says so.
 */
import { currentViewer } from "@/lib/auth/session";
import { staffLocaleOf } from "@/lib/dal/account";
import { getCity } from "@/lib/dal/reference";
import { getTypeRequestsExport } from "@/lib/dal/type-export";
import { parsePeriod, parseStatsFilter } from "@/lib/domain/period";
import { isForbiddenError } from "@/lib/errors";
import { csvDialect } from "@/lib/export/csv";
import { exportDisposition } from "@/lib/export/filename";
import { typeRequestsCsv } from "@/lib/export/type-csv";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const city = await getCity();
  const period = parsePeriod(search, city.timeZone, new Date());
  if (period.error) return Response.json({ code: `stats.errors.${period.error}` }, { status: 400 });
  // The page's own reading of `type` (a request type's id): only a number reaches the query and the name.
  const type = parseStatsFilter(search).categoryId;
  try {
    const locale = await staffLocaleOf(viewer);
    // Who asks is checked first (lib/dal): a reader allowed gets 404 for a type that is not one (0 never is).
    const data = await getTypeRequestsExport(viewer, { categoryId: type ?? 0, from: period.from, to: period.to }, locale);
    if (!data) return Response.json({ code: "stats.errors.type_unknown" }, { status: 404 });
    const csv = typeRequestsCsv(data, locale, data.fallback, csvDialect(search.format, locale));
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Named from the type's stored code and the parsed days, never from the query's text.
        "Content-Disposition": exportDisposition(["demandes", data.type.code, period.fromDay, period.toDay], "csv"),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        ...(data.truncated ? { "X-Export-Truncated": "true" } : {}),
      },
    });
  } catch (error) {
    if (isForbiddenError(error)) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
