import { describe, expect, it } from "vitest";
import { isTappable, markerBox } from "./tappable";

const map = { width: 400, height: 300 };
const zoomButtons = { left: 10, top: 10, right: 44, bottom: 74 };

describe("a marker can be tapped", () => {
  it("when it lies wholly inside the map and clear of the controls", () => {
    expect(isTappable(markerBox({ x: 200, y: 150 }, 40), map, [zoomButtons])).toBe(true);
    // Touching the edge exactly still leaves the whole marker visible.
    expect(isTappable(markerBox({ x: 20, y: 280 }, 40), map, [])).toBe(true);
  });

  it("not when the map's edge cuts it", () => {
    expect(isTappable(markerBox({ x: 19, y: 150 }, 40), map, [])).toBe(false);
    expect(isTappable(markerBox({ x: 200, y: 290 }, 40), map, [])).toBe(false);
    expect(isTappable(markerBox({ x: 390, y: 150 }, 40), map, [])).toBe(false);
    expect(isTappable(markerBox({ x: 200, y: -5 }, 40), map, [])).toBe(false);
  });

  it("not when a control covers part of it", () => {
    expect(isTappable(markerBox({ x: 60, y: 60 }, 40), map, [zoomButtons])).toBe(false);
    // Beside the control, not under it.
    expect(isTappable(markerBox({ x: 65, y: 60 }, 40), map, [zoomButtons])).toBe(true);
  });
});
