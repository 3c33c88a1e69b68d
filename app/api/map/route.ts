import { createHash } from "node:crypto";
import { z } from "zod";
import { listPublicMapCell, listPublicMapItems, PUBLIC_MAP_STATUSES } from "@/lib/dal/public-map";

export const dynamic = "force-dynamic";

/** With the server's MAP_REFRESH_MS (5 s), a change reaches every visitor within a minute. */
const CACHE_CONTROL = "public, max-age=10, stale-while-revalidate=20";

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
  /** `cell=lat,lng`: a cluster of this viewport's answer, listed (its latest reports and how many). */
  cell: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : s.split(",").map(Number)))
    .pipe(z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]).optional()),
});

/**
 * The public map's reports in a viewport: `?bbox=minLng,minLat,maxLng,maxLat&zoom=Z[&status=a,b][&category=N]`;
 * with `&cell=lat,lng`, one of its clusters listed: `{ items, total }` (the latest MAP_CELL_LIST_MAX).
 * From the points the server holds in memory (lib/dal/public-map): no query per request; cacheable by browsers and CDNs for 10 s, then
 * served stale for 20 s more while they ask again, with an ETag so that an unchanged answer is a 304.
 */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = query.safeParse(params);
  if (!parsed.success) return Response.json({ code: "map.errors.bad_viewport" }, { status: 400 });
  const [minLng, minLat, maxLng, maxLat] = parsed.data.bbox;
  if (minLng > maxLng || minLat > maxLat) return Response.json({ code: "map.errors.bad_viewport" }, { status: 400 });
  const { zoom, status, category, cell } = parsed.data;
  const viewport = { minLat, minLng, maxLat, maxLng, zoom, statuses: status, categoryId: category };
  const listed = cell ? await listPublicMapCell(viewport, { lat: cell[0], lng: cell[1] }) : undefined;
  // A cluster is listed at the map's closest zooms only (MAP_CELL_LIST_MIN_LEVEL).
  if (listed === null) return Response.json({ code: "map.errors.bad_viewport" }, { status: 400 });
  const body = JSON.stringify(listed ?? { items: await listPublicMapItems(viewport) });
  const headers = { "Cache-Control": CACHE_CONTROL, ETag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  if (request.headers.get("if-none-match")?.includes(headers.ETag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json" } });
}
