"use client";

/** Where the report is, on the staff report page: the point on a small map, centred and close in. */
import dynamic from "next/dynamic";
import type { Bounds } from "@/lib/domain/geo";
import type { TriageMapProps } from "./TriageMap";

const TriageMap = dynamic<TriageMapProps>(() => import("./TriageMap"), {
  ssr: false,
  loading: () => <div className="map-frame map-frame--small map-frame--loading" aria-hidden="true" />,
});

type Props = {
  point: { id: string; lat: number; lng: number; status: string; label: string };
  bounds: Bounds;
  tiles: { url: string; attribution: string };
  label: string;
};

export function ReportLocation({ point, bounds, tiles, label }: Props) {
  return (
    <TriageMap
      center={{ lat: point.lat, lng: point.lng }}
      zoom={17}
      bounds={bounds}
      tiles={tiles}
      points={[{ ...point, lateness: null }]}
      selectedId={point.id}
      onSelect={() => {}}
      onBounds={() => {}}
      label={label}
      size="small"
    />
  );
}
