"use client";

/**
 * The map of the report form: tap to place the pin, drag it to adjust. Leaflet is loaded only
 * here (see LocationPickerLazy). Coordinates go back to the form, which owns them.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useMemo } from "react";
import { MapContainer, Marker, Rectangle, TileLayer, useMap, useMapEvents } from "react-leaflet";
import type { Bounds, Point } from "@/lib/domain/geo";

export type LocationPickerProps = {
  center: Point;
  zoom: number;
  bounds: Bounds;
  tiles: { url: string; attribution: string };
  value: Point | null;
  onChange: (point: Point) => void;
  label: string;
  markerLabel: string;
};

const pinIcon = L.divIcon({
  className: "map-pin",
  html: '<span aria-hidden="true"></span>',
  iconSize: [32, 42],
  iconAnchor: [16, 42],
});

function ClickToPlace({ onChange }: { onChange: (p: Point) => void }) {
  useMapEvents({
    click(event) {
      onChange({ lat: event.latlng.lat, lng: event.latlng.lng });
    },
  });
  return null;
}

/** Follows the value when it changes from outside the map (geolocation, district, photo). */
function FollowValue({ value }: { value: Point | null }) {
  const map = useMap();
  useEffect(() => {
    if (value && !map.getBounds().pad(-0.1).contains([value.lat, value.lng])) {
      map.setView([value.lat, value.lng], Math.max(map.getZoom(), 16));
    }
  }, [map, value]);
  return null;
}

export default function LocationPicker({ center, zoom, bounds, tiles, value, onChange, label, markerLabel }: LocationPickerProps) {
  const cityBounds = useMemo(
    () => L.latLngBounds([bounds.minLat, bounds.minLng], [bounds.maxLat, bounds.maxLng]),
    [bounds.minLat, bounds.minLng, bounds.maxLat, bounds.maxLng],
  );
  return (
    <section className="map-frame" aria-label={label} data-testid="location-picker">
      <MapContainer
        center={value ? [value.lat, value.lng] : [center.lat, center.lng]}
        zoom={value ? 16 : zoom}
        maxBounds={cityBounds.pad(0.5)}
        minZoom={11}
        scrollWheelZoom={false}
        style={{ blockSize: "100%", inlineSize: "100%" }}
      >
        <TileLayer url={tiles.url} attribution={tiles.attribution} />
        <Rectangle bounds={cityBounds} pathOptions={{ color: "#0b4f6c", weight: 1, fill: false, dashArray: "4 6" }} interactive={false} />
        <ClickToPlace onChange={onChange} />
        <FollowValue value={value} />
        {value ? (
          <Marker
            position={[value.lat, value.lng]}
            icon={pinIcon}
            draggable
            title={markerLabel}
            alt={markerLabel}
            keyboard
            eventHandlers={{
              dragend(event) {
                const p = (event.target as L.Marker).getLatLng();
                onChange({ lat: p.lat, lng: p.lng });
              },
            }}
          />
        ) : null}
      </MapContainer>
    </section>
  );
}
