"use client";

/**
 * The public map: loads the reports of the visible area from /api/map as the map moves, with the
 * citizen's filter (statuses, category). Markers are coloured by status; dense areas come as
 * clusters. A marker's popup loads the report's public summary (its description's and answer's
 * first words, the "me too" count) and takes a "+1". Popups are React text, never HTML.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { CircleMarker, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from "react-leaflet";
import type { Bounds, Point } from "@/lib/domain/geo";
import { STATUS_COLORS } from "./status-colors";
import { isTappable, markerBox, type Box } from "./tappable";

type Item =
  | { type: "report"; ref: number; lat: number; lng: number; status: string; categoryIds: number[]; submittedAt: string }
  | { type: "cluster"; lat: number; lng: number; count: number };

export type PublicMapProps = {
  center: Point;
  zoom: number;
  bounds: Bounds;
  tiles: { url: string; attribution: string };
  statusLabels: Record<string, string>;
  categoryNames: Record<number, string>;
  labels: { region: string; loading: string; error: string; cluster: string; submitted: string };
  /** The popup's words, already translated (`{count}` is replaced). */
  popup: PopupLabels;
  locale: string;
  /** Only these statuses (none: all) and this category (null: all). */
  filter?: { statuses: string[]; categoryId: number | null };
  onCount?: (count: number) => void;
};

export type PopupLabels = {
  loading: string;
  error: string;
  answer: string;
  outcomes: Record<string, string>;
  supports: string;
  support: string;
  supported: string;
  supportFailed: string;
};

type Summary = { id: string; supports: number; open: boolean; excerpt: string; answer: { outcome: string; excerpt: string; answeredAt: string } | null };

/** What a marker's popup says once open: loaded then, so that the map's own response stays small. */
function ReportSummary({ reference, locale, labels }: { reference: number; locale: string; labels: PopupLabels }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [supported, setSupported] = useState<"no" | "yes" | "failed">("no");
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/map/reports/${reference}?locale=${locale}`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<Summary>) : Promise.reject(new Error(String(r.status)))))
      .then((body) => {
        setSummary(body);
        setState("ready");
      })
      .catch((e: Error) => e.name !== "AbortError" && setState("error"));
    return () => controller.abort();
  }, [reference, locale]);
  const support = async () => {
    if (!summary) return;
    const response = await fetch(`/api/reports/${summary.id}/support`, { method: "POST" }).catch(() => null);
    if (!response?.ok) return setSupported("failed");
    const body = (await response.json()) as { supports: number };
    setSummary((s) => (s ? { ...s, supports: body.supports } : s));
    setSupported("yes");
  };
  if (state === "loading") return <p>{labels.loading}</p>;
  if (state === "error" || !summary) return <p>{labels.error}</p>;
  return (
    <div className="map-popup" data-testid="map-popup">
      <p dir="auto">
        <q>{summary.excerpt}</q>
      </p>
      {summary.answer ? (
        <p>
          <strong>
            {labels.answer} {labels.outcomes[summary.answer.outcome] ?? ""}
          </strong>
          {summary.answer.excerpt ? (
            <>
              {" "}
              <q dir="auto">{summary.answer.excerpt}</q>
            </>
          ) : null}
        </p>
      ) : null}
      <p>{labels.supports.replace("{count}", String(summary.supports))}</p>
      {summary.open ? (
        supported === "yes" ? (
          <p role="status">{labels.supported}</p>
        ) : (
          <>
            {supported === "failed" ? <p role="alert">{labels.supportFailed}</p> : null}
            <button type="button" className="button button--secondary" onClick={support}>
              {labels.support}
            </button>
          </>
        )
      ) : null}
    </div>
  );
}

const CLUSTER_SIZE = 40;

/**
 * A group of reports, at its grid cell's centre: tapping it (or Enter on it) zooms in on them. One
 * cut by the map's edge or under a control is drawn but is not a button until the map brings it
 * into view (a sliver is too small a target).
 */
function ClusterMarker({ lat, lng, count, title, tappable }: { lat: number; lng: number; count: number; title: string; tappable: boolean }) {
  const map = useMap();
  const zoomIn = () => map.setView([lat, lng], Math.min(map.getZoom() + 2, Number.isFinite(map.getMaxZoom()) ? map.getMaxZoom() : 19));
  return (
    <Marker
      position={[lat, lng]}
      icon={L.divIcon({ className: "map-cluster", html: `<span>${Number(count)}</span>`, iconSize: [CLUSTER_SIZE, CLUSTER_SIZE] })}
      title={title}
      interactive={tappable}
      keyboard={tappable}
      // Leaflet gives a focused marker the Enter key as a keypress, not as a click.
      eventHandlers={tappable ? { click: zoomIn, keypress: (e) => (e as L.LeafletKeyboardEvent).originalEvent.key === "Enter" && zoomIn() } : {}}
    />
  );
}

/** Where the clusters fall on screen now: whether each can be tapped whole (re-read after every move). */
function useTappable(): (lat: number, lng: number) => boolean {
  const [, moved] = useReducer((n: number) => n + 1, 0);
  const map = useMapEvents({ moveend: moved, zoomend: moved, resize: moved });
  const container = map.getContainer().getBoundingClientRect();
  const controls: Box[] = [...map.getContainer().querySelectorAll(".leaflet-control")].map((control) => {
    const r = control.getBoundingClientRect();
    return { left: r.left - container.left, top: r.top - container.top, right: r.right - container.left, bottom: r.bottom - container.top };
  });
  const size = map.getSize();
  return (lat, lng) => isTappable(markerBox(map.latLngToContainerPoint([lat, lng]), CLUSTER_SIZE), { width: size.x, height: size.y }, controls);
}

function Loader({ onLoad }: { onLoad: (bbox: string, zoom: number) => void }) {
  const map = useMapEvents({
    moveend() {
      const b = map.getBounds();
      onLoad([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(","), map.getZoom());
    },
  });
  useEffect(() => {
    const b = map.getBounds();
    onLoad([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(","), map.getZoom());
  }, [map, onLoad]);
  return null;
}

/** The markers of the loaded items (inside the map, where the map's geometry is known). */
function Items({
  items,
  labels,
  statusLabels,
  categoryNames,
  locale,
  popup,
}: { items: Item[] } & Pick<PublicMapProps, "labels" | "statusLabels" | "categoryNames" | "locale" | "popup">) {
  const tappable = useTappable();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return items.map((item, index) => {
    if (item.type === "cluster") {
      const canTap = tappable(item.lat, item.lng);
      return (
        <ClusterMarker
          // biome-ignore lint/suspicious/noArrayIndexKey: each response replaces every marker; two may share a position, never an index
          key={`c${index}-${item.lat}-${item.lng}-${canTap}`}
          lat={item.lat}
          lng={item.lng}
          count={item.count}
          title={labels.cluster.replace("{count}", String(item.count))}
          tappable={canTap}
        />
      );
    }
    return (
      <CircleMarker
        // biome-ignore lint/suspicious/noArrayIndexKey: each response replaces every marker; two may share a position, never an index
        key={`r${index}-${item.lat}-${item.lng}`}
        center={[item.lat, item.lng]}
        radius={9}
        pathOptions={{ color: "#ffffff", weight: 2, fillColor: STATUS_COLORS[item.status] ?? "#4a5561", fillOpacity: 0.95 }}
        className={`map-report map-report--${item.status}`}
      >
        <Popup>
          <strong>
            {item.categoryIds
              .map((id) => categoryNames[id])
              .filter(Boolean)
              .join(" · ")}
          </strong>
          <br />
          {statusLabels[item.status] ?? item.status}
          <br />
          {labels.submitted.replace("{date}", dateFormat.format(new Date(item.submittedAt)))}
          <ReportSummary reference={item.ref} locale={locale} labels={popup} />
        </Popup>
      </CircleMarker>
    );
  });
}

export default function PublicMap({ center, zoom, bounds, tiles, statusLabels, categoryNames, labels, popup, locale, filter, onCount }: PublicMapProps) {
  const [items, setItems] = useState<Item[]>([]);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    async (bbox: string, z: number) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setState("loading");
      try {
        const chosen = `${filter?.statuses.length ? `&status=${filter.statuses.join(",")}` : ""}${filter?.categoryId ? `&category=${filter.categoryId}` : ""}`;
        const response = await fetch(`/api/map?bbox=${bbox}&zoom=${z}${chosen}`, { signal: current.signal });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { items: Item[] };
        setItems(body.items);
        setState("ready");
        onCount?.(body.items.reduce((n, i) => n + (i.type === "cluster" ? i.count : 1), 0));
      } catch (error) {
        if ((error as Error).name !== "AbortError") setState("error");
      }
    },
    [onCount, filter?.statuses, filter?.categoryId],
  );

  return (
    <section className="map-frame map-frame--tall" aria-label={labels.region} aria-busy={state === "loading"}>
      <MapContainer
        center={[center.lat, center.lng]}
        zoom={zoom}
        maxBounds={L.latLngBounds([bounds.minLat, bounds.minLng], [bounds.maxLat, bounds.maxLng]).pad(0.5)}
        minZoom={11}
        style={{ blockSize: "100%", inlineSize: "100%" }}
      >
        <TileLayer url={tiles.url} attribution={tiles.attribution} />
        <Loader onLoad={load} />
        <Items items={items} labels={labels} statusLabels={statusLabels} categoryNames={categoryNames} locale={locale} popup={popup} />
      </MapContainer>
      {state === "error" ? (
        <p className="alert alert--error map-status" role="alert">
          {labels.error}
        </p>
      ) : null}
    </section>
  );
}
