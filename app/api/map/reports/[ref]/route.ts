/** GET /api/map/reports/[ref]?locale= — a public report, by its public number, as the map's popup shows it (no personal data). */
import { getPublicReportSummary } from "@/lib/dal/supports";
import { isLocale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const locale = new URL(request.url).searchParams.get("locale");
  const summary = /^\d{1,12}$/.test(ref) ? await getPublicReportSummary(Number(ref), isLocale(locale) ? locale : "fr") : null;
  if (!summary) return Response.json({ code: "map.errors.not_found" }, { status: 404 });
  return Response.json(summary, { headers: { "Cache-Control": "public, max-age=30" } });
}
