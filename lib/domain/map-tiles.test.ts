import { describe, expect, it } from "vitest";
import { cellSpan, itemsFromTiles, MAP_MAX_CELLS, MAP_MAX_TILES, mapLevel, type TileCell, tileBounds, tilesCovering, tileSpan } from "./map-tiles";

const city = { minLng: -5.43, minLat: 35.53, maxLng: -5.3, maxLat: 35.63 };
const single = (cy: number, cx: number, lat: number, lng: number, ref: number): TileCell => ({
  cy,
  cx,
  count: 1,
  lat,
  lng,
  ref,
  status: "submitted",
  categoryIds: [1],
  submittedAt: "2026-12-01T10:00:00.000Z",
});

describe("the public map's tiles", () => {
  it("answers a phone's viewport at its zoom: cells of a quarter tile, 64 px", () => {
    // A Pixel 7 at zoom 15 over the medina (412 × 800 px ≈ 0.0141° × 0.0227°).
    const phone = { minLng: -5.37, minLat: 35.57, maxLng: -5.3559, maxLat: 35.5927 };
    expect(mapLevel(phone, 15)).toBe(15);
    expect(cellSpan(15) * (256 * 2 ** 15)).toBeCloseTo(360 * 64, 6);
  });

  it("answers coarser when the viewport would hold more than MAP_MAX_CELLS cells or MAP_MAX_TILES tiles, whatever zoom is claimed", () => {
    for (const zoom of [0, 5, 12, 18, 22, 40]) {
      const level = mapLevel(city, zoom);
      const cells = tilesCovering(city, level).length * 16;
      expect(level).toBeLessThanOrEqual(Math.min(zoom, 22));
      expect(tilesCovering(city, level).length).toBeLessThanOrEqual(MAP_MAX_TILES);
      expect(Math.round(((city.maxLng - city.minLng) / cellSpan(level) + 1) * ((city.maxLat - city.minLat) / cellSpan(level) + 1))).toBeLessThanOrEqual(
        MAP_MAX_CELLS + 40,
      );
      expect(cells).toBeGreaterThan(0);
    }
    // A long thin strip is answered coarser, with few tiles.
    const strip = { minLng: -5.43, minLat: 35.57, maxLng: -5.3, maxLat: 35.5701 };
    expect(tilesCovering(strip, mapLevel(strip, 22)).length).toBeLessThanOrEqual(MAP_MAX_TILES);
  });

  it("covers a viewport with whole tiles that meet it and put each point in one tile", () => {
    const level = mapLevel(city, 12);
    const tiles = tilesCovering(city, level);
    for (const tile of tiles) {
      const b = tileBounds(tile);
      expect(b.maxLng - b.minLng).toBeCloseTo(tileSpan(level), 12);
      expect(b.minLng <= city.maxLng && b.maxLng >= city.minLng && b.minLat <= city.maxLat && b.maxLat >= city.minLat).toBe(true);
    }
    const point = { lat: 35.5785, lng: -5.3684 };
    const holding = tiles.filter((t) => {
      const b = tileBounds(t);
      return point.lat >= b.minLat && point.lat < b.maxLat && point.lng >= b.minLng && point.lng < b.maxLng;
    });
    expect(holding).toHaveLength(1);
  });

  it("makes markers of single reports and clusters at their cell's centre, only for cells that meet the viewport", () => {
    const level = 16;
    const side = cellSpan(level);
    const cy = Math.floor(35.5785 / side);
    const cx = Math.floor(-5.3684 / side);
    const viewport = { minLat: cy * side, minLng: cx * side, maxLat: (cy + 2) * side, maxLng: (cx + 2) * side };
    const items = itemsFromTiles([[single(cy, cx, 35.5785, -5.3684, 7), { cy: cy + 1, cx, count: 5 }], [{ cy: cy + 40, cx, count: 3 }]], viewport, level);
    expect(items).toEqual([
      { type: "report", ref: 7, lat: 35.5785, lng: -5.3684, status: "submitted", categoryIds: [1], submittedAt: "2026-12-01T10:00:00.000Z" },
      { type: "cluster", count: 5, lat: Math.round((cy + 1.5) * side * 1e5) / 1e5, lng: Math.round((cx + 0.5) * side * 1e5) / 1e5 },
    ]);
  });

  it("adds up a cell that two tiles both hold (a point on an edge): never two markers on one cell", () => {
    const items = itemsFromTiles([[single(100, 100, 1, 1, 1)], [single(100, 100, 1.00001, 1, 2)]], { minLat: -90, minLng: -180, maxLat: 90, maxLng: 180 }, 10);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "cluster", count: 2 });
  });
});
