/**
 * The public map's grid. Pure.
 *
 * The world is cut into square tiles of `360 / 2^level` degrees, each cut into 4 × 4 cells; a
 * viewport is answered from the tiles that cover it, at the level of its zoom (one cell ≈ 64 screen
 * pixels) or coarser when the viewport would hold more than MAP_MAX_CELLS cells. Because a tile's
 * content does not depend on the viewport that asked for it, every visitor of the same area at the
 * same zoom asks for the same tiles: they are computed once and kept (lib/dal/public-map), which is
 * what lets the map serve a crowd.
 */
import type { Bounds } from "./geo";

/** At most about this many markers and clusters per response: it stays under 30 KB. */
export const MAP_MAX_CELLS = 200;

/** At most this many tiles answer one viewport (a long thin viewport is answered coarser): a bounded work per request. */
export const MAP_MAX_TILES = 30;

/** Cells per side of a tile. */
export const CELLS_PER_TILE = 4;

/** The finest level (a cell ≈ 2 m): beyond it a zoom asks for nothing finer. */
export const MAP_MAX_LEVEL = 22;

export type Tile = { level: number; x: number; y: number };

/** What a tile holds per non-empty cell: a report alone in its cell is itself, a cluster its count. */
export type TileCell =
  | { cy: number; cx: number; count: 1; lat: number; lng: number; ref: number; status: string; categoryIds: number[]; submittedAt: string }
  | { cy: number; cx: number; count: number };

export type MapItem =
  /** `ref`: the report's public number (what Open311 and the public listings call it; it opens nothing). */
  | { type: "report"; ref: number; lat: number; lng: number; status: string; categoryIds: number[]; submittedAt: string }
  | { type: "cluster"; lat: number; lng: number; count: number };

/** A tile's side in degrees (of latitude and of longitude alike). */
export const tileSpan = (level: number): number => 360 / 2 ** level;

/** A cell's side in degrees. */
export const cellSpan = (level: number): number => tileSpan(level) / CELLS_PER_TILE;

/** The tile's area: west and south edges included, east and north excluded (a point is in one tile). */
export function tileBounds(tile: Tile): Bounds {
  const side = tileSpan(tile.level);
  return { minLng: tile.x * side, maxLng: (tile.x + 1) * side, minLat: tile.y * side, maxLat: (tile.y + 1) * side };
}

/** How many steps of `side` the interval [min, max] touches. */
const steps = (min: number, max: number, side: number) => Math.floor(max / side) - Math.floor(min / side) + 1;

/** How many squares of `side` degrees a viewport touches. */
const squares = (viewport: Bounds, side: number) => steps(viewport.minLng, viewport.maxLng, side) * steps(viewport.minLat, viewport.maxLat, side);

/** The level a viewport is answered at: its zoom's, or coarser until it holds at most MAP_MAX_CELLS cells and MAP_MAX_TILES tiles. */
export function mapLevel(viewport: Bounds, zoom: number): number {
  let level = Math.max(0, Math.min(Math.floor(zoom), MAP_MAX_LEVEL));
  while (level > 0 && (squares(viewport, cellSpan(level)) > MAP_MAX_CELLS || squares(viewport, tileSpan(level)) > MAP_MAX_TILES)) level--;
  return level;
}

/** The tiles that cover a viewport at a level, west to east, south to north. */
export function tilesCovering(viewport: Bounds, level: number): Tile[] {
  const side = tileSpan(level);
  const tiles: Tile[] = [];
  for (let y = Math.floor(viewport.minLat / side); y <= Math.floor(viewport.maxLat / side); y++) {
    for (let x = Math.floor(viewport.minLng / side); x <= Math.floor(viewport.maxLng / side); x++) tiles.push({ level, x, y });
  }
  return tiles;
}

/** The cell of `level` a point lies in (a cluster's, given its centre): the area whose reports it counts. */
export function cellAround(lat: number, lng: number, level: number): Bounds {
  const side = cellSpan(level);
  const [cy, cx] = [Math.floor(lat / side), Math.floor(lng / side)];
  return { minLat: cy * side, minLng: cx * side, maxLat: (cy + 1) * side, maxLng: (cx + 1) * side };
}

/** A cluster's place: its cell's centre, so that two clusters are always a cell apart (touch targets never overlap). */
const centre = (index: number, side: number) => Math.round((index + 0.5) * side * 1e5) / 1e5;

/**
 * One answer from the tiles' cells: the cells that meet the viewport, each a marker or a cluster. A
 * cell met twice (a point on a tile's edge that floating point put in the neighbour's cell) is added up.
 */
export function itemsFromTiles(tiles: readonly (readonly TileCell[])[], viewport: Bounds, level: number): MapItem[] {
  const side = cellSpan(level);
  const cells = new Map<string, TileCell>();
  for (const tile of tiles) {
    for (const cell of tile) {
      const west = cell.cx * side;
      const south = cell.cy * side;
      if (west > viewport.maxLng || west + side < viewport.minLng || south > viewport.maxLat || south + side < viewport.minLat) continue;
      const key = `${cell.cy}:${cell.cx}`;
      const seen = cells.get(key);
      cells.set(key, seen ? { cy: cell.cy, cx: cell.cx, count: seen.count + cell.count } : cell);
    }
  }
  return [...cells.values()].map((cell) =>
    "ref" in cell && cell.count === 1
      ? { type: "report", ref: cell.ref, lat: cell.lat, lng: cell.lng, status: cell.status, categoryIds: cell.categoryIds, submittedAt: cell.submittedAt }
      : { type: "cluster", lat: centre(cell.cy, side), lng: centre(cell.cx, side), count: cell.count },
  );
}
