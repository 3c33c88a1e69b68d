"use client";

/**
 * Problems already reported near the chosen point, in the chosen category: the citizen may add
 * their support ("me too") instead of filing the same report again.
 */
import { useEffect, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReportStatusName } from "@/lib/domain/types";

type Nearby = {
  id: string;
  category: string;
  status: string;
  submittedAt: string;
  distance: number;
  supports: number;
  excerpt: string;
  address: string | null;
};

export function NearbyReports({ point, categoryId }: { point: { lat: number; lng: number } | null; categoryId: number | null }) {
  const t = useTranslations("report.nearby");
  const tAll = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const [items, setItems] = useState<Nearby[]>([]);
  const [supported, setSupported] = useState<Record<string, number>>({});
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!point || !categoryId) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/reports/nearby?lat=${point.lat}&lng=${point.lng}&category=${categoryId}&locale=${locale}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
        .then((body: { items: Nearby[] }) => setItems(body.items))
        .catch((e: Error) => {
          if (e.name !== "AbortError") setItems([]);
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [point, categoryId, locale]);

  if (items.length === 0) return null;
  const support = async (id: string) => {
    setFailed(false);
    const response = await fetch(`/api/reports/${id}/support`, { method: "POST" });
    if (!response.ok) {
      setFailed(true);
      return;
    }
    const body = (await response.json()) as { supports: number };
    setSupported((prev) => ({ ...prev, [id]: body.supports }));
  };
  return (
    <section className="nearby" aria-labelledby="nearby-title">
      <h3 id="nearby-title">{t("title")}</h3>
      <p className="hint">{t("intro")}</p>
      {failed ? (
        <p className="alert alert--error" role="alert">
          {t("error")}
        </p>
      ) : null}
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.id} className="nearby__item">
            <span>
              <strong>{item.category}</strong> — {tAll(`status.${item.status as ReportStatusName}`)} —{" "}
              {format.dateTime(new Date(item.submittedAt), { dateStyle: "medium" })} — {t("distance", { distance: item.distance })} —{" "}
              {t("supports", { count: supported[item.id] ?? item.supports })}
              {item.address ? (
                <span className="nearby__address" dir="auto">
                  {item.address}
                </span>
              ) : null}
              <q className="nearby__excerpt" dir="auto">
                {item.excerpt}
              </q>
            </span>
            {supported[item.id] !== undefined ? (
              <span role="status" className="nearby__done">
                {t("supported")}
              </span>
            ) : (
              <button type="button" className="button button--secondary" onClick={() => support(item.id)}>
                {t("support")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
