"use client";

/**
 * The coordinator's workspace: the map and the list side by side (the report panel beside them is
 * the page's). The list follows the map (only what is in view), reports to triage first; a click
 * on a marker or a row opens the report in the panel, and ticked reports can be routed at once.
 * Every 15 s it asks how many reports were filed since the page was loaded and says so; the list
 * changes only when the coordinator asks for them, so nothing moves under their eyes.
 */
import { reportReference } from "@/lib/domain/report-reference";
import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { routeReportsAction } from "@/app/[locale]/(staff)/staff/reports/actions";
import { hasPoint, isInsideBounds, type Bounds } from "@/lib/domain/geo";
import { usePathname, useRouter } from "@/lib/i18n/navigation";
import { useSearchParams } from "next/navigation";
import { ActionForm } from "./ActionForm";
import type { TriageMapProps } from "./TriageMap";
import type { ReportStatusName } from "@/lib/domain/types";
import type { Lateness } from "@/lib/domain/deadlines";

const TriageMap = dynamic<TriageMapProps>(() => import("./TriageMap"), {
  ssr: false,
  loading: () => <div className="map-frame map-frame--tall map-frame--loading" aria-hidden="true" />,
});

export type TriageRow = {
  id: string;
  trackingNumber: string | null;
  publicNumber: number;
  status: string;
  lateness: string | null;
  lat: number | null;
  lng: number | null;
  dueAt: string;
  /** The deadline as the city reads it, formatted by the server (the browser's own formatting may differ). */
  dueLabel: string;
  submittedAt: string;
  service: string;
  categories: string[];
  excerpt: string;
  channel: string;
};

type Props = {
  rows: TriageRow[];
  services: { id: number; name: string }[];
  city: { center: { lat: number; lng: number }; zoom: number; bounds: Bounds };
  tiles: { url: string; attribution: string };
  selectedId: string | null;
  /** When the server read the list: new reports are those filed after it. */
  loadedAt: string;
  /** How many reports the filters select, exactly (the list stops at 2,000). */
  total?: number;
};

const POLL_MS = 15_000;

/** Asks every 15 s how many reports were filed since `since`; 0 while the answer is unknown. */
function useReportsFiledSince(since: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    setCount(0);
    let stopped = false;
    const ask = async () => {
      try {
        const response = await fetch(`/api/staff/triage/new?since=${encodeURIComponent(since)}`, { cache: "no-store" });
        if (response.ok && !stopped) setCount(((await response.json()) as { count: number }).count);
      } catch {
        // Offline for a moment: the next poll asks again.
      }
    };
    const timer = setInterval(ask, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [since]);
  return count;
}

export function TriageWorkspace({ rows, services, city, tiles, selectedId, loadedAt, total }: Props) {
  const t = useTranslations("staff");
  const tAll = useTranslations();
  const filedSince = useReportsFiledSince(loadedAt);
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [view, setView] = useState<Bounds | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);

  const visible = useMemo(
    // A request without a place is on no map: it stays in the list whatever the map shows.
    () => (view ? rows.filter((r) => !hasPoint(r) || isInsideBounds(r, view)) : rows),
    [rows, view],
  );
  const select = (id: string) => {
    const params = new URLSearchParams(search.toString());
    params.set("selected", id);
    router.push(`${pathname}?${params.toString()}`, { scroll: false });
  };
  const toggle = (id: string, on: boolean) => setTicked((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  const shown = visible.slice(0, 200);
  const allTicked = shown.length > 0 && shown.every((r) => ticked.includes(r.id));
  const tickAll = (on: boolean) => setTicked(on ? shown.map((r) => r.id) : []);

  return (
    <div className="triage">
      <TriageMap
        center={city.center}
        zoom={city.zoom}
        bounds={city.bounds}
        tiles={tiles}
        points={rows.filter(hasPoint).map((r) => ({
          id: r.id,
          lat: r.lat,
          lng: r.lng,
          status: r.status,
          lateness: r.lateness,
          label: `${reportReference(r)} — ${r.categories.join(", ")}`,
        }))}
        selectedId={selectedId}
        onSelect={select}
        onBounds={setView}
        label={t("triage.mapLabel")}
      />
      <div className="triage__side">
        <div className="triage__toolbar">
          <label className="inline-choice">
            <input type="checkbox" checked={allTicked} onChange={(e) => tickAll(e.target.checked)} disabled={shown.length === 0} />
            {t("triage.tickAll", { count: shown.length })}
          </label>
          <p className="hint" role="status" data-testid="triage-count">
            {t("triage.count", { visible: visible.length, total: total ?? rows.length })}
          </p>
        </div>
        <div role="status" aria-live="polite" className="triage__news">
          {filedSince > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => router.refresh()} data-testid="triage-new">
              {t("triage.newReports", { count: filedSince })}
            </button>
          ) : null}
        </div>
        {ticked.length > 0 ? (
          <ActionForm
            action={routeReportsAction}
            submitLabel={t("triage.routeSelected", { count: ticked.length })}
            hidden={{ reportIds: ticked }}
            title={t("triage.bulkTitle")}
          >
            <div className="field">
              <label htmlFor="bulk-service">{t("fields.service")}</label>
              <select id="bulk-service" name="serviceId" defaultValue="">
                <option value="">{t("chooseService")}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          </ActionForm>
        ) : null}
        <ul className="triage-list" aria-label={t("triage.listLabel")}>
          {shown.map((r) => (
            <li key={r.id} className={r.id === selectedId ? "triage-item triage-item--selected" : "triage-item"}>
              <input
                type="checkbox"
                aria-label={t("triage.tick", { number: reportReference(r) })}
                checked={ticked.includes(r.id)}
                onChange={(e) => toggle(r.id, e.target.checked)}
              />
              <button type="button" className="triage-item__open" onClick={() => select(r.id)}>
                <span className="triage-item__number">{reportReference(r)}</span>
                <span className={`status-badge status-badge--${r.status}`}>{t(`status.${r.status as ReportStatusName}`)}</span>
                {r.lateness ? <span className={`lateness lateness--${r.lateness}`}>{t(`lateness.${r.lateness as Lateness}`)}</span> : null}
                <span className="triage-item__cats">{r.categories.join(" · ")}</span>
                <span className="hint">
                  {r.service} — {t("dueOn", { date: r.dueLabel })}
                </span>
                <span className="triage-item__excerpt" dir="auto">
                  {r.excerpt}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
