/** Points and bounds on the map. Pure. */

export type Point = { lat: number; lng: number };
/** A row with a place (a request type without one has neither latitude nor longitude). */
export function hasPoint<T extends { lat: number | null; lng: number | null }>(row: T): row is T & Point {
  return row.lat !== null && row.lng !== null;
}
export type Bounds = { minLat: number; minLng: number; maxLat: number; maxLng: number };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a point falls inside the city's bounds (edges included). */
export function isInsideBounds(point: Point, bounds: Bounds): boolean {
  return (
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lng) &&
    point.lat >= bounds.minLat &&
    point.lat <= bounds.maxLat &&
    point.lng >= bounds.minLng &&
    point.lng <= bounds.maxLng
  );
}

/** Parses a `minLng,minLat,maxLng,maxLat` bounding box (the order Leaflet and Open311 use). */
export function parseBbox(value: string | null): Bounds | null {
  if (!value) return null;
  const parts = value.split(",").map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [minLng, minLat, maxLng, maxLat] = parts;
  if (minLat > maxLat || minLng > maxLng || minLat < -90 || maxLat > 90 || minLng < -180 || maxLng > 180) return null;
  return { minLat, minLng, maxLat, maxLng };
}

/** A point from two query values (`?lat=35.57&lng=-5.37`), or null when either is missing or not a coordinate. */
export function parsePoint(lat: string | undefined, lng: string | undefined): Point | null {
  if (!lat || !lng || !/^-?\d{1,3}(\.\d{1,8})?$/.test(lat) || !/^-?\d{1,3}(\.\d{1,8})?$/.test(lng)) return null;
  const point = { lat: Number(lat), lng: Number(lng) };
  return Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180 ? point : null;
}
