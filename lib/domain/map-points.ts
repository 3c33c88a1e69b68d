/**
 * The points of the public map held in memory, and a tile's cells computed from them. Pure.
 *
 * Every report that may be on the public map (a live status) is held with what the map shows of it,
 * bucketed by squares of level BUCKET_LEVEL (≈ 600 m): a tile reads the buckets it overlaps only, so
 * a street's tile costs the few hundred points around it, and the whole city's the points it holds.
 */
import { LIVE_STATUSES } from "./workflow";
import { cellSpan, tileBounds, tileSpan, type Tile, type TileCell } from "./map-tiles";
import type { Bounds } from "./geo";
import { DAY_MS } from "./time";

/** Open reports are on the public map; a closed one stays this long after closing, then leaves it. */
export const MAP_RECENTLY_CLOSED_DAYS = 90;

/** What the public map holds of a report (`categoryIds` in their order; private ones are dropped when shown). */
export type MapPoint = {
  id: string;
  ref: number;
  lat: number;
  lng: number;
  status: string;
  categoryIds: number[];
  submittedAt: string;
  /** Milliseconds since the epoch, for a closed report. */
  closedAt: number | null;
};

/** What the citizen chose to see (none: everything the map shows). */
export type MapFilter = { statuses?: string[]; categoryId?: number };

const BUCKET_LEVEL = 16;
const BUCKET = tileSpan(BUCKET_LEVEL);

/** Whether a report is on the public map now: a live status, and closed no longer than MAP_RECENTLY_CLOSED_DAYS ago. */
export function isOnPublicMap(point: Pick<MapPoint, "status" | "closedAt">, now: Date): boolean {
  if (!(LIVE_STATUSES as readonly string[]).includes(point.status)) return false;
  return point.status !== "closed" || (point.closedAt !== null && point.closedAt >= now.getTime() - MAP_RECENTLY_CLOSED_DAYS * DAY_MS);
}

export class MapPoints {
  private readonly byId = new Map<string, MapPoint>();
  private readonly buckets = new Map<string, MapPoint[]>();

  /** How many reports are held. */
  get size(): number {
    return this.byId.size;
  }

  /** Holds a report as it is now (a report no longer live leaves). */
  put(point: MapPoint): void {
    this.remove(point.id);
    if (!(LIVE_STATUSES as readonly string[]).includes(point.status)) return;
    this.byId.set(point.id, point);
    const key = bucketKey(Math.floor(point.lat / BUCKET), Math.floor(point.lng / BUCKET));
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(point);
    else this.buckets.set(key, [point]);
  }

  remove(id: string): void {
    const held = this.byId.get(id);
    if (!held) return;
    this.byId.delete(id);
    const key = bucketKey(Math.floor(held.lat / BUCKET), Math.floor(held.lng / BUCKET));
    const bucket = this.buckets.get(key)!;
    bucket.splice(bucket.indexOf(held), 1);
    if (bucket.length === 0) this.buckets.delete(key);
  }

  /** The buckets a tile overlaps: looked up one by one, or all of them when the tile spans more squares than are held (a world tile). */
  private *bucketsOver(area: Bounds): Iterable<MapPoint[]> {
    const [south, north] = [Math.floor(area.minLat / BUCKET), Math.floor(area.maxLat / BUCKET)];
    const [west, east] = [Math.floor(area.minLng / BUCKET), Math.floor(area.maxLng / BUCKET)];
    if ((north - south + 1) * (east - west + 1) > this.buckets.size) {
      yield* this.buckets.values();
      return;
    }
    for (let by = south; by <= north; by++) {
      for (let bx = west; bx <= east; bx++) {
        const bucket = this.buckets.get(bucketKey(by, bx));
        if (bucket) yield bucket;
      }
    }
  }

  /**
   * A tile's non-empty cells for this filter: the reports on the public map now, without those in a
   * `hidden` category (the private ones: read at each call, so a category made private leaves at once).
   */
  cells(tile: Tile, filter: MapFilter, hidden: ReadonlySet<number>, now: Date): TileCell[] {
    const area = tileBounds(tile);
    const cell = cellSpan(tile.level);
    const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
    const found = new Map<string, { cy: number; cx: number; count: number; first: MapPoint }>();
    for (const bucket of this.bucketsOver(area)) {
      for (const p of bucket) {
        // West and south edges in, east and north out: a report on a tile's edge is in one tile.
        if (p.lat < area.minLat || p.lat >= area.maxLat || p.lng < area.minLng || p.lng >= area.maxLng) continue;
        if (statuses && !statuses.has(p.status)) continue;
        if (filter.categoryId && !p.categoryIds.includes(filter.categoryId)) continue;
        if (!isOnPublicMap(p, now) || p.categoryIds.some((id) => hidden.has(id))) continue;
        const cy = Math.floor(p.lat / cell);
        const cx = Math.floor(p.lng / cell);
        const key = bucketKey(cy, cx);
        const seen = found.get(key);
        if (seen) seen.count++;
        else found.set(key, { cy, cx, count: 1, first: p });
      }
    }
    return [...found.values()].map(({ cy, cx, count, first }) =>
      count === 1
        ? {
            cy,
            cx,
            count: 1,
            // Five decimals are a metre: enough for a marker, and a third of the bytes of a full double.
            lat: Math.round(first.lat * 1e5) / 1e5,
            lng: Math.round(first.lng * 1e5) / 1e5,
            ref: first.ref,
            status: first.status,
            categoryIds: first.categoryIds,
            submittedAt: first.submittedAt,
          }
        : { cy, cx, count },
    );
  }
}

const bucketKey = (y: number, x: number) => `${y}:${x}`;
