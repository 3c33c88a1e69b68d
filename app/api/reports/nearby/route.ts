/** GET /api/reports/nearby?lat=&lng=&category=&locale= — open reports of that category near the point (no personal data). */
import { z } from "zod";
import { tableId } from "@/lib/domain/form-values";
import { listNearbyOpenReports } from "@/lib/dal/supports";
import { isLocale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

const query = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  category: tableId(),
  locale: z.string().optional(),
});

export async function GET(request: Request) {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ code: "support.errors.bad_request" }, { status: 400 });
  const { lat, lng, category, locale } = parsed.data;
  const items = await listNearbyOpenReports({ lat, lng, categoryId: category }, isLocale(locale) ? locale : "fr");
  return Response.json({ items }, { headers: { "Cache-Control": "no-store" } });
}
