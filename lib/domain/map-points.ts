/**
 * The points of the public map held in memory, and a tile's cells computed from them. Pure.
 *
 * Every report that may be on the public map (a live status) is held with what the map shows of it.
 */
import { LIVE_STATUSES } from "./workflow";
import { CELLS_PER_TILE, cellSpan, tileBounds, tileSpan, type Tile, type TileCell } from "./map-tiles";
import type { Bounds } from "./geo";
import { DAY_MS } from "./time";

/** Open reports are on the public map; a closed one stays this long after closing, then leaves it. */
export const MAP_RECENTLY_CLOSED_DAYS = 90;

/** What the public map holds of a report (`categoryIds` in their order; times in ms since the epoch): ~150 bytes. */
export type MapPoint = {
  /** The report's public number (unique): what the map shows and what the points are held by. */
  ref: number;
  lat: number;
  lng: number;
  status: string;
  categoryIds: number[];
  submittedAt: number;
  /** For a closed report. */
  closedAt: number | null;
  /** When the report last changed (ms): the same report read again unchanged changes nothing. */
  updatedAt: number;
};

/** What the citizen chose to see (none: everything the map shows). */
export type MapFilter = { statuses?: string[]; categoryId?: number };

const BUCKET_LEVEL = 20;
const BUCKET = tileSpan(BUCKET_LEVEL);
const STATUSES = LIVE_STATUSES as readonly string[];

/** Whether a report is on the public map now: a live status, and closed no longer than MAP_RECENTLY_CLOSED_DAYS ago. */
export function isOnPublicMap(point: Pick<MapPoint, "status" | "closedAt">, now: Date): boolean {
  if (!STATUSES.includes(point.status)) return false;
  return point.status !== "closed" || (point.closedAt !== null && point.closedAt >= now.getTime() - MAP_RECENTLY_CLOSED_DAYS * DAY_MS);
}

/** What a report's marker says of it (public words only). */
export function markerOf(p: MapPoint) {
  return {
    // Five decimals are a metre: enough for a marker, and a third of the bytes of a full double.
    lat: Math.round(p.lat * 1e5) / 1e5,
    lng: Math.round(p.lng * 1e5) / 1e5,
    ref: p.ref,
    status: p.status,
    categoryIds: p.categoryIds,
    submittedAt: new Date(p.submittedAt).toISOString(),
  };
}

/** A square of BUCKET_LEVEL: its reports, and how many of them are shown per status (LIVE_STATUSES' order). */
type Bucket = { by: number; bx: number; points: MapPoint[]; shown: number[] };

/**
 * The reports that may be on the public map, bucketed by squares of level BUCKET_LEVEL (≈ 40 m).
 * A coarse tile (its cells whole squares) adds up its squares' counts, so the whole city costs a
 * few hundred additions; a fine tile reads the points of the few squares it overlaps. Reports in a
 * hidden (private) category are held but never shown; closed reports leave with `prune`.
 */
export class MapPoints {
  private readonly byRef = new Map<number, MapPoint>();
  private readonly buckets = new Map<string, Bucket>();
  private hidden: ReadonlySet<number> = new Set();

  /** How many reports are held. */
  get size(): number {
    return this.byRef.size;
  }

  /** Holds a report as it is now (a report no longer live leaves); false when it was held unchanged. */
  put(point: MapPoint): boolean {
    const held = this.byRef.get(point.ref);
    if (held && held.updatedAt === point.updatedAt) return false;
    if (held) this.remove(held.ref);
    const status = STATUSES.indexOf(point.status);
    if (status < 0) return Boolean(held);
    // The status as the one shared string: a hundred thousand copies of "submitted" are megabytes.
    point.status = STATUSES[status];
    this.byRef.set(point.ref, point);
    const [by, bx] = [Math.floor(point.lat / BUCKET), Math.floor(point.lng / BUCKET)];
    const key = bucketKey(by, bx);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { by, bx, points: [], shown: STATUSES.map(() => 0) };
      this.buckets.set(key, bucket);
    }
    bucket.points.push(point);
    if (this.isShown(point)) bucket.shown[STATUSES.indexOf(point.status)]++;
    return true;
  }

  remove(ref: number): boolean {
    const held = this.byRef.get(ref);
    if (!held) return false;
    this.byRef.delete(ref);
    const key = bucketKey(Math.floor(held.lat / BUCKET), Math.floor(held.lng / BUCKET));
    const bucket = this.buckets.get(key)!;
    bucket.points.splice(bucket.points.indexOf(held), 1);
    if (this.isShown(held)) bucket.shown[STATUSES.indexOf(held.status)]--;
    if (bucket.points.length === 0) this.buckets.delete(key);
    return true;
  }

  /** Closed reports past MAP_RECENTLY_CLOSED_DAYS leave; true when any did. */
  prune(now: Date): boolean {
    let pruned = false;
    for (const point of [...this.byRef.values()]) if (!isOnPublicMap(point, now)) pruned = this.remove(point.ref) || pruned;
    return pruned;
  }

  /** The categories whose reports are never shown (the private ones); true when that changed the counts. */
  hide(categories: ReadonlySet<number>): boolean {
    if (categories.size === this.hidden.size && [...categories].every((id) => this.hidden.has(id))) return false;
    this.hidden = new Set(categories);
    for (const bucket of this.buckets.values()) {
      bucket.shown = STATUSES.map(() => 0);
      for (const point of bucket.points) if (this.isShown(point)) bucket.shown[STATUSES.indexOf(point.status)]++;
    }
    return true;
  }

  private isShown(point: MapPoint): boolean {
    return this.hidden.size === 0 || !point.categoryIds.some((id) => this.hidden.has(id));
  }

  /** The buckets a tile overlaps: looked up one by one, or all of them when the tile spans more squares than are held (a world tile). */
  private *bucketsOver(area: Bounds): Iterable<Bucket> {
    // The east and north edges are not the tile's: the square that starts there is not read.
    const [south, north] = [Math.floor(area.minLat / BUCKET), Math.ceil(area.maxLat / BUCKET) - 1];
    const [west, east] = [Math.floor(area.minLng / BUCKET), Math.ceil(area.maxLng / BUCKET) - 1];
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
   * The reports shown in an area for this filter (west and south edges in, east and north out, as
   * for a tile's cells), the latest first: the first `limit` of them and how many there are.
   */
  within(area: Bounds, filter: MapFilter, limit: number): { points: MapPoint[]; total: number } {
    const found: MapPoint[] = [];
    for (const bucket of this.bucketsOver(area)) {
      for (const p of bucket.points) {
        if (p.lat < area.minLat || p.lat >= area.maxLat || p.lng < area.minLng || p.lng >= area.maxLng) continue;
        if (filter.statuses?.length && !filter.statuses.includes(p.status)) continue;
        if ((filter.categoryId && !p.categoryIds.includes(filter.categoryId)) || !this.isShown(p)) continue;
        found.push(p);
      }
    }
    found.sort((a, b) => b.submittedAt - a.submittedAt || b.ref - a.ref);
    return { points: found.slice(0, limit), total: found.length };
  }

  /** A tile's non-empty cells for this filter. */
  cells(tile: Tile, filter: MapFilter): TileCell[] {
    const chosen = filter.statuses?.length ? STATUSES.map((s) => filter.statuses!.includes(s)) : STATUSES.map(() => true);
    const wanted = (p: MapPoint) => chosen[STATUSES.indexOf(p.status)] && (!filter.categoryId || p.categoryIds.includes(filter.categoryId)) && this.isShown(p);
    const area = tileBounds(tile);
    const side = CELLS_PER_TILE;
    const counts = new Array<number>(side * side).fill(0);
    // Per cell, the square (coarse tiles) or the report (fine ones) that its first report came from.
    const firstBucket = new Array<Bucket | undefined>(side * side);
    const first = new Array<MapPoint | undefined>(side * side);
    // Squares per cell side: a whole number from level BUCKET_LEVEL - 2 up (the cells are unions of squares).
    const squaresPerCell = 2 ** (BUCKET_LEVEL - tile.level) / side;
    if (squaresPerCell >= 1 && !filter.categoryId) {
      const [south, west] = [tile.y * side * squaresPerCell, tile.x * side * squaresPerCell];
      for (const bucket of this.bucketsOver(area)) {
        const y = Math.floor((bucket.by - south) / squaresPerCell);
        const x = Math.floor((bucket.bx - west) / squaresPerCell);
        if (y < 0 || y >= side || x < 0 || x >= side) continue;
        let n = 0;
        for (let s = 0; s < chosen.length; s++) if (chosen[s]) n += bucket.shown[s];
        if (n === 0) continue;
        const at = y * side + x;
        if (counts[at] === 0) firstBucket[at] = bucket;
        counts[at] += n;
      }
      for (let at = 0; at < counts.length; at++) if (counts[at] === 1) first[at] = firstBucket[at]!.points.find(wanted);
    } else {
      const cell = cellSpan(tile.level);
      const [south, west] = [tile.y * side, tile.x * side];
      for (const bucket of this.bucketsOver(area)) {
        for (const p of bucket.points) {
          // West and south edges in, east and north out: a report on a tile's edge is in one tile.
          if (p.lat < area.minLat || p.lat >= area.maxLat || p.lng < area.minLng || p.lng >= area.maxLng || !wanted(p)) continue;
          // Floating point may put a point of the tile's edge in the neighbour's cell: it stays in its tile's.
          const y = Math.min(Math.max(Math.floor(p.lat / cell) - south, 0), side - 1);
          const x = Math.min(Math.max(Math.floor(p.lng / cell) - west, 0), side - 1);
          const at = y * side + x;
          if (counts[at]++ === 0) first[at] = p;
        }
      }
    }
    const cells: TileCell[] = [];
    for (let at = 0; at < counts.length; at++) {
      const count = counts[at];
      if (count === 0) continue;
      const [cy, cx] = [tile.y * side + Math.floor(at / side), tile.x * side + (at % side)];
      const one = first[at];
      cells.push(count === 1 && one ? { cy, cx, count: 1, ...markerOf(one) } : { cy, cx, count });
    }
    return cells;
  }
}

const bucketKey = (y: number, x: number) => `${y}:${x}`;
