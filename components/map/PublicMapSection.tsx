"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { PublicMapProps } from "./PublicMap";
import { STATUS_COLORS } from "./status-colors";

const PublicMap = dynamic<PublicMapProps>(() => import("./PublicMap"), {
  ssr: false,
  loading: () => <div className="map-frame map-frame--tall map-frame--loading" aria-hidden="true" />,
});

/** The public map with its legend and a count of what is shown, for screen readers too. */
export function PublicMapSection(props: Omit<PublicMapProps, "labels" | "locale" | "onCount">) {
  const t = useTranslations("map");
  const locale = useLocale();
  const [count, setCount] = useState<number | null>(null);
  return (
    <section aria-labelledby="map-legend-title">
      <PublicMap
        center={props.center}
        zoom={props.zoom}
        bounds={props.bounds}
        tiles={props.tiles}
        statusLabels={props.statusLabels}
        categoryNames={props.categoryNames}
        locale={locale}
        onCount={setCount}
        labels={{ region: t("region"), loading: t("loading"), error: t("error"), cluster: t("cluster"), submitted: t("submitted") }}
      />
      <p role="status" className="hint" data-testid="map-count">
        {count === null ? t("loading") : t("count", { count })}
      </p>
      <h2 id="map-legend-title" className="visually-hidden">
        {t("legend")}
      </h2>
      <ul className="map-legend" aria-label={t("legend")}>
        {Object.entries(props.statusLabels).map(([status, label]) => (
          <li key={status}>
            <span className="map-legend__dot" style={{ background: STATUS_COLORS[status] }} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
}
