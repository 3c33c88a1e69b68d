/**
 * Which markers can be tapped whole: a marker cut by the map's edge or lying under one of its
 * controls (zoom buttons, attribution) leaves a sliver too small to aim at (WCAG 2.5.8 asks for
 * 24 × 24 px), so it is drawn but not offered as a button until the map moves it into view. Pure:
 * pixel boxes in, a yes or no out.
 */
export type Box = { left: number; top: number; right: number; bottom: number };

/** A square marker of `size` px centred on `point`, in the map container's pixels. */
export function markerBox(point: { x: number; y: number }, size: number): Box {
  return { left: point.x - size / 2, top: point.y - size / 2, right: point.x + size / 2, bottom: point.y + size / 2 };
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Whether the marker lies wholly inside the map and clear of every control. */
export function isTappable(marker: Box, map: { width: number; height: number }, controls: readonly Box[]): boolean {
  const inside = marker.left >= 0 && marker.top >= 0 && marker.right <= map.width && marker.bottom <= map.height;
  return inside && !controls.some((control) => overlaps(marker, control));
}
