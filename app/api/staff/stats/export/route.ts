/** The statistics table as CSV, with the same period and dimension as the page. */
import { currentViewer } from "@/lib/auth/session";
import { getCity } from "@/lib/dal/reference";
import { getStatisticsTable } from "@/lib/dal/stats";
import { parsePeriod } from "@/lib/domain/period";
import { formatMinor } from "@/lib/domain/penalties";
import { isAppError } from "@/lib/errors";
import { toCsv } from "@/lib/export/csv";
import { exportDisposition } from "@/lib/export/filename";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const city = await getCity();
  const period = parsePeriod(search, city.timeZone, new Date());
  try {
    const { rows, total } = await getStatisticsTable(viewer, period, "fr");
    const csv = toCsv(
      [
        period.dimension,
        "received",
        "routed",
        "routed_on_time",
        "answered",
        "answered_on_time",
        "median_response_days",
        "p90_response_days",
        "backlog",
        "late_now",
        "upheld",
        "rejected",
        "reoriented",
        "supports",
        "ratings",
        "average_rating",
        "fixed_rate",
        "penalties_confirmed",
        "penalties_confirmed_amount",
        "penalties_proposed",
        "penalties_contested",
        "penalties_waived",
        "penalties_cancelled",
      ],
      [...rows, { key: "total", label: "total", metrics: total }].map(({ label, metrics: m }) => [
        label,
        m.received,
        m.routed,
        m.routedOnTime,
        m.answered,
        m.answeredOnTime,
        m.medianResponseDays,
        m.p90ResponseDays,
        m.backlog,
        m.lateNow,
        m.outcomes.upheld,
        m.outcomes.rejected,
        m.outcomes.reoriented,
        m.supports,
        m.ratings,
        m.averageRating,
        m.fixedRate,
        m.penalties.confirmedCount,
        formatMinor(m.penalties.confirmedMinor),
        m.penalties.byState.proposed.count,
        m.penalties.byState.contested.count,
        m.penalties.byState.waived.count,
        m.penalties.byState.cancelled.count,
      ]),
    );
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Named from the parsed period (days and dimension validated by parsePeriod), never from the query's text.
        "Content-Disposition": exportDisposition(["statistiques", period.fromDay, period.toDay, period.dimension], "csv"),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code.startsWith("forbidden")) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
