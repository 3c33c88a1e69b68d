"use client";

/** The coordinator's map: every report of the current filter, coloured by status, ringed by lateness. */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { CircleMarker, MapContainer, TileLayer, Tooltip, useMapEvents } from "react-leaflet";
import type { Bounds } from "@/lib/domain/geo";
import { STATUS_COLORS } from "@/components/map/status-colors";

export type TriagePoint = { id: string; lat: number; lng: number; status: string; lateness: string | null; label: string };

const LATENESS_RING: Record<string, string> = { late: "#b42318", due_soon: "#f79009", on_time: "#ffffff" };

function BoundsWatcher({ onBounds }: { onBounds: (b: Bounds) => void }) {
  const map = useMapEvents({
    moveend() {
      const b = map.getBounds();
      onBounds({ minLat: b.getSouth(), minLng: b.getWest(), maxLat: b.getNorth(), maxLng: b.getEast() });
    },
  });
  return null;
}

export type TriageMapProps = {
  center: { lat: number; lng: number };
  zoom: number;
  bounds: Bounds;
  tiles: { url: string; attribution: string };
  points: TriagePoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onBounds: (b: Bounds) => void;
  label: string;
  /** `small`: one report's location on its page. */
  size?: "tall" | "small";
};

export default function TriageMap({ center, zoom, bounds, tiles, points, selectedId, onSelect, onBounds, label, size = "tall" }: TriageMapProps) {
  return (
    <section className={`map-frame map-frame--${size}`} aria-label={label}>
      <MapContainer
        center={[center.lat, center.lng]}
        zoom={zoom}
        maxBounds={L.latLngBounds([bounds.minLat, bounds.minLng], [bounds.maxLat, bounds.maxLng]).pad(0.5)}
        minZoom={11}
        style={{ blockSize: "100%", inlineSize: "100%" }}
        preferCanvas
      >
        <TileLayer url={tiles.url} attribution={tiles.attribution} />
        <BoundsWatcher onBounds={onBounds} />
        {points.map((p) => (
          <CircleMarker
            key={p.id}
            center={[p.lat, p.lng]}
            radius={p.id === selectedId ? 12 : 8}
            pathOptions={{
              color: LATENESS_RING[p.lateness ?? "on_time"] ?? "#ffffff",
              weight: p.lateness === "late" ? 4 : 2,
              fillColor: STATUS_COLORS[p.status] ?? "#4a5561",
              fillOpacity: 0.95,
            }}
            eventHandlers={{ click: () => onSelect(p.id) }}
          >
            <Tooltip>{p.label}</Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </section>
  );
}
