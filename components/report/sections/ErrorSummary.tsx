"use client";

/**
 * The list of what stops the report, above the form: focused after a refused submission so that
 * every reader hears it; each entry leads the keyboard into its field.
 */
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { FIELD_ANCHORS, FIELD_ORDER, type FieldErrors, useSay } from "../hooks/useFieldErrors";
import styles from "../ReportForm.module.css";
import { ANSWER_PREFIX } from "@/lib/forms/posted-form";
import { answerAnchor } from "./TypeFieldsFieldset";

/** From the error summary, put the keyboard in the field itself (a fieldset's first control). */
function focusField(event: React.MouseEvent, anchor: string) {
  const target = document.getElementById(anchor);
  const control = target?.matches("input, select, textarea")
    ? target
    : target?.querySelector<HTMLElement>("input:not([type=hidden]):not([tabindex='-1']), select, textarea, button");
  if (!control) return;
  event.preventDefault();
  control.focus();
  target?.scrollIntoView({ block: "center" });
}

export function ErrorSummary({
  ref,
  baseId,
  errors,
  formError,
  requestId,
}: {
  ref: Ref<HTMLDivElement>;
  baseId: string;
  errors: FieldErrors;
  /** A code about the whole report (not one field), from the server or the queue. */
  formError: string | null;
  /** The reference of an unexpected failure, which a citizen gives to the city. */
  requestId?: string;
}) {
  const t = useTranslations("report");
  const tAll = useTranslations();
  const say = useSay();
  // The request type's own fields come after the description, in the form's order (the server's).
  const answers = Object.keys(errors).filter((field) => field.startsWith(ANSWER_PREFIX));
  const order = FIELD_ORDER.flatMap((field) => (field === "description" ? [field, ...answers] : [field]));
  const anchorOf = (field: string) => FIELD_ANCHORS[field] ?? answerAnchor(field.slice(ANSWER_PREFIX.length));
  const errorList = order.flatMap((field) => (errors[field] ?? []).map((code) => ({ field, code })));
  return (
    <div ref={ref} tabIndex={-1} className={styles.summaryAnchor}>
      {errorList.length > 0 || formError ? (
        <div className="alert alert--error" role="alert" aria-labelledby={`${baseId}-summary-title`}>
          <h2 id={`${baseId}-summary-title`} className={styles.summaryTitle}>
            {t("errorSummary")}
          </h2>
          <ul>
            {formError ? (
              <li>
                {say(formError)}
                {requestId ? ` ${tAll("common.reference", { id: requestId })}` : null}
              </li>
            ) : null}
            {errorList.map(({ field, code }) => (
              <li key={`${field}-${code}`}>
                <a href={`#${anchorOf(field)}`} onClick={(event) => focusField(event, anchorOf(field))}>
                  {say(code)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
