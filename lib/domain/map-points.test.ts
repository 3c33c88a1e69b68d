import { describe, expect, it } from "vitest";
import { DAY_MS } from "./time";
import { isOnPublicMap, MAP_RECENTLY_CLOSED_DAYS, type MapPoint, MapPoints } from "./map-points";
import { cellAround, itemsFromTiles, mapLevel, tilesCovering } from "./map-tiles";

const now = new Date("2026-12-01T12:00:00Z");
let n = 0;
const point = (over: Partial<MapPoint> = {}): MapPoint => ({
  ref: ++n,
  lat: 35.5785,
  lng: -5.3684,
  status: "submitted",
  categoryIds: [1],
  submittedAt: Date.parse("2026-11-30T10:00:00.000Z"),
  closedAt: null,
  updatedAt: n,
  ...over,
});
const city = { minLng: -5.43, minLat: 35.53, maxLng: -5.3, maxLat: 35.63 };
/** How many reports a viewport's answer counts, in markers and clusters. */
const counted = (points: MapPoints, zoom: number, filter = {}, viewport = city) => {
  const level = mapLevel(viewport, zoom);
  const tiles = tilesCovering(viewport, level).map((t) => points.cells(t, filter));
  return itemsFromTiles(tiles, viewport, level).reduce((sum, i) => sum + (i.type === "cluster" ? i.count : 1), 0);
};

describe("the public map's points", () => {
  it("counts every report once at every zoom, from the world to the street", () => {
    const points = new MapPoints();
    for (let i = 0; i < 500; i++) points.put(point({ lat: 35.54 + (i % 25) * 0.003, lng: -5.42 + Math.floor(i / 25) * 0.006 }));
    for (const zoom of [0, 3, 8, 12, 15, 18, 22]) expect(counted(points, zoom), `zoom ${zoom}`).toBe(500);
    expect(counted(points, 2, {}, { minLng: -180, minLat: -85, maxLng: 180, maxLat: 85 })).toBe(500);
  });

  it("holds a report as it is now: moved, closed long ago, or no longer live, it is where it is or gone", () => {
    const points = new MapPoints();
    const p = point();
    points.put(p);
    // Read again unchanged, it changes nothing; changed since, it is where it is now.
    expect(points.put({ ...p })).toBe(false);
    expect(points.put({ ...p, lat: 35.6, updatedAt: p.updatedAt + 1 })).toBe(true);
    expect(points.size).toBe(1);
    expect(counted(points, 18, {}, { minLat: 35.599, minLng: -5.369, maxLat: 35.601, maxLng: -5.368 })).toBe(1);
    expect(counted(points, 12)).toBe(1);
    points.put({ ...p, status: "closed", closedAt: now.getTime() - (MAP_RECENTLY_CLOSED_DAYS + 1) * DAY_MS, updatedAt: p.updatedAt + 2 });
    expect(counted(points, 12)).toBe(1);
    expect(points.prune(now)).toBe(true);
    expect(counted(points, 12)).toBe(0);
    expect(counted(points, 18, {}, { minLat: 35.599, minLng: -5.369, maxLat: 35.601, maxLng: -5.368 })).toBe(0);
    points.put({ ...p, status: "submitted", updatedAt: p.updatedAt + 3 });
    expect(points.put({ ...p, status: "duplicate", updatedAt: p.updatedAt + 4 })).toBe(true);
    expect(points.size).toBe(0);
    expect(points.remove(-1)).toBe(false);
  });

  it("applies the citizen's statuses and category, and never shows a report of a hidden (private) category", () => {
    const points = new MapPoints();
    points.put(point({ status: "routed", categoryIds: [1, 2] }));
    points.put(point({ status: "submitted", categoryIds: [2] }));
    points.put(point({ status: "submitted", categoryIds: [3] }));
    expect(counted(points, 12)).toBe(3);
    expect(counted(points, 12, { statuses: ["routed"] })).toBe(1);
    expect(counted(points, 12, { categoryId: 2 })).toBe(2);
    expect(counted(points, 12, { statuses: ["submitted"], categoryId: 2 })).toBe(1);
    // Coarse tiles add up their squares' counts, fine ones read the points: both agree.
    for (const zoom of [12, 18]) expect(counted(points, zoom, { statuses: ["submitted"] })).toBe(2);
    expect(points.hide(new Set([2]))).toBe(true);
    expect(points.hide(new Set([2]))).toBe(false);
    for (const zoom of [12, 18]) expect(counted(points, zoom)).toBe(1);
    expect(points.hide(new Set())).toBe(true);
    expect(counted(points, 12)).toBe(3);
  });

  it("keeps a closed report for MAP_RECENTLY_CLOSED_DAYS, then not", () => {
    const closed = (days: number) => ({ status: "closed", closedAt: now.getTime() - days * DAY_MS });
    expect(isOnPublicMap(closed(MAP_RECENTLY_CLOSED_DAYS - 1), now)).toBe(true);
    expect(isOnPublicMap(closed(MAP_RECENTLY_CLOSED_DAYS + 1), now)).toBe(false);
    expect(isOnPublicMap({ status: "answered", closedAt: null }, now)).toBe(true);
    expect(isOnPublicMap({ status: "inadmissible", closedAt: null }, now)).toBe(false);
  });

  it("lists a cluster's own reports, as many as it counts, the latest first, with the same filter", () => {
    const points = new MapPoints();
    // Reports filed by district share its centre: at the street's zoom still one cluster.
    const here = { lat: 35.5785, lng: -5.3684 };
    for (let i = 0; i < 30; i++)
      points.put(
        point({
          ...here,
          submittedAt: Date.parse("2026-11-01T00:00:00Z") + i * DAY_MS,
          status: i % 3 ? "submitted" : "answered",
          categoryIds: [i % 2 ? 1 : 2],
        }),
      );
    points.put(point({ ...here, categoryIds: [9] }));
    points.hide(new Set([9]));
    for (let i = 0; i < 200; i++) points.put(point({ lat: 35.54 + (i % 20) * 0.004, lng: -5.42 + Math.floor(i / 20) * 0.009 }));
    const street = { minLat: here.lat - 0.001, minLng: here.lng - 0.001, maxLat: here.lat + 0.001, maxLng: here.lng + 0.001 };
    for (const [zoom, viewport] of [
      [12, city],
      [16, city],
      [18, street],
      [22, street],
    ] as const) {
      const level = mapLevel(viewport, zoom);
      for (const filter of [{}, { statuses: ["answered"] }, { categoryId: 2 }]) {
        const items = itemsFromTiles(
          tilesCovering(viewport, level).map((t) => points.cells(t, filter)),
          viewport,
          level,
        );
        expect(items.some((i) => i.type === "cluster")).toBe(true);
        for (const cluster of items.filter((i) => i.type === "cluster")) {
          const listed = points.within(cellAround(cluster.lat, cluster.lng, level), filter, 10_000);
          expect(listed.total, `zoom ${zoom}, ${JSON.stringify(filter)}`).toBe(cluster.count);
        }
      }
    }
    const atStreet = points.within(cellAround(here.lat, here.lng, 22), {}, 5);
    expect(atStreet.total).toBe(30);
    expect(atStreet.points.map((p) => p.submittedAt)).toEqual([29, 28, 27, 26, 25].map((i) => Date.parse("2026-11-01T00:00:00Z") + i * DAY_MS));
    expect(
      points
        .within(cellAround(here.lat, here.lng, 22), { statuses: ["answered"], categoryId: 2 }, 50)
        .points.every((p) => p.status === "answered" && p.categoryIds.includes(2)),
    ).toBe(true);
  });

  it("gives a single report's marker its public number and rounded position", () => {
    const points = new MapPoints();
    points.put(point({ ref: 1042, lat: 35.578512345, lng: -5.368412345 }));
    const viewport = { minLat: 35.578, minLng: -5.369, maxLat: 35.579, maxLng: -5.368 };
    const level = mapLevel(viewport, 18);
    const items = itemsFromTiles(
      tilesCovering(viewport, level).map((t) => points.cells(t, {})),
      viewport,
      level,
    );
    expect(items).toEqual([
      { type: "report", ref: 1042, lat: 35.57851, lng: -5.36841, status: "submitted", categoryIds: [1], submittedAt: "2026-11-30T10:00:00.000Z" },
    ]);
  });
});
