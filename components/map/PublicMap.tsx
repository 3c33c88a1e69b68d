"use client";

/**
 * The public map: loads the reports of the visible area from /api/map as the map moves, with the
 * citizen's filter (statuses, category). Markers are coloured by status; dense areas come as
 * clusters. A marker's popup loads the report's public summary (its description's and answer's
 * first words, the "me too" count) and takes a "+1". Popups are React text, never HTML.
 */
import L from "leaflet";
import { memo, type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
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
  labels: { region: string; loading: string; error: string; cluster: string; clusterHere: string; submitted: string };
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
  /** A cluster's list: `{count}`, `{shown}` replaced. */
  here: string;
  latest: string;
  details: string;
  close: string;
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

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A report's day in the reader's language. Its formatter is made when a popup first opens (a
 * popup's words are rendered only then), not with the markers: the first one a page makes loads
 * the language's calendar data, a long pause on a phone.
 */
function formatDay(iso: string, locale: string): string {
  let format = dayFormats.get(locale);
  if (!format) dayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: "medium" })));
  return format.format(new Date(iso));
}

/** A report's categories by name, the main one first. */
const categoriesOf = (ids: number[], names: Record<number, string>) =>
  ids
    .map((id) => names[id])
    .filter(Boolean)
    .join(" · ");

/** "Submitted on …", inside a popup: rendered when it opens. */
function SubmittedOn({ template, iso, locale }: { template: string; iso: string; locale: string }) {
  return template.replace("{date}", formatDay(iso, locale));
}

const CLUSTER_SIZE = 40;

/**
 * A group of reports, at its grid cell's centre: tapping it (or Enter on it) zooms in on them; at
 * the map's closest zoom, where it cannot split any more (reports at one address, or filed by
 * district at its centre), it lists them under the map instead. One cut by the map's edge or under
 * a control is drawn but is not a button until the map brings it into view (a sliver is too small
 * a target).
 */
function ClusterMarker({
  lat,
  lng,
  count,
  tappable,
  list,
  labels,
  onList,
}: {
  lat: number;
  lng: number;
  count: number;
  tappable: boolean;
  /** Where its reports are listed (`/api/map?…&cell=`). */
  list: string;
  labels: PublicMapProps["labels"];
  onList: (url: string) => void;
}) {
  const map = useMap();
  // The same icon while the count is the same: a new one would make Leaflet replace the marker's element.
  // The button's name is its title (the count in a sentence); the circle shows the number, in a
  // smaller type the more digits it has, so that 14,739 stays inside its 40 px.
  const icon = useMemo(() => {
    const digits = String(Math.trunc(Number(count)));
    return L.divIcon({
      className: `map-cluster map-cluster--${Math.min(digits.length, 6)}`,
      html: `<span aria-hidden="true">${digits}</span>`,
      iconSize: [CLUSTER_SIZE, CLUSTER_SIZE],
    });
  }, [count]);
  const closest = map.getMaxZoom();
  const listed = Number.isFinite(closest) && map.getZoom() >= closest;
  const activate = () => (listed ? onList(list) : map.setView([lat, lng], Math.min(map.getZoom() + 2, Number.isFinite(closest) ? closest : 19)));
  return (
    <Marker
      position={[lat, lng]}
      icon={icon}
      title={(listed ? labels.clusterHere : labels.cluster).replace("{count}", String(count))}
      interactive={tappable}
      keyboard={tappable}
      // Leaflet gives a focused marker the Enter key as a keypress, not as a click.
      eventHandlers={tappable ? { click: activate, keypress: (e) => (e as L.LeafletKeyboardEvent).originalEvent.key === "Enter" && activate() } : {}}
    />
  );
}

type Words = Pick<PublicMapProps, "labels" | "statusLabels" | "categoryNames" | "locale" | "popup">;
type CellAnswer = { items: Extract<Item, { type: "report" }>[]; total: number };

/**
 * A cluster's reports under the map, the latest first (loaded when it is tapped), each opening its
 * summary. Its heading takes the focus: a keyboard and a screen reader land on the list.
 */
function ClusterList({ url, onClose, ...words }: { url: string; onClose: () => void } & Words) {
  const { popup } = words;
  const [answer, setAnswer] = useState<CellAnswer | "loading" | "error">("loading");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const controller = new AbortController();
    setAnswer("loading");
    fetch(url, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<CellAnswer>) : Promise.reject(new Error(String(r.status)))))
      .then(setAnswer)
      .catch((e: Error) => e.name !== "AbortError" && setAnswer("error"));
    return () => controller.abort();
  }, [url]);
  return (
    <section className="map-cell" aria-labelledby="map-cell-title" data-testid="map-cluster-list">
      <h2 id="map-cell-title" ref={heading} tabIndex={-1}>
        {popup.here.replace("{count}", typeof answer === "object" ? String(answer.total) : "…")}
      </h2>
      <button type="button" className="button button--secondary" onClick={onClose}>
        {popup.close}
      </button>
      {answer === "loading" ? <p role="status">{popup.loading}</p> : null}
      {answer === "error" ? <p role="alert">{popup.error}</p> : null}
      {typeof answer === "object" ? <CellReports key={url} answer={answer} {...words} /> : null}
    </section>
  );
}

/** The listed reports of a cluster (the latest MAP_CELL_LIST_MAX), each with its summary on demand. */
function CellReports({ answer, labels, statusLabels, categoryNames, locale, popup }: { answer: CellAnswer } & Words) {
  const [opened, setOpened] = useState<number | null>(null);
  return (
    <>
      {answer.total > answer.items.length ? <p>{popup.latest.replace("{shown}", String(answer.items.length))}</p> : null}
      <ul className="map-cluster-list">
        {answer.items.map((item) => (
          <li key={item.ref}>
            <strong>{categoriesOf(item.categoryIds, categoryNames)}</strong>
            <br />
            {statusLabels[item.status] ?? item.status} · <SubmittedOn template={labels.submitted} iso={item.submittedAt} locale={locale} />
            {opened === item.ref ? (
              <ReportSummary reference={item.ref} locale={locale} labels={popup} />
            ) : (
              <button type="button" className="button button--secondary" onClick={() => setOpened(item.ref)}>
                {popup.details}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Where the clusters fall on screen now: whether each can be tapped whole (re-read after every move).
 * The controls' boxes are measured only when there are clusters to place, once per move: reading
 * a box makes the browser lay the page out, which on the map's first frame is the whole page.
 */
function useTappable(measure: boolean): (lat: number, lng: number) => boolean {
  const [moves, moved] = useReducer((n: number) => n + 1, 0);
  const map = useMapEvents({ moveend: moved, zoomend: moved, resize: moved });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `moves` is the cue to measure again (the map's geometry changed)
  const geometry = useMemo(() => {
    if (!measure) return null;
    const container = map.getContainer().getBoundingClientRect();
    const controls: Box[] = [...map.getContainer().querySelectorAll(".leaflet-control")].map((control) => {
      const r = control.getBoundingClientRect();
      return { left: r.left - container.left, top: r.top - container.top, right: r.right - container.left, bottom: r.bottom - container.top };
    });
    const size = map.getSize();
    return { controls, size: { width: size.x, height: size.y } };
  }, [map, measure, moves]);
  return (lat, lng) => geometry !== null && isTappable(markerBox(map.latLngToContainerPoint([lat, lng]), CLUSTER_SIZE), geometry.size, geometry.controls);
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

/**
 * The markers of the loaded items (inside the map, where the map's geometry is known). Drawn again
 * only when the items or the words change: not when the page around the map updates its count.
 */
/** Markers a task draws: about 30 ms of a phone's main thread (Leaflet makes each marker's element). */
const BATCH = 20;

/**
 * The map's first answer a batch of `BATCH` items per task (a few hundred markers would otherwise
 * be one long task of the page's first seconds, during which it answers no tap); once an answer
 * has been drawn whole, each next one is drawn at once: its markers replace those on the map, the
 * one whose popup is open among them (a batch would take it off the map, and its popup with it).
 */
function useInBatches<T>(items: T[]): T[] {
  const [drawn, setDrawn] = useState({ items, count: BATCH, settled: false });
  const current = drawn.items === items ? drawn.count : drawn.settled ? items.length : BATCH;
  useEffect(() => {
    if (current < items.length) {
      const id = setTimeout(() => setDrawn({ items, count: current + BATCH, settled: false }), 0);
      return () => clearTimeout(id);
    }
    if (!drawn.settled && items.length > 0) setDrawn({ items, count: items.length, settled: true });
  }, [items, current, drawn.settled]);
  return current >= items.length ? items : items.slice(0, current);
}

const Items = memo(function Items({
  items,
  query,
  onList,
  labels,
  statusLabels,
  categoryNames,
  locale,
  popup,
}: {
  items: Item[];
  /** The request these items answered: a cluster's list is asked of the same viewport, zoom and filter. */
  query: string;
  onList: (url: string) => void;
} & Pick<PublicMapProps, "labels" | "statusLabels" | "categoryNames" | "locale" | "popup">) {
  const tappable = useTappable(items.some((item) => item.type === "cluster"));
  return useInBatches(items).map((item, index) => {
    if (item.type === "cluster") {
      const canTap = tappable(item.lat, item.lng);
      return (
        <ClusterMarker
          // A cluster is its cell's centre, one per cell.
          key={`c${item.lat}-${item.lng}-${canTap}`}
          lat={item.lat}
          lng={item.lng}
          count={item.count}
          tappable={canTap}
          list={`/api/map?${query}&cell=${item.lat},${item.lng}`}
          labels={labels}
          onList={onList}
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
          <strong>{categoriesOf(item.categoryIds, categoryNames)}</strong>
          <br />
          {statusLabels[item.status] ?? item.status}
          <br />
          <SubmittedOn template={labels.submitted} iso={item.submittedAt} locale={locale} />
          <ReportSummary reference={item.ref} locale={locale} labels={popup} />
        </Popup>
      </CircleMarker>
    );
  });
});

/**
 * Its children a task later than the map itself: the map's creation and its tile layer's first
 * images are each one long piece of work on the page's main thread, and a phone answers a tap
 * between them.
 */
function InNextTask({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(id);
  }, []);
  return ready ? children : null;
}

export default function PublicMap({ center, zoom, bounds, tiles, statusLabels, categoryNames, labels, popup, locale, filter, onCount }: PublicMapProps) {
  const [answer, setAnswer] = useState<{ items: Item[]; query: string }>({ items: [], query: "" });
  /** The cluster listed under the map (its list's address), if one was tapped at the closest zoom. */
  const [cell, setCell] = useState<string | null>(null);
  // A list made with another filter is not the map's any more.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter's choices are the cue to close it
  useEffect(() => setCell(null), [filter?.statuses, filter?.categoryId]);
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
        const query = `bbox=${bbox}&zoom=${z}${chosen}`;
        const response = await fetch(`/api/map?${query}`, { signal: current.signal });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { items: Item[] };
        setAnswer({ items: body.items, query });
        setState("ready");
        onCount?.(body.items.reduce((n, i) => n + (i.type === "cluster" ? i.count : 1), 0));
      } catch (error) {
        if ((error as Error).name !== "AbortError") setState("error");
      }
    },
    [onCount, filter?.statuses, filter?.categoryId],
  );

  return (
    <>
      <section className="map-frame map-frame--tall" aria-label={labels.region} aria-busy={state === "loading"}>
        <MapContainer
          center={[center.lat, center.lng]}
          zoom={zoom}
          maxBounds={L.latLngBounds([bounds.minLat, bounds.minLng], [bounds.maxLat, bounds.maxLng]).pad(0.5)}
          minZoom={11}
          // The tile layer's closest zoom, known from the map's first frame: there a cluster lists its reports.
          maxZoom={18}
          style={{ blockSize: "100%", inlineSize: "100%" }}
        >
          <InNextTask>
            <TileLayer url={tiles.url} attribution={tiles.attribution} />
          </InNextTask>
          <Loader onLoad={load} />
          <Items
            items={answer.items}
            query={answer.query}
            onList={setCell}
            labels={labels}
            statusLabels={statusLabels}
            categoryNames={categoryNames}
            locale={locale}
            popup={popup}
          />
        </MapContainer>
        {state === "error" ? (
          <p className="alert alert--error map-status" role="alert">
            {labels.error}
          </p>
        ) : null}
      </section>
      {cell ? (
        <ClusterList
          url={cell}
          onClose={() => setCell(null)}
          labels={labels}
          statusLabels={statusLabels}
          categoryNames={categoryNames}
          locale={locale}
          popup={popup}
        />
      ) : null}
    </>
  );
}
