"use client";

/** What the report is about: up to three categories, grouped by service, with their notices. */
import { useTranslations } from "next-intl";
import { directionOf } from "@/lib/i18n/config";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import type { FieldErrorView } from "../hooks/useFieldErrors";
import styles from "../ReportForm.module.css";
import type { ReportFormData } from "../types";

export function CategoriesFieldset({
  services,
  requests,
  selected,
  onToggle,
  baseId,
  errors,
}: {
  services: ReportFormData["services"];
  /** The other requests (démarches), each made alone. */
  requests: ReportFormData["requests"];
  selected: number[];
  onToggle: (id: number, checked: boolean) => void;
  baseId: string;
  errors: FieldErrorView;
}) {
  const t = useTranslations("report");
  const notices = [...services.flatMap((s) => s.categories), ...requests].filter((c) => selected.includes(c.id) && c.notice);
  return (
    <fieldset
      className={styles.section}
      id="categories"
      aria-describedby={errors.describedBy("categoryIds", `${baseId}-cat-hint`)}
      aria-invalid={errors.invalid("categoryIds")}
    >
      <legend>{t("categories.legend")}</legend>
      <p className="hint" id={`${baseId}-cat-hint`}>
        {t("categories.hint", { max: REPORT_LIMITS.maxCategories })}
      </p>
      {errors.message("categoryIds")}
      {services.map((service) => (
        <fieldset key={service.id} className={styles.serviceGroup}>
          <legend>{service.name}</legend>
          {service.categories.map((category) => (
            <label key={category.id} className={styles.choice}>
              <input
                type="checkbox"
                name="categoryIds"
                value={category.id}
                checked={selected.includes(category.id)}
                onChange={(e) => onToggle(category.id, e.target.checked)}
              />
              <span>
                <span className={styles.choiceName}>{category.name}</span>
                {category.description ? (
                  <span className="hint" lang={category.description.lang} dir={directionOf(category.description.lang)}>
                    {category.description.text}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      {requests.length > 0 ? (
        <fieldset className={styles.serviceGroup}>
          <legend>{t("categories.requests")}</legend>
          <p className="hint">{t("categories.requestsHint")}</p>
          {requests.map((request) => (
            <label key={request.id} className={styles.choice}>
              <input
                type="checkbox"
                name="categoryIds"
                value={request.id}
                checked={selected.includes(request.id)}
                onChange={(e) => onToggle(request.id, e.target.checked)}
              />
              <span>
                <span className={styles.choiceName}>{request.name}</span>
                <span className="hint">{request.service}</span>
                {request.description ? (
                  <span className="hint" lang={request.description.lang} dir={directionOf(request.description.lang)}>
                    {request.description.text}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {notices.map((c) => (
        <p key={c.id} className="alert alert--warning" role="note">
          {t.rich("categories.notice", {
            name: c.name,
            strong: (chunks) => <strong>{chunks}</strong>,
            notice: () => (
              <bdi lang={c.notice!.lang} dir={directionOf(c.notice!.lang)}>
                {c.notice!.text}
              </bdi>
            ),
          })}
        </p>
      ))}
    </fieldset>
  );
}
