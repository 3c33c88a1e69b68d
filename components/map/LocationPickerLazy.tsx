"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { LocationPickerProps } from "./LocationPicker";

/** The frame the map will fill, the same size (no layout shift). */
const Placeholder = () => <div className="map-frame map-frame--loading" aria-hidden="true" />;

/** Leaflet touches `window`: it is loaded in the browser only, and only on pages with a map. */
const LocationPicker = dynamic<LocationPickerProps>(() => import("./LocationPicker"), { ssr: false, loading: Placeholder });

/**
 * The form's map, fetched when its place comes near the screen: a phone downloads Leaflet (≈ 43 KB)
 * once the citizen reaches the location step, not before the form above it can be used. The frame
 * keeps its size meanwhile (no layout shift).
 */
export function LocationPickerLazy(props: LocationPickerProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === "undefined") return setNear(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: "120px 0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  // A point chosen without the map (geolocation, photo, district, restored draft) is shown on it.
  useEffect(() => {
    if (props.value) setNear(true);
  }, [props.value]);
  return near ? <LocationPicker {...props} /> : <div ref={frame} className="map-frame map-frame--loading" aria-hidden="true" />;
}
