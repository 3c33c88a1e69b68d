import { describe, expect, it } from "vitest";
import { distanceMeters, isInsideBounds, parseBbox, parsePoint } from "./geo";

const tetouan = { minLat: 35.53, minLng: -5.43, maxLat: 35.63, maxLng: -5.3 };

describe("geo", () => {
  it("measures distances on the sphere", () => {
    expect(distanceMeters({ lat: 35.5785, lng: -5.3684 }, { lat: 35.5785, lng: -5.3684 })).toBe(0);
    // One degree of latitude ≈ 111.2 km.
    expect(distanceMeters({ lat: 35, lng: -5 }, { lat: 36, lng: -5 })).toBeCloseTo(111_195, -2);
  });

  it("tells whether a point is inside the city", () => {
    expect(isInsideBounds({ lat: 35.5785, lng: -5.3684 }, tetouan)).toBe(true);
    expect(isInsideBounds({ lat: 35.63, lng: -5.3 }, tetouan)).toBe(true);
    expect(isInsideBounds({ lat: 34.0209, lng: -6.8416 }, tetouan)).toBe(false); // Rabat
    expect(isInsideBounds({ lat: Number.NaN, lng: -5.3684 }, tetouan)).toBe(false);
  });

  it("parses a bounding box and refuses nonsense", () => {
    expect(parseBbox("-5.43,35.53,-5.3,35.63")).toEqual(tetouan);
    for (const bad of [null, "", "1,2,3", "a,b,c,d", "-5.3,35.53,-5.43,35.63", "0,-91,1,0"]) expect(parseBbox(bad)).toBeNull();
  });
});

describe("parsePoint", () => {
  it("reads a coordinate pair, and nothing else", () => {
    expect(parsePoint("35.57110", "-5.37240")).toEqual({ lat: 35.5711, lng: -5.3724 });
    expect(parsePoint("35.5", undefined)).toBeNull();
    expect(parsePoint("91", "0")).toBeNull();
    expect(parsePoint("1e3", "0")).toBeNull();
    expect(parsePoint("35.5;drop", "0")).toBeNull();
  });
});
