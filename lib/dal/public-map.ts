/**
 * The public map's content: open reports and those closed in the last MAP_RECENTLY_CLOSED_DAYS, as
 * markers and clusters on the grid of lib/domain/map-tiles. No personal data, no private category,
 * no hidden report (duplicates show through their master, spam never), and no tracking number (it
 * would open the report's page, its description and its photos).
 * Who asks: anyone (it is public); nothing here reads more than the public may see.
 *
 * Each process holds the points that may be on the map in memory (≈ 170,000 for a city with a
 * million reports: tens of MB), read whole once, then only the reports changed since its last look
 * (`updated_at`, every MAP_REFRESH_MS while visitors come); a tile is computed from them and kept
 * until they change. So a request costs no query, whatever its viewport, and a change shows within
 * MAP_REFRESH_MS plus the response's HTTP lifetime (app/api/map). Measured in bench/README.md.
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb, rowsOf } from "@/db";
import { type ExpiringCache, expiringCache } from "@/lib/cache/expiring";
import type { Bounds } from "@/lib/domain/geo";
import { MAP_RECENTLY_CLOSED_DAYS, MapPoints, markerOf, type MapFilter, type MapPoint } from "@/lib/domain/map-points";
import { cellAround, itemsFromTiles, mapLevel, tilesCovering, type MapItem, type TileCell } from "@/lib/domain/map-tiles";
import { DAY_MS } from "@/lib/domain/time";
import { LIVE_STATUSES } from "@/lib/domain/workflow";
import { log } from "@/lib/log";
import { referenceData } from "./reference";

/** Statuses the public map can show (its legend). */
export const PUBLIC_MAP_STATUSES = LIVE_STATUSES;

/** How often the process asks the database for the reports changed since its last look (at most; only while visitors come). */
export const MAP_REFRESH_MS = 5_000;

/** Past this age the points are brought up to date before answering, not after (the first visitor after a quiet hour). */
const MAP_STALE_MS = 30_000;

/** A change is read again this long after its time: a transaction that commits late is not missed. */
const MAP_CHANGES_OVERLAP_MS = 30_000;

/** Every so often the points are read whole again, as a safety net for a change no time stamp told. */
const MAP_RELOAD_MS = 10 * 60_000;

/** `statuses` and `categoryId`: the citizen's filter. */
export type MapViewport = Bounds & { zoom: number } & MapFilter;

/** The points a process holds, and when it brought them up to date. */
export type HeldPoints = { points: MapPoints; version: number; checkedAt: number; changesSince: Date; loadedAt: number };

/**
 * The public map's items for a viewport, from the tiles that cover it at its level, each computed
 * from the points held in memory (lib/domain/map-points) and kept until the points change. Without
 * `held`, the process's own points, brought up to date every MAP_REFRESH_MS while visitors come;
 * tests pass points just read (`loadPublicMapPoints`).
 */
export async function listPublicMapItems(viewport: MapViewport, now = new Date(), held?: HeldPoints): Promise<MapItem[]> {
  const source = held ?? (await processPoints(now));
  const level = mapLevel(viewport, viewport.zoom);
  const filter = normalFilter(viewport);
  // Private categories are read at each answer (reference data, notified): one made private leaves at once.
  if (source.points.hide(await privateCategories())) source.version = state.nextVersion++;
  const tiles = tilesCovering(viewport, level).map((tile) => {
    const compute = () => source.points.cells(tile, filter);
    if (held) return compute();
    const key = `${source.version}/${tile.level}/${tile.x}/${tile.y}?${filter.statuses?.join(",") ?? ""}&${filter.categoryId ?? ""}`;
    return state.tileCells.get(key, compute);
  });
  return itemsFromTiles(tiles, viewport, level);
}

/** How many of a cluster's reports its list gives: the latest (the filter narrows it down). */
export const MAP_CELL_LIST_MAX = 50;

/**
 * The coarsest level a cluster is listed at: the map lists clusters at its closest zoom only (level
 * 17–18, or 16 on a wide screen), and a coarser cell would hold a district, read whole at each ask.
 */
export const MAP_CELL_LIST_MIN_LEVEL = 16;

export type MapReportItem = Extract<MapItem, { type: "report" }>;

/**
 * The reports of one cluster of a viewport's answer (the cell around its centre, at the level that
 * answer was given at), the latest first, with the citizen's filter: what the map lists where it
 * cannot split a cluster any more (reports at one address, or filed by district at its centre).
 * Null for a viewport answered coarser than MAP_CELL_LIST_MIN_LEVEL.
 */
export async function listPublicMapCell(
  viewport: MapViewport,
  at: { lat: number; lng: number },
  now = new Date(),
  held?: HeldPoints,
): Promise<{ items: MapReportItem[]; total: number } | null> {
  const level = mapLevel(viewport, viewport.zoom);
  if (level < MAP_CELL_LIST_MIN_LEVEL) return null;
  const source = held ?? (await processPoints(now));
  if (source.points.hide(await privateCategories())) source.version = state.nextVersion++;
  const { points, total } = source.points.within(cellAround(at.lat, at.lng, level), normalFilter(viewport), MAP_CELL_LIST_MAX);
  const items = points.map((p): MapReportItem => ({ type: "report", ...markerOf(p) }));
  return { items, total };
}

/** The same filter always written the same way (all six statuses is no filter): one kept tile per choice. */
function normalFilter(filter: MapFilter): MapFilter {
  const statuses = [...new Set(filter.statuses ?? [])].filter((s) => (PUBLIC_MAP_STATUSES as readonly string[]).includes(s)).sort();
  return {
    ...(statuses.length > 0 && statuses.length < PUBLIC_MAP_STATUSES.length ? { statuses } : {}),
    ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
  };
}

async function privateCategories(): Promise<Set<number>> {
  const { categories } = await referenceData();
  return new Set([...categories.values()].filter((c) => c.isPrivate).map((c) => c.id));
}

type MapState = {
  /** Computed tiles, per version of the points: a crowd on one area costs one computation per change. */
  tileCells: ExpiringCache<TileCell[]>;
  kept: { db: unknown; held: Promise<HeldPoints> } | null;
  refreshing: Promise<void> | null;
  changedHere: boolean;
  nextVersion: number;
};

// Kept on globalThis: Next evaluates this module in several bundles of one process (the map's route,
// the server actions, the instrumentation), and they must share one set of points.
const state = ((globalThis as { __ereclamationsPublicMap?: MapState }).__ereclamationsPublicMap ??= {
  tileCells: expiringCache<TileCell[]>({ ttlMs: 60_000, maxEntries: 20_000 }),
  kept: null,
  refreshing: null,
  changedHere: false,
  nextVersion: 1,
});

/** This process filed a report: the next answer reads the changes first (one read at a time, however many filings). */
export function notePublicMapChange(): void {
  state.changedHere = true;
}

/** Reads the process's points now, in the background (at the server's start: the first visitor does not wait for them). */
export function warmPublicMap(): void {
  processPoints(new Date()).catch((error) => log().warn({ err: error }, "could not read the public map's points at start; the first visitor will"));
}

/** The process's points: read whole on first use (and every MAP_RELOAD_MS), then the changes since. */
async function processPoints(now: Date): Promise<HeldPoints> {
  const db = await getDb();
  if (!state.kept || state.kept.db !== db) {
    const held = loadPublicMapPoints(now);
    state.kept = { db, held };
    held.catch(() => {
      if (state.kept?.held === held) state.kept = null;
    });
  }
  const held = await state.kept.held;
  const age = now.getTime() - held.checkedAt;
  const mustRead = age >= MAP_STALE_MS || state.changedHere;
  if ((age >= MAP_REFRESH_MS || mustRead) && !state.refreshing) {
    state.changedHere = false;
    const whole = now.getTime() - held.loadedAt >= MAP_RELOAD_MS;
    const mine = state.kept;
    state.refreshing = (whole ? loadPublicMapPoints(now).then((fresh) => void (mine.held = Promise.resolve(fresh))) : refreshPublicMapPoints(held, now))
      .catch((error) => log().warn({ err: error }, "could not bring the public map's points up to date; serving the ones held"))
      .finally(() => {
        state.refreshing = null;
      });
  }
  // Served as held unless they are old enough for a visitor to notice, or miss what this process just filed.
  if (mustRead && state.refreshing) await state.refreshing;
  return state.kept.held;
}

/** Every report that may be on the public map, read now. */
export async function loadPublicMapPoints(now = new Date()): Promise<HeldPoints> {
  const db = await getDb();
  const points = new MapPoints();
  for (const row of rowsOf<PointRow>(await db.execute(publicMapPointsQuery(now)))) points.put(pointOf(row));
  points.prune(now);
  return {
    points,
    version: state.nextVersion++,
    checkedAt: now.getTime(),
    loadedAt: now.getTime(),
    changesSince: new Date(now.getTime() - MAP_CHANGES_OVERLAP_MS),
  };
}

/** A refresh reads the changes in pages of this many reports, at most MAP_REFRESH_PAGES of them. */
const MAP_REFRESH_PAGE = 5_000;
const MAP_REFRESH_PAGES = 10;

/**
 * Brings held points up to date with the reports changed since their last look (a new version when
 * any point did change). Pages go by (updated_at, public number), so a mass change sharing one time
 * stamp is read through; past MAP_REFRESH_PAGES pages the rest is left to a whole read, sooner.
 */
export async function refreshPublicMapPoints(held: HeldPoints, now = new Date(), pages = { size: MAP_REFRESH_PAGE, most: MAP_REFRESH_PAGES }): Promise<void> {
  const db = await getDb();
  let changed = false;
  let after: { at: number; ref: number } | null = null;
  for (let page = 0; page < pages.most; page++) {
    // The index's bound (a millisecond early), then the exact position after the last report read.
    const since: SQL = after
      ? sql`r.updated_at >= to_timestamp(${(after.at - 1) / 1000}::float8) and ((extract(epoch from r.updated_at) * 1000)::float8, r.public_number) > (${after.at}::float8, ${after.ref})`
      : sql`r.updated_at >= ${held.changesSince}`;
    const rows: PointRow[] = rowsOf<PointRow>(
      await db.execute(
        sql`select ${POINT_COLUMNS} from reports r where ${since} and r.lat is not null order by r.updated_at, r.public_number limit ${pages.size}`,
      ),
    );
    for (const row of rows) changed = held.points.put(pointOf(row)) || changed;
    if (rows.length < pages.size) {
      after = null;
      break;
    }
    const last: PointRow = rows[rows.length - 1];
    after = { at: Number(last.updated_ms), ref: Number(last.ref) };
  }
  // Too many changes for a refresh (a mass update): the whole points are read again at the next look.
  if (after) held.loadedAt = 0;
  // Closed reports leave the map MAP_RECENTLY_CLOSED_DAYS after closing (here, within a refresh).
  changed = held.points.prune(now) || changed;
  // Kept tiles stay valid until something they count changed.
  if (changed) held.version = state.nextVersion++;
  held.checkedAt = now.getTime();
  // A change of the last MAP_CHANGES_OVERLAP_MS is read again next time (put changes nothing then):
  // a transaction that commits after its time stamp was taken is not missed.
  held.changesSince = new Date(Math.min(now.getTime() - MAP_CHANGES_OVERLAP_MS, after?.at ?? Number.POSITIVE_INFINITY));
}

type PointRow = {
  ref: number | string;
  lat: number;
  lng: number;
  status: string;
  submitted_ms: number | string;
  closed_ms: number | string | null;
  updated_ms: number | string;
  category_ids: string | null;
};

const pointOf = (r: PointRow): MapPoint => ({
  ref: Number(r.ref),
  lat: Number(r.lat),
  lng: Number(r.lng),
  status: r.status,
  categoryIds: r.category_ids ? r.category_ids.split(",").map(Number) : [],
  submittedAt: Number(r.submitted_ms),
  closedAt: r.closed_ms === null ? null : Number(r.closed_ms),
  updatedAt: Number(r.updated_ms),
});

// Times as milliseconds (numbers, not a Date object per row: the whole read stays small in memory).
const POINT_COLUMNS = sql.raw(`r.public_number as ref, r.lat, r.lng, r.status::text as status,
  (extract(epoch from r.submitted_at) * 1000)::float8 as submitted_ms, (extract(epoch from r.closed_at) * 1000)::float8 as closed_ms,
  (extract(epoch from r.updated_at) * 1000)::float8 as updated_ms,
  (select string_agg(rc.category_id::text, ',' order by rc.position) from report_categories rc where rc.report_id = r.id) as category_ids`);

/**
 * The statement that reads the public map's points whole (exported for its plan's test). Two
 * branches, one per partial index (migration 0011): the open reports, and the recently closed ones
 * by date (a request without a place is on no map); the ~800,000 older closed reports of a city's history are never read.
 */
export function publicMapPointsQuery(now: Date): SQL {
  const closedSince = new Date(now.getTime() - MAP_RECENTLY_CLOSED_DAYS * DAY_MS);
  return sql`
    select ${POINT_COLUMNS} from reports r
    where r.status in ('submitted', 'routed', 'in_progress', 'needs_info', 'answered') and r.lat is not null
    union all
    select ${POINT_COLUMNS} from reports r
    where r.status = 'closed' and r.closed_at >= ${closedSince} and r.lat is not null`;
}
