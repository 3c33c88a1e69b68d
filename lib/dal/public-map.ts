/**
 * The public map's content: open reports and those closed in the last MAP_RECENTLY_CLOSED_DAYS, as
 * markers and clusters on the grid of lib/domain/map-tiles. No personal data, no private category,
 * no hidden report (duplicates show through their master, spam never), and no tracking number (it
 * would open the report's page, its description and its photos).
 * Who asks: anyone (it is public); nothing here reads more than the public may see.
 *
 * A viewport is answered from tiles, and a tile's content does not depend on who asked: the server
 * keeps each tile MAP_TILE_TTL_MS (`publicMapTiles`), so a crowd on the same area costs one query per
 * tile per lifetime, and a report's change shows within that lifetime plus the response's HTTP
 * lifetime (app/api/map). See bench/README.md for the measurements.
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { expiringCache } from "@/lib/cache/expiring";
import type { Bounds } from "@/lib/domain/geo";
import { cellSpan, itemsFromTiles, mapLevel, tileBounds, tilesCovering, type MapItem, type Tile, type TileCell } from "@/lib/domain/map-tiles";
import { DAY_MS } from "@/lib/domain/time";
import { LIVE_STATUSES } from "@/lib/domain/workflow";

/** Statuses the public map can show (its legend). */
export const PUBLIC_MAP_STATUSES = LIVE_STATUSES;

/** Open reports are on the public map; a closed one stays this long after closing, then leaves it. */
export const MAP_RECENTLY_CLOSED_DAYS = 90;

/** How long the server keeps a computed tile (with the response's 10 + 20 s in HTTP caches, a change shows within a minute). */
export const MAP_TILE_TTL_MS = 20_000;

/** What the citizen chose to see (none: everything the map shows). */
export type MapFilter = { statuses?: string[]; categoryId?: number };

/** `statuses` and `categoryId`: the citizen's filter. */
export type MapViewport = Bounds & { zoom: number } & MapFilter;

/** Where a tile's cells come from: computed by its query, or kept by `publicMapTiles`. */
export type TileSource = (tile: Tile, filter: MapFilter, now: Date) => Promise<TileCell[]>;

/**
 * The public map's items for a viewport, from the tiles that cover it at its level. Without `source`,
 * every tile is computed now (tests and scripts); the public endpoint passes `publicMapTiles`.
 *
 * Plan of one tile's query on 1,000,000 reports (PostgreSQL 15, `EXPLAIN ANALYZE`, bench/README.md):
 * an append of two index-only scans, `reports_map_open_idx` (partial, open, on position) and
 * `reports_map_closed_idx` (partial, closed, on closed_at), both covering what is read; the private
 * ones dropped by a hashed subplan, a hash aggregate on the cell, then the singletons' categories
 * by primary key; the ~800,000 older closed reports are never read.
 */
export async function listPublicMapItems(viewport: MapViewport, now = new Date(), source: TileSource = computeTile): Promise<MapItem[]> {
  const level = mapLevel(viewport, viewport.zoom);
  const filter = normalFilter(viewport);
  const tiles = await Promise.all(tilesCovering(viewport, level).map((tile) => source(tile, filter, now)));
  return itemsFromTiles(tiles, viewport, level);
}

/** The same filter always written the same way (all six statuses is no filter): one cache key per choice. */
function normalFilter(filter: MapFilter): MapFilter {
  const statuses = [...new Set(filter.statuses ?? [])].filter((s) => (PUBLIC_MAP_STATUSES as readonly string[]).includes(s)).sort();
  return {
    ...(statuses.length > 0 && statuses.length < PUBLIC_MAP_STATUSES.length ? { statuses } : {}),
    ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
  };
}

const tiles = expiringCache<TileCell[]>({ ttlMs: MAP_TILE_TTL_MS, maxEntries: 20_000 });

/** Tiles kept MAP_TILE_TTL_MS in this process, each computed once however many visitors ask at once. */
export const publicMapTiles: TileSource = (tile, filter, now) =>
  tiles.get(`${tile.level}/${tile.x}/${tile.y}?${filter.statuses?.join(",") ?? ""}&${filter.categoryId ?? ""}`, () => computeTile(tile, filter, now));

const computeTile: TileSource = async (tile, filter, now) => {
  const db = await getDb();
  const rows = rowsOf<{
    count: number;
    cy: number;
    cx: number;
    lat: number;
    lng: number;
    ref: number | string | null;
    status: string | null;
    submitted_at: string | Date | null;
    category_ids: string | null;
  }>(await db.execute(publicMapTileQuery(tile, filter, now)));
  return rows.map((r) => {
    const cell = { cy: Number(r.cy), cx: Number(r.cx) };
    return r.count === 1 && r.ref !== null
      ? {
          ...cell,
          count: 1 as const,
          lat: Number(r.lat),
          lng: Number(r.lng),
          ref: Number(r.ref),
          status: r.status!,
          categoryIds: r.category_ids ? r.category_ids.split(",").map(Number) : [],
          submittedAt: new Date(r.submitted_at!).toISOString(),
        }
      : { ...cell, count: r.count };
  });
};

/** The statement behind one tile (exported for its plan's test: it reads the two map indexes alone). */
export function publicMapTileQuery(tile: Tile, filter: MapFilter, now: Date): SQL {
  const area = tileBounds(tile);
  const cell = cellSpan(tile.level);
  const closedSince = new Date(now.getTime() - MAP_RECENTLY_CLOSED_DAYS * DAY_MS);
  // The citizen's filter, when there is one (without it the statement, and its plan, are unchanged).
  const chosen = sql.join(
    [
      filter.statuses?.length
        ? sql`and r.status::text in (${sql.join(
            filter.statuses.map((st) => sql`${st}`),
            sql`, `,
          )})`
        : sql``,
      filter.categoryId ? sql`and exists (select 1 from report_categories rcf where rcf.report_id = r.id and rcf.category_id = ${filter.categoryId})` : sql``,
    ],
    sql` `,
  );
  // West and south edges in, east and north out: a report on a tile's edge is in one tile.
  const inTile = sql`r.lat >= ${area.minLat} and r.lat < ${area.maxLat} and r.lng >= ${area.minLng} and r.lng < ${area.maxLng}`;
  return sql`
    with shown as (
      -- Two branches, each read from its covering index alone (migration 0011): the open reports by
      -- position, the recently closed ones by date. As one OR they were a bitmap scan of the table.
      select r.id, r.lat, r.lng from reports r
      where r.status in ('submitted', 'routed', 'in_progress', 'needs_info', 'answered') and ${inTile} ${chosen}
      union all
      select r.id, r.lat, r.lng from reports r
      where r.status = 'closed' and r.closed_at >= ${closedSince} and ${inTile} ${chosen}
    ), visible as (
      select s.id, s.lat, s.lng, floor(s.lat / ${cell})::int as cy, floor(s.lng / ${cell})::int as cx from shown s
      -- A hashed set of the few private reports: an anti-join per visible row cost 3× more at 1 M.
      where s.id not in (select rc.report_id from report_categories rc join categories c on c.id = rc.category_id where c.is_private)
    ), cells as (
      -- Five decimals are a metre: enough for a marker, and a third of the bytes of a full double.
      select count(*)::int as count, cy, cx, round(min(lat)::numeric, 5)::float8 as lat, round(min(lng)::numeric, 5)::float8 as lng, min(id::text) as id
      from visible group by cy, cx
    )
    -- Lateral: one primary-key look-up per single-report cell (a plain join hashed all the reports).
    select cells.count, cells.cy, cells.cx, cells.lat, cells.lng, one.ref, one.status, one.submitted_at, one.category_ids
    from cells left join lateral (
      select r.public_number as ref, r.status::text as status, r.submitted_at,
        (select string_agg(rc.category_id::text, ',' order by rc.position) from report_categories rc where rc.report_id = r.id) as category_ids
      from reports r where cells.count = 1 and r.id = cells.id::uuid
    ) one on true`;
}
