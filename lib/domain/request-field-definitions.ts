/**
 * A request type's fields as an administrator defines them and a form shows them: the kinds, the
 * limits, what makes a definition unusable, the labels in the reader's language, which fields a
 * form asks given the answers so far. No schema and no zod: the citizen's form imports this with
 * the page, and the schema of the answers (./request-fields, which re-exports all of this) comes
 * only with the rules the form loads on its first input. Pure: no database, no Next.js.
 */
import type { ErrorName } from "@/lib/i18n/keys";
import { type Locale, locales } from "@/lib/i18n/config";

export const FIELD_KINDS = ["short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no", "email", "phone", "file"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** What a file field may take: photos (JPEG, PNG, WebP) and/or PDF documents. */
export const FIELD_FILE_TYPES = ["image", "pdf"] as const;
export type FieldFileType = (typeof FIELD_FILE_TYPES)[number];

/** A label in some of the interface languages; at least one is given (the city's default, ideally). */
export type FieldText = Partial<Record<Locale, string>>;

export type FieldChoice = { value: string; label: FieldText };

export type FieldDefinition = {
  /** Stable key of the answer (`attribute[code]` in Open311): lower case letters, digits, underscores. */
  code: string;
  kind: FieldKind;
  required: boolean;
  label: FieldText;
  help?: FieldText;
  /** Number fields: the bounds, inclusive. */
  min?: number | null;
  max?: number | null;
  /** Single and multiple choice fields: the values offered, in order. */
  choices?: FieldChoice[];
  /** File fields: the types accepted and how many files at most. */
  fileTypes?: FieldFileType[];
  maxFiles?: number;
  /** Shown (and required, if it is) only when the field `field` (earlier in the form) has the value `value`. */
  showWhen?: { field: string; value: string } | null;
};

/** One version of a type's form: its fields in the order shown. */
export type FormDefinition = { version: number; fields: FieldDefinition[] };

/** What a stored answer holds: text, number, yes/no, chosen values, or the ids of the files attached. */
export type FieldValue = string | number | boolean | string[];
export type FieldAnswers = Record<string, FieldValue>;

export const FIELD_LIMITS = {
  maxFields: 30,
  maxChoices: 50,
  shortTextMax: 200,
  longTextMax: 4000,
  labelMax: 200,
  helpMax: 500,
  choiceValueMax: 60,
  maxFilesPerField: 5,
} as const;

/** The name a field's answer is posted under (one flat form: `field.child_name`). */
export const fieldInputName = (code: string) => `field.${code}`;
export const FIELD_CODE = /^[a-z][a-z0-9_]{0,39}$/;

// ---------------------------------------------------------------------------------------------
// Definitions (what an administrator writes)

export type DefinitionIssue = { index: number; code: `admin.errors.${ErrorName<"admin">}` };
const A = (code: ErrorName<"admin">) => `admin.errors.${code}` as const;

const hasText = (text: FieldText | undefined) => !!text && locales.some((l) => (text[l] ?? "").trim() !== "");

/**
 * Why a form definition cannot be used, field by field: a code that is not one or repeats, a field
 * with no label in any language, bounds that cannot be met (min > max), a choice field with no
 * choice or a choice twice, a file field that accepts nothing, a condition on a field that is not
 * before it. Empty: the definition is usable.
 */
export function definitionIssues(fields: readonly FieldDefinition[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (index: number, code: ErrorName<"admin">) => issues.push({ index, code: A(code) });
  if (fields.length > FIELD_LIMITS.maxFields) add(FIELD_LIMITS.maxFields, "fields_too_many");
  const seen = new Map<string, FieldDefinition>();
  fields.forEach((field, index) => {
    if (!FIELD_CODE.test(field.code)) add(index, "field_code_invalid");
    else if (seen.has(field.code)) add(index, "field_code_repeated");
    if (!(FIELD_KINDS as readonly string[]).includes(field.kind)) add(index, "field_kind_invalid");
    if (!hasText(field.label)) add(index, "field_label_required");
    if (locales.some((l) => (field.label[l] ?? "").length > FIELD_LIMITS.labelMax || (field.help?.[l] ?? "").length > FIELD_LIMITS.helpMax)) {
      add(index, "too_long");
    }
    if (field.kind === "number") {
      const { min, max } = field;
      if ((min != null && !Number.isFinite(min)) || (max != null && !Number.isFinite(max))) add(index, "field_bounds_invalid");
      else if (min != null && max != null && min > max) add(index, "field_bounds_impossible");
    }
    if (field.kind === "single_choice" || field.kind === "multiple_choice") {
      const choices = field.choices ?? [];
      const values = choices.map((c) => c.value.trim());
      if (choices.length === 0) add(index, "field_choices_empty");
      else if (choices.length > FIELD_LIMITS.maxChoices) add(index, "field_choices_too_many");
      else if (values.some((v) => v === "" || v.length > FIELD_LIMITS.choiceValueMax)) add(index, "field_choice_invalid");
      else if (new Set(values).size !== values.length) add(index, "field_choice_repeated");
      else if (choices.some((c) => !hasText(c.label))) add(index, "field_label_required");
    }
    if (field.kind === "file") {
      const max = field.maxFiles ?? 1;
      if ((field.fileTypes ?? []).length === 0) add(index, "field_file_types_empty");
      if (!Number.isInteger(max) || max < 1 || max > FIELD_LIMITS.maxFilesPerField) add(index, "field_files_invalid");
    }
    if (field.showWhen) {
      const target = seen.get(field.showWhen.field);
      if (!target) add(index, "field_condition_unknown");
      else if (!conditionCanHold(target, field.showWhen.value)) add(index, "field_condition_value");
    }
    if (!seen.has(field.code)) seen.set(field.code, field);
  });
  return issues;
}

/** A condition can only be met by a value its field can have. */
function conditionCanHold(target: FieldDefinition, value: string): boolean {
  if (target.kind === "yes_no") return value === "yes" || value === "no";
  if (target.kind === "single_choice" || target.kind === "multiple_choice") return (target.choices ?? []).some((c) => c.value === value);
  if (target.kind === "file") return false;
  return value.trim() !== "";
}

/**
 * The languages in which some label of the form is missing: the form still works (each label falls
 * back to the city's default language, then to any it has), and the administrator is warned.
 */
export function missingLabelLanguages(fields: readonly FieldDefinition[]): Locale[] {
  const texts = fields.flatMap((f) => [f.label, ...(f.choices ?? []).map((c) => c.label)]);
  return locales.filter((l) => texts.some((t) => (t[l] ?? "").trim() === ""));
}

/** A field's text in `locale`, else the city's default language, else any it has. */
export function fieldText(text: FieldText | undefined, locale: Locale, fallback: Locale): { text: string; lang: Locale } | null {
  if (!text) return null;
  for (const lang of [locale, fallback, ...locales]) {
    const value = text[lang]?.trim();
    if (value) return { text: value, lang };
  }
  return null;
}

/**
 * The label of one of a choice field's values in `locale`, else `fallback`, else any language it
 * has (as `fieldText`); the value itself when the form offers no such choice any more.
 */
export function choiceText(field: FieldDefinition, value: string, locale: Locale, fallback: Locale): { text: string; lang: Locale | undefined } {
  return fieldText(field.choices?.find((c) => c.value === value)?.label, locale, fallback) ?? { text: value, lang: undefined };
}

/** Whether a field is asked, given the answers read so far (its condition's field comes before it). */
export function isShown(field: FieldDefinition, answers: FieldAnswers): boolean {
  if (!field.showWhen) return true;
  const answer = answers[field.showWhen.field];
  if (answer === undefined) return false;
  if (Array.isArray(answer)) return answer.includes(field.showWhen.value);
  if (typeof answer === "boolean") return (answer ? "yes" : "no") === field.showWhen.value;
  return String(answer) === field.showWhen.value;
}

export type ShownAnswer = { code: string; kind: FieldKind; label: { text: string; lang: Locale }; value: FieldValue; field: FieldDefinition };
