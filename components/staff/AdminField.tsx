import { useId } from "react";
import { directionOf, type Locale } from "@/lib/i18n/config";

/**
 * A labelled input (or, `multiline`, a textarea) of the administration's forms; its id is unique on
 * the page unless one is given. `lang`: the language the value is written in — an Arabic field is
 * typed right-to-left (`dir="rtl"`) whatever the page's language.
 */
export function AdminField({
  name,
  label,
  value,
  type = "text",
  id,
  lang,
  multiline,
  hint,
}: {
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  id?: string;
  lang?: Locale;
  multiline?: boolean;
  hint?: string;
}) {
  const generated = useId();
  const fieldId = id ?? `f-${name}${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const language = lang ? { lang, dir: directionOf(lang) } : {};
  const hintId = hint ? `${fieldId}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea id={fieldId} name={name} rows={3} defaultValue={value ?? ""} aria-describedby={hintId} {...language} />
      ) : (
        <input
          id={fieldId}
          name={name}
          type={type}
          defaultValue={value ?? ""}
          step={type === "number" ? "any" : undefined}
          aria-describedby={hintId}
          {...language}
        />
      )}
    </div>
  );
}
