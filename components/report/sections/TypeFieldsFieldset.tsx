"use client";

/**
 * The request type's own fields (a school-catering aid's child and school, a library sign-up's
 * date of birth…), rendered from the version of its form the server checks them with. Every input
 * is controlled (nothing typed is lost on a refusal), labelled, described by its help and its error.
 *
 * A field shown only when another has some value is hidden while it has not, once scripts run;
 * without them every field is shown with its condition said, and the server ignores the answer to
 * a field whose condition is not met. A file field uploads each file as it is chosen (its claim
 * token is the answer); without scripts the files are posted with the form.
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { directionOf, type Locale } from "@/lib/i18n/config";
import { choiceText, type FieldDefinition, FIELD_LIMITS, fieldInputName, fieldText, isShown } from "@/lib/domain/request-field-definitions";
import { REPORT_LIMITS } from "@/lib/domain/report-limits";
import { type FieldErrorView, useSay } from "../hooks/useFieldErrors";
import styles from "../ReportForm.module.css";
import { precheckFile, uploadFile } from "../uploads";

/** The element a field's error in the summary leads to. */
export const answerAnchor = (code: string) => `field-${code}`;

const ACCEPT: Record<string, string> = { image: "image/jpeg,image/png,image/webp", pdf: "application/pdf" };

type Props = {
  fields: readonly FieldDefinition[];
  answers: Record<string, string[]>;
  /** Sets a field's answer; a function gets the answer as it is now (files arrive one by one). */
  onAnswer: (code: string, values: string[] | ((previous: string[]) => string[])) => void;
  locale: Locale;
  fallback: Locale;
  baseId: string;
  errors: FieldErrorView;
  setFieldError: (field: string, code: string | null) => void;
};

export function TypeFieldsFieldset({ fields, answers, onAnswer, locale, fallback, baseId, errors, setFieldError }: Props) {
  const t = useTranslations("report.fields");
  if (fields.length === 0) return null;
  const text = (value: FieldDefinition["label"] | undefined) => fieldText(value, locale, fallback);
  return (
    <fieldset className={styles.section} id="type-fields">
      <legend>{t("legend")}</legend>
      {fields.map((field) => {
        const shown = isShown(field, answers);
        const condition = field.showWhen ? fields.find((f) => f.code === field.showWhen!.field) : undefined;
        return (
          <div key={field.code} className="field" data-unmet={shown ? undefined : ""} data-testid={`field-${field.code}`}>
            <FieldInput
              field={field}
              values={answers[field.code] ?? []}
              onChange={(values) => onAnswer(field.code, values)}
              update={(next) => onAnswer(field.code, next)}
              label={text(field.label)}
              help={text(field.help)}
              condition={
                condition
                  ? t("onlyWhen", {
                      field: text(condition.label)?.text ?? condition.code,
                      value: conditionValueText(condition, field.showWhen!.value, text, t),
                    })
                  : null
              }
              baseId={baseId}
              errors={errors}
              setFieldError={setFieldError}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

function conditionValueText(
  field: FieldDefinition,
  value: string,
  text: (v: FieldDefinition["label"] | undefined) => { text: string } | null,
  t: ReturnType<typeof useTranslations<"report.fields">>,
): string {
  if (field.kind === "yes_no") return value === "yes" ? t("yes") : t("no");
  return text(field.choices?.find((c) => c.value === value)?.label)?.text ?? value;
}

type InputProps = {
  field: FieldDefinition;
  values: string[];
  onChange: (values: string[]) => void;
  update: (next: (previous: string[]) => string[]) => void;
  label: { text: string; lang: Locale } | null;
  help: { text: string; lang: Locale } | null;
  condition: string | null;
  baseId: string;
  errors: FieldErrorView;
  setFieldError: (field: string, code: string | null) => void;
};

function FieldInput({ field, values, onChange, update, label, help, condition, baseId, errors, setFieldError }: InputProps) {
  const t = useTranslations("report.fields");
  const name = fieldInputName(field.code);
  const id = answerAnchor(field.code);
  const hintId = `${baseId}-${field.code}-hint`;
  const value = values[0] ?? "";
  const labelText = (
    <>
      <span lang={label?.lang} dir={label ? directionOf(label.lang) : undefined}>
        {label?.text ?? field.code}
      </span>
      {field.required ? <span className="hint"> {t("required")}</span> : <span className="hint"> {t("optional")}</span>}
    </>
  );
  const bounds =
    field.kind === "number" && (field.min != null || field.max != null)
      ? field.min != null && field.max != null
        ? t("between", { min: field.min, max: field.max })
        : field.min != null
          ? t("atLeast", { min: field.min })
          : t("atMost", { max: field.max! })
      : null;
  const hint = [condition, help?.text, bounds, field.kind === "file" ? t("files", { max: field.maxFiles ?? 1 }) : null].filter(Boolean);
  const hintNode =
    hint.length > 0 ? (
      <p className="hint" id={hintId} lang={help && !condition && !bounds ? help.lang : undefined}>
        {hint.join(" ")}
      </p>
    ) : null;
  const described = errors.describedBy(name, hint.length > 0 ? hintId : undefined);
  const common = { "aria-invalid": errors.invalid(name), "aria-describedby": described, "aria-required": field.required || undefined };

  if (field.kind === "single_choice" || field.kind === "multiple_choice" || field.kind === "yes_no") {
    const choices =
      field.kind === "yes_no"
        ? [
            { value: "yes", text: { text: t("yes"), lang: undefined as Locale | undefined } },
            { value: "no", text: { text: t("no"), lang: undefined as Locale | undefined } },
          ]
        : (field.choices ?? []).map((c) => ({ value: c.value, text: label && choiceText(field, c.value, label.lang, label.lang) }));
    const multiple = field.kind === "multiple_choice";
    return (
      <fieldset id={id} className={styles.serviceGroup} {...common}>
        <legend>{labelText}</legend>
        {hintNode}
        {errors.message(name)}
        {choices.map((choice) => (
          <label key={choice.value} className={styles.choice}>
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={choice.value}
              checked={values.includes(choice.value)}
              onChange={(e) => onChange(multiple ? (e.target.checked ? [...values, choice.value] : values.filter((v) => v !== choice.value)) : [choice.value])}
            />
            <span lang={choice.text?.lang}>{choice.text?.text ?? choice.value}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  if (field.kind === "file") return <FileFieldInput {...{ field, values, update, labelText, hintNode, id, name, common, errors, setFieldError }} />;

  const input =
    field.kind === "long_text" ? (
      <textarea
        id={id}
        name={name}
        rows={4}
        value={value}
        onChange={(e) => onChange([e.target.value])}
        dir="auto"
        maxLength={FIELD_LIMITS.longTextMax}
        {...common}
      />
    ) : (
      <input
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange([e.target.value])}
        {...common}
        {...(field.kind === "email"
          ? { type: "email", inputMode: "email" as const, autoComplete: "email", dir: "ltr" }
          : field.kind === "phone"
            ? { type: "tel", inputMode: "tel" as const, autoComplete: "tel", dir: "ltr" }
            : field.kind === "number"
              ? // Text, not `number`: a decimal comma is accepted, and the server says what is wrong.
                { type: "text", inputMode: "decimal" as const, dir: "ltr" }
              : field.kind === "date"
                ? { type: "date" }
                : { type: "text", dir: "auto", maxLength: FIELD_LIMITS.shortTextMax })}
      />
    );
  return (
    <>
      <label htmlFor={id}>{labelText}</label>
      {hintNode}
      {input}
      {errors.message(name)}
    </>
  );
}

type FileUpload = { id: string; name: string; state: "uploading" | "done" | "error"; token?: string; error?: string };

/** A file field: each file uploaded as it is chosen; the answer is the tokens of those stored. */
function FileFieldInput({
  field,
  values,
  update,
  labelText,
  hintNode,
  id,
  name,
  common,
  errors,
  setFieldError,
}: {
  field: FieldDefinition;
  values: string[];
  update: (next: (previous: string[]) => string[]) => void;
  labelText: React.ReactNode;
  hintNode: React.ReactNode;
  id: string;
  name: string;
  common: Record<string, unknown>;
  errors: FieldErrorView;
  setFieldError: (field: string, code: string | null) => void;
}) {
  const t = useTranslations("report.fields");
  const say = useSay();
  const [uploads, setUploads] = useState<FileUpload[]>([]);
  const max = field.maxFiles ?? 1;
  const accept = (field.fileTypes ?? []).map((type) => ACCEPT[type]).join(",");
  // Tokens typed back by the server (a form refused without scripts) are files already stored.
  const kept = values.filter((token) => !uploads.some((u) => u.token === token));

  const add = async (list: FileList | null) => {
    setFieldError(name, null);
    for (const file of Array.from(list ?? [])) {
      const taken = uploads.filter((u) => u.state !== "error").length + kept.length;
      if (taken >= max) {
        setFieldError(name, "report.errors.field_files_too_many");
        break;
      }
      const refusal = precheckFile(file, 0) ?? (file.type && !accept.split(",").includes(file.type) ? "report.errors.field_file_type" : null);
      const uploadId = crypto.randomUUID();
      if (refusal) {
        setUploads((prev) => [...prev, { id: uploadId, name: file.name, state: "error", error: refusal }]);
        continue;
      }
      setUploads((prev) => [...prev, { id: uploadId, name: file.name, state: "uploading" }]);
      try {
        const { token } = await uploadFile(file, () => {});
        setUploads((prev) => prev.map((u) => (u.id === uploadId ? { ...u, state: "done", token } : u)));
        update((previous) => [...previous, token]);
      } catch (error) {
        setUploads((prev) => prev.map((u) => (u.id === uploadId ? { ...u, state: "error", error: (error as Error).message } : u)));
      }
    }
  };
  const remove = (upload: FileUpload) => {
    setUploads((prev) => prev.filter((u) => u.id !== upload.id));
    if (upload.token) update((previous) => previous.filter((v) => v !== upload.token));
  };

  return (
    <div id={id} {...common}>
      <label htmlFor={`${id}-input`}>{labelText}</label>
      {hintNode}
      {errors.message(name)}
      {values.map((token) => (
        <input key={token} type="hidden" name={name} value={token} />
      ))}
      <input
        id={`${id}-input`}
        type="file"
        // Posted with the form by a browser without scripts; the script uploads each file as it is chosen instead.
        name={name}
        accept={accept}
        multiple={max > 1}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = "";
        }}
      />
      {uploads.length > 0 || kept.length > 0 ? (
        <ul className={styles.files} aria-live="polite">
          {kept.map((token, index) => (
            <li key={token} className={styles.file}>
              <span className={styles.fileBody}>
                <span className="hint">{t("fileKept", { n: index + 1 })}</span>
              </span>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => update((previous) => previous.filter((v) => v !== token))}
                aria-label={t("fileRemoveKept", { n: index + 1 })}
              >
                ×
              </button>
            </li>
          ))}
          {uploads.map((upload) => (
            <li key={upload.id} className={styles.file} data-state={upload.state}>
              <span className={styles.fileBody}>
                <span className={styles.fileName} dir="auto">
                  {upload.name}
                </span>
                {upload.state === "uploading" ? (
                  <span className="hint">{t("uploading")}</span>
                ) : upload.state === "done" ? (
                  <span className="hint">{t("uploaded")}</span>
                ) : (
                  <span className="field-error">{say(upload.error ?? "report.errors.upload_failed")}</span>
                )}
              </span>
              <button type="button" className="button button--secondary" onClick={() => remove(upload)} aria-label={t("fileRemove", { name: upload.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="hint">{t("fileLimit", { size: REPORT_LIMITS.maxFileBytes / 1024 / 1024 })}</p>
    </div>
  );
}
