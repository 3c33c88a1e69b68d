"use client";

/** What is wrong, in the citizen's words, with a counter of characters against the limits. */
import { useTranslations } from "next-intl";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import type { FieldErrorView } from "../hooks/useFieldErrors";
import styles from "../ReportForm.module.css";

export function DescriptionField({
  value,
  onChange,
  asMessage = false,
  baseId,
  errors,
}: {
  value: string;
  onChange: (description: string) => void;
  /** Another request: an optional message rather than the problem's description. */
  asMessage?: boolean;
  baseId: string;
  errors: FieldErrorView;
}) {
  const t = useTranslations("report");
  const length = [...value.trim()].length;
  return (
    <div className={`field ${styles.section}`}>
      <label htmlFor="description">{asMessage ? t("description.messageLabel") : t("description.label")}</label>
      <p className="hint" id={`${baseId}-desc-hint`}>
        {asMessage
          ? t("description.messageHint", { max: REPORT_LIMITS.descriptionMax })
          : t("description.hint", { min: REPORT_LIMITS.descriptionMin, max: REPORT_LIMITS.descriptionMax })}
      </p>
      <textarea
        id="description"
        name="description"
        rows={6}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.invalid("description")}
        aria-describedby={errors.describedBy("description", `${baseId}-desc-hint ${baseId}-desc-count`)}
        dir="auto"
      />
      <p className={`hint ${length > REPORT_LIMITS.descriptionMax ? styles.over : ""}`} id={`${baseId}-desc-count`} aria-live="polite">
        {t("description.counter", { count: length, max: REPORT_LIMITS.descriptionMax })}
      </p>
      {errors.message("description")}
    </div>
  );
}
