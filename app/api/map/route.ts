import { z } from "zod";
import { listPublicMapItems, PUBLIC_MAP_STATUSES } from "@/lib/dal/reports";

export const dynamic = "force-dynamic";

const query = z.object({
  bbox: z
    .string()
    .transform((s) => s.split(",").map(Number))
    .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])),
  zoom: z.coerce.number().int().min(0).max(22),
  /** `status=submitted,routed`: only these public statuses (unknown ones refused). */
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",") : []))
    .pipe(z.array(z.enum(PUBLIC_MAP_STATUSES)).max(PUBLIC_MAP_STATUSES.length)),
  category: z.coerce.number().int().min(1).max(32767).optional(),
});

/** The public map's reports in a viewport: `?bbox=minLng,minLat,maxLng,maxLat&zoom=Z[&status=a,b][&category=N]`. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = query.safeParse(params);
  if (!parsed.success) return Response.json({ code: "map.errors.bad_viewport" }, { status: 400 });
  const [minLng, minLat, maxLng, maxLat] = parsed.data.bbox;
  if (minLng > maxLng || minLat > maxLat) return Response.json({ code: "map.errors.bad_viewport" }, { status: 400 });
  const { zoom, status, category } = parsed.data;
  const items = await listPublicMapItems({ minLat, minLng, maxLat, maxLng, zoom, statuses: status, categoryId: category });
  return Response.json({ items }, { headers: { "Cache-Control": "public, max-age=30" } });
}
