"use client";

/** Who to answer: a name, an email, a phone — or nobody, for an anonymous report. */
import { useTranslations } from "next-intl";
import type { FieldErrorView } from "../hooks/useFieldErrors";
import type { SetField } from "../hooks/useReportFields";
import type { DraftFields } from "../offline/types";
import styles from "../ReportForm.module.css";

export function ContactFieldset({
  fields,
  setField,
  errors,
}: {
  fields: Pick<DraftFields, "anonymous" | "name" | "email" | "phone">;
  setField: SetField;
  errors: FieldErrorView;
}) {
  const t = useTranslations("report");
  return (
    <fieldset className={styles.section}>
      <legend>{t("contact.legend")}</legend>
      <label className={styles.choice}>
        <input type="checkbox" name="anonymous" checked={fields.anonymous} onChange={(e) => setField("anonymous", e.target.checked)} />
        <span>{t("contact.anonymous")}</span>
      </label>
      {fields.anonymous ? (
        <p className="alert alert--warning" role="note">
          {t("contact.anonymousNote")}
        </p>
      ) : (
        <>
          <p className="hint">{t("contact.hint")}</p>
          <div className="field">
            <label htmlFor="name">{t("contact.name")}</label>
            <input
              id="name"
              name="name"
              type="text"
              autoComplete="name"
              value={fields.name}
              onChange={(e) => setField("name", e.target.value)}
              aria-invalid={errors.invalid("name")}
              aria-describedby={errors.describedBy("name")}
            />
            {errors.message("name")}
          </div>
          <div className="field">
            <label htmlFor="email">{t("contact.email")}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              inputMode="email"
              value={fields.email}
              onChange={(e) => setField("email", e.target.value)}
              aria-invalid={errors.invalid("email")}
              aria-describedby={errors.describedBy("email")}
              dir="ltr"
            />
            {errors.message("email")}
          </div>
          <div className="field">
            <label htmlFor="phone">{t("contact.phone")}</label>
            <input
              id="phone"
              name="phone"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={fields.phone}
              onChange={(e) => setField("phone", e.target.value)}
              aria-invalid={errors.invalid("phone")}
              aria-describedby={errors.describedBy("phone")}
              dir="ltr"
            />
            {errors.message("phone")}
          </div>
        </>
      )}
    </fieldset>
  );
}
