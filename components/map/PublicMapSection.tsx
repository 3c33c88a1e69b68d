"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { PublicMapProps } from "./PublicMap";
import { STATUS_COLORS } from "./status-colors";

const PublicMap = dynamic<PublicMapProps>(() => import("./PublicMap"), {
  ssr: false,
  loading: () => <div className="map-frame map-frame--tall map-frame--loading" aria-hidden="true" />,
});

const OUTCOMES = ["upheld", "rejected", "reoriented"] as const;

/**
 * The public map with its filter (the legend's statuses are checkboxes, and a category), its
 * legend and a count of what is shown, for screen readers too.
 */
export function PublicMapSection(props: Omit<PublicMapProps, "labels" | "popup" | "locale" | "onCount" | "filter">) {
  const t = useTranslations("map");
  const locale = useLocale();
  const [count, setCount] = useState<number | null>(null);
  const [filter, setFilter] = useState<{ statuses: string[]; categoryId: number | null }>({ statuses: [], categoryId: null });
  const toggle = (status: string, on: boolean) => setFilter((f) => ({ ...f, statuses: on ? [...f.statuses, status] : f.statuses.filter((s) => s !== status) }));
  // Made once per language, so that the map's markers are not drawn again when the count changes.
  const words = useMemo(
    () => ({
      // Templates the map fills in per marker: each placeholder given as itself, so that the
      // message is formatted (compiled or parsed alike) with its `{count}` or `{date}` kept.
      labels: {
        region: t("region"),
        loading: t("loading"),
        error: t("error"),
        cluster: t("cluster", { count: "{count}" }),
        clusterHere: t("clusterHere", { count: "{count}" }),
        submitted: t("submitted", { date: "{date}" }),
      },
      popup: {
        loading: t("popup.loading"),
        error: t("popup.error"),
        here: t("popup.here", { count: "{count}" }),
        latest: t("popup.latest", { shown: "{shown}" }),
        details: t("popup.details"),
        close: t("popup.close"),
        answer: t("popup.answer"),
        outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, t(`popup.outcomes.${o}`)])),
        supports: t("popup.supports", { count: "{count}" }),
        support: t("popup.support"),
        supported: t("popup.supported"),
        supportFailed: t("popup.supportFailed"),
      },
    }),
    [t],
  );
  const categories = Object.entries(props.categoryNames).sort(([, a], [, b]) => a.localeCompare(b, locale));
  return (
    <section aria-labelledby="map-legend-title">
      <form className="map-filters" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend id="map-legend-title">{t("legend")}</legend>
          <ul className="map-legend">
            {Object.entries(props.statusLabels).map(([status, label]) => (
              <li key={status}>
                <label className="inline-choice">
                  <input type="checkbox" checked={filter.statuses.includes(status)} onChange={(e) => toggle(status, e.target.checked)} />
                  <span className="map-legend__dot" style={{ background: STATUS_COLORS[status] }} aria-hidden="true" />
                  {label}
                </label>
              </li>
            ))}
            <li>
              <span className="map-legend__cluster" aria-hidden="true" />
              {t("clusterLegend")}
            </li>
          </ul>
          <p className="hint">{t("filter.hint")}</p>
        </fieldset>
        <div className="field">
          <label htmlFor="map-category">{t("filter.category")}</label>
          <select
            id="map-category"
            value={filter.categoryId ?? ""}
            onChange={(e) => setFilter((f) => ({ ...f, categoryId: e.target.value ? Number(e.target.value) : null }))}
          >
            <option value="">{t("filter.allCategories")}</option>
            {categories.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <PublicMap
        center={props.center}
        zoom={props.zoom}
        bounds={props.bounds}
        tiles={props.tiles}
        statusLabels={props.statusLabels}
        categoryNames={props.categoryNames}
        locale={locale}
        filter={filter}
        onCount={setCount}
        labels={words.labels}
        popup={words.popup}
      />
      <p role="status" className="hint" data-testid="map-count">
        {count === null ? t("loading") : t("count", { count })}
      </p>
    </section>
  );
}
