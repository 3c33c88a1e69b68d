"use client";

import dynamic from "next/dynamic";
import type { LocationPickerProps } from "./LocationPicker";

/** Leaflet touches `window`: it is loaded in the browser only, and only on pages with a map. */
export const LocationPickerLazy = dynamic<LocationPickerProps>(() => import("./LocationPicker"), {
  ssr: false,
  loading: () => <div className="map-frame map-frame--loading" aria-hidden="true" />,
});
